"""Spokespeople and press releases built directly, without the demo."""

from datetime import date, timedelta

import factory

from congtin.core.tests.factories import PageFactory
from congtin.press.models import PressReleaseIndexPage, PressReleasePage, Spokesperson


class SpokespersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Spokesperson

    name = factory.Sequence(lambda n: f"Người Phát Ngôn {n}")
    position = "Chánh Văn phòng"
    phone = "0225.3821.055"
    email = factory.Sequence(lambda n: f"phatngon{n}@example.com")


class PressReleaseIndexPageFactory(PageFactory):
    class Meta:
        model = PressReleaseIndexPage

    title = "Thông cáo báo chí"
    slug = factory.Sequence(lambda n: f"thong-cao-{n}")


class PressReleasePageFactory(PageFactory):
    class Meta:
        model = PressReleasePage

    title = factory.Sequence(lambda n: f"Thông cáo thử số {n}")
    slug = factory.Sequence(lambda n: f"thong-cao-thu-{n}")
    date = factory.Sequence(lambda n: date(2022, 6, 1) - timedelta(days=n))
    number = factory.Sequence(lambda n: f"{n}/TCBC-UBND")
    summary = factory.LazyAttribute(lambda page: f"Tóm tắt {page.title}.")
    body = factory.LazyAttribute(
        lambda page: [("paragraph", f"<p>Nội dung {page.title}.</p>")]
    )
