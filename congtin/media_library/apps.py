from django.apps import AppConfig


class MediaLibraryConfig(AppConfig):
    name = "congtin.media_library"
    label = "media_library"
    verbose_name = "Thư viện ảnh và video"
    default_auto_field = "django.db.models.BigAutoField"
