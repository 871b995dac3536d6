"""Keep the Vietnamese catalogue of the packages the admin is made of.

Wagtail's own Vietnamese catalogue covers a small part of its admin. The project
keeps a full one under ``locale/upstream/``, laid out as the package's own tree
(``locale/upstream/wagtail/admin/vi/LC_MESSAGES/django.po`` is what Wagtail ships
as ``wagtail/admin/locale/vi/LC_MESSAGES/django.po``), so that each file can be
offered back to its package as it is.

    python scripts/upstream_catalogue.py update   # follow the installed packages
    python scripts/upstream_catalogue.py stats    # how much is translated

``update`` merges each file with the package's English catalogue (its list of
messages) with GNU gettext's ``msgmerge``: new messages arrive untranslated,
messages the package dropped go, translations are kept. A file that does not
exist yet starts from the package's own Vietnamese translations, if any.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM = ROOT / "locale" / "upstream"
LANGUAGE = "vi"
# The packages whose words an editor reads in the admin, and in each the parts that
# show them (None: every part). Django's own catalogue lags behind its messages
# ("%(num)d minutes" in "10 phút trước" has no Vietnamese in Django 5.2).
PACKAGES: dict[str, tuple[str, ...] | None] = {
    "wagtail": None,
    "taggit": None,
    "django": (
        "conf",
        "contrib/admin",
        "contrib/auth",
        "contrib/contenttypes",
        "contrib/humanize",
    ),
}

HEADER = """\
# Vietnamese translation of {package} ({path}).
# Kept by congtin; offered to {package} under its licence.
msgid ""
msgstr ""
"Project-Id-Version: {package}\\n"
"Report-Msgid-Bugs-To: \\n"
"PO-Revision-Date: 2026-12-07 09:00+0700\\n"
"Last-Translator: congtin <congtin@localhost>\\n"
"Language-Team: Vietnamese\\n"
"Language: vi\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"""


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{name} is not installed")
    return Path(spec.origin).parent


def templates() -> list[tuple[Path, Path]]:
    """(English catalogue in the package, our Vietnamese file) for every domain."""
    pairs = []
    for package, parts in PACKAGES.items():
        base = package_dir(package)
        for english in sorted(base.rglob("locale/en/LC_MESSAGES/*.po")):
            app = english.parents[3].relative_to(base.parent)
            part = english.parents[3].relative_to(base).as_posix()
            if parts is not None and part not in parts:
                continue
            ours = UPSTREAM / app / LANGUAGE / "LC_MESSAGES" / english.name
            pairs.append((english, ours))
    return pairs


def start(english: Path, ours: Path) -> None:
    shipped = english.parents[2] / LANGUAGE / "LC_MESSAGES" / english.name
    ours.parent.mkdir(parents=True, exist_ok=True)
    package = ours.relative_to(UPSTREAM).parts[0]
    header = HEADER.format(package=package, path=ours.relative_to(UPSTREAM))
    if shipped.exists():
        body = shipped.read_text(encoding="utf-8")
        # Keep the shipped messages, under our header.
        body = body.split("\n\n", 1)[1] if "\n\n" in body else ""
        ours.write_text(header + "\n" + body, encoding="utf-8")
    else:
        ours.write_text(header, encoding="utf-8")


def update() -> None:
    for english, ours in templates():
        if not ours.exists():
            start(english, ours)
        with tempfile.TemporaryDirectory() as tmp:
            pot = Path(tmp) / "template.pot"
            # The English file's own header (nplurals=2) must not reach ours.
            text = english.read_text(encoding="utf-8")
            pot.write_text(re.sub(r'"Plural-Forms:[^"]*"\n', "", text), "utf-8")
            subprocess.run(
                [
                    "msgmerge",
                    "--quiet",
                    "--update",
                    "--backup=none",
                    "--no-fuzzy-matching",
                    "--no-wrap",
                    "--sort-by-file",
                    str(ours),
                    str(pot),
                ],
                check=True,
            )
        # msgmerge keeps dropped messages as comments; the package has no use for them.
        subprocess.run(
            ["msgattrib", "--no-obsolete", "--no-wrap", "-o", str(ours), str(ours)],
            check=True,
        )
    stats()


def counts(po: Path) -> tuple[int, int]:
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    numbers = [int(n) for n in re.findall(r"(\d+) ", result.stderr)]
    words = re.findall(r"(\d+) (translated|fuzzy|untranslated)", result.stderr)
    done = sum(int(n) for n, kind in words if kind == "translated")
    return done, sum(numbers[: len(words)])


def stats() -> None:
    total_done = total = 0
    for _english, ours in templates():
        done, count = counts(ours)
        total_done += done
        total += count
        print(f"{done:5d}/{count:<5d} {ours.relative_to(ROOT)}")
    print(f"{total_done:5d}/{total:<5d} in all")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "stats"
    {"update": update, "stats": stats}[command]()
