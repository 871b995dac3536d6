"""The backup archive: one gzip-compressed tar file.

Members, in this order: the database dump under ``database/``, the media files
under ``media/``, the private files under ``private/``, and last ``manifest.json``,
which gives every other member's size and sha256 (it is written last so that each
file is read once, hashed while it is copied in). Only regular files are written.

Reading trusts nothing in the file: a restore may be handed a crafted archive.
``verify`` reads the whole archive once and refuses it (``ArchiveError``) unless
every member is a regular file under a known top directory with a plain relative
name, appears once, and has the size and checksum the manifest gives; only then
does ``read_members`` go through it again for the restore, which checks each
checksum a second time as it writes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tarfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any, BinaryIO

FORMAT = "congtin-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_DIR = "database"
FILE_DIRS = ("media", "private")
CHUNK_SIZE = 1024 * 1024
# The manifest is read into memory: about 150 bytes a file, so this is millions of
# files, and a hostile archive cannot make a restore read gigabytes.
MAX_MANIFEST_BYTES = 256 * 1024 * 1024


class BackupError(Exception):
    """A backup or restore cannot go on; ``str()`` is the reason in Vietnamese,
    then in English (the operator's language, then the logs')."""

    def __init__(self, vietnamese: str, english: str):
        super().__init__(f"{vietnamese}\n{english}")


class ArchiveError(BackupError):
    """The archive is refused."""


class HashingReader:
    """Hands on what it reads from ``raw`` and counts and hashes it."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data

    def hexdigest(self) -> str:
        return self.sha256.hexdigest()


def check_name(name: str) -> PurePosixPath:
    """``name`` as a path relative to the archive's top, or ``ArchiveError``.

    Refused: absolute paths, ``..``, ``.`` and empty parts, backslashes and control
    characters, and anything outside the known top directories."""
    refuse = ArchiveError(
        f"Tệp sao lưu có thành phần với đường dẫn không an toàn: {name!r}.",
        f"The archive has a member with an unsafe path: {name!r}.",
    )
    if not name or name.startswith("/") or "\\" in name:
        raise refuse
    if any(ord(char) < 32 or ord(char) == 127 for char in name):
        raise refuse
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise refuse
    path = PurePosixPath(name)
    if name == MANIFEST:
        return path
    if len(parts) < 2 or parts[0] not in (DATABASE_DIR, *FILE_DIRS):
        raise refuse
    if parts[0] == DATABASE_DIR and len(parts) != 2:
        raise refuse
    return path


def _check_member(info: tarfile.TarInfo) -> None:
    check_name(info.name)
    if not info.isreg():
        raise ArchiveError(
            f"Tệp sao lưu có thành phần không phải tệp thường (liên kết, thư mục "
            f"hoặc thiết bị): {info.name!r}.",
            f"The archive has a member that is not a regular file (a link, "
            f"directory or device): {info.name!r}.",
        )


def _open_for_reading(stream: BinaryIO) -> tarfile.TarFile:
    # Stream mode: members one after the other, none kept in memory.
    try:
        return tarfile.open(fileobj=stream, mode="r|*")
    except tarfile.TarError as error:
        raise ArchiveError(
            f"Không đọc được tệp sao lưu: {error}.",
            f"The archive cannot be read: {error}.",
        ) from error


class Writer:
    """Writes an archive to ``path`` (through ``path.part``, renamed at the end, so
    a half-written archive never has the final name). Mode 0600."""

    def __init__(self, path: Path):
        self.path = path
        self.partial = path.with_name(path.name + ".part")
        descriptor = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        self.file = os.fdopen(descriptor, "wb")
        self.tar = tarfile.open(fileobj=self.file, mode="w:gz", compresslevel=6)
        self.members: dict[str, dict[str, Any]] = {}

    def add_file(self, name: str, source: Path) -> None:
        check_name(name)
        if name in self.members or name == MANIFEST:
            raise ValueError(f"{name} is already in the archive")
        with open(source, "rb") as handle:
            info = tarfile.TarInfo(name)
            stat = os.fstat(handle.fileno())
            info.size = stat.st_size
            info.mtime = int(stat.st_mtime)
            info.mode = 0o600
            reader = HashingReader(handle)
            self.tar.addfile(info, reader)
        self.members[name] = {"size": reader.size, "sha256": reader.hexdigest()}

    def finish(self, manifest: dict[str, Any]) -> dict[str, Any]:
        """Write the manifest (``manifest`` plus the members), close, rename."""
        manifest = {**manifest, "members": self.members}
        data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True)
        encoded = data.encode("utf-8")
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(encoded)
        info.mtime = int(manifest.get("created_timestamp", 0))
        info.mode = 0o600
        self.tar.addfile(info, _BytesReader(encoded))
        self.tar.close()
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.partial, self.path)
        return manifest

    def abandon(self) -> None:
        """After a failure: close and remove the partial file."""
        try:
            self.tar.close()
        except Exception:  # noqa: BLE001 - the first error is the one reported
            pass
        self.file.close()
        self.partial.unlink(missing_ok=True)


class _BytesReader:
    def __init__(self, data: bytes):
        self.data = memoryview(data)
        self.offset = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.offset + size
        chunk = bytes(self.data[self.offset : end])
        self.offset += len(chunk)
        return chunk


