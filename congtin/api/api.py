"""``/api/v1/``: the open data API of every portal (Circular 22/2023).

Read-only JSON, generated OpenAPI 3.1 schema at ``schema/``, documentation in
Vietnamese at the root (docs/api.md).
"""

from .endpoints import router
from .http import (
    ClientLimit,
    PortalAPI,
    Renderer,
    install_error_handlers,
    open_to_all,
)
from .opendata import router as opendata_router
from .press import router as press_router
from .procedures import router as procedures_router
from .programmes import router as programmes_router
from .targets import router as targets_router

api = PortalAPI(
    title="Dữ liệu mở của cổng thông tin điện tử",
    version="1",
    description=(
        "Dữ liệu công khai của cổng (tin bài, văn bản, lịch công tác, hỏi đáp, "
        "dự thảo lấy ý kiến, kế hoạch và chỉ tiêu, thủ tục hành chính, thông cáo báo chí, "
        "album ảnh, video, công khai ngân sách, số liệu thống kê, dự án và gói thầu, "
        "đề tài khoa học, quy hoạch), chỉ đọc, dạng JSON. Mỗi cổng chỉ trả dữ liệu "
        "của chính cổng đó."
    ),
    urls_namespace="api-v1",
    openapi_url="/schema/",
    # The documentation page is ours (views.docs): Ninja's Swagger UI is in English
    # and is more than a reader needs.
    docs_url=None,
    docs_decorator=open_to_all,
    renderer=Renderer(),
    throttle=[ClientLimit()],
)
install_error_handlers(api)
api.add_router("/", router)
api.add_router("/", targets_router)
api.add_router("/", procedures_router)
api.add_router("/", press_router)
api.add_router("/", opendata_router)
api.add_router("/", programmes_router)
