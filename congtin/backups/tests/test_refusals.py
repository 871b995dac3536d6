"""What a restore refuses, before it touches the database or a directory."""

import hashlib
import io
import json
import re
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test.utils import override_settings
from wagtail.models import Page

from congtin.backups import files
from congtin.backups.archive import ArchiveError
from congtin.backups.backup import default_path, make_backup
from congtin.conftest import NO_DEMO, committed_demo
from congtin.portals.tests.factories import UserFactory

MEDIA_FILE = "media/original_images/anh.png"


@pytest.fixture
def targets(settings, tmp_path):
    """Fresh, empty media and private directories for the restore."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return tmp_path


@pytest.fixture(scope="module")
def members(django_db_setup, django_db_blocker, tmp_path_factory):
    """The members of a real archive of the migrated database with one media
    file, as (name, bytes) in archive order, manifest last. Made before the first
    test's transaction: a backup reads committed data."""
    work = tmp_path_factory.mktemp("small")
    (work / "media" / "original_images").mkdir(parents=True)
    (work / "media" / "original_images" / "anh.png").write_bytes(b"\x89PNG anh")
    paths = {"MEDIA_ROOT": str(work / "media"), "PRIVATE_MEDIA_ROOT": str(work / "p")}
    with django_db_blocker.unblock(), override_settings(**paths):
        committed_demo(NO_DEMO)
        make_backup(work / "small.tar.gz")
    with tarfile.open(work / "small.tar.gz") as tar:
        return [(info.name, tar.extractfile(info).read()) for info in tar]


