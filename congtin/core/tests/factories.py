"""Factories for the page tree and portals: a test builds only what it looks at.

Plain factory_boy: wagtail-factories does not yet declare support for Wagtail 8, and
what it adds for pages (a parent, ``add_child``) is the few lines of ``PageFactory``.
"""

import factory
from wagtail.models import Page, Site

from congtin.core.models import HomePage


class PageFactory(factory.django.DjangoModelFactory):
    """A Wagtail page placed in the tree under ``parent`` (the tree root if none).

    ``publish=True`` saves a revision and publishes it, as an editor would (signals,
    search index, cache purge); without it the page is live but has no revision,
    which is much faster and enough for most views.
    """

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Trang thử {n}")
    slug = factory.Sequence(lambda n: f"trang-thu-{n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=False, **kwargs):
        page = cls._instance(model_class, *args, **kwargs)
        (parent or Page.get_first_root_node()).add_child(instance=page)
        if publish:
            page.save_revision().publish()
        return page

    @classmethod
    def _instance(cls, model_class, *args, **kwargs):
        """The unsaved page; a subclass adds its inline children here."""
        return model_class(*args, **kwargs)


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = factory.Sequence(lambda n: f"Cổng thông tin điện tử thử {n}")
    slug = factory.Sequence(lambda n: f"cong-thu-{n}")


class SiteFactory(factory.django.DjangoModelFactory):
    """A portal's Wagtail site with its own home page."""

    class Meta:
        model = Site

    hostname = factory.Sequence(lambda n: f"cong{n}.localhost")
    port = 80
    site_name = factory.LazyAttribute(lambda site: site.root_page.title)
    root_page = factory.SubFactory(HomePageFactory)
