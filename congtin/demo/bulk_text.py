"""Vietnamese names, headlines, leads and bodies for the bulk demo (load_bulk_demo).

Everything comes from a seeded ``random.Random``, so a run with the same arguments
writes the same text. The pieces are plain government-news phrasing; combined they
give titles that rarely repeat within a section.
"""

import json
import random
import string
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.html import escape

from congtin.core.vietnamese import nfc, slugify

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

# Two-syllable ward and commune names are built from these (Hán-Việt place words).
_NAME_FIRST = (
    "An Bắc Bình Cát Đại Đông Gia Hải Hòa Hồng Hưng Kiến Lạc Minh Nam Ngọc Phú "
    "Quang Tân Thái Thành Thượng Trung Vĩnh"
).split()
_NAME_SECOND = (
    "Bình Đồng Hòa Hưng Lâm Lợi Long Minh Phong Phúc Sơn Thắng Thịnh Thuận Tiến "
    "Trung Xuân Yên"
).split()
_UNIT_KINDS = ("Phường", "Xã", "Phường", "Xã", "Thị trấn")

CITY_SUBJECTS = (
    "UBND thành phố",
    "HĐND thành phố",
    "Thành phố Hải Phòng",
    "Sở Xây dựng",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Tài nguyên và Môi trường",
    "Sở Giao thông vận tải",
    "Sở Thông tin và Truyền thông",
    "Ban Quản lý Khu kinh tế Hải Phòng",
)
DISTRICT_SUBJECTS = (
    "Quận Lê Chân",
    "Quận Hồng Bàng",
    "Quận Ngô Quyền",
    "Quận Hải An",
    "Quận Kiến An",
    "Quận Đồ Sơn",
    "Quận Dương Kinh",
    "Huyện Thủy Nguyên",
    "Huyện An Dương",
    "Huyện An Lão",
    "Huyện Kiến Thụy",
    "Huyện Tiên Lãng",
    "Huyện Vĩnh Bảo",
    "Huyện Cát Hải",
)

# "{subject} {predicate}": each predicate reads after any subject above.
_PREDICATES = (
    "tổng kết công tác năm {year}, triển khai nhiệm vụ năm {next_year}",
    "triển khai nhiệm vụ phát triển kinh tế - xã hội năm {year}",
    "ra quân tổng vệ sinh môi trường, hưởng ứng Tết trồng cây",
    "kiểm tra công tác phòng cháy, chữa cháy tại các khu dân cư",
    "tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {year}",
    "trao quà cho gia đình chính sách nhân dịp Tết Nguyên đán",
    "tiếp công dân định kỳ tháng {month}/{year}",
    "sơ kết 6 tháng đầu năm {year} thực hiện Nghị quyết của Đảng bộ",
    "đẩy mạnh cải cách hành chính, nâng cao chỉ số hài lòng của người dân",
    "phát động phong trào thi đua chào mừng Đại hội Đảng các cấp",
    "đối thoại với doanh nghiệp về thủ tục đầu tư, đất đai",
    "khánh thành công trình nhà văn hóa khu dân cư",
    "hoàn thành giải phóng mặt bằng dự án cải tạo hạ tầng đô thị",
    "triển khai cấp căn cước công dân và định danh điện tử tại địa bàn",
    "tập huấn chuyển đổi số cho cán bộ, công chức cấp cơ sở",
    "tổ chức diễn tập phương án phòng, chống thiên tai và tìm kiếm cứu nạn",
    "kiểm tra an toàn thực phẩm trong dịp cao điểm lễ, Tết",
    "tuyên dương học sinh giỏi, sinh viên có thành tích xuất sắc năm học {year}",
    "ra mắt mô hình “Khu dân cư an toàn về an ninh, trật tự”",
    "đón nhận Huân chương Lao động hạng Ba",
    "giao quân năm {year} đảm bảo đủ chỉ tiêu, đúng luật",
    "xử lý dứt điểm các trường hợp lấn chiếm vỉa hè, lòng đường",
    "tổ chức Hội nghị đối thoại với đoàn viên, thanh niên",
    "triển khai tiêm chủng mở rộng cho trẻ em dưới 5 tuổi",
    "đẩy nhanh tiến độ giải ngân vốn đầu tư công năm {year}",
    "rà soát hộ nghèo, hộ cận nghèo theo chuẩn mới",
    "tổ chức lễ phát động Tháng hành động vì an toàn thực phẩm",
    "chỉnh trang các tuyến phố văn minh đô thị",
    "ký kết chương trình phối hợp bảo vệ môi trường giai đoạn {year}-{five_years}",
    "kiện toàn Ban Chỉ đạo công tác gia đình",
    "phấn đấu hoàn thành vượt mức các chỉ tiêu chủ yếu năm {year}",
    "công bố quy hoạch chi tiết xây dựng tỷ lệ 1/500",
    "tổ chức giải chạy “Vì sức khỏe cộng đồng” lần thứ {ordinal}",
    "nâng cao chất lượng dịch vụ công trực tuyến toàn trình",
    "triển khai Luật Đất đai năm 2024 đến cán bộ và nhân dân",
    "gặp mặt kỷ niệm Ngày Thương binh - Liệt sĩ 27/7",
    "tổ chức Tết Trung thu cho thiếu nhi có hoàn cảnh khó khăn",
    "kiểm tra tiến độ xây dựng trường học đạt chuẩn quốc gia",
    "bầu bổ sung Ủy viên Ủy ban nhân dân nhiệm kỳ 2021-2026",
    "triển khai mô hình “Dân vận khéo” trong xây dựng đô thị văn minh",
)

