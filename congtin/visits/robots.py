"""Whether a request comes from a robot, by its User-Agent.

The patterns are the crawler-user-agents list (PyPI ``crawler-user-agents``, MIT,
about 1,500 patterns kept up to date by its community). A browser's User-Agent
runs through every pattern (about 0.1 ms), and the same few hundred strings come
again and again, so answers are kept per string.
"""

import importlib.util
import json
import re
from functools import lru_cache
from pathlib import Path

#: Longer User-Agents are not browsers': no pattern needs to run on them.
MAX_LENGTH = 512


# Patterns per compiled expression: one alternation of all 1,500 is slower to match.
CHUNK = 25


def _load_patterns() -> tuple[re.Pattern, ...]:
    """The list's patterns, compiled in chunks. Read from the package's JSON file
    without importing the package, which keeps the whole list (descriptions,
    examples: about 1.4 MB of every worker's memory) as a module global."""
    spec = importlib.util.find_spec("crawleruseragents")
    if spec is None or spec.origin is None:
        raise ImportError("crawler-user-agents is not installed")
    data = json.loads(
        (Path(spec.origin).parent / "crawler-user-agents.json").read_text("utf-8")
    )
    patterns = [entry["pattern"] for entry in data]
    return tuple(
        re.compile("|".join(patterns[i : i + CHUNK]))
        for i in range(0, len(patterns), CHUNK)
    )


# Compiled at import, so that a server that loads the application before its
# workers fork (congtin.serve) shares them between the workers.
PATTERNS = _load_patterns()


@lru_cache(maxsize=2048)
def _is_crawler(user_agent: str) -> bool:
    return any(pattern.search(user_agent) for pattern in PATTERNS)


def is_robot(user_agent: str) -> bool:
    """True for a known crawler, a missing or an overlong User-Agent."""
    if not user_agent or len(user_agent) > MAX_LENGTH:
        return True
    return _is_crawler(user_agent)