def write_archive(path: Path, members, manifest_changes=None, extra=()):
    """An archive of ``members``, plus ``extra`` TarInfo members, with a manifest
    that lists every regular member with its true checksum, then
    ``manifest_changes`` applied."""
    manifest = json.loads(dict(members)["manifest.json"])
    manifest["members"] = {}
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members:
            if name == "manifest.json":
                continue
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            manifest["members"][name] = {
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        for info, data in extra:
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
            if data is not None:
                manifest["members"][info.name] = {
                    "size": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
        manifest.update(manifest_changes or {})
        encoded = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(encoded)
        tar.addfile(info, io.BytesIO(encoded))
    return path


def refused(archive: Path) -> str:
    pages = Page.objects.count()
    with pytest.raises(CommandError) as raised:
        call_command("restore", archive, stdout=io.StringIO())
    assert Page.objects.count() == pages
    return str(raised.value)


def nothing_written(root: Path) -> bool:
    return not any(
        path.is_file()
        for top in ("media", "private")
        for path in (root / top).rglob("*")
    )


def test_an_untouched_archive_passes_the_checks(db, members, targets):
    # The refusals below are for what was changed, not for any archive: this one
    # goes as far as the database, which the test's own transaction keeps back.
    archive = write_archive(targets / "a.tar.gz", members)
    message = refused(archive)
    assert "giao dịch" in message and "transaction" in message


def test_a_changed_byte_is_refused_before_anything_is_written(db, members, targets):
    archive = write_archive(targets / "a.tar.gz", members)
    tampered = [
        (name, data.replace(b"anh", b"abc") if name == MEDIA_FILE else data)
        for name, data in members
    ]
    manifest = json.loads(dict(members)["manifest.json"])
    rebuilt = write_archive(
        targets / "b.tar.gz",
        tampered,
        {"members": manifest["members"]},
    )
    assert archive.read_bytes() != rebuilt.read_bytes()
    message = refused(rebuilt)
    assert "sha256" in message and MEDIA_FILE in message
    assert nothing_written(targets)


def _member(name, kind=tarfile.REGTYPE, linkname=""):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    data = b"x" if kind == tarfile.REGTYPE else None
    if data is not None:
        info.size = len(data)
    return info, data


@pytest.mark.parametrize(
    "member",
    [
        _member("media/../../outside.txt"),
        _member("private/../../../tmp/outside.txt"),
        _member("/tmp/congtin-outside.txt"),
        _member("media/./anh.txt"),
        _member("media\\..\\outside.txt"),
        _member("settings.py"),
        _member("media/link", tarfile.SYMTYPE, "/etc/passwd"),
        _member("media/hard", tarfile.LNKTYPE, "media/original_images/anh.png"),
        _member("media/dir", tarfile.DIRTYPE),
        _member("media/fifo", tarfile.FIFOTYPE),
    ],
    ids=lambda member: member[0].name,
)
def test_unsafe_members_are_refused(db, members, targets, member):
    archive = write_archive(targets / "a.tar.gz", members, extra=[member])
    message = refused(archive)
    assert repr(member[0].name) in message
    assert "không an toàn" in message or "không phải tệp thường" in message
    assert nothing_written(targets)
    assert not Path("/tmp/congtin-outside.txt").exists()
    assert not (targets.parent / "outside.txt").exists()


def test_a_member_missing_from_the_manifest_is_refused(db, members, targets):
    manifest = json.loads(dict(members)["manifest.json"])
    listed = {k: v for k, v in manifest["members"].items() if k != MEDIA_FILE}
    archive = write_archive(targets / "a.tar.gz", members, {"members": listed})
    assert "không khớp manifest" in refused(archive)
    assert nothing_written(targets)


def test_another_vendors_archive_is_refused(db, members, targets):
    manifest = json.loads(dict(members)["manifest.json"])
    other = "postgresql" if manifest["database"]["vendor"] == "sqlite" else "sqlite"
    archive = write_archive(
        targets / "a.tar.gz",
        members,
        {"database": {**manifest["database"], "vendor": other}},
    )
    message = refused(archive)
    assert f"lấy từ cơ sở dữ liệu {other}" in message
    assert f"made on {other}" in message


def test_an_archive_of_a_newer_version_is_refused(db, members, targets):
    manifest = json.loads(dict(members)["manifest.json"])
    migrations = {**manifest["migrations"]}
    migrations["news"] = [*migrations["news"], "9999_later"]
    archive = write_archive(targets / "a.tar.gz", members, {"migrations": migrations})
    assert "news.9999_later" in refused(archive)


def test_a_database_with_content_is_refused(db, members, targets):
    UserFactory()
    archive = write_archive(targets / "a.tar.gz", members)
    message = refused(archive)
    assert "1 người dùng" in message and "--force" in message


def test_a_directory_with_files_is_refused(db, members, targets):
    (targets / "private").mkdir()
    (targets / "private" / "old.pdf").write_bytes(b"%PDF")
    archive = write_archive(targets / "a.tar.gz", members)
    message = refused(archive)
    assert str(targets / "private") in message
    assert not (targets / "media").exists()


def test_an_archive_that_is_not_one_is_refused(db, targets):
    archive = targets / "a.tar.gz"
    archive.write_bytes(b"not an archive")
    assert "Không đọc được" in refused(archive)


def test_the_default_archive_is_dated_in_backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = str(tmp_path / "sao-luu")
    path = default_path()
    assert path.parent == tmp_path / "sao-luu"
    assert re.fullmatch(r"congtin-\d{4}-\d\d-\d\d-\d{6}\.tar\.gz", path.name)


def test_an_archive_inside_the_media_directory_is_refused(db, targets):
    with pytest.raises(CommandError, match="must not be written inside"):
        call_command("backup", output=targets / "media" / "sao-luu" / "a.tar.gz")
    assert not (targets / "media").exists()


@pytest.mark.parametrize("link", ["original_images", "original_images/anh.png"])
def test_no_file_is_written_through_a_link_out_of_the_directory(tmp_path, link):
    # Only with --force may the directories hold anything, links included.
    root, outside = tmp_path / "media", tmp_path / "outside"
    (root / "original_images").mkdir(parents=True)
    outside.mkdir()
    (outside / "anh.png").write_bytes(b"old")
    if link == "original_images":
        (root / link).rmdir()
        (root / link).symlink_to(outside)
    else:
        (root / link).symlink_to(outside / "anh.png")
    data = b"new"
    expected = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    with pytest.raises(ArchiveError):
        files.write(root, "original_images/anh.png", io.BytesIO(data), expected, True)
    assert (outside / "anh.png").read_bytes() == b"old"
