"""Make one archive of the installation (``manage.py backup``)."""

from __future__ import annotations

import tempfile
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import timezone

from . import database, files
from .archive import FORMAT, FORMAT_VERSION, BackupError, Writer


def backup_dir() -> Path:
    return Path(
        getattr(settings, "BACKUP_DIR", None) or Path(settings.BASE_DIR) / "backups"
    )


def default_path() -> Path:
    """A dated name in ``BACKUP_DIR``: congtin-2026-12-07-023000.tar.gz, local time."""
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M%S")
    return backup_dir() / f"congtin-{stamp}.tar.gz"


def project_version() -> str:
    try:
        return metadata.version("congtin")
    except metadata.PackageNotFoundError:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
            return tomllib.load(handle)["project"]["version"]


def make_backup(path: Path, alias: str = "default") -> dict[str, Any]:
    """Write the archive to ``path``; its manifest."""
    connection = connections[alias]
    vendor = database.check_vendor(connection)
    roots = files.roots()
    for root in roots.values():
        # The archive would take itself in.
        if path.parent.resolve().is_relative_to(root):
            raise BackupError(
                f"Không ghi tệp sao lưu vào trong {root}.",
                f"The archive must not be written inside {root}.",
            )
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    created = timezone.now()
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created": created.isoformat(),
        "created_timestamp": int(created.timestamp()),
        "project_version": project_version(),
        "database": {"vendor": vendor, "member": database.member_name(vendor)},
        "migrations": database.applied_migrations(connection),
        "media_included": files.media_on_disk(),
    }
    writer = Writer(path)
    try:
        # The dump waits beside the archive (same disk, sized for backups), not in
        # /tmp, which may be a small tmpfs.
        with tempfile.TemporaryDirectory(dir=path.parent) as work:
            dump = Path(work) / "database"
            database.dump(connection, dump)
            writer.add_file(manifest["database"]["member"], dump)
        for top, root in roots.items():
            for relative, source in files.walk(root):
                try:
                    writer.add_file(f"{top}/{relative}", source)
                except FileNotFoundError:
                    # Deleted since the directory was listed (a rendition, a
                    # replaced file): no longer part of the installation.
                    continue
        return writer.finish(manifest)
    except BaseException:
        writer.abandon()
        raise
