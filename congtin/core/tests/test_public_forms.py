"""congtin.core.public_forms: the pieces on their own (a database only for counts)."""

import io

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from congtin.core import public_forms as pf


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "PNG")
    return buffer.getvalue()


def test_clean_text_nfc_controls_newlines():
    assert pf.clean_text("Ho\u0300ng\x00 <b>") == "Hòng <b>"
    assert pf.clean_text("a\r\nb\tc") == "a b c"
    assert pf.clean_text("a\r\nb\rc", multiline=True) == "a\nb\nc"
    assert pf.clean_text(None) == ""


def test_public_char_field_counts_after_cleaning_in_vietnamese():
    field = pf.PublicCharField(max_length=5)
    # Five letters in NFD are ten code points; cleaned they fit.
    assert field.clean("ho\u0300a\u0301") == "hòá"
    with pytest.raises(ValidationError, match="Tối đa 5 ký tự"):
        field.clean("abcdef")
    with pytest.raises(ValidationError, match="Vui lòng điền"):
        field.clean(" \x00 ")


def test_attachments_checked_by_content(settings):
    good_pdf = SimpleUploadedFile("x.bin", b"%PDF-1.7\n...")
    assert pf.check_attachment(good_pdf) == "pdf"
    assert pf.check_attachment(SimpleUploadedFile("x.pdf", png())) == "png"
    for name, content in [
        ("x.pdf", b"<script>alert(1)</script>"),
        ("x.png", b"\x89PNG\r\n\x1a\n broken"),
    ]:
        with pytest.raises(ValidationError, match="không phải PDF"):
            pf.check_attachment(SimpleUploadedFile(name, content))
    settings.PUBLIC_FORMS_MAX_ATTACHMENT_BYTES = 10
    with pytest.raises(ValidationError, match="vượt giới hạn"):
        pf.check_attachment(good_pdf)


def test_private_root_never_inside_public_roots(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    with pytest.raises(ImproperlyConfigured):
        pf.private_storage()
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path.parent / "elsewhere-private")
    storage = pf.private_storage()
    with pytest.raises(ValueError):
        storage.url("x.pdf")


def test_rate_limit_counts_and_message(settings, db):
    # Counted in the database: the default cache is per process (shared_counters).
    settings.PUBLIC_FORMS_IP_LIMIT = 2
    settings.PUBLIC_FORMS_CONTACT_LIMIT = 1
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.1")
    pf.consume(request, "test.scope", contacts=["A@Example.com"])
    with pytest.raises(pf.RateLimited, match="thử lại sau khoảng 60 phút"):
        pf.consume(request, "test.scope", contacts=["a@example.com"])
    # Another scope counts separately.
    pf.consume(request, "other.scope", contacts=["a@example.com"])
    assert pf.normalize_contact("+84 912 345 678") == "0912345678"


def test_honeypot_mixin():
    class Form(pf.HoneypotMixin, forms.Form):
        name = pf.PublicCharField()

    assert not Form({"name": "An", "website": ""}).honeypot_tripped
    assert Form({"name": "An", "website": "x"}).honeypot_tripped
    assert not Form().honeypot_tripped
