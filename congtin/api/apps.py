from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "congtin.api"
    label = "portal_api"
    verbose_name = "Dữ liệu mở (API)"
