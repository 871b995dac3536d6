"""A deterministic corpus of Vietnamese news articles for the speed bench.

Articles read like a city or district portal's news: meetings, site clearance, land,
budgets, COVID-19, schools, traffic, with the places, agencies, officials, document
codes ("128/NQ-CP", "1234/QĐ-UBND"), dates ("21/12/2021") and numbers ("1.057,091")
such news carries. Each article is built from its own seeded RNG, so article ``n`` is
the same whichever batch it is generated in, on every machine and in every run.

Like real portal text, the corpus is not clean: about a third of the articles use the
old tone placement ("hoà", "thuỷ", "uỷ ban"), some are entirely in NFD and some have
one NFD paragraph (pasted from a word processor). A pool of rare words and phrases
gives the bench queries that match a few dozen articles among 100,000, while "quận",
"năm", "thành phố" and "ủy ban" occur in nearly every article.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from congtin.core.vietnamese import format_number

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_DAY = date(2019, 1, 1)
DAYS = (date(2024, 12, 31) - FIRST_DAY).days + 1

OLD_TONE_SHARE = 0.30
NFD_ARTICLE_SHARE = 0.05
NFD_PARAGRAPH_SHARE = 0.05
RARE_SENTENCE_SHARE = 0.02

# --- Places -------------------------------------------------------------------------

DISTRICT_WARDS = {
    "Lê Chân": [
        "Dư Hàng Kênh",
        "Hàng Kênh",
        "Trần Nguyên Hãn",
        "Niệm Nghĩa",
        "Vĩnh Niệm",
        "An Biên",
        "Cát Dài",
        "Lam Sơn",
        "Nghĩa Xá",
        "Kênh Dương",
        "An Dương",
        "Dư Hàng",
        "Đông Hải",
        "Trại Cau",
        "Hồ Nam",
    ],
    "Ngô Quyền": [
        "Lạch Tray",
        "Đằng Giang",
        "Máy Tơ",
        "Cầu Đất",
        "Lạc Viên",
        "Gia Viên",
        "Đông Khê",
        "Cầu Tre",
        "Vạn Mỹ",
        "Lê Lợi",
        "Máy Chai",
    ],
    "Hồng Bàng": [
        "Minh Khai",
        "Hoàng Văn Thụ",
        "Quang Trung",
        "Phan Bội Châu",
        "Thượng Lý",
        "Sở Dầu",
        "Hùng Vương",
        "Quán Toan",
        "Trại Chuối",
    ],
    "Hải An": [
        "Đằng Lâm",
        "Đằng Hải",
        "Đông Hải 1",
        "Đông Hải 2",
        "Nam Hải",
        "Cát Bi",
        "Tràng Cát",
        "Thành Tô",
    ],
    "Kiến An": [
        "Bắc Sơn",
        "Nam Sơn",
        "Ngọc Sơn",
        "Trần Thành Ngọ",
        "Văn Đẩu",
        "Quán Trữ",
        "Lãm Hà",
        "Đồng Hòa",
        "Tràng Minh",
    ],
    "Đồ Sơn": ["Ngọc Xuyên", "Vạn Hương", "Minh Đức", "Bàng La", "Hợp Đức"],
    "Dương Kinh": ["Anh Dũng", "Hải Thành", "Hòa Nghĩa", "Tân Thành", "Đa Phúc"],
}
DISTRICTS = list(DISTRICT_WARDS)
RURAL_DISTRICTS = {
    "Thủy Nguyên": ["Lưu Kiếm", "Minh Tân", "Thủy Sơn", "Lập Lễ", "Tam Hưng"],
    "An Dương": ["An Hồng", "Lê Lợi", "Đại Bản", "Hồng Phong", "Quốc Tuấn"],
    "An Lão": ["Quang Hưng", "Tân Viên", "Mỹ Đức", "Chiến Thắng", "Quốc Tuấn"],
    "Kiến Thụy": ["Đoàn Xá", "Tú Sơn", "Ngũ Đoan", "Thụy Hương", "Đại Hợp"],
    "Tiên Lãng": ["Đoàn Lập", "Tiên Thắng", "Vinh Quang", "Cấp Tiến", "Bạch Đằng"],
    "Vĩnh Bảo": ["Cổ Am", "Hiệp Hòa", "Tân Liên", "Vĩnh Long", "Cao Minh"],
    "Cát Hải": ["Xuân Đám", "Việt Hải", "Gia Luận", "Hiền Hào", "Phù Long"],
}
RURAL = list(RURAL_DISTRICTS)
STREETS = [
    "Tô Hiệu",
    "Lạch Tray",
    "Hồ Sen",
    "Nguyễn Văn Linh",
    "Trần Nguyên Hãn",
    "Thiên Lôi",
    "Lê Hồng Phong",
    "Điện Biên Phủ",
    "Hoàng Văn Thụ",
    "Lê Thánh Tông",
    "Phạm Văn Đồng",
    "Bạch Đằng",
    "Trần Phú",
    "Đình Đông",
    "Chợ Hàng",
    "Miếu Hai Xã",
    "Võ Nguyên Giáp",
    "Hùng Vương",
    "Nguyễn Bỉnh Khiêm",
    "Đà Nẵng",
    "Tôn Đức Thắng",
    "Cát Cụt",
    "Dư Hàng",
    "Hai Bà Trưng",
    "Nguyễn Đức Cảnh",
    "Lê Lợi",
    "Văn Cao",
    "Ngô Gia Tự",
    "Trường Chinh",
    "Quang Trung",
]
LAKES = ["Sen", "Tiên Nga", "An Biên", "Tam Bạc", "Lâm Tường", "Dư Hàng Kênh"]

# --- Agencies and people ----------------------------------------------------------

CITY_ORGS = [
    "Ủy ban nhân dân thành phố",
    "UBND thành phố",
    "Hội đồng nhân dân thành phố",
    "Thành ủy Hải Phòng",
    "Sở Tài nguyên và Môi trường",
    "Sở Kế hoạch và Đầu tư",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Tài chính",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa và Thể thao",
    "Sở Du lịch",
    "Sở Thông tin và Truyền thông",
    "Sở Khoa học và Công nghệ",
    "Công an thành phố",
    "Bộ Chỉ huy Quân sự thành phố",
    "Ban Quản lý Khu kinh tế Hải Phòng",
    "Cục Thuế thành phố",
    "Cục Hải quan Hải Phòng",
    "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố",
    "Liên đoàn Lao động thành phố",
    "Văn phòng UBND thành phố",
    "Chi cục Thủy lợi",
    "Trung tâm Phát triển quỹ đất thành phố",
]
DISTRICT_ORGS = [
    "UBND quận {d}",
    "Ủy ban nhân dân quận {d}",
    "Quận ủy {d}",
    "HĐND quận {d}",
    "Ban Quản lý dự án đầu tư xây dựng quận {d}",
    "Phòng Tài nguyên và Môi trường quận {d}",
    "Phòng Quản lý đô thị quận {d}",
    "Phòng Giáo dục và Đào tạo quận {d}",
    "Phòng Tài chính - Kế hoạch quận {d}",
    "Trung tâm Y tế quận {d}",
    "Công an quận {d}",
    "Hội Liên hiệp Phụ nữ quận {d}",
    "Quận đoàn {d}",
    "Hội Cựu chiến binh quận {d}",
    "Ủy ban Mặt trận Tổ quốc Việt Nam quận {d}",
]
ROLES = [
    "Chủ tịch UBND thành phố",
    "Phó Chủ tịch UBND thành phố",
    "Phó Chủ tịch Thường trực UBND thành phố",
    "Bí thư Thành ủy",
    "Chủ tịch HĐND thành phố",
    "Chủ tịch UBND quận {d}",
    "Phó Chủ tịch UBND quận {d}",
    "Bí thư Quận ủy {d}",
    "Phó Bí thư Thường trực Quận ủy {d}",
    "Chủ tịch HĐND quận {d}",
    "Giám đốc Sở Xây dựng",
    "Giám đốc Sở Tài nguyên và Môi trường",
    "Giám đốc Sở Kế hoạch và Đầu tư",
    "Giám đốc Sở Y tế",
    "Trưởng phòng Tài nguyên và Môi trường quận {d}",
    "Chủ tịch UBND phường {w}",
    "Bí thư Đảng ủy phường {w}",
    "Giám đốc Ban Quản lý dự án đầu tư xây dựng quận {d}",
    "Trưởng Công an quận {d}",
    "Trưởng Ban Tuyên giáo Quận ủy {d}",
]
SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đỗ",
    "Bùi",
    "Đặng",
    "Ngô",
    "Dương",
    "Đinh",
    "Phan",
    "Trịnh",
    "Lương",
    "Hà",
    "Đào",
    "Cao",
    "Mai",
    "Tô",
]
MIDDLE_NAMES = [
    "Văn",
    "Thị",
    "Đức",
    "Minh",
    "Thanh",
    "Hữu",
    "Quang",
    "Ngọc",
    "Xuân",
    "Mạnh",
    "Khắc",
    "Đình",
    "Hồng",
    "Thu",
    "Anh",
    "Công",
    "Hoàng",
    "Trung",
    "Việt",
    "Thế",
]
GIVEN_NAMES = [
    "Tùng",
    "Nam",
    "Lập",
    "Hiến",
    "Hải",
    "Hùng",
    "Dũng",
    "Tuấn",
    "Thắng",
    "Bình",
    "Hòa",
    "Thủy",
    "Hương",
    "Lan",
    "Mai",
    "Hà",
    "Huyền",
    "Thành",
    "Long",
    "Sơn",
    "Quý",
    "Cường",
    "Phong",
    "Hiếu",
    "Khánh",
    "Linh",
    "Trang",
    "Nga",
    "Thảo",
    "Hạnh",
    "Toàn",
    "Vinh",
    "Quyết",
    "Khoa",
    "Đạt",
    "Hưng",
    "Lực",
    "Tiến",
    "Luân",
    "Chiến",
]

# --- What the news is about -------------------------------------------------------

TOPICS = [
    "giải phóng mặt bằng",
    "quản lý đất đai",
    "xây dựng nông thôn mới",
    "cải cách hành chính",
    "chuyển đổi số",
    "phòng, chống dịch COVID-19",
    "tiêm vắc xin phòng COVID-19",
    "bảo đảm trật tự an toàn giao thông",
    "bảo vệ môi trường",
    "thu ngân sách nhà nước",
    "giải ngân vốn đầu tư công",
    "chỉnh trang đô thị",
    "quản lý trật tự xây dựng",
    "bảo đảm an sinh xã hội",
    "giảm nghèo bền vững",
    "chăm sóc sức khỏe nhân dân",
    "phát triển du lịch",
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "phòng cháy, chữa cháy",
    "bảo đảm an toàn thực phẩm",
    "cải thiện môi trường đầu tư kinh doanh",
    "thu hút đầu tư",
    "phát triển kinh tế biển",
    "xây dựng chính quyền điện tử",
    "tiếp công dân, giải quyết khiếu nại, tố cáo",
    "phòng, chống tham nhũng, tiêu cực",
    "công tác cán bộ",
    "đào tạo nguồn nhân lực chất lượng cao",
    "nâng cao chất lượng giáo dục và đào tạo",
    "xây dựng Đảng và hệ thống chính trị",
    "đền ơn đáp nghĩa",
    "phát triển văn hóa, thể thao",
    "xây dựng đời sống văn hóa ở khu dân cư",
    "cấp giấy chứng nhận quyền sử dụng đất",
    "cải tạo chung cư cũ",
    "thoát nước và xử lý nước thải",
    "chiếu sáng đô thị",
    "phát triển cây xanh đô thị",
    "quản lý thị trường",
    "hỗ trợ doanh nghiệp phục hồi sản xuất",
    "phát triển kinh tế tập thể, hợp tác xã",
    "kiên cố hóa kênh mương nội đồng",
    "phòng, chống bão lũ",
    "phổ biến, giáo dục pháp luật",
    "hòa giải ở cơ sở",
    "quốc phòng, quân sự địa phương",
    "tuyển chọn và gọi công dân nhập ngũ",
    "bảo đảm an ninh trật tự",
    "vận động hiến máu tình nguyện",
    "chăm sóc người có công",
    "bình đẳng giới và vì sự tiến bộ của phụ nữ",
    "bảo vệ, chăm sóc trẻ em",
    "hỗ trợ người lao động gặp khó khăn",
    "thủy lợi và phòng chống úng ngập",
    "quản lý chất thải rắn sinh hoạt",
]
TITLE_VERBS = [
    "đẩy mạnh",
    "tăng cường",
    "triển khai",
    "tập trung",
    "quyết liệt thực hiện",
    "nâng cao hiệu quả",
    "sơ kết",
    "tổng kết",
    "đẩy nhanh",
    "kiểm tra",
    "rà soát",
    "tháo gỡ vướng mắc trong",
]
VERBS = [
    "triển khai",
    "đẩy mạnh",
    "tăng cường",
    "thực hiện",
    "tập trung chỉ đạo",
    "rà soát",
    "kiểm tra",
    "đôn đốc",
    "nâng cao hiệu quả",
    "tháo gỡ khó khăn trong",
    "quyết liệt thực hiện",
    "đánh giá kết quả",
    "phối hợp thực hiện",
    "đẩy nhanh tiến độ",
    "ưu tiên nguồn lực cho",
    "làm tốt",
    "chủ động",
    "thường xuyên theo dõi",
]
EVENTS = [
    "hội nghị sơ kết",
    "hội nghị tổng kết",
    "hội nghị triển khai",
    "hội nghị trực tuyến",
    "phiên họp thường kỳ",
    "kỳ họp thứ {n}",
    "buổi làm việc",
    "buổi đối thoại",
    "lễ ra quân",
    "lễ phát động",
    "hội thảo",
    "buổi tiếp xúc cử tri",
    "đợt kiểm tra",
    "lễ ký kết chương trình phối hợp",
]
PROJECTS = [
    "dự án đường Hồ Sen - Cầu Rào 2",
    "dự án cầu Rào 1",
    "dự án cải tạo, nâng cấp tuyến đường {s}",
    "dự án xây dựng khu tái định cư {w}",
    "dự án đầu tư xây dựng tuyến đường Lê Hồng Phong kéo dài",
    "dự án cải tạo chung cư cũ {s}",
    "dự án xây dựng trường Tiểu học {w}",
    "dự án xây dựng trường Trung học cơ sở {w}",
    "dự án xây dựng Trung tâm Chính trị - Hành chính quận {d}",
    "dự án nhà máy xử lý nước thải Vĩnh Niệm",
    "dự án cải tạo hồ {l}",
    "dự án nâng cấp đê biển số {n}",
    "dự án đường ven sông Lạch Tray",
    "dự án xây dựng công viên trung tâm quận {d}",
    "dự án nhà ở xã hội tại phường {w}",
    "dự án nút giao {s} - {s}",
    "dự án chỉnh trang khu dân cư {w}",
    "dự án xây dựng trạm bơm {w}",
    "dự án mở rộng chợ {w}",
    "dự án xây dựng nhà văn hóa tổ dân phố số {n}",
]
PERIODS = [
    "6 tháng đầu năm {y}",
    "9 tháng năm {y}",
    "quý I/{y}",
    "quý II/{y}",
    "quý III/{y}",
    "quý IV/{y}",
    "năm {y}",
    "giai đoạn 2021 - 2025",
    "giai đoạn 2016 - 2020",
    "nhiệm kỳ 2020 - 2025",
    "tháng {m}/{y}",
    "những tháng cuối năm {y}",
]
UNITS = [
    "hộ dân",
    "hộ gia đình",
    "tổ chức",
    "doanh nghiệp",
    "hồ sơ",
    "lượt người",
    "cán bộ, công chức",
    "học sinh",
    "hộ nghèo",
    "hộ cận nghèo",
    "thửa đất",
    "công trình",
    "trường hợp",
    "đảng viên",
    "đoàn viên",
]
DOC_TYPES = [
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Kế hoạch", "KH"),
    ("Chỉ thị", "CT"),
    ("Thông báo", "TB"),
    ("Công văn", "CV"),
    ("Văn bản", "VP"),
]
ISSUERS = [
    ("UBND", "của UBND thành phố"),
    ("UBND", "của UBND quận {d}"),
    ("TU", "của Ban Thường vụ Thành ủy"),
    ("QU", "của Ban Thường vụ Quận ủy {d}"),
    ("HĐND", "của HĐND thành phố"),
    ("CP", "của Chính phủ"),
    ("TTg", "của Thủ tướng Chính phủ"),
    ("BTC", "của Bộ Tài chính"),
    ("BXD", "của Bộ Xây dựng"),
    ("BTNMT", "của Bộ Tài nguyên và Môi trường"),
]
# Documents that many articles cite, so their codes are common queries.
FAMOUS_DOCS = [
    "Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ ban hành Quy định tạm thời "
    '"Thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19"',
    "Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ quy định về việc cung cấp "
    "thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
    "Nghị quyết số 45-NQ/TW ngày 24/01/2019 của Bộ Chính trị về xây dựng và phát triển "
    "thành phố Hải Phòng đến năm 2030, tầm nhìn đến năm 2045",
    "Nghị định số 15/2021/NĐ-CP ngày 03/3/2021 của Chính phủ quy định chi tiết một số "
    "nội dung về quản lý dự án đầu tư xây dựng",
    "Luật Đất đai năm 2013",
    "Nghị định số 47/2014/NĐ-CP của Chính phủ quy định về bồi thường, hỗ trợ, tái định "
    "cư khi Nhà nước thu hồi đất",
    "Quyết định số 1057/QĐ-UBND ngày 21/12/2021 của UBND thành phố",
]
AREAS = ["1.057,091", "24.456,6", "3.215,4", "812,5", "15.600"]

# Rare words and phrases: each goes into roughly 0.3% of the articles.
RARE = [
    "rươi",
    "sứa biển",
    "rong mơ",
    "san hô",
    "cá song",
    "tôm hùm",
    "ốc hương",
    "ngao giống",
    "vải thiều",
    "hoa đào Đằng Hải",
    "đào phai",
    "quất cảnh",
    "mai vàng",
    "bánh đa cua",
    "nem cua bể",
    "bánh mì que",
    "rượu nếp cái hoa vàng",
    "chọi trâu Đồ Sơn",
    "hát đúm",
    "múa rối nước",
    "ca trù",
    "đình Hàng Kênh",
    "chùa Dư Hàng",
    "đền Nghè",
    "miếu Hai Xã",
    "Nhà hát Thành phố",
    "cột cờ Tháp Tường Long",
    "khảo cổ học",
    "di chỉ Tràng Kênh",
    "cọc gỗ Bạch Đằng",
    "bãi cọc Cao Quỳ",
    "hang Vi Xuyên",
    "Vườn quốc gia Cát Bà",
    "voọc Cát Bà",
    "rừng ngập mặn",
    "bần chua",
    "cò trắng",
    "chim di cư",
    "đá vôi",
    "cát nhiễm mặn",
    "xâm nhập mặn",
    "kè biển",
    "âu thuyền",
    "xà lan",
    "cần cẩu giàn",
    "container lạnh",
    "phao tiêu",
    "luồng hàng hải",
    "nạo vét luồng",
    "tàu vỏ thép",
    "ngư trường",
    "giấy phép khai thác thủy sản",
    "nhật ký khai thác",
    "hải đăng Long Châu",
    "xe buýt điện",
    "vé tháng",
    "làn đường riêng",
    "cầu vượt nhẹ",
    "đèn tín hiệu thông minh",
    "camera giám sát",
    "định danh điện tử",
    "căn cước gắn chip",
    "chữ ký số",
    "hóa đơn điện tử",
    "biên lai điện tử",
    "sổ sức khỏe điện tử",
    "bệnh án điện tử",
    "trạm y tế lưu động",
    "sốt xuất huyết",
    "bệnh dại",
    "cúm gia cầm",
    "dịch tả lợn châu Phi",
    "lở mồm long móng",
    "bệnh tay chân miệng",
    "vi chất dinh dưỡng",
    "bếp ăn bán trú",
    "học bạ số",
    "thư viện thân thiện",
    "sân chơi cộng đồng",
    "bơi an toàn",
    "đuối nước",
    "cờ tướng",
    "bóng chuyền hơi",
    "đua thuyền rồng",
    "Hoa phượng đỏ",
    "nhà tình nghĩa",
    "sổ tiết kiệm tình nghĩa",
    "mẹ Việt Nam anh hùng",
    "cựu thanh niên xung phong",
    "nạn nhân chất độc da cam",
    "người khuyết tật",
    "trẻ mồ côi",
    "bữa cơm nghĩa tình",
    "tủ bánh mì 0 đồng",
    "ATM gạo",
    "quỹ khuyến học",
    "khuyến nông",
    "giống lúa chất lượng cao",
    "lúa Nàng Hương",
    "cánh đồng mẫu lớn",
    "máy cấy",
    "rơm rạ",
    "thủy canh",
    "nấm linh chi",
    "sâm cau",
    "mật ong",
    "nuôi ong",
    "chăn nuôi lợn",
    "trâu bò",
    "dê núi",
    "thức ăn chăn nuôi",
    "phân bón hữu cơ",
    "nước sạch nông thôn",
    "giếng khoan",
    "bể lọc",
    "rác thải nhựa",
    "túi ni lông",
    "phân loại rác tại nguồn",
    "lò đốt rác",
    "bãi rác Tràng Cát",
    "nước rỉ rác",
    "khí thải",
    "bụi mịn PM2.5",
    "quan trắc tự động",
    "tiếng ồn",
    "ngập úng cục bộ",
    "triều cường",
    "áp thấp nhiệt đới",
    "lốc xoáy",
    "mưa đá",
    "sạt lở",
    "cây đổ",
    "phương án bốn tại chỗ",
    "xuồng cứu hộ",
    "áo phao",
    "trực ban",
    "diễn tập",
    "cứu nạn cứu hộ",
    "bình chữa cháy",
    "lối thoát nạn",
    "nhà trọ",
    "chung cư mini",
    "karaoke",
    "quán bar",
    "pháo nổ",
    "ma túy tổng hợp",
    "cai nghiện",
    "tín dụng đen",
    "lừa đảo qua mạng",
    "đa cấp",
    "hàng giả",
    "hàng nhái",
    "buôn lậu",
    "gian lận thương mại",
    "niêm yết giá",
    "bình ổn giá",
    "chợ đầu mối",
    "siêu thị mini",
    "thương mại điện tử",
    "sàn giao dịch",
    "khởi nghiệp sáng tạo",
    "vườn ươm",
    "sở hữu trí tuệ",
    "chỉ dẫn địa lý",
    "nhãn hiệu tập thể",
    "OCOP",
    "làng nghề",
    "gốm Dương Kinh",
    "tạc tượng Bảo Hà",
    "thêu ren",
    "mây tre đan",
    "đóng tàu",
    "thép cán nguội",
    "xi măng",
    "điện mặt trời mái nhà",
    "tiết kiệm điện",
    "giờ Trái đất",
]
RARE_TEMPLATES = [
    "Bên cạnh đó, quận chú trọng {rare} theo hướng bền vững.",
    "Nhiều hộ dân đã quan tâm đến {rare} và đề nghị được hỗ trợ.",
    "Đáng chú ý, vấn đề {rare} được cử tri phường {w} nêu tại buổi tiếp xúc.",
    "Lực lượng chức năng đã tuyên truyền về {rare} tới {i} {unit}.",
    "Thành phố sẽ xem xét cơ chế riêng đối với {rare} trong {period}.",
    "Ngoài ra, hội nghị cũng dành thời gian thảo luận về {rare}.",
]

# --- Sentences ----------------------------------------------------------------------

LEADS = [
    "(Haiphong.gov.vn) - Ngày {date}, {org} tổ chức {event} về {topic} {period}.",
    "(Haiphong.gov.vn) - Sáng {date}, {person} đã chủ trì {event} về {topic}.",
    "(Haiphong.gov.vn) - Chiều {date}, đoàn công tác của {org} do {person} làm trưởng "
    "đoàn đã kiểm tra tiến độ {project}.",
    "(Haiphong.gov.vn) - Thực hiện {doc}, quận {d} đã {verb} {topic} và đạt nhiều kết "
    "quả tích cực.",
    "(Haiphong.gov.vn) - {period_cap}, quận {d} xác định {topic} là nhiệm vụ trọng tâm, "
    "cấp bách hàng đầu.",
    "(Haiphong.gov.vn) - Theo báo cáo của {org}, {period} toàn thành phố đã {verb} "
    "{topic}, đạt {pct}% kế hoạch năm.",
]
SENTENCES = [
    "Theo {org}, {period}, quận {d} đã {verb} {topic}, đạt {pct}% kế hoạch.",
    "Ngày {date}, {org} tổ chức {event} về {topic} {period}.",
    "Tham dự {event} có {person}; đại diện lãnh đạo {org} và các phường trên địa bàn.",
    "Phát biểu tại {event}, {person} đề nghị các đơn vị {verb} {topic} trong thời gian "
    "tới.",
    "Thực hiện {doc}, UBND quận {d} đã ban hành {code_doc} về {topic}.",
    "Tổng mức đầu tư của {project} là {money}, trong đó vốn ngân sách thành phố "
    "{money}.",
    "Đến nay, {pct}% {unit} trong diện thu hồi đất đã nhận tiền bồi thường, hỗ trợ và "
    "bàn giao mặt bằng.",
    "Diện tích đất thu hồi để thực hiện {project} là {area} m2, liên quan đến {i} hộ "
    "dân tại phường {w}.",
    "Quận {d} đã chi trả {money} tiền bồi thường, hỗ trợ và tái định cư cho {i} {unit}.",
    "Năm {y}, quận phấn đấu hoàn thành {topic}, tạo chuyển biến rõ nét trên địa bàn.",
    "Tổng thu ngân sách nhà nước trên địa bàn quận {d} {period} ước đạt {money}, bằng "
    "{pct}% dự toán thành phố giao.",
    "Năm {y}, tổng vốn đầu tư công của quận là {money}, đến ngày {date} đã giải ngân "
    "{pct}%.",
    "Toàn quận hiện có {i} {unit}, tăng {pct}% so với cùng kỳ năm trước.",
    "{org_cap} đã tiếp nhận và giải quyết {i} {unit} đúng hạn, đạt tỷ lệ {pct}%.",
    "Bên cạnh những kết quả đạt được, {topic} trên địa bàn quận {d} vẫn còn một số tồn "
    "tại, hạn chế.",
    "Nguyên nhân chủ yếu là do một số {unit} chưa đồng thuận với phương án bồi thường, "
    "hỗ trợ.",
    "{person_cap} yêu cầu các phòng, ban chuyên môn phối hợp chặt chẽ với UBND phường "
    "{w} để {verb} {topic}.",
    "Quận {d} cũng đề nghị {org} sớm hướng dẫn, tháo gỡ vướng mắc về {topic}.",
    "Theo kế hoạch, {project} sẽ hoàn thành trong {period}.",
    "Đoàn đã kiểm tra thực tế tại {project} và làm việc với nhà thầu thi công.",
    "Trên tuyến đường {s}, lực lượng chức năng đã xử lý {i} trường hợp vi phạm trật tự "
    "đô thị, phạt tiền {money}.",
    "Ngày {date}, UBND thành phố ban hành {code_doc} phê duyệt {project}.",
    "Dự án có tổng chiều dài {small} km, mặt cắt ngang {small} m, điểm đầu giao với "
    "đường {s}, điểm cuối giao với đường {s}.",
    "Trong {period}, Trung tâm Y tế quận {d} đã tiêm {i} mũi vắc xin phòng COVID-19 "
    "cho người dân.",
    "Toàn thành phố có {i} ca mắc mới, {i} ca khỏi bệnh và đang điều trị {i} ca.",
    "Ngành giáo dục quận {d} hiện có {i} học sinh, {i} giáo viên tại {i} trường học.",
    "Năm học {y} - {y2}, tỷ lệ học sinh tốt nghiệp trung học phổ thông đạt {pct}%.",
    "{org_cap} đã tổ chức {i} buổi tuyên truyền, thu hút {i} lượt người tham gia.",
    "Quận {d} đã trao {i} suất quà cho gia đình chính sách, hộ nghèo với tổng trị giá "
    "{money}.",
    "Hội nghị thống nhất thời gian hoàn thành {topic} trước ngày {date}.",
    "Trước đó, ngày {date}, {person} đã ký {code_doc} về việc {verb} {topic}.",
    "Theo {code_doc}, các đơn vị phải báo cáo kết quả về {org} trước ngày {date}.",
    "Cũng trong {period}, huyện {r} đã {verb} {topic} tại các xã {x} và {x}.",
    "Chính quyền xã {x}, huyện {r} đã vận động {i} hộ dân hiến {area} m2 đất mở rộng "
    "đường giao thông nông thôn.",
    "Ngày {date_long}, {org} tổ chức {event} với sự tham gia của {i} đại biểu.",
    "Để hoàn thành mục tiêu đã đề ra, quận {d} tập trung {verb} {topic}, nâng cao "
    "trách nhiệm của người đứng đầu.",
    "Kết luận {event}, {person} ghi nhận, biểu dương những nỗ lực của các cấp, các "
    "ngành trong {topic}.",
    "Các ý kiến tại {event} tập trung vào {topic} và {topic}.",
    "Tính đến ngày {date}, tỷ lệ hồ sơ giải quyết trực tuyến toàn trình của quận đạt "
    "{pct}%.",
    "Nhân dân trên địa bàn phường {w} đồng tình, ủng hộ chủ trương của thành phố về "
    "{topic}.",
    "Thành phố Hải Phòng hiện có {i} {unit}, trong đó quận {d} chiếm {pct}%.",
    "Giá trị sản xuất công nghiệp {period} ước đạt {money}, tăng {pct}% so với cùng kỳ.",
    "Hệ thống thoát nước trên đường {s} đã được cải tạo, khắc phục tình trạng ngập úng "
    "khi mưa lớn.",
    "UBND quận {d} giao Phòng Tài nguyên và Môi trường chủ trì, phối hợp với UBND "
    "phường {w} rà soát nguồn gốc đất.",
    "Hội đồng bồi thường, hỗ trợ và tái định cư quận {d} đã niêm yết công khai phương "
    "án tại trụ sở UBND phường {w}.",
    "Những năm qua, thành phố luôn quan tâm, tạo điều kiện để quận {d} phát triển "
    "kinh tế - xã hội.",
]

_OLD_TONE = {
    "òa": "oà",
    "óa": "oá",
    "ỏa": "oả",
    "õa": "oã",
    "ọa": "oạ",
    "òe": "oè",
    "óe": "oé",
    "ỏe": "oẻ",
    "õe": "oẽ",
    "ọe": "oẹ",
    "ùy": "uỳ",
    "úy": "uý",
    "ủy": "uỷ",
    "ũy": "uỹ",
    "ụy": "uỵ",
}
_OLD_TONE.update({k.capitalize(): v.capitalize() for k, v in list(_OLD_TONE.items())})
# Only a syllable that ends with the pair moves its mark ("hòa" -> "hoà"); "hoàn",
# "thuyền" are written the same in both styles.
_OLD_TONE_RE = re.compile("(" + "|".join(_OLD_TONE) + r")(?!\w)")


def old_tone_placement(text: str) -> str:
    """Write "hòa", "thủy", "khỏe" the old way: "hoà", "thuỷ", "khoẻ"."""
    return _OLD_TONE_RE.sub(lambda m: _OLD_TONE[m.group(1)], text)


@dataclass
class Article:
    number: int
    title: str
    body: str
    date: datetime
    district: str
    section: int


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Slots(dict):
    """Fills a template's placeholders with fresh random values, one per use."""

    def __init__(self, rng: random.Random, district: str, ward: str, year: int):
        super().__init__()
        self.rng = rng
        self.district = district
        self.ward = ward
        self.year = year

    def __missing__(self, key: str) -> str:
        return getattr(self, "slot_" + key)()

    def fill(self, template: str) -> str:
        return template.format_map(self)

    # Most mentions stay in the article's own district and ward, as in real news.
    def slot_d(self):
        r = self.rng
        return self.district if r.random() < 0.8 else r.choice(DISTRICTS)

    def slot_w(self):
        r = self.rng
        if r.random() < 0.6:
            return self.ward
        return r.choice(DISTRICT_WARDS[r.choice(DISTRICTS)])

    def slot_r(self):
        return self.rng.choice(RURAL)

    def slot_x(self):
        return self.rng.choice(RURAL_DISTRICTS[self.rng.choice(RURAL)])

    def slot_s(self):
        return self.rng.choice(STREETS)

    def slot_l(self):
        return self.rng.choice(LAKES)

    def slot_n(self):
        return str(self.rng.randint(1, 12))

    def slot_i(self):
        r = self.rng
        value = int(r.lognormvariate(4.5, 1.6)) + 1
        return format_number(value)

    def slot_small(self):
        r = self.rng
        return format_number(Decimal(r.randint(5, 300)) / 10)

    def slot_y(self):
        return str(
            self.rng.choice((self.year, self.year, self.year - 1, self.year + 1))
        )

    def slot_y2(self):
        return str(self.year + 1)

    def slot_m(self):
        return str(self.rng.randint(1, 12))

    def slot_pct(self):
        r = self.rng
        return format_number(Decimal(r.randint(300, 1500)) / 10)

    def slot_money(self):
        r = self.rng
        if r.random() < 0.6:
            value = Decimal(r.randint(1000, 999_999)) / 1000
            return f"{format_number(value)} tỷ đồng"
        return f"{format_number(r.randint(5, 99_999))} triệu đồng"

    def slot_area(self):
        r = self.rng
        if r.random() < 0.1:
            return r.choice(AREAS)
        return format_number(Decimal(r.randint(1000, 9_999_999)) / 1000)

    def slot_date(self):
        r = self.rng
        day = FIRST_DAY + timedelta(days=r.randrange(DAYS))
        # Portals write both "03/3/2021" and "03/03/2021".
        month = f"{day.month:02d}" if r.random() < 0.5 else str(day.month)
        return f"{day.day:02d}/{month}/{day.year}"

    def slot_date_long(self):
        r = self.rng
        day = FIRST_DAY + timedelta(days=r.randrange(DAYS))
        return f"{day.day} tháng {day.month} năm {day.year}"

    def slot_period(self):
        return self.fill(self.rng.choice(PERIODS))

    def slot_period_cap(self):
        return _capitalize(self.slot_period())

    def slot_topic(self):
        return self.rng.choice(TOPICS)

    def slot_verb(self):
        return self.rng.choice(VERBS)

    def slot_event(self):
        return self.fill(self.rng.choice(EVENTS))

    def slot_project(self):
        return self.fill(self.rng.choice(PROJECTS))

    def slot_unit(self):
        return self.rng.choice(UNITS)

    def slot_org(self):
        r = self.rng
        if r.random() < 0.5:
            return r.choice(CITY_ORGS)
        return self.fill(r.choice(DISTRICT_ORGS))

    def slot_org_cap(self):
        return _capitalize(self.slot_org())

    def slot_name(self):
        r = self.rng
        return f"{r.choice(SURNAMES)} {r.choice(MIDDLE_NAMES)} {r.choice(GIVEN_NAMES)}"

    def slot_person(self):
        role = self.fill(self.rng.choice(ROLES))
        return f"đồng chí {self.slot_name()}, {role}"

    def slot_person_cap(self):
        return _capitalize(self.slot_person())

    def slot_code(self):
        r = self.rng
        _, short = r.choice(DOC_TYPES)
        issuer, _ = r.choice(ISSUERS)
        number = int(r.paretovariate(0.8)) if r.random() < 0.5 else r.randint(1, 4000)
        if r.random() < 0.3:
            return f"{number}/{r.choice((self.year, self.year - 1))}/{short}-{issuer}"
        return f"{number}/{short}-{issuer}"

    def slot_code_doc(self):
        r = self.rng
        long_name, short = r.choice(DOC_TYPES)
        issuer, of_whom = r.choice(ISSUERS[:2])
        number = r.randint(1, 4000)
        return (
            f"{long_name} số {number}/{short}-{issuer} ngày {self.slot_date()} "
            + self.fill(of_whom)
        )

    def slot_doc(self):
        r = self.rng
        if r.random() < 0.4:
            return r.choice(FAMOUS_DOCS)
        return self.slot_code_doc()

    def slot_rare(self):
        return self.rng.choice(RARE)

    def slot_title_verb(self):
        return self.rng.choice(TITLE_VERBS)


