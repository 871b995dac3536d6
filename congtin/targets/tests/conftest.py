import pytest


@pytest.fixture
def plans(db):
    """Lê Chân's demo plans on Wagtail's default site, without the whole demo.

    Much faster than the ``demo`` fixture; pages and articles are not built, so the
    plans have no source article. Returns the 2022 plan.
    """
    from wagtail.models import Site

    from congtin.demo.seed import parse_seed
    from congtin.targets.demo import load_targets_demo

    site = Site.objects.get(is_default_site=True)
    return load_targets_demo(site, parse_seed())


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_superuser(
        "bientap-chitieu", "bt@example.com", "x"
    )


@pytest.fixture
def demo(full_demo):
    """This app's tests look at what it adds to the demo: load the whole of it."""
    return full_demo
