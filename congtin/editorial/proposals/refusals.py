"""What a refused proposal step says, and the exception that carries it."""

from ..models import Proposal

Status = Proposal.Status

# What the refusals say; the view adds the HTTP status.
NO_CITY = "Chưa có cổng thành phố (trang mặc định) để nhận tin đề xuất."
NOT_FOUND_PAGE = "Không tìm thấy trang này."
NOT_FOUND_PROPOSAL = "Không tìm thấy tin đề xuất này."
NOT_ARTICLE = "Chỉ có thể đề xuất bài viết, không đề xuất được trang loại này."
IS_ALIAS = "Trang này hiển thị lại một bài của cổng khác; hãy đề xuất bài gốc."
MAY_NOT_PROPOSE = (
    "Bạn không có quyền đề xuất bài này: chỉ biên tập viên và trưởng ban biên "
    "tập của cổng đăng bài mới đề xuất được bài lên cổng thành phố."
)
ALREADY_CITY = "Bài này đã thuộc cổng thành phố, không cần đề xuất."
NOT_LIVE = "Chỉ đề xuất được bài đang đăng. Hãy xuất bản bài trước khi đề xuất."
MAY_NOT_VIEW = "Chỉ người của cổng thành phố mới xem được tin đề xuất."
MAY_NOT_ACCEPT = (
    "Bạn không có quyền tiếp nhận tin đề xuất: việc này dành cho biên tập viên "
    "của cổng thành phố."
)
MAY_NOT_DECLINE = (
    "Bạn không có quyền từ chối tin đề xuất: việc này dành cho biên tập viên "
    "và trưởng ban biên tập của cổng thành phố."
)
MAY_NOT_APPROVE = (
    "Bạn không có quyền phê duyệt tin đề xuất: việc này dành cho trưởng ban "
    "biên tập của cổng thành phố."
)
BAD_SECTION = "Hãy chọn một chuyên mục tin đang đăng của cổng thành phố."
ORIGINAL_GONE = "Bài gốc hiện không còn được đăng trên cổng đề xuất."
SECTION_GONE = (
    "Chuyên mục đã chọn không còn đăng trên cổng thành phố; hãy tiếp nhận lại "
    "vào một chuyên mục khác."
)
WRONG_STATUS = {
    Status.PENDING: "Tin đề xuất này chưa được biên tập viên tiếp nhận.",
    Status.ACCEPTED: "Tin đề xuất này đã được tiếp nhận, đang chờ phê duyệt.",
    Status.PUBLISHED: "Tin đề xuất này đã được đăng trên cổng thành phố.",
    Status.DECLINED: "Tin đề xuất này đã bị từ chối.",
}
ALREADY_PROPOSED = "Bài này đã được đề xuất lên cổng thành phố ({status})."


class Refusal(Exception):
    """Stop the request with ``status`` and a message for the person."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message
