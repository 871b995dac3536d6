"""Shared fixtures: the real demo tree, big trees for query budgets, services."""

import os
import socket

import pytest
from django.core.management import call_command

CI = os.environ.get("CI") == "true"


def require(available: bool, what: str):
    """Skip when a service is missing on a developer's machine; fail under CI."""
    if available:
        return
    if CI:
        pytest.fail(f"{what} is required when CI=true")
    pytest.skip(f"{what} not available")


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture
def demo(db, settings):
    """The Hai Phong demo exactly as `make run` builds it (sites on port 80)."""
    call_command("load_demo", port=80, stdout=open(os.devnull, "w"))
    from congtin.demo.seed import parse_seed
    from congtin.news.models import ArticlePage

    seed = parse_seed()
    article = ArticlePage.objects.get(title=seed.title)
    url = article.get_url(current_site=article.get_site())
    return {"seed": seed, "article": article, "url": url}


@pytest.fixture
def city_client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture
def make_articles():
    """Add ``count`` published articles under ``section``."""
    from datetime import timedelta

    from django.utils import timezone

    from congtin.news.models import ArticlePage

    def make(section, count, prefix="Tin thử", cover=None):
        now = timezone.now()
        created = []
        for i in range(count):
            article = ArticlePage(
                title=f"{prefix} số {i}",
                slug=f"{prefix.lower().replace(' ', '-')}-{i}".encode(
                    "ascii", "ignore"
                ).decode(),
                date=now - timedelta(hours=i),
                lead=f"Sapo của {prefix} số {i}.",
                body=[("paragraph", f"<p>Nội dung {i}</p>")],
                author="Phóng viên",
                cover_image=cover,
            )
            section.add_child(instance=article)
            article.save_revision().publish()
            created.append(article)
        return created

    return make