_LEADS = (
    "Sáng {date}, {subject} đã {predicate}. Tham dự có đại diện lãnh đạo các cơ "
    "quan, đơn vị và đông đảo cán bộ, nhân dân trên địa bàn.",
    "Chiều {date}, {subject} {predicate}, nhằm cụ thể hóa các chủ trương, nghị "
    "quyết của cấp ủy và chính quyền về nhiệm vụ trọng tâm trong thời gian tới.",
    "Ngày {date}, {subject} {predicate}. Đây là một trong những nhiệm vụ trọng tâm "
    "được xác định từ đầu năm {year}.",
    "Thực hiện kế hoạch năm {year}, ngày {date}, {subject} {predicate} với sự tham "
    "gia của các phòng, ban chuyên môn và các tổ dân phố.",
)

_SENTENCES = (
    "Theo báo cáo, trong thời gian qua các cấp, các ngành đã tập trung lãnh đạo, chỉ "
    "đạo quyết liệt, đạt được nhiều kết quả quan trọng.",
    "Công tác cải cách hành chính tiếp tục được đẩy mạnh; tỷ lệ hồ sơ giải quyết "
    "đúng hạn đạt trên 98%.",
    "Tình hình an ninh chính trị, trật tự an toàn xã hội được giữ vững; không để "
    "xảy ra các vụ việc phức tạp, kéo dài.",
    "Thu ngân sách trên địa bàn ước đạt {percent}% dự toán được giao.",
    "Các chính sách an sinh xã hội được thực hiện đầy đủ, kịp thời, đúng đối tượng.",
    "Phát biểu tại hội nghị, đồng chí Chủ tịch UBND đề nghị các đơn vị khẩn trương "
    "khắc phục hạn chế, phấn đấu hoàn thành kế hoạch đề ra.",
    "Hội nghị đã dành nhiều thời gian thảo luận, đóng góp ý kiến vào dự thảo báo "
    "cáo và chương trình công tác năm {next_year}.",
    "Công tác quản lý đất đai, trật tự xây dựng được tăng cường; các trường hợp vi "
    "phạm được phát hiện và xử lý kịp thời.",
    "Nhân dịp này, {count} tập thể và cá nhân có thành tích xuất sắc đã được khen "
    "thưởng.",
    "Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” tiếp tục lan tỏa tới "
    "từng khu dân cư.",
    "Chất lượng giáo dục ở các cấp học được nâng lên; cơ sở vật chất trường lớp được "
    "đầu tư đồng bộ.",
    "Công tác y tế dự phòng, chăm sóc sức khỏe ban đầu cho nhân dân được quan tâm "
    "thực hiện.",
    "Đến nay, {percent}% người dân trong độ tuổi đã được cấp tài khoản định danh điện "
    "tử mức độ 2.",
    "Lãnh đạo địa phương yêu cầu các tổ dân phố tiếp tục vận động nhân dân chấp hành "
    "tốt quy định về vệ sinh môi trường.",
    "Dự án có tổng mức đầu tư hơn {billions} tỷ đồng, dự kiến hoàn thành trong năm "
    "{next_year}.",
    "Các đại biểu đánh giá cao sự chủ động, sáng tạo của cơ sở trong tổ chức thực "
    "hiện nhiệm vụ.",
    "Qua kiểm tra, đoàn đã nhắc nhở {count} hộ kinh doanh chưa thực hiện đúng quy "
    "định.",
    "Năm {next_year}, địa phương phấn đấu giữ vững danh hiệu đơn vị văn hóa, hoàn "
    "thành toàn diện các chỉ tiêu chủ yếu.",
    "Ý kiến của cử tri tập trung vào các vấn đề hạ tầng giao thông, thoát nước và "
    "cấp giấy chứng nhận quyền sử dụng đất.",
    "Đại diện cơ quan chuyên môn đã trả lời, làm rõ các kiến nghị thuộc thẩm quyền.",
)

