from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "congtin.news"
    label = "news"
    verbose_name = "Tin tức"
