"""Photos of imported articles into Wagtail's image library, once each.

A photo is read from beside the saved page, or fetched; either way it must be a
whole JPEG, PNG, GIF or WebP image (Pillow parses and verifies it) within
``PORTAL_IMPORT_MAX_IMAGE_BYTES`` and ``PORTAL_IMPORT_MAX_IMAGE_PIXELS``, checked
from its header before anything is decoded (a decompression bomb is a small file).
"""

import hashlib
import io
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from congtin.core.filetypes import image_kind
from congtin.core.vietnamese import format_file_size, slugify
from congtin.portals.sites import short_name

from .body import ImageRef
from .fetch import FetchError, FetchFunction
from .items import ItemError, normalise_url
from .models import MAX_URL_LENGTH, ImportedImage

ALLOWED_KINDS = {"jpeg": "jpg", "png": "png", "gif": "gif", "webp": "webp"}
COLLECTION_NAME = "Ảnh nhập từ cổng cũ"


def import_collection(site: Site) -> Collection:
    """A collection of its own inside the portal's (which create_portal names by
    the portal's short name), so the portal's editors may use the photos."""
    root = Collection.get_first_root_node()
    portal = root.get_children().filter(name=short_name(site)).first() or root
    existing = portal.get_children().filter(name=COLLECTION_NAME).first()
    return existing or portal.add_child(name=COLLECTION_NAME)


class ImageStore:
    def __init__(
        self,
        site: Site,
        fetch: FetchFunction,
        root: Path | None,
        dry_run: bool = False,
    ):
        self.site = site
        self.fetch = fetch
        # Saved pages' photos are read only from inside this folder.
        self.root = root.resolve() if root else None
        self.dry_run = dry_run
        self._collection: Collection | None = None

    def image_for(self, ref: ImageRef, base_dir: Path | None, title: str):
        """The library's image for ``ref`` (None in a dry run, once checked);
        ItemError with the reason when it cannot be had."""
        key, content = self._read(ref, base_dir)
        if key:
            found = ImportedImage.objects.filter(site=self.site, source_url=key).first()
            if found is not None:
                return found.image
        assert content is not None
        kind = check_image(content)
        if self.dry_run:
            return None
        name = posixpath.basename(urlsplit(ref.src).path) or "anh"
        stem = slugify(name.rsplit(".", 1)[0])[:60] or "anh"
        if self._collection is None:
            self._collection = import_collection(self.site)
        image = get_image_model()(
            title=(ref.caption or ref.alt or title)[:255] or stem,
            collection=self._collection,
            file=ImageFile(io.BytesIO(content), name=f"{stem}.{ALLOWED_KINDS[kind]}"),
        )
        image.save()
        ImportedImage.objects.create(site=self.site, source_url=key, image=image)
        return image

    def _read(self, ref: ImageRef, base_dir: Path | None) -> tuple[str, bytes | None]:
        max_bytes = settings.PORTAL_IMPORT_MAX_IMAGE_BYTES
        scheme = urlsplit(ref.src).scheme
        if scheme in ("http", "https"):
            key = normalise_url(ref.src)
            if len(key) > MAX_URL_LENGTH:
                raise ItemError("địa chỉ ảnh dài quá")
            if ImportedImage.objects.filter(site=self.site, source_url=key).exists():
                return key, None
            try:
                return key, self.fetch(ref.src, max_bytes).content
            except FetchError as exc:
                raise ItemError(str(exc)) from exc
        if scheme or base_dir is None or self.root is None:
            raise ItemError(f"ảnh không đọc được: “{ref.src[:200]}”")
        path = (base_dir / unquote(urlsplit(ref.src).path)).resolve()
        if not path.is_relative_to(self.root):
            raise ItemError(f"ảnh nằm ngoài thư mục nhập: “{ref.src[:200]}”")
        try:
            if path.stat().st_size > max_bytes:
                raise ItemError(
                    f"ảnh {ref.src[:200]} lớn quá {format_file_size(max_bytes)}"
                )
            content = path.read_bytes()
        except OSError as exc:
            raise ItemError(f"không đọc được ảnh “{ref.src[:200]}”") from exc
        # Saved pages from different folders may each have an "images/1.jpg": a
        # photo on disk is the same photo only when its bytes are.
        return "sha256:" + hashlib.sha256(content).hexdigest(), content


def check_image(content: bytes) -> str:
    """The image's kind ("jpeg"...), or ItemError: size, pixels, format, whole."""
    from PIL import Image

    if len(content) > settings.PORTAL_IMPORT_MAX_IMAGE_BYTES:
        raise ItemError(
            "ảnh lớn quá " + format_file_size(settings.PORTAL_IMPORT_MAX_IMAGE_BYTES)
        )
    try:
        # Image.open reads the header only: the size is known before any decoding.
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
    except Exception as exc:
        raise ItemError("tệp ảnh hỏng hoặc không phải ảnh") from exc
    if width * height > settings.PORTAL_IMPORT_MAX_IMAGE_PIXELS:
        raise ItemError(f"ảnh {width}×{height} điểm ảnh, quá giới hạn")
    kind = image_kind(io.BytesIO(content))
    if kind not in ALLOWED_KINDS:
        raise ItemError("ảnh không phải JPEG, PNG, GIF hay WebP")
    return kind