TITLES = [
    "Quận {d} {title_verb} {topic}",
    "{org_cap} {title_verb} {topic} {period}",
    "Hội nghị {topic} {period}",
    "Quận {d}: {topic} đạt {pct}% kế hoạch",
    "Triển khai {code_doc} về {topic}",
    "{person_cap} kiểm tra tiến độ {project}",
    "Khởi công {project}",
    "Khánh thành {project}",
    "Quận {d} xác định {topic} là nhiệm vụ trọng tâm năm {y}",
    "Phường {w} ra quân {topic}",
    "Huyện {r} {title_verb} {topic}",
    "Tháo gỡ vướng mắc {topic} tại {project}",
    "Quận {d} tiếp xúc cử tri trước kỳ họp thứ {n} HĐND thành phố",
    "Đẩy nhanh tiến độ giải phóng mặt bằng {project}",
]


def article(number: int, seed: int = 2022) -> Article:
    """Article ``number`` of the corpus; the same arguments always give the same text."""
    rng = random.Random(f"congtin-search-bench:{seed}:{number}")
    district = rng.choice(DISTRICTS)
    ward = rng.choice(DISTRICT_WARDS[district])
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    published = datetime(
        day.year,
        day.month,
        day.day,
        rng.randint(6, 21),
        rng.choice((0, 15, 30, 45)),
        tzinfo=VN_TZ,
    )
    slots = _Slots(rng, district, ward, day.year)

    title = _capitalize(slots.fill(rng.choice(TITLES)))
    target_words = rng.randint(300, 600)
    paragraphs = [slots.fill(rng.choice(LEADS))]
    words = len(paragraphs[0].split())
    while words < target_words:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            if rng.random() < RARE_SENTENCE_SHARE:
                sentence = slots.fill(rng.choice(RARE_TEMPLATES))
            else:
                sentence = slots.fill(rng.choice(SENTENCES))
            sentences.append(_capitalize(sentence))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    paragraphs.append(f"{slots.slot_name()} (Quận {district})")

    if rng.random() < OLD_TONE_SHARE:
        title = old_tone_placement(title)
        paragraphs = [old_tone_placement(p) for p in paragraphs]
    roll = rng.random()
    if roll < NFD_ARTICLE_SHARE:
        title = unicodedata.normalize("NFD", title)
        paragraphs = [unicodedata.normalize("NFD", p) for p in paragraphs]
    elif roll < NFD_ARTICLE_SHARE + NFD_PARAGRAPH_SHARE:
        which = rng.randrange(len(paragraphs))
        paragraphs[which] = unicodedata.normalize("NFD", paragraphs[which])

    return Article(
        number=number,
        title=title,
        body="\n\n".join(paragraphs),
        date=published,
        district=district,
        section=DISTRICTS.index(district) + 1,
    )


def articles(start: int, stop: int, seed: int = 2022) -> Iterator[Article]:
    for number in range(start, stop):
        yield article(number, seed)


def index_document(article: Article, site_id: int | None = None):
    """``article`` as congtin's search index takes it (a news article), as both
    search benches index it."""
    from congtin.core.vietnamese import slugify
    from congtin.search.index import Document

    return Document(
        kind="news.article",
        object_id=article.number + 1,
        title=article.title,
        body=article.body,
        url=f"/tin-tuc/{slugify(article.title)[:80]}-{article.number + 1}/",
        date=article.date,
        site_id=site_id,
        section_id=article.section,
    )
