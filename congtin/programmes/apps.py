from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "congtin.programmes"
    label = "programmes"
    verbose_name = "Dự án, đề tài khoa học, chiến lược và quy hoạch"
