"""Placing what was read into a portal: one article per old address, ever.

Each item is saved in a transaction of its own, so an item that fails leaves
nothing behind and the others go on. An article goes into the section whose title
matches the old section's, below the chosen one, or else into the chosen section;
its photos into the image library; a redirect from the old path to it; a row in
``ImportedArticle`` so no later run brings it in again.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from congtin.core.vietnamese import fold
from congtin.news.models import ArticlePage, NewsIndexPage

from .body import ImageRef
from .fetch import FetchFunction
from .images import ImageStore
from .items import ItemError, SourceItem
from .models import MAX_URL_LENGTH, ImportedArticle

CREATED, WOULD_CREATE, SKIPPED, FAILED = "created", "would_create", "skipped", "failed"
MAX_REDIRECT_PATH = 255  # Redirect.old_path


@dataclass
class Outcome:
    label: str
    status: str
    title: str = ""
    reason: str = ""
    section: str = ""
    page_id: int | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    stopped_at: int | None = None  # the item limit, when more items were there

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def nothing_read(self) -> bool:
        return all(o.status == FAILED for o in self.outcomes)


class Importer:
    def __init__(
        self,
        site: Site,
        section: NewsIndexPage,
        *,
        source: str,
        fetch: FetchFunction,
        image_root: Path | None = None,
        publish: bool = False,
        dry_run: bool = False,
        redirects: bool = True,
        max_items: int = 5000,
    ):
        self.site = site
        self.section = section
        self.source = source
        self.publish = publish
        self.dry_run = dry_run
        self.redirects = redirects
        self.max_items = max_items
        self.images = ImageStore(site, fetch, image_root, dry_run=dry_run)
        self._sections: dict[str, NewsIndexPage] | None = None
        self._seen: set[str] = set()

    def run(self, items: Iterable[SourceItem]) -> Report:
        report = Report()
        for number, item in enumerate(items, start=1):
            if number > self.max_items:
                report.stopped_at = self.max_items
                break
            report.outcomes.append(self.import_item(item))
        return report

    def import_item(self, item: SourceItem) -> Outcome:
        outcome = Outcome(label=item.label or item.original_url, status=FAILED)
        outcome.title = item.title
        if item.error:
            outcome.reason = item.error
            return outcome
        if len(item.original_url) > MAX_URL_LENGTH:
            outcome.reason = "địa chỉ cũ dài quá 1.000 ký tự"
            return outcome
        done = ImportedArticle.objects.filter(
            site=self.site, original_url=item.original_url
        ).first()
        if done is not None or item.original_url in self._seen:
            outcome.status = SKIPPED
            outcome.page_id = done.page_id if done else None
            outcome.reason = (
                "đã nhập trước đây"
                if done is None or done.page_id
                else "đã nhập trước đây, bài đã bị xóa"
            )
            return outcome
        self._seen.add(item.original_url)
        section = self.section_for(item.section)
        outcome.section = section.title
        try:
            with transaction.atomic():
                page = self._save(item, section, outcome)
        except ItemError as exc:
            outcome.reason = str(exc)
            return outcome
        except ValidationError as exc:
            outcome.reason = "; ".join(exc.messages)
            return outcome
        outcome.status = WOULD_CREATE if self.dry_run else CREATED
        outcome.page_id = page.pk if page else None
        return outcome

    def section_for(self, name: str) -> NewsIndexPage:
        """The section under the chosen one (or itself) whose title is the old
        section's name, letter case and marks aside; else the chosen one."""
        if self._sections is None:
            self._sections = {
                fold(s.title): s
                for s in NewsIndexPage.objects.descendant_of(
                    self.section, inclusive=True
                ).order_by("-depth")
            }
        return self._sections.get(fold(name), self.section) if name else self.section

    def _save(self, item: SourceItem, section: NewsIndexPage, outcome: Outcome):
        body: list[tuple[str, Any]] = []
        for kind, value in item.blocks:
            if isinstance(value, ImageRef):
                try:
                    image = self.images.image_for(value, item.base_dir, item.title)
                except ItemError as exc:
                    # An article whose photo is gone is still worth having; the
                    # report names the photo for an editor to look at.
                    outcome.warnings.append(f"bỏ ảnh: {exc}")
                    continue
                body.append(
                    (
                        "image",
                        {
                            "image": image,
                            "caption": value.caption,
                            # Empty: the block falls back to the caption.
                            "alt_text": "" if value.alt == value.caption else value.alt,
                        },
                    )
                )
            else:
                body.append((kind, value))
        if not any(kind == "paragraph" for kind, _ in body) and not any(
            kind == "image" for kind, _ in body
        ):
            raise ItemError("nội dung trống")
        if self.dry_run:
            return None
        cover = next((v["image"] for k, v in body if k == "image"), None)
        page = ArticlePage(
            title=item.title,
            date=item.date,
            lead=item.lead,
            author=item.author,
            body=body,
            cover_image=cover,
            live=False,
            has_unpublished_changes=True,
            # Kept through the publish below (Wagtail sets it only when empty), and
            # through an editor's later publish of a draft.
            first_published_at=item.date,
        )
        for tag in item.tags:
            page.tags.add(tag)
        section.add_child(instance=page)
        revision = page.save_revision()
        if self.publish:
            revision.publish()
            page.refresh_from_db()
        ImportedArticle.objects.create(
            site=self.site,
            original_url=item.original_url,
            page=page,
            source=self.source,
        )
        if self.redirects:
            warning = self._redirect(item.original_url, page)
            if warning:
                outcome.warnings.append(warning)
        return page

    def _redirect(self, original_url: str, page: ArticlePage) -> str:
        old_path = Redirect.normalise_path(original_url)
        if old_path == "/":
            return "không tạo chuyển hướng cho trang chủ cũ"
        if len(old_path) > MAX_REDIRECT_PATH:
            return "không tạo chuyển hướng: đường dẫn cũ dài quá 255 ký tự"
        new_path = Redirect.normalise_path(page.get_url_parts()[2] or "")
        if old_path == new_path:
            return ""
        existing = Redirect.objects.filter(site=self.site, old_path=old_path).first()
        if existing is not None:
            return f"đã có chuyển hướng từ {old_path}, giữ nguyên"
        Redirect.objects.create(
            site=self.site, old_path=old_path, redirect_page=page, is_permanent=True
        )
        return ""
