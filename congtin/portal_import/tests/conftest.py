import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from congtin.portal_import.fetch import Fetched, FetchError

FILES = Path(__file__).resolve().parent / "files"


def png(color=(30, 90, 150), size=(12, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


class FakeWeb:
    """The old portal's addresses, answered from memory: no test touches the
    network."""

    def __init__(self):
        self.pages: dict[str, bytes] = {}
        self.asked: list[str] = []

    def get(self, url: str, max_bytes: int) -> Fetched:
        self.asked.append(url)
        if url not in self.pages:
            raise FetchError(f"máy chủ trả lời 404 cho {url}")
        content = self.pages[url]
        if len(content) > max_bytes:
            raise FetchError(f"{url} lớn quá giới hạn")
        return Fetched(url, content, "")


@pytest.fixture
def web(monkeypatch):
    fake = FakeWeb()
    monkeypatch.setattr(
        "congtin.portal_import.management.commands.import_portal.make_fetcher",
        lambda: fake.get,
    )
    return fake


@pytest.fixture
def run_import():
    """Run the command; its report, and whether it failed (the message)."""

    def run(*args, **options):
        out = io.StringIO()
        try:
            call_command("import_portal", *args, stdout=out, **options)
        except CommandError as exc:
            return out.getvalue(), str(exc)
        return out.getvalue(), None

    return run
