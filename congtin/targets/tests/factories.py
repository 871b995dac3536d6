"""Annual plans, targets and reported figures built directly, without the demo."""

from datetime import date

import factory

from congtin.core.tests.factories import SiteFactory
from congtin.targets.models import AnnualPlan, ReportedFigure, Target


class AnnualPlanFactory(factory.django.DjangoModelFactory):
    """A portal's plan for 2022 with no targets yet (add them with
    ``TargetFactory(plan=...)``)."""

    class Meta:
        model = AnnualPlan

    site = factory.SubFactory(SiteFactory)
    year = 2022
    theme = "Năm thử nghiệm"


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    plan = factory.SubFactory(AnnualPlanFactory)
    code = factory.Sequence(lambda n: f"CT{n + 1:02d}")
    name = "Tổng thu ngân sách trên địa bàn"
    group = "kinh-te"
    unit = "tỷ đồng"
    value = 90000


class ReportedFigureFactory(factory.django.DjangoModelFactory):
    """A figure for June 2022, entered without a source."""

    class Meta:
        model = ReportedFigure

    target = factory.SubFactory(TargetFactory)
    period = "T06"
    value = 50000
    reported_on = date(2022, 6, 30)
