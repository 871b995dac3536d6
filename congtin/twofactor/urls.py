from django.urls import path

from congtin.core import params  # noqa: F401  (registers the <id:...> converter)

from . import views

app_name = "twofactor"
urlpatterns = [
    path("", views.verify, name="verify"),
    path("dang-ky/", views.enrol, name="enrol"),
    path("ma-du-phong/", views.codes, name="codes"),
    path("ma-du-phong/tao-moi/", views.new_codes, name="new_codes"),
    path("tai-khoan/", views.account, name="account"),
    path("tat/", views.turn_off, name="turn_off"),
    path("dat-lai/<id:user_id>/", views.reset, name="reset"),
]
