from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """The admin as the editorial board's workplace: the agency's face on it, the
    day's work on the dashboard, the manual (Hướng dẫn sử dụng)."""

    name = "congtin.workspace"
    label = "workspace"
    verbose_name = "Nơi làm việc của ban biên tập"