def verify(stream: BinaryIO) -> dict[str, Any]:
    """Read the whole archive; its manifest when every member is as it says,
    otherwise ``ArchiveError``. ``stream`` is left at its end."""
    found: dict[str, tuple[int, str]] = {}
    manifest_data: bytes | None = None
    with _open_for_reading(stream) as tar:
        try:
            for info in tar:
                _check_member(info)
                if info.name in found or (
                    info.name == MANIFEST and manifest_data is not None
                ):
                    raise ArchiveError(
                        f"Tệp sao lưu có hai thành phần cùng tên {info.name!r}.",
                        f"The archive has two members named {info.name!r}.",
                    )
                if manifest_data is not None:
                    raise ArchiveError(
                        "Tệp sao lưu có thành phần sau manifest.json.",
                        "The archive has members after manifest.json.",
                    )
                source = tar.extractfile(info)
                assert source is not None  # a regular file
                if info.name == MANIFEST:
                    if info.size > MAX_MANIFEST_BYTES:
                        raise ArchiveError(
                            "manifest.json của tệp sao lưu lớn bất thường.",
                            "The archive's manifest.json is unreasonably large.",
                        )
                    manifest_data = source.read()
                    continue
                found[info.name] = _digest(source)
        except tarfile.TarError as error:
            raise ArchiveError(
                f"Tệp sao lưu bị hỏng hoặc không trọn vẹn: {error}.",
                f"The archive is damaged or truncated: {error}.",
            ) from error
    if manifest_data is None:
        raise ArchiveError(
            "Tệp sao lưu không có manifest.json.",
            "The archive has no manifest.json.",
        )
    manifest = parse_manifest(manifest_data)
    _compare(found, manifest["members"])
    return manifest


def _digest(source: IO[bytes]) -> tuple[int, str]:
    sha256 = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK_SIZE):
        sha256.update(chunk)
        size += len(chunk)
    return size, sha256.hexdigest()


def parse_manifest(data: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ArchiveError(
            "manifest.json của tệp sao lưu không đọc được.",
            "The archive's manifest.json cannot be read.",
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(
            "Đây không phải tệp sao lưu của congtin.",
            "This is not a congtin backup archive.",
        )
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ArchiveError(
            f"Tệp sao lưu theo định dạng phiên bản "
            f"{manifest.get('format_version')!r}, phiên bản này chỉ đọc "
            f"{FORMAT_VERSION}.",
            f"The archive's format version is {manifest.get('format_version')!r}; "
            f"this version reads {FORMAT_VERSION} only.",
        )
    members = manifest.get("members")
    database = manifest.get("database")
    if (
        not isinstance(members, dict)
        or not all(
            isinstance(entry, dict)
            and isinstance(entry.get("size"), int)
            and isinstance(entry.get("sha256"), str)
            for entry in members.values()
        )
        or not isinstance(database, dict)
        or not isinstance(database.get("vendor"), str)
        or not isinstance(database.get("member"), str)
        or not isinstance(manifest.get("migrations"), dict)
    ):
        raise ArchiveError(
            "manifest.json của tệp sao lưu thiếu thông tin.",
            "The archive's manifest.json is incomplete.",
        )
    for name in members:
        check_name(name)
    return manifest


def _compare(found: dict[str, tuple[int, str]], listed: dict[str, Any]) -> None:
    missing = sorted(set(listed) - set(found))
    unlisted = sorted(set(found) - set(listed))
    if missing or unlisted:
        raise ArchiveError(
            f"Tệp sao lưu không khớp manifest: thiếu {missing[:5]}, "
            f"thừa {unlisted[:5]}.",
            f"The archive does not match its manifest: missing {missing[:5]}, "
            f"not listed {unlisted[:5]}.",
        )
    for name, (size, sha256) in found.items():
        if listed[name]["size"] != size or listed[name]["sha256"] != sha256:
            raise ArchiveError(
                f"Sai mã kiểm tra (sha256) của {name!r}: tệp sao lưu đã bị sửa "
                f"hoặc hỏng.",
                f"Checksum (sha256) mismatch for {name!r}: the archive was changed "
                f"or is damaged.",
            )


def read_members(stream: BinaryIO) -> Iterator[tuple[str, IO[bytes]]]:
    """Each member but the manifest, with a stream of its bytes, in archive order.
    Call ``verify`` on the same open file first (this checks names and types
    again, not checksums: the caller does as it copies)."""
    with _open_for_reading(stream) as tar:
        for info in tar:
            _check_member(info)
            if info.name == MANIFEST:
                continue
            source = tar.extractfile(info)
            assert source is not None
            yield info.name, source


def copy_checked(source: IO[bytes], target: IO[bytes], expected: dict[str, Any]):
    """Copy ``source`` to ``target``; ``ArchiveError`` unless the bytes are the
    size and sha256 ``expected`` (a manifest entry)."""
    sha256 = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK_SIZE):
        sha256.update(chunk)
        size += len(chunk)
        target.write(chunk)
    if size != expected["size"] or sha256.hexdigest() != expected["sha256"]:
        raise ArchiveError(
            "Tệp sao lưu đã thay đổi trong lúc khôi phục.",
            "The archive changed during the restore.",
        )
