"""Whether a request comes from a robot, by its User-Agent.

The patterns are the crawler-user-agents list (PyPI ``crawler-user-agents``, MIT,
about 1,500 patterns kept up to date by its community). A browser's User-Agent
runs through every pattern (about 0.1 ms), and the same few hundred strings come
again and again, so answers are kept per string.
"""

from functools import lru_cache

from crawleruseragents import is_crawler

#: Longer User-Agents are not browsers': no pattern needs to run on them.
MAX_LENGTH = 512


@lru_cache(maxsize=2048)
def _is_crawler(user_agent: str) -> bool:
    return is_crawler(user_agent)


def is_robot(user_agent: str) -> bool:
    """True for a known crawler, a missing or an overlong User-Agent."""
    if not user_agent or len(user_agent) > MAX_LENGTH:
        return True
    return _is_crawler(user_agent)
