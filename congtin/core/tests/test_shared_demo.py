"""Tests that start from the demo share one build: each is rolled back to it."""

import pytest

from congtin.news.models import ArticlePage


@pytest.mark.django_db
def test_a_test_may_delete_the_seed_article(demo):
    demo["article"].delete()
    assert not ArticlePage.objects.filter(title=demo["seed"].title).exists()


@pytest.mark.django_db
def test_the_next_test_finds_the_demo_as_built(demo):
    # Collected after the test above, and run after it in the same group.
    assert ArticlePage.objects.filter(title=demo["seed"].title).count() == 1