_SUBHEADINGS = (
    "Nhiều kết quả nổi bật",
    "Nhiệm vụ trọng tâm thời gian tới",
    "Phát huy vai trò của nhân dân",
    "Tháo gỡ khó khăn, vướng mắc",
)

_QUOTES = (
    ("Lấy sự hài lòng của người dân làm thước đo hiệu quả phục vụ.", "Chủ tịch UBND"),
    ("Việc gì có lợi cho dân thì hết sức làm.", "Lãnh đạo địa phương"),
    ("Không để ai bị bỏ lại phía sau.", "Trưởng Ban Chỉ đạo"),
)

TAGS = (
    "Cải cách hành chính",
    "Chuyển đổi số",
    "An ninh trật tự",
    "Y tế",
    "Giáo dục",
    "Môi trường",
    "Văn hóa - Xã hội",
    "Kinh tế",
    "Quản lý đô thị",
    "Giao thông",
    "Phòng cháy chữa cháy",
    "An sinh xã hội",
    "Xây dựng Đảng",
    "Đất đai",
    "Đầu tư công",
    "Thi đua khen thưởng",
    "Quốc phòng - Quân sự địa phương",
    "Phòng chống thiên tai",
    "Thanh niên",
    "Dân vận",
)

AUTHORS = (
    "Minh Anh",
    "Thu Hà",
    "Quang Huy",
    "Ngọc Lan",
    "Đức Thắng",
    "Phương Thảo",
    "Hoàng Long",
    "Thanh Tùng",
    "Mai Hương",
    "Văn Đức",
    "Ban Biên tập",
)


def portal_names(count: int, seed: int = 2022) -> list[tuple[str, str]]:
    """``count`` distinct (name, hostname) pairs: ("Phường An Bình",
    "an-binh.localhost"). At most :data:`MAX_PORTALS`."""
    pairs = [(a, b) for a in _NAME_FIRST for b in _NAME_SECOND if a != b]
    if count > len(pairs):
        raise ValueError(f"at most {len(pairs)} generated portals")
    random.Random(seed).shuffle(pairs)
    result = []
    for number, (first, second) in enumerate(pairs[:count]):
        place = nfc(f"{first} {second}")
        kind = _UNIT_KINDS[number % len(_UNIT_KINDS)]
        result.append((f"{kind} {place}", f"{slugify(place)}.localhost"))
    return result


MAX_PORTALS = sum(1 for a in _NAME_FIRST for b in _NAME_SECOND if a != b)


def portal_subjects(name: str) -> tuple[str, ...]:
    """Who a component portal's headlines are about."""
    return (
        name,
        f"UBND {name}",
        f"Đảng ủy {name}",
        f"Ủy ban MTTQ Việt Nam {name}",
        f"Công an {name}",
        f"Hội Liên hiệp Phụ nữ {name}",
        f"Đoàn Thanh niên {name}",
    )


def _fields(template: str) -> frozenset[str]:
    return frozenset(
        name for _, name, _, _ in string.Formatter().parse(template) if name
    )


