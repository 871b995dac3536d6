"""Many portals and articles fast, for load tests (``manage.py load_bulk_demo``).

Portals are made by ``create_portal``, as an administrator makes them. Articles are
written straight into the tables, many rows per statement (``COPY`` on PostgreSQL,
``executemany`` on SQLite): adding them one by one through the tree costs about
10 ms each. Each is a live ``ArticlePage`` as publishing leaves it, placed in the
tree as treebeard would place it (materialised path, depth, parent's ``numchild``),
without a revision, a log entry or a search entry. :func:`tree_problems` checks
the whole tree afterwards with a few set-based queries.
"""

import random
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from congtin.core.models import AgencySettings
from congtin.core.vietnamese import slugify
from congtin.news.models import ArticlePage, ArticleTag, NewsIndexPage

from .bulk_text import TAGS, ArticleWriter

# Titles run to about 150 characters; their slugs are cut at a word boundary here.
SLUG_LENGTH = 80


@dataclass
class Section:
    """A news section to fill, with the subjects its headlines start with."""

    page: NewsIndexPage
    subjects: Sequence[str]
    count: int = 0
    # Filled by ArticleRows: the newest article written here (title, url_path).
    newest: tuple[str, str] | None = None
    slugs: set[str] = field(default_factory=set)


def spread(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` whole numbers differing by one at most."""
    if parts <= 0:
        return []
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def demo_images() -> tuple[list[int], dict[int, str]]:
    """The demo's landscape photos (ids and captions) articles may reuse."""
    Image = get_image_model()
    found = Image.objects.filter(width__gt=models.F("height")).order_by("pk")
    captions = {
        image.pk: image.title.split("] ", 1)[-1] for image in found.only("pk", "title")
    }
    return list(captions), captions


def ensure_tags() -> list[int]:
    return [Tag.objects.get_or_create(name=name)[0].pk for name in TAGS]


class ArticleRows:
    """Rows of ``wagtailcore_page``, ``news_articlepage`` and ``news_articletag``
    for the articles of some sections, built in Python, written in bulk."""

    def __init__(self, *, seed: int, now: datetime, years: float):
        self.rng = random.Random(seed)
        self.now = now
        self.years = years
        image_ids, captions = demo_images()
        self.writer = ArticleWriter(self.rng, image_ids, captions)
        self.image_ids = image_ids
        self.tag_ids = ensure_tags()
        self.content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
        self._slugs: dict[str, str] = {}  # titles repeat across sections
        self.pages: list[tuple] = []
        self.articles: list[tuple] = []
        self.tags: list[tuple[int, int]] = []
        # Rows written so far per table, and the time spent writing them.
        self.written: dict[str, int] = {}
        self.write_seconds = 0.0
        self.page_columns = _Columns(Page)
        self.article_columns = _Columns(ArticlePage)

    # Rows are written every so many articles, so memory stays flat (about 1 kB of
    # text per article).
    CHUNK = 10_000

    def build_and_write(self, sections: Sequence[Section], ids: Iterator[int]) -> None:
        for section in sections:
            if section.count:
                self._build_section(section, ids)
            if len(self.pages) >= self.CHUNK:
                self.write()
        self.write()

    def _build_section(self, section: Section, ids: Iterator[int]) -> None:
        parent = section.page
        rng = self.rng
        children = Page.objects.child_of(parent)
        section.slugs = set(children.values_list("slug", flat=True))
        last = children.order_by("-path").values_list("path", flat=True).first()
        step = Page._str2int(last[-Page.steplen :]) if last else 0
        span = self.years * 365.25 * 86400
        # Oldest first: treebeard gives later children later paths.
        dates = sorted(
            self.now - timedelta(seconds=rng.random() * span)
            for _ in range(section.count)
        )
        depth = parent.depth + 1
        for when in dates:
            step += 1
            page_id = next(ids)
            subject = section.subjects[int(rng.random() * len(section.subjects))]
            title, predicate = self.writer.headline(subject, when)
            slug = self._unique_slug(section, title)
            url_path = f"{parent.url_path}{slug}/"
            self.pages.append(
                self.page_columns.row(
                    id=page_id,
                    path=Page._get_path(parent.path, depth, step),
                    depth=depth,
                    numchild=0,
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type_id=self.content_type_id,
                    live=True,
                    has_unpublished_changes=False,
                    url_path=url_path,
                    show_in_menus=False,
                    first_published_at=when,
                    last_published_at=when,
                    translation_key=uuid.uuid4(),
                    locale_id=parent.locale_id,
                )
            )
            cover = (
                rng.choice(self.image_ids)
                if self.image_ids and rng.random() < 0.5
                else None
            )
            self.articles.append(
                self.article_columns.row(
                    page_ptr_id=page_id,
                    date=when,
                    lead=self.writer.lead(subject, predicate, when),
                    body=self.writer.body(when),
                    author=self.writer.author(),
                    cover_image_id=cover,
                )
            )
            self.tags.extend((page_id, tag) for tag in self.writer.tags(self.tag_ids))
            section.newest = (title, url_path)

    def _unique_slug(self, section: Section, title: str) -> str:
        base = self._slugs.get(title)
        if base is None:
            base = slugify(title, SLUG_LENGTH + 20)
            if len(base) > SLUG_LENGTH:
                base = base[:SLUG_LENGTH].rsplit("-", 1)[0]
            self._slugs[title] = base
        slug, number = base, 1
        while slug in section.slugs:
            number += 1
            slug = f"{base}-{number}"
        section.slugs.add(slug)
        return slug

    def write(self) -> None:
        """Insert the rows built since the last call."""
        started = time.perf_counter()
        tag_columns = [
            ArticleTag._meta.get_field("content_object").column,
            ArticleTag._meta.get_field("tag").column,
        ]
        for table, columns, rows in (
            (Page._meta.db_table, self.page_columns.names, self.pages),
            (ArticlePage._meta.db_table, self.article_columns.names, self.articles),
            (ArticleTag._meta.db_table, tag_columns, self.tags),
        ):
            _insert(table, columns, rows)
            self.written[table] = self.written.get(table, 0) + len(rows)
            rows.clear()
        self.write_seconds += time.perf_counter() - started


class _Columns:
    """Every column of ``model``'s own table, in order; a column the caller does
    not give gets the field's default, as a model instance would."""

    # Values of these field types need SQLite's own form (a UUID is 32 hex
    # characters, a datetime a string); psycopg takes them as they are, and the
    # StreamField's JSON text goes in as it is everywhere.
    PREPARED = {"DateTimeField", "UUIDField", "DateField"}

    def __init__(self, model):
        # The connection itself, not Django's per-context proxy: row() is called
        # 200,000 times.
        self.connection = connections[DEFAULT_DB_ALIAS]
        fields = model._meta.local_concrete_fields
        self.names = [f.column for f in fields]
        self.plan = []
        for f in fields:
            default = f.get_db_prep_save(f.get_default(), connection)
            prepare = None
            if connection.vendor != "postgresql" and f.get_internal_type() in (
                self.PREPARED
            ):
                prepare = f
            self.plan.append((f, default, prepare))

    def row(self, **values) -> tuple:
        row = []
        for f, default, prepare in self.plan:
            if f.attname in values:
                value = values[f.attname]
                if prepare is not None and value is not None:
                    value = prepare.get_db_prep_value(
                        value, self.connection, prepared=True
                    )
            elif default is None and not f.null:
                raise ValueError(f"{f.model.__name__}.{f.attname} needs a value")
            else:
                value = default
            row.append(value)
        return tuple(row)


def reserve_page_ids(count: int) -> Iterator[int]:
    """``count`` ids for new pages, taken from the table's sequence (PostgreSQL) or
    after the highest id ever given (SQLite's AUTOINCREMENT)."""
    table = Page._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                "FROM generate_series(1, %s)",
                [table, count],
            )
            return iter(sorted(row[0] for row in cursor.fetchall()))
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(highest, row[0] if row else 0) + 1
        return iter(range(start, start + count))


def _insert(table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    if not rows:
        return
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg's own cursor: COPY
            with raw.copy(
                f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})",
                rows,
            )


def clone_portals(template: Site, template_name: str, names) -> list[Site]:
    """Copies of the portal ``template`` (made by ``create_portal``), one per
    (name, hostname) of ``names``: the site, its page tree (home page and
    sections, each with its own row in every table of its page type) and its
    agency settings, with ``template_name`` replaced by the copy's name in every
    text. What ``ensure_portal`` makes, without revisions; the copies have no
    collection, role groups or workflow (``create_portal`` adds them)."""
    home = template.root_page
    root = home.get_parent()
    pages = _Columns(Page)
    key_field = Page._meta.get_field("translation_key")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(connection.ops.quote_name(c) for c in pages.names)} "
            f"FROM {connection.ops.quote_name(Page._meta.db_table)} "
            "WHERE path LIKE %s ORDER BY path",
            [home.path + "%"],
        )
        tree = [dict(zip(pages.names, row, strict=True)) for row in cursor.fetchall()]
    last = Page.objects.child_of(root).order_by("-path").values_list("path", flat=True)
    step = Page._str2int(last[0][-Page.steplen :])
    ids = reserve_page_ids(len(tree) * len(names))
    new_pages, new_ids, sites = [], {}, []
    for number, (name, hostname) in enumerate(names, start=1):
        slug = hostname.split(".")[0]
        home_path = Page._get_path(root.path, root.depth + 1, step + number)
        for old in tree:
            row = {c: _renamed(v, template_name, name) for c, v in old.items()}
            row["id"] = page_id = next(ids)
            new_ids[(old["id"], number)] = page_id
            row["path"] = home_path + old["path"][len(home.path) :]
            row["url_path"] = f"{root.url_path}{slug}/" + old["url_path"].removeprefix(
                home.url_path
            )
            if old["id"] == home.pk:
                row["slug"] = slug
            row["translation_key"] = key_field.get_db_prep_save(
                uuid.uuid4(), connection
            )
            row["live_revision_id"] = row["latest_revision_id"] = None
            new_pages.append(tuple(row[c] for c in pages.names))
        sites.append((name, hostname, new_ids[(home.pk, number)]))
    _insert(Page._meta.db_table, pages.names, new_pages)
    # Each page's own tables (HomePage's, NewsIndexPage's, ...), copied row by row.
    by_type: dict[int, list[int]] = {}
    for old in tree:
        by_type.setdefault(old["content_type_id"], []).append(old["id"])
    for type_id, old_ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            raise LookupError(f"content type {type_id} has no model")
        for table_model in [model, *model._meta.get_parent_list()]:
            if table_model._meta.db_table == Page._meta.db_table:
                continue
            _copy_rows(table_model, old_ids, names, new_ids, template_name)
    Page.objects.filter(pk=root.pk).update(numchild=models.F("numchild") + len(names))
    settings = AgencySettings.objects.filter(site=template).first()
    made = []
    for name, hostname, home_id in sites:
        site = Site.objects.create(
            hostname=hostname,
            port=template.port,
            root_page_id=home_id,
            site_name=_renamed(template.site_name, template_name, name),
        )
        made.append(site)
    if settings is not None:
        copies = []
        for site, (name, _, _) in zip(made, sites, strict=True):
            copy = AgencySettings(site=site)
            for f in AgencySettings._meta.concrete_fields:
                if f.primary_key or f.name == "site":
                    continue
                value = _renamed(getattr(settings, f.attname), template_name, name)
                setattr(copy, f.attname, value)
            copies.append(copy)
        AgencySettings.objects.bulk_create(copies)
    return made


def _renamed(value, old: str, new: str):
    return value.replace(old, new) if isinstance(value, str) else value


def _copy_rows(model, old_ids, names, new_ids, template_name) -> None:
    columns = _Columns(model)
    pk = model._meta.pk.column
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns.names)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quoted} FROM {connection.ops.quote_name(model._meta.db_table)} "
            f"WHERE {connection.ops.quote_name(pk)} IN ({', '.join(['%s'] * len(old_ids))})",
            old_ids,
        )
        rows = [dict(zip(columns.names, row, strict=True)) for row in cursor.fetchall()]
    copies = []
    for number, (name, _) in enumerate(names, start=1):
        for row in rows:
            copy = {c: _renamed(v, template_name, name) for c, v in row.items()}
            copy[pk] = new_ids[(row[pk], number)]
            copies.append(tuple(copy[c] for c in columns.names))
    _insert(model._meta.db_table, columns.names, copies)


def add_children_counts(sections: Sequence[Section]) -> None:
    for section in sections:
        if section.count:
            Page.objects.filter(pk=section.page.pk).update(
                numchild=models.F("numchild") + section.count
            )


def tree_problems() -> dict[str, int]:
    """What treebeard's ``find_problems`` looks for, and what Wagtail relies on,
    counted over the whole page tree with one query each (``find_problems`` makes
    two queries per page). Every count is 0 in a sound tree."""
    table = connection.ops.quote_name(Page._meta.db_table)
    steplen = Page.steplen
    parent_path = f"substr(c.path, 1, length(c.path) - {steplen})"
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    articles = connection.ops.quote_name(ArticlePage._meta.db_table)
    queries = {
        "độ sâu hoặc độ dài path sai": f"""
            SELECT COUNT(*) FROM {table} c
            WHERE c.depth * {steplen} != length(c.path) OR length(c.path) = 0""",
        "trang mất trang cha": f"""
            SELECT COUNT(*) FROM {table} c
            LEFT JOIN {table} p ON p.path = {parent_path}
            WHERE c.depth > 1 AND p.id IS NULL""",
        # Children per parent, counted once; looked up from that side, so both
        # PostgreSQL and SQLite use the path index (joined the other way round,
        # SQLite scans the counts for every page).
        "numchild sai (trang có con)": f"""
            SELECT COUNT(*) FROM (
                SELECT {parent_path} AS parent, COUNT(*) AS n
                FROM {table} c WHERE c.depth > 1 GROUP BY {parent_path}
            ) k
            LEFT JOIN {table} p ON p.path = k.parent
            WHERE p.id IS NULL OR p.numchild != k.n""",
        "numchild sai (trang không con)": f"""
            SELECT COUNT(*) FROM {table} p
            WHERE p.numchild > 0 AND p.path NOT IN (
                SELECT {parent_path} FROM {table} c WHERE c.depth > 1
            )""",
        "url_path sai": f"""
            SELECT COUNT(*) FROM {table} c
            JOIN {table} p ON p.path = {parent_path}
            WHERE c.url_path != p.url_path || c.slug || '/'""",
        "slug trùng giữa các trang cùng cha": f"""
            SELECT COUNT(*) FROM (
                SELECT {parent_path}, c.slug FROM {table} c
                GROUP BY {parent_path}, c.slug HAVING COUNT(*) > 1
            ) d""",
        "bài viết thiếu dòng news_articlepage": f"""
            SELECT COUNT(*) FROM {table} c
            WHERE c.content_type_id = {article_type} AND NOT EXISTS (
                SELECT 1 FROM {articles} a WHERE a.page_ptr_id = c.id
            )""",
    }
    problems = {}
    with connection.cursor() as cursor:
        for name, sql in queries.items():
            cursor.execute(sql)
            problems[name] = cursor.fetchone()[0]
    alphabet = Page.alphabet
    problems["path có ký tự ngoài bảng chữ cái"] = Page.objects.exclude(
        path__regex=f"^[{alphabet}]+$"
    ).count()
    return problems
