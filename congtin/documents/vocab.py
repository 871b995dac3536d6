"""Fixed vocabularies of legal documents: types, statuses, relations."""

from django.db import models


class DocumentType(models.TextChoices):
    """Types of legal and administrative documents (Luật Ban hành VBQPPL,
    Nghị định 30/2020/NĐ-CP, Quy định 66-QĐ/TW for party documents)."""

    LAW = "luat", "Luật"
    ORDINANCE = "phap-lenh", "Pháp lệnh"
    DECREE = "nghi-dinh", "Nghị định"
    RESOLUTION = "nghi-quyet", "Nghị quyết"
    DECISION = "quyet-dinh", "Quyết định"
    DIRECTIVE = "chi-thi", "Chỉ thị"
    CIRCULAR = "thong-tu", "Thông tư"
    PLAN = "ke-hoach", "Kế hoạch"
    NOTICE = "thong-bao", "Thông báo"
    OFFICIAL_LETTER = "cong-van", "Công văn"
    CONCLUSION = "ket-luan", "Kết luận"
    REGULATION = "quy-dinh", "Quy định"
    PROGRAMME = "chuong-trinh", "Chương trình"
    REPORT = "bao-cao", "Báo cáo"
    OTHER = "khac", "Văn bản khác"


class Status(models.TextChoices):
    """Whether a document is in force, computed from its dates and one flag."""

    IN_FORCE = "con-hieu-luc", "Còn hiệu lực"
    PARTLY_EXPIRED = "het-hieu-luc-mot-phan", "Hết hiệu lực một phần"
    EXPIRED = "het-hieu-luc", "Hết hiệu lực"
    NOT_YET = "chua-co-hieu-luc", "Chưa có hiệu lực"


class RelationKind(models.TextChoices):
    AMENDS = "sua-doi", "Sửa đổi, bổ sung"
    REPLACES = "thay-the", "Thay thế"
    GUIDES = "huong-dan", "Hướng dẫn thi hành"
    REPEALS = "bai-bo", "Bãi bỏ"


# How the other document shows a relation pointing at it.
REVERSE_LABELS = {
    RelationKind.AMENDS: "Được sửa đổi, bổ sung bởi",
    RelationKind.REPLACES: "Được thay thế bởi",
    RelationKind.GUIDES: "Được hướng dẫn bởi",
    RelationKind.REPEALS: "Bị bãi bỏ bởi",
}
FORWARD_LABELS = {
    RelationKind.AMENDS: "Sửa đổi, bổ sung",
    RelationKind.REPLACES: "Thay thế",
    RelationKind.GUIDES: "Hướng dẫn thi hành",
    RelationKind.REPEALS: "Bãi bỏ",
}
