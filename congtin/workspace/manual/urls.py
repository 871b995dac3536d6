from django.urls import path

from . import views

app_name = "workspace_manual"

urlpatterns = [
    path("", views.ContentsView.as_view(), name="contents"),
    path("in/", views.PrintView.as_view(), name="print"),
    path("huong-dan-su-dung.pdf", views.pdf, name="pdf"),
    path("<slug:slug>/", views.ChapterView.as_view(), name="chapter"),
]
