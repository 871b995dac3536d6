"""The whole demo, backed up once, restored into a new database and new directories,
and compared row by row and byte by byte with what it came from."""

import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, connections
from django.db.models import FileField
from django.test.utils import override_settings
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Revision

from congtin.backups.database import applied_migrations
from congtin.conftest import FULL_DEMO, committed_demo, require
from congtin.core.public_forms import private_root
from congtin.documents.models import LegalDocumentFile
from congtin.news.models import ArticlePage
from congtin.pagecache import store
from congtin.questions.models import Question
from congtin.targets.models import ReportedFigure
from congtin.test_databases import drop_database

TARGET = "restored"
pytestmark = pytest.mark.django_db(databases=["default", TARGET])


def _new_database(work: Path) -> dict:
    """A database with nothing in it, not even tables, under the alias TARGET."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(work / "restored.sqlite3")
    else:
        require(shutil.which("pg_restore") is not None, "pg_dump and pg_restore")
        settings_dict["NAME"] = f"{connection.settings_dict['NAME']}_restored"
        drop_database(settings_dict["NAME"])
        with connection._nodb_cursor() as cursor:
            cursor.execute(
                f"CREATE DATABASE {connection.ops.quote_name(settings_dict['NAME'])}"
            )
    connections.settings[TARGET] = settings_dict
    return settings_dict


@pytest.fixture(scope="module")
def restored(django_db_setup, django_db_blocker, tmp_path_factory):
    """The committed full demo's archive, restored into the new database TARGET
    and new media and private directories: once for the module, before the first
    test's transaction (a backup reads what is committed). Each test asks for
    ``full_demo`` too, and compares the two."""
    work = tmp_path_factory.mktemp("backup")
    archive = work / "demo.tar.gz"
    copies = {"media": work / "media", "private": work / "private"}
    with django_db_blocker.unblock():
        committed_demo(FULL_DEMO)
        roots = {"media": Path(settings.MEDIA_ROOT), "private": private_root()}
        call_command("backup", output=archive, stdout=io.StringIO())
        target = _new_database(work)
        out = io.StringIO()
        try:
            with override_settings(
                MEDIA_ROOT=str(copies["media"]),
                PRIVATE_MEDIA_ROOT=str(copies["private"]),
            ):
                for cache in caches.all():
                    cache.set("kept-before-restore", 1)
                version = store.current_version()
                call_command("restore", archive, database=TARGET, stdout=out)
                left = [cache.get("kept-before-restore") for cache in caches.all()]
                version_moved = store.current_version() != version
            yield {
                "archive": archive,
                "output": out.getvalue(),
                "roots": roots,
                "restored_roots": copies,
                "left_in_caches": left,
                "version_moved": version_moved,
            }
        finally:
            connections[TARGET].close()
            del connections[TARGET]
            del connections.settings[TARGET]
            if connection.vendor == "postgresql":
                drop_database(target["NAME"])


def _rows(model, alias):
    fields = [field.attname for field in model._meta.concrete_fields]
    return list(model._base_manager.using(alias).order_by("pk").values_list(*fields))


def _compared_models():
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            yield model


def test_every_row_of_every_table_comes_back(restored, full_demo):
    assert "Đã khôi phục" in restored["output"]
    compared = 0
    for model in _compared_models():
        original = _rows(model, "default")
        assert _rows(model, TARGET) == original, model._meta.label
        compared += len(original)
    assert compared > 1000
    # Tables without a model too: the search index's FTS5 tables on SQLite.
    tables = connection.introspection.table_names()
    target = connections[TARGET]
    assert target.introspection.table_names() == tables
    for table in tables:
        query = f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}"
        with connection.cursor() as ours, target.cursor() as theirs:
            ours.execute(query)
            theirs.execute(query)
            assert theirs.fetchone() == ours.fetchone(), table
    assert applied_migrations(target) == applied_migrations(connection)


def _fields(page, alias):
    specific = page.specific_class._base_manager.using(alias).get(pk=page.pk)
    return {
        field.attname: field.value_to_string(specific)
        for field in specific._meta.concrete_fields
    }


def test_every_page_comes_back_with_its_content(restored, full_demo):
    pages = list(Page.objects.order_by("path"))
    assert len(pages) > 50
    for page in pages:
        assert _fields(page, TARGET) == _fields(page, "default"), page.url_path
    article = ArticlePage.objects.using(TARGET).get(pk=full_demo["article"].pk)
    assert article.title == full_demo["seed"].title
    assert list(article.body.raw_data) == list(full_demo["article"].body.raw_data)
    assert article.lead == full_demo["seed"].lead
    paragraphs = [
        block for block in article.body.raw_data if block["type"] == "paragraph"
    ]
    assert len(paragraphs) >= 5
    assert article.live and article.url_path == full_demo["article"].url_path
    tree = Page.objects.using(TARGET).order_by("path")
    assert [(p.path, p.depth, p.numchild) for p in tree] == [
        (p.path, p.depth, p.numchild) for p in pages
    ]


def test_every_revision_comes_back(restored, full_demo):
    fields = ("pk", "base_content_type__model", "object_id", "content", "created_at")
    original = list(Revision.objects.order_by("pk").values_list(*fields))
    assert len(original) > 50
    assert list(Revision.objects.using(TARGET).order_by("pk").values_list(*fields)) == (
        original
    )


def test_questions_and_target_figures_come_back(restored, full_demo):
    question_fields = (
        "tracking_code",
        "title",
        "text",
        "status",
        "answer",
        "answer_page_id",
    )
    questions = list(Question.objects.order_by("pk").values_list(*question_fields))
    assert questions
    assert (
        list(
            Question.objects.using(TARGET).order_by("pk").values_list(*question_fields)
        )
        == questions
    )
    figure_fields = ("target_id", "period", "value", "reported_on", "source")
    figures = list(ReportedFigure.objects.order_by("pk").values_list(*figure_fields))
    assert figures
    assert (
        list(
            ReportedFigure.objects.using(TARGET)
            .order_by("pk")
            .values_list(*figure_fields)
        )
        == figures
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): _digest(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_every_file_comes_back_byte_for_byte(restored, full_demo):
    roots, copies = restored["roots"], restored["restored_roots"]
    with tarfile.open(restored["archive"]) as tar:
        names = {name for name in tar.getnames() if "/" in name}
    # The archive's files, no more (the test media directory is shared: other
    # tests may add files to it later), each with the bytes it had.
    for top in ("media", "private"):
        copy = _tree(copies[top])
        assert {f"{top}/{name}" for name in copy} == {
            name for name in names if name.startswith(f"{top}/")
        }
        for name, digest in copy.items():
            assert _digest(roots[top] / name) == digest, name
    # Each stored file of each model, by the name its row gives.
    checked = {}
    for model in _compared_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, FileField):
                continue
            private = field.storage.__class__.__module__.startswith("congtin")
            top = "private" if private else "media"
            for name in model._base_manager.values_list(field.attname, flat=True):
                if not name:
                    continue
                original, copy = roots[top] / name, copies[top] / name
                assert copy.read_bytes() == original.read_bytes(), name
                checked[model] = checked.get(model, 0) + 1
    for model in (Image, Document, LegalDocumentFile):
        assert checked.get(model), model


def test_the_manifest_lists_every_member_with_its_checksum(restored, full_demo):
    found = {}
    with tarfile.open(restored["archive"]) as tar:
        for info in tar:
            data = tar.extractfile(info).read()
            if info.name == "manifest.json":
                manifest = json.loads(data)
            else:
                found[info.name] = {
                    "size": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
    assert manifest["members"] == found
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["migrations"] == applied_migrations(connection)
    assert manifest["project_version"] == "0.1.0"
    assert manifest["created"].startswith("20")
    assert {name.split("/")[0] for name in found} == {"database", "media", "private"}


def test_nothing_cached_before_the_restore_is_left(restored, full_demo):
    assert restored["left_in_caches"] == [None] * len(restored["left_in_caches"])
    assert len(restored["left_in_caches"]) >= 3
    # App server processes drop the pages they keep in their own memory.
    assert restored["version_moved"]