class ArticleWriter:
    """Title, lead, body (StreamField JSON), author and tags of one article.

    About 100,000 articles are written in one run, so the body is put together
    from paragraphs made once per year rather than sentence by sentence.
    """

    PARAGRAPHS_PER_YEAR = 300

    def __init__(self, rng: random.Random, image_ids=(), image_captions=None):
        self.rng = rng
        self.image_ids = list(image_ids)
        self.captions = image_captions or {}
        self._paragraphs: dict[int, list[str]] = {}
        self._template_fields = {
            t: _fields(t) for t in (*_PREDICATES, *_SENTENCES, *_LEADS)
        }

    def _pick(self, items):
        return items[int(self.rng.random() * len(items))]

    def _fill(self, template: str, when: datetime) -> str:
        needed = self._template_fields[template]
        if not needed:
            return template
        rng = self.rng
        values = {
            "year": when.year,
            "next_year": when.year + 1,
            "five_years": when.year + 5,
            "month": when.month,
        }
        for name, low, high in (
            ("ordinal", 2, 15),
            ("percent", 85, 120),
            ("count", 5, 60),
            ("billions", 12, 950),
        ):
            if name in needed:
                values[name] = low + int(rng.random() * (high - low + 1))
        return template.format(**values)

    def headline(self, subject: str, when: datetime) -> tuple[str, str]:
        """The title and, apart, the predicate (the lead repeats it)."""
        predicate = self._fill(self._pick(_PREDICATES), when)
        return nfc(f"{subject} {predicate}"), predicate

    def lead(self, subject: str, predicate: str, when: datetime) -> str:
        local = when.astimezone(VIETNAM)
        template = self._pick(_LEADS)
        return nfc(
            template.format(
                date=f"{local.day:02d}/{local.month:02d}/{local.year}",
                subject=subject,
                predicate=predicate,
                year=local.year,
            )
        )

    def _paragraphs_of(self, year: int, when: datetime) -> list[str]:
        found = self._paragraphs.get(year)
        if found is None:
            rng = self.rng
            found = []
            for _ in range(self.PARAGRAPHS_PER_YEAR):
                sentences = rng.sample(_SENTENCES, rng.randint(2, 3))
                text = " ".join(self._fill(s, when) for s in sentences)
                found.append(f"<p>{escape(nfc(text))}</p>")
            self._paragraphs[year] = found
        return found

    def body(self, when: datetime) -> str:
        """StreamField JSON: paragraphs, sometimes a sub-heading, a photo, a quote."""
        rng = self.rng
        paragraphs = self._paragraphs_of(when.year, when)
        blocks = []
        for number in range(3 + int(rng.random() * 3)):
            html = self._pick(paragraphs)
            if number == 2 and rng.random() < 0.3:
                html = f"<h2>{self._pick(_SUBHEADINGS)}</h2>{html}"
            blocks.append(self._block("paragraph", html))
            if number == 0 and self.image_ids and rng.random() < 0.25:
                image = self._pick(self.image_ids)
                caption = self.captions.get(image, "")
                blocks.append(
                    self._block(
                        "image", {"image": image, "caption": caption, "alt_text": ""}
                    )
                )
        if rng.random() < 0.1:
            text, who = self._pick(_QUOTES)
            blocks.append(self._block("quote", {"text": text, "attribution": who}))
        return json.dumps(blocks, ensure_ascii=False)

    def _block(self, kind: str, value) -> dict:
        # A version 4 UUID from the seeded generator, as Wagtail gives each block.
        bits = f"{self.rng.getrandbits(122):031x}"
        block_id = (
            f"{bits[:8]}-{bits[8:12]}-4{bits[12:15]}-"
            f"{'89ab'[int(bits[15], 16) % 4]}{bits[16:19]}-{bits[19:31]}"
        )
        return {"type": kind, "value": value, "id": block_id}

    def author(self) -> str:
        return self._pick(AUTHORS)

    def tags(self, tag_ids: list[int]) -> list[int]:
        return self.rng.sample(
            tag_ids, min(len(tag_ids), 1 + int(self.rng.random() * 3))
        )
