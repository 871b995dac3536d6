"""Banners, link blocks and alerts built directly, without the demo."""

from datetime import timedelta

import factory
from django.utils import timezone

from congtin.banners.models import Banner, EmergencyAlert, LinkBlock, LinkBlockItem
from congtin.media_library.tests.factories import make_image


class BannerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Banner

    title = factory.Sequence(lambda n: f"Banner thử {n}")
    slot = "home_side"
    image = factory.LazyFunction(lambda: make_image("Ảnh banner", size=(300, 100)))
    alt_text = factory.Sequence(lambda n: f"Dịch vụ công số {n}")
    link_url = "https://dichvucong.gov.vn/"


class LinkBlockFactory(factory.django.DjangoModelFactory):
    """A block; ``links=[(title, url), ...]``."""

    class Meta:
        model = LinkBlock
        skip_postgeneration_save = True

    title = "Liên kết website"
    slot = "home_side"

    @factory.post_generation
    def links(self, create, links, **kwargs):
        for order, (title, url) in enumerate(links or []):
            LinkBlockItem.objects.create(
                block=self, title=title, link_url=url, sort_order=order
            )


class EmergencyAlertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmergencyAlert

    kind = "storm"
    level = "danger"
    text = "Bão số 3 đổ bộ, người dân không ra đường."
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=6))
