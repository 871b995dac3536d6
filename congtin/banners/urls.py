from django.urls import path

from .clicks import banner_click

urlpatterns = [path("<id:pk>/", banner_click, name="banner_click")]
