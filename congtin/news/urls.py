"""Send an article ("Gửi bài") and save it as a PDF ("Lưu PDF"): news/sharing.py."""

from django.urls import path

from . import sharing

app_name = "news_sharing"

urlpatterns = [
    path("gui-bai/<id:article_id>/", sharing.send, name="send"),
    path("gui-bai/<id:article_id>/da-gui/", sharing.sent, name="sent"),
    path("luu-pdf/<id:article_id>/", sharing.save_pdf, name="pdf"),
]
