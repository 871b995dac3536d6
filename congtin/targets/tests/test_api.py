"""The read-only JSON API."""

import pytest

pytestmark = pytest.mark.django_db


def test_plans_targets_and_figures(client, plans):
    listing = client.get("/chi-tieu/api/ke-hoach/", {"nam": "2022"}).json()
    assert [p["year"] for p in listing["results"]] == [2022]
    assert listing["results"][0]["theme"] == (
        "Đẩy mạnh quản lý đất đai, đô thị - Giải phóng mặt bằng"
    )
    detail = client.get(listing["results"][0]["api_url"]).json()
    assert detail["declared_target_count"] == 18
    assert detail["summary"]["unpublished_target_count"] == 6
    assert len(detail["targets"]) == 12
    revenue = detail["targets"][5]
    assert revenue["value"] == {"value": "1057.091", "text": "1.057,091"}
    assert revenue["direction"] == "at-least" and revenue["unit"] == "tỷ đồng"
    assert revenue["status"]["code"] == "on-track"
    target = client.get(revenue["api_url"]).json()
    assert [f["period"] for f in target["figures"]] == ["6T", "9T"]
    assert target["figures"][1]["value"]["text"] == "812,4"
    assert target["figures"][1]["is_illustrative"] is True
    assert target["plan"]["year"] == 2022

    old = client.get("/chi-tieu/api/ke-hoach/", {"nam": "2021"}).json()["results"][0]
    summary = client.get(old["api_url"]).json()["summary"]
    assert summary["text"] == "Đạt 16/17 chỉ tiêu chủ yếu"


def test_api_errors_are_json_in_vietnamese(client, plans):
    response = client.get("/chi-tieu/api/ke-hoach/", {"nam": "hai nghìn"})
    assert response.status_code == 400
    assert response.json()["error"].startswith("Năm “hai nghìn” không hợp lệ")
    assert client.get("/chi-tieu/api/ke-hoach/999999/").status_code == 404
    assert client.get("/chi-tieu/api/chi-tieu/999999/").json() == {
        "error": "Không có chỉ tiêu này."
    }
    assert client.post("/chi-tieu/api/ke-hoach/").status_code == 405
