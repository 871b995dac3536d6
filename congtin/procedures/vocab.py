"""Fixed vocabularies of administrative procedures (Nghị định 42/2022/NĐ-CP,
Nghị định 63/2010/NĐ-CP): the level that carries a procedure out and how much of it
can be done online."""

from django.db import models


class Level(models.TextChoices):
    """Cấp thực hiện: which tier of government receives and settles the file."""

    PROVINCE = "cap-tinh", "Cấp tỉnh"
    DISTRICT = "cap-huyen", "Cấp huyện"
    COMMUNE = "cap-xa", "Cấp xã"


class OnlineLevel(models.TextChoices):
    """Mức độ dịch vụ công trực tuyến (Nghị định 42/2022/NĐ-CP, Điều 11)."""

    FULL = "toan-trinh", "Toàn trình"
    PARTIAL = "mot-phan", "Một phần"
    INFORMATION = "thong-tin", "Chỉ cung cấp thông tin"


# Other words editors write for the same choices in a spreadsheet (folded on use).
LEVEL_WORDS = {
    Level.PROVINCE: ["tỉnh", "thành phố", "cấp thành phố", "cấp tỉnh, thành phố"],
    Level.DISTRICT: ["huyện", "quận", "cấp quận", "cấp quận, huyện"],
    Level.COMMUNE: ["xã", "phường", "cấp phường", "cấp xã, phường"],
}
ONLINE_WORDS = {
    OnlineLevel.FULL: ["dịch vụ công trực tuyến toàn trình", "mức độ 4", "mức 4"],
    OnlineLevel.PARTIAL: ["dịch vụ công trực tuyến một phần", "mức độ 3", "mức 3"],
    OnlineLevel.INFORMATION: [
        "cung cấp thông tin",
        "thông tin",
        "mức độ 2",
        "mức 2",
        "mức độ 1",
        "mức 1",
    ],
}
