"""The generated schema is valid OpenAPI 3.1, and every answer matches it; no
answer carries a person's contact data."""

import json

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from .conftest import OTHER_HOST
from .fixtures_opendata import open_data_fixture  # noqa: F401 - "open_data"
from .more_kinds import add_more_kinds

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _more_kinds(portal):
    from wagtail.models import Site

    other = Site.objects.get(hostname=OTHER_HOST)
    portal.more = add_more_kinds(portal.site, other, document=portal.documents[0])


@pytest.fixture
def schema(get, open_data):
    response = get("/api/v1/schema/")
    assert response.status_code == 200
    return response.json()


def urls(portal, open_data) -> list[str]:
    """Every endpoint of the schema, as a list and as a detail of the fixture."""
    detail_ids = {
        "chuyen-muc": portal.sections[0].pk,
        "bai-viet": portal.articles[0].pk,
        "van-ban": portal.documents[0].pk,
        "lich-cong-tac": portal.entries[0].pk,
        "hoi-dap": portal.answer.pk,
        "du-thao": portal.draft.pk,
        "ke-hoach": portal.plan.pk,
        "thu-tuc-hanh-chinh": portal.more.procedures[0].pk,
        "thong-cao-bao-chi": portal.more.releases[0].pk,
        "album-anh": portal.more.albums[0].pk,
        "video": portal.more.videos[0].pk,
        "ngan-sach": open_data.report.pk,
        "thong-ke": open_data.series.pk,
        "du-an": open_data.project.pk,
        "de-tai": open_data.research.pk,
        "quy-hoach": open_data.plan.pk,
    }
    return [
        *(f"/api/v1/{name}/{pk}/" for name, pk in detail_ids.items()),
        *(f"/api/v1/{name}/" for name in detail_ids),
        f"/api/v1/du-thao/{portal.draft.pk}/gop-y/",
        f"/api/v1/chi-tieu/{portal.target.pk}/",
    ]


def test_schema_is_valid_openapi_31(portal, schema):
    assert schema["openapi"].startswith("3.1")
    validate(schema)
    paths = set(schema["paths"])
    # Every endpoint is tested below: a new one must join ``urls``.
    assert paths == {
        "/api/v1/chuyen-muc/",
        "/api/v1/chuyen-muc/{pk}/",
        "/api/v1/bai-viet/",
        "/api/v1/bai-viet/{pk}/",
        "/api/v1/van-ban/",
        "/api/v1/van-ban/{pk}/",
        "/api/v1/lich-cong-tac/",
        "/api/v1/lich-cong-tac/{pk}/",
        "/api/v1/hoi-dap/",
        "/api/v1/hoi-dap/{pk}/",
        "/api/v1/du-thao/",
        "/api/v1/du-thao/{pk}/",
        "/api/v1/du-thao/{pk}/gop-y/",
        "/api/v1/ke-hoach/",
        "/api/v1/ke-hoach/{pk}/",
        "/api/v1/chi-tieu/{pk}/",
        "/api/v1/thu-tuc-hanh-chinh/",
        "/api/v1/thu-tuc-hanh-chinh/{pk}/",
        "/api/v1/thong-cao-bao-chi/",
        "/api/v1/thong-cao-bao-chi/{pk}/",
        "/api/v1/album-anh/",
        "/api/v1/album-anh/{pk}/",
        "/api/v1/video/",
        "/api/v1/video/{pk}/",
        "/api/v1/ngan-sach/",
        "/api/v1/ngan-sach/{pk}/",
        "/api/v1/thong-ke/",
        "/api/v1/thong-ke/{pk}/",
        "/api/v1/du-an/",
        "/api/v1/du-an/{pk}/",
        "/api/v1/de-tai/",
        "/api/v1/de-tai/{pk}/",
        "/api/v1/quy-hoach/",
        "/api/v1/quy-hoach/{pk}/",
    }


def _validator(schema: dict, path: str, status: int) -> Draft202012Validator:
    answer = schema["paths"][path]["get"]["responses"][str(status)]
    body = answer["content"]["application/json"]["schema"]
    # "#/components/..." references resolve against this document.
    return Draft202012Validator({**body, "components": schema["components"]})


def _template(url: str, portal) -> str:
    parts = url.strip("/").split("/")
    return "/" + "/".join("{pk}" if p.isdigit() else p for p in parts) + "/"


def test_every_answer_matches_the_schema(portal, open_data, schema, get):
    checked = set()
    for url in urls(portal, open_data):
        response = get(url)
        assert response.status_code == 200, url
        path = _template(url, portal)
        _validator(schema, path, 200).validate(response.json())
        checked.add(path)
    assert checked == set(schema["paths"])
    bad = get("/api/v1/bai-viet/?limit=0")
    _validator(schema, "/api/v1/bai-viet/", 400).validate(bad.json())
    missing = get("/api/v1/bai-viet/999999/")
    _validator(schema, "/api/v1/bai-viet/{pk}/", 404).validate(missing.json())


PERSONAL_FIELDS = {
    "name",
    "email",
    "phone",
    "address",
    "contact",
    "tracking_code",
    "ip",
    "ip_address",
    "asker",
    "commenter",
}


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_no_answer_carries_personal_data(portal, open_data, schema, get):
    from .conftest import ASKER, COMMENTER

    secrets = [*ASKER.values(), *COMMENTER.values(), "HDRIENG00001", "127.0.0.1"]
    for url in urls(portal, open_data):
        body = get(url).json()
        assert not _keys(body) & PERSONAL_FIELDS, url
        text = json.dumps(body, ensure_ascii=False)
        for secret in secrets:
            assert secret not in text, (url, secret)
    # Nor could any: no schema declares such a field.
    for name, component in schema["components"]["schemas"].items():
        assert not set(component.get("properties", {})) & PERSONAL_FIELDS, name
