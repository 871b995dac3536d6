"""Fixed vocabularies of projects, bidding, research and planning documents.

Values are the query-string words of the public lists (``?tinh-trang=dang-thuc-hien``),
so they are ASCII and never change once published.
"""

from django.db import models


class ProjectStatus(models.TextChoices):
    PREPARING = "chuan-bi-dau-tu", "Chuẩn bị đầu tư"
    IN_PROGRESS = "dang-thuc-hien", "Đang thực hiện"
    COMPLETED = "hoan-thanh", "Hoàn thành"
    SUSPENDED = "tam-dung", "Tạm dừng"


class CapitalSource(models.TextChoices):
    """Nguồn vốn (Luật Đầu tư công 2019; xã hội hóa and PPP for the rest)."""

    CENTRAL_BUDGET = "ngan-sach-trung-uong", "Ngân sách trung ương"
    LOCAL_BUDGET = "ngan-sach-dia-phuong", "Ngân sách địa phương"
    ODA = "oda", "Vốn ODA, vốn vay ưu đãi nước ngoài"
    PPP = "ppp", "Đối tác công tư (PPP)"
    SOCIALISED = "xa-hoi-hoa", "Xã hội hóa"
    MIXED = "hon-hop", "Nhiều nguồn vốn"
    OTHER = "khac", "Nguồn khác"


class SelectionMethod(models.TextChoices):
    """Hình thức lựa chọn nhà thầu (Luật Đấu thầu 2023, Điều 21-29)."""

    OPEN = "dau-thau-rong-rai", "Đấu thầu rộng rãi"
    LIMITED = "dau-thau-han-che", "Đấu thầu hạn chế"
    DIRECT = "chi-dinh-thau", "Chỉ định thầu"
    COMPETITIVE_QUOTATION = "chao-hang-canh-tranh", "Chào hàng cạnh tranh"
    DIRECT_PROCUREMENT = "mua-sam-truc-tiep", "Mua sắm trực tiếp"
    SELF_PERFORMED = "tu-thuc-hien", "Tự thực hiện"
    COMMUNITY = "cong-dong-thuc-hien", "Tham gia thực hiện của cộng đồng"
    SPECIAL = "truong-hop-dac-biet", "Lựa chọn nhà thầu trong trường hợp đặc biệt"


class PackageResult(models.TextChoices):
    PENDING = "chua-co-ket-qua", "Chưa có kết quả"
    AWARDED = "da-co-nha-thau", "Đã lựa chọn được nhà thầu"
    CANCELLED = "huy-thau", "Hủy thầu"


class ResearchLevel(models.TextChoices):
    NATIONAL = "cap-quoc-gia", "Cấp quốc gia"
    MINISTRY = "cap-bo", "Cấp bộ"
    PROVINCE = "cap-tinh", "Cấp tỉnh, thành phố"
    BASE = "cap-co-so", "Cấp cơ sở"


class ResearchStatus(models.TextChoices):
    IN_PROGRESS = "dang-thuc-hien", "Đang thực hiện"
    ACCEPTED = "da-nghiem-thu", "Đã nghiệm thu"
    APPLIED = "da-ung-dung", "Đã chuyển giao, ứng dụng"
    STOPPED = "dung-thuc-hien", "Dừng thực hiện"


class PlanKind(models.TextChoices):
    STRATEGY = "chien-luoc", "Chiến lược"
    MASTER_PLAN = "quy-hoach", "Quy hoạch"
    PLAN = "ke-hoach", "Kế hoạch"
