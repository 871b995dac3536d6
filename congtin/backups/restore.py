"""Bring an archive back into an empty installation (``manage.py restore``)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.cache import caches
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from congtin.pagecache.purge import public_content_changed

from . import archive, database, files
from .archive import BackupError


@dataclass
class Restored:
    manifest: dict[str, Any]
    files: int = 0
    # Migrations of this version the archive's database had not run yet.
    pending_migrations: list[str] = field(default_factory=list)


def restore_backup(path: Path, alias: str = "default", force: bool = False):
    """Restore the archive at ``path`` into database ``alias``, ``MEDIA_ROOT`` and
    ``PRIVATE_MEDIA_ROOT``; ``BackupError`` (nothing touched) when the target is
    not empty (unless ``force``) or the archive is refused."""
    connection = connections[alias]
    vendor = database.check_vendor(connection)
    roots = files.roots()
    if not force:
        _check_empty(connection, roots)
    if not path.is_file():
        raise BackupError(
            f"Không có tệp sao lưu {path}.", f"There is no archive at {path}."
        )
    with open(path, "rb") as stream:
        manifest = archive.verify(stream)
        pending = _check_fits(manifest, vendor, roots)
        if connection.in_atomic_block:
            raise BackupError(
                "Không khôi phục trong một giao dịch đang mở.",
                "A restore cannot run inside an open transaction.",
            )
        stream.seek(0)
        restored = Restored(manifest, pending_migrations=pending)
        _copy(stream, manifest, connection, roots, force, restored)
    _empty_caches()
    return restored


def _check_empty(connection, roots: dict[str, Path]) -> None:
    found = database.content_found(connection)
    if found:
        vietnamese = ", ".join(f"{count} {label}" for count, label, _ in found)
        english = ", ".join(f"{count} {label}" for count, _, label in found)
        raise BackupError(
            f"Cơ sở dữ liệu đích đã có dữ liệu ({vietnamese}). Chỉ khôi phục vào "
            f"một cài đặt trống; dùng --force nếu chắc chắn muốn thay toàn bộ.",
            f"The target database already has content ({english}). A restore goes "
            f"into an empty installation only; --force replaces everything.",
        )
    for root in roots.values():
        if not files.is_empty(root):
            raise BackupError(
                f"Thư mục đích {root} đã có tệp. Chỉ khôi phục vào thư mục trống; "
                f"dùng --force để ghi đè các tệp trùng tên.",
                f"The target directory {root} already has files. A restore goes "
                f"into empty directories only; --force overwrites files of the "
                f"same name.",
            )


def _check_fits(manifest, vendor: str, roots: dict[str, Path]) -> list[str]:
    """Refuse an archive this installation cannot take; the migrations still to run
    after it."""
    made_on = manifest["database"]["vendor"]
    if made_on != vendor:
        raise BackupError(
            f"Tệp sao lưu lấy từ cơ sở dữ liệu {made_on}, còn cơ sở dữ liệu đích là "
            f"{vendor}. Chỉ khôi phục được trên cùng loại cơ sở dữ liệu.",
            f"The archive was made on {made_on}, the target database is {vendor}. "
            f"An archive is restored on the database vendor that made it.",
        )
    members = manifest["members"]
    expected = database.member_name(vendor)
    if manifest["database"]["member"] != expected or expected not in members:
        raise archive.ArchiveError(
            "Tệp sao lưu không có bản sao cơ sở dữ liệu.",
            "The archive holds no database dump.",
        )
    for name in members:
        top = name.split("/", 1)[0]
        if name != expected and top not in roots:
            raise BackupError(
                f"Tệp sao lưu có {top}/ mà cài đặt này không lưu trên đĩa "
                f"(MEDIA_STORAGE): chép chúng vào kho lưu trữ trước.",
                f"The archive holds {top}/, which this installation does not keep "
                f"on disk (MEDIA_STORAGE): copy them to the object storage first.",
            )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    applied = {
        (app_label, name)
        for app_label, names in manifest["migrations"].items()
        for name in names
    }
    unknown = sorted(applied - known)
    if unknown:
        names = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(
            f"Tệp sao lưu đến từ phiên bản mới hơn "
            f"({manifest.get('project_version')}: {names}). Cài đúng phiên bản "
            f"đó rồi khôi phục.",
            f"The archive comes from a newer version "
            f"({manifest.get('project_version')}: {names}). Install that version, "
            f"then restore.",
        )
    return [f"{app}.{name}" for app, name in sorted(known - applied)]


def _copy(stream, manifest, connection, roots, force: bool, restored: Restored):
    members = manifest["members"]
    database_member = manifest["database"]["member"]
    with tempfile.TemporaryDirectory(prefix="congtin-restore-") as work:
        for name, source in archive.read_members(stream):
            if name not in members:
                raise archive.ArchiveError(
                    "Tệp sao lưu đã thay đổi trong lúc khôi phục.",
                    "The archive changed during the restore.",
                )
            if name == database_member:
                dump = Path(work) / "database"
                with open(dump, "wb") as handle:
                    archive.copy_checked(source, handle, members[name])
                database.load(connection, dump)
                dump.unlink()
                continue
            top, relative = name.split("/", 1)
            files.write(roots[top], relative, source, members[name], force)
            restored.files += 1


def _empty_caches() -> None:
    """Nothing cached before the restore may be served after it: every cache is
    emptied (cached pages, kept page parts, renditions, site lookups) and the page
    cache's version moves on, so an app server process that kept pages in its own
    memory drops them too, and edge caches are told."""
    for cache in caches.all():
        cache.clear()
    public_content_changed()
