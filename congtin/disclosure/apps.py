from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "congtin.disclosure"
    label = "disclosure"
    verbose_name = "Thông tin bắt buộc công khai"
