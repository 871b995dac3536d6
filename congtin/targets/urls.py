from django.urls import path, register_converter

from . import api, views

app_name = "targets"


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class CodeConverter:
    # A target's code, at most the 20 characters its field holds; no control
    # characters, which PostgreSQL refuses in a query.
    regex = r"[^/\x00-\x1f\x7f]{1,20}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(YearConverter, "year")
register_converter(CodeConverter, "target_code")

urlpatterns = [
    path("", views.index, name="index"),
    path("api/", api.root, name="api_root"),
    path("api/ke-hoach/", api.plan_list, name="api_plans"),
    path("api/ke-hoach/<id:pk>/", api.plan_detail, name="api_plan"),
    path("api/chi-tieu/<id:pk>/", api.target_detail, name="api_target"),
    path("tong-hop/<year:year>/", views.overview_index, name="overview_index"),
    path("tong-hop/<year:year>/<slug:indicator>/", views.overview, name="overview"),
    path("<slug:unit>/<year:year>/", views.plan_page, name="plan"),
    path(
        "<slug:unit>/<year:year>/xuat/ke-hoach.xlsx",
        views.export,
        {"table": "", "fmt": "xlsx"},
        name="export_xlsx",
    ),
    path(
        "<slug:unit>/<year:year>/xuat/<str:table>.csv",
        views.export,
        {"fmt": "csv"},
        name="export_csv",
    ),
    path(
        "<slug:unit>/<year:year>/<target_code:code>/", views.target_page, name="target"
    ),
]
