from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "congtin.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
