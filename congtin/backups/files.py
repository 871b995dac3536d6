"""The files a backup holds: media (``MEDIA_ROOT``: images, their renditions,
Wagtail documents) and private files (``PRIVATE_MEDIA_ROOT``: citizens'
attachments, legal documents' files), each under its own top directory in the
archive."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

from congtin.core.public_forms import private_root

from .archive import ArchiveError, copy_checked


def roots() -> dict[str, Path]:
    """The directories to back up, by their top directory in the archive. Media
    on object storage (``MEDIA_STORAGE=s3``) is left out: the bucket keeps its
    own versions (docs/deployment.md)."""
    found = {}
    if media_on_disk():
        found["media"] = Path(settings.MEDIA_ROOT).resolve()
    found["private"] = private_root()
    return found


def media_on_disk() -> bool:
    return isinstance(storages["default"], FileSystemStorage)


def walk(root: Path) -> Iterator[tuple[str, Path]]:
    """Every regular file under ``root`` as (relative POSIX name, path), sorted.
    Symbolic links are not followed (one could point anywhere on the machine)."""
    if not root.is_dir():
        return
    for directory, subdirectories, names in os.walk(root):
        subdirectories.sort()
        for name in sorted(names):
            path = Path(directory) / name
            if path.is_symlink() or not path.is_file():
                continue
            yield path.relative_to(root).as_posix(), path


def is_empty(root: Path) -> bool:
    """True when ``root`` has no file (empty directories do not count)."""
    return next(walk(root), None) is None


def write(
    root: Path,
    relative: str,
    source: IO[bytes],
    expected: dict[str, Any],
    overwrite: bool,
) -> None:
    """Copy ``source`` to ``root/relative``, checking the bytes against
    ``expected`` (the manifest's entry); a file already there is an error unless
    ``overwrite``. The name has been checked (``archive.check_name``), and the
    path is checked again once its directories exist: a symbolic link among them
    must not lead out of ``root``."""
    root = root.resolve()
    target = root.joinpath(*PurePosixPath(relative).parts)
    root.mkdir(parents=True, exist_ok=True)
    existing = target.parent
    while not existing.exists():
        existing = existing.parent
    inside = existing.resolve().is_relative_to(root)
    if inside:
        target.parent.mkdir(parents=True, exist_ok=True)
        inside = target.parent.resolve().is_relative_to(root)
    if not inside or target.is_symlink():
        raise ArchiveError(
            f"Không ghi {relative!r}: đường dẫn ra ngoài {root}.",
            f"{relative!r} not written: its path leads out of {root}.",
        )
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if overwrite else os.O_EXCL)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(target, flags, 0o640)
    except FileExistsError as error:
        raise ArchiveError(
            f"Tệp {target} đã có; dùng --force để ghi đè.",
            f"{target} already exists; use --force to overwrite.",
        ) from error
    try:
        with os.fdopen(descriptor, "wb") as handle:
            copy_checked(source, handle, expected)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
