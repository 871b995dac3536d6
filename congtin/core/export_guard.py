"""Formula escaping for the admin's CSV exports that the project does not write itself.

The project's own exports go through :mod:`congtin.core.spreadsheets`, which escapes
every text cell. Wagtail's reports (locked pages, aging pages, workflows, site history,
page types usage, ...) write CSV through its ``SpreadsheetExportMixin``, which writes
each cell as typed: a page title ``=HYPERLINK(...)`` written by one editor would run as
a formula on the computer of the chief editor who opens the export. Wagtail offers no
setting for it and the project does not patch Wagtail, so this middleware rewrites any
CSV the admin answers, one row at a time (the export streams), with the same rule as
:func:`congtin.core.spreadsheets.escape_formula`. XLSX exports need nothing: Wagtail
already writes a formula-looking value as a text cell.
"""

from __future__ import annotations

import csv
import io
import re

from django.urls import reverse

from congtin.core.spreadsheets import escape_formula

# Plain numbers (-5, 1.234,5) are data, not formulas: a leading minus stays.
_NUMBER = re.compile(r"-?\d[\d.,]*")


def escape_csv_text(text: str) -> str:
    """``text`` (whole CSV rows) with every formula-looking cell escaped."""
    if not text:
        return text
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(body, newline="")):
        writer.writerow(
            [cell if _NUMBER.fullmatch(cell) else escape_formula(cell) for cell in row]
        )
    return ("\ufeff" if bom else "") + out.getvalue()


def _escape_chunk(chunk, charset: str):
    if isinstance(chunk, bytes | bytearray | memoryview):
        return escape_csv_text(bytes(chunk).decode(charset)).encode(charset)
    return escape_csv_text(str(chunk))


class CsvExportEscapeMiddleware:
    """Escapes formula-looking cells in every CSV answered under the admin."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if not response.get("Content-Type", "").startswith("text/csv"):
            return response
        if self._admin_prefix is None:
            self._admin_prefix = reverse("wagtailadmin_home")
        if not request.path.startswith(self._admin_prefix):
            return response
        charset = response.charset or "utf-8"
        if response.streaming:
            # Wagtail yields one whole row per chunk, so rows are never cut in two.
            chunks = response.streaming_content
            if response.is_async:

                async def escaped():
                    async for chunk in chunks:
                        yield _escape_chunk(chunk, charset)

                response.streaming_content = escaped()
            else:
                response.streaming_content = (_escape_chunk(c, charset) for c in chunks)
        else:
            response.content = _escape_chunk(response.content, charset)
        return response
