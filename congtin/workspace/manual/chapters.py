"""The manual's chapters, grouped by the role that does the task."""

from __future__ import annotations

from dataclasses import dataclass

PDF_NAME = "huong-dan-su-dung.pdf"
# Where the screenshots and the PDF live among the static files.
STATIC_DIR = "workspace/manual"


@dataclass(frozen=True)
class Chapter:
    slug: str
    title: str
    summary: str
    # A chapter may be text only until `make manual` takes its screenshots.
    screenshots: bool = True

    @property
    def template_name(self) -> str:
        return f"workspace/manual/chapters/{self.slug}.html"


@dataclass(frozen=True)
class Role:
    name: str
    accounts: str
    chapters: tuple[Chapter, ...]


ROLES: tuple[Role, ...] = (
    Role(
        "Phóng viên",
        "lechan.phongvien, haiphong.phongvien",
        (
            Chapter(
                "viet-va-gui-bai",
                "Viết bài có ảnh, chú thích và gửi duyệt",
                "Tạo bài viết trong chuyên mục, thêm ảnh đại diện và ảnh trong bài "
                "kèm chú thích, lưu nháp rồi gửi vào quy trình duyệt của cổng.",
            ),
        ),
    ),
    Role(
        "Biên tập viên",
        "lechan.bientap, haiphong.bientap",
        (
            Chapter(
                "bien-tap-va-tra-lai",
                "Biên tập bài và trả lại cho phóng viên",
                "Mở bài đang chờ ở bước “Biên tập”, sửa, chuyển lên bước “Phê duyệt” "
                "hoặc trả lại kèm ý kiến.",
            ),
            Chapter(
                "de-xuat-len-cong-thanh-pho",
                "Đề xuất bài lên cổng thành phố",
                "Đề xuất một bài đã đăng trên cổng thành phần để cổng thành phố tiếp "
                "nhận và đăng lại.",
            ),
            Chapter(
                "tra-loi-cau-hoi",
                "Trả lời câu hỏi của công dân",
                "Nhận câu hỏi, chuyển phòng, ban xử lý, soạn câu trả lời và gửi đi duyệt, "
                "hoặc từ chối kèm lý do.",
            ),
            Chapter(
                "duyet-gop-y-du-thao",
                "Duyệt ý kiến góp ý dự thảo",
                "Xem các ý kiến người dân gửi về dự thảo, công khai hoặc không công khai "
                "từng ý kiến.",
            ),
            Chapter(
                "doi-thoai-truc-tuyen",
                "Đối thoại trực tuyến: duyệt câu hỏi và đăng câu trả lời",
                "Tạo buổi đối thoại, duyệt câu hỏi người dân gửi, đăng câu trả lời của "
                "lãnh đạo ngay trong buổi đối thoại, sửa hoặc rút câu trả lời.",
            ),
            Chapter(
                "duyet-y-kien-ban-doc",
                "Duyệt ý kiến bạn đọc về bài viết",
                "Bật hoặc tắt ý kiến bạn đọc cho cổng và cho từng bài, công khai hoặc "
                "không công khai từng ý kiến, tải danh sách về máy.",
            ),
            Chapter(
                "gui-bai-va-luu-pdf",
                "Bạn đọc gửi bài và lưu bài dạng PDF",
                "Tệp PDF của bài lấy gì từ thông tin cơ quan; thư giới thiệu bài bạn "
                "đọc gửi đi có nội dung gì; bài giới hạn người xem.",
            ),
            Chapter(
                "tham-do-y-kien",
                "Tạo cuộc thăm dò ý kiến",
                "Tạo câu hỏi và các phương án, đặt thời gian, chọn cách công bố kết "
                "quả, đưa lên trang chủ hoặc gắn vào một bài viết.",
            ),
            Chapter(
                "xu-ly-thu-lien-he",
                "Xử lý thư liên hệ gửi đến phòng, ban",
                "Đọc thư người dân gửi qua biểu mẫu liên hệ, đánh dấu đã xử lý kèm ghi "
                "chú, lọc và tải danh sách; khai báo các phòng, ban nhận thư.",
            ),
            Chapter(
                "nhap-van-ban-chi-tieu",
                "Nhập văn bản và chỉ tiêu từ tệp",
                "Nhập nhiều văn bản từ tệp XLSX/CSV kèm tệp ZIP; nhập chỉ tiêu và số "
                "liệu thực hiện vào kế hoạch năm.",
            ),
            Chapter(
                "nhap-thu-tuc-so-lieu",
                "Nhập thủ tục hành chính, số liệu ngân sách và thống kê từ tệp",
                "Kiểm tra rồi nhập danh sách thủ tục hành chính; thay số liệu của một "
                "báo cáo ngân sách hoặc chuỗi số liệu thống kê bằng tệp XLSX/CSV.",
            ),
            Chapter(
                "luot-truy-cap",
                "Xem lượt truy cập và từ khóa tìm kiếm",
                "Xem lượt truy cập của cổng theo ngày, các trang được xem nhiều, từ khóa "
                "người đọc tìm và những lượt tìm không có kết quả; tải CSV.",
            ),
        ),
    ),
    Role(
        "Trưởng ban biên tập",
        "lechan.truongban, haiphong.truongban",
        (
            Chapter(
                "phe-duyet-va-hen-gio",
                "Phê duyệt và hẹn giờ xuất bản",
                "Phê duyệt bài ở bước cuối để xuất bản ngay, hoặc đặt thời điểm xuất "
                "bản để bài tự lên trang vào giờ đã hẹn.",
            ),
            Chapter(
                "thu-hoi-bai",
                "Thu hồi bài đã đăng, ghi rõ lý do",
                "Ngừng xuất bản một bài, ghi lý do thu hồi và chọn bài thay thế nếu có.",
            ),
            Chapter(
                "thong-tin-bat-buoc",
                "Theo dõi thông tin bắt buộc công khai",
                "Xem cổng còn thiếu hay quá hạn cập nhật loại thông tin nào theo Nghị "
                "định 42/2022/NĐ-CP, tải báo cáo, nhận thư nhắc hằng tuần.",
            ),
            Chapter(
                "banner-va-canh-bao-khan",
                "Banner, khối liên kết và cảnh báo khẩn",
                "Đặt banner và khối liên kết ở trang chủ và mọi trang, hẹn ngày hiển "
                "thị, xem số lượt nhấn; phát và hạ cảnh báo khẩn trên mọi cổng.",
            ),
            Chapter(
                "dang-nhap-hai-buoc",
                "Đăng nhập bằng xác thực hai bước",
                "Bật xác thực hai bước với ứng dụng trên điện thoại, đăng nhập bằng mã, "
                "dùng mã dự phòng; quy định về mật khẩu, phiên và tạm khóa.",
            ),
        ),
    ),
    Role(
        "Quản trị",
        "quantri",
        (
            Chapter(
                "tao-cong-thanh-phan",
                "Tạo cổng thành phần",
                "Tạo cổng cho một quận, huyện hoặc sở, ngành: trang web, trang chủ, "
                "chuyên mục, nhóm người dùng, quy trình duyệt; rồi giao tài khoản.",
            ),
            Chapter(
                "mo-khoa-va-dat-lai",
                "Mở khóa đăng nhập và đặt lại xác thực hai bước",
                "Mở khóa tài khoản bị tạm khóa, đặt lại xác thực hai bước cho người mất "
                "điện thoại, xem và tải về nhật ký bảo mật.",
            ),
        ),
    ),
)

CHAPTERS: tuple[Chapter, ...] = tuple(
    chapter for role in ROLES for chapter in role.chapters
)
BY_SLUG = {chapter.slug: chapter for chapter in CHAPTERS}


def role_of(chapter: Chapter) -> Role:
    return next(role for role in ROLES if chapter in role.chapters)
