"""Agency pages built directly, without the demo's agency content."""

import factory

from congtin.agency.models import OrganisationPage, UnitPage
from congtin.core.tests.factories import PageFactory


class OrganisationPageFactory(PageFactory):
    class Meta:
        model = OrganisationPage

    title = "Cơ cấu tổ chức"
    slug = factory.Sequence(lambda n: f"co-cau-to-chuc-{n}")


class UnitPageFactory(PageFactory):
    """A unit under an ``OrganisationPage`` (or another unit), with its phone."""

    class Meta:
        model = UnitPage

    title = factory.Sequence(lambda n: f"Phòng thử số {n}")
    slug = factory.Sequence(lambda n: f"phong-thu-so-{n}")
    phone = factory.Sequence(lambda n: f"0225.3000.{n:03d}")
