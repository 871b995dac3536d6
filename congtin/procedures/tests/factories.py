"""Procedure pages built directly, without the demo."""

import factory

from congtin.core.tests.factories import PageFactory
from congtin.procedures.models import (
    ProcedureBasis,
    ProcedureIndexPage,
    ProcedurePage,
    ProcedurePaper,
)


class ProcedureIndexPageFactory(PageFactory):
    class Meta:
        model = ProcedureIndexPage

    title = "Thủ tục hành chính"
    slug = factory.Sequence(lambda n: f"thu-tuc-{n}")


class ProcedurePageFactory(PageFactory):
    """A procedure; ``papers=[(name, originals, copies)]`` and
    ``bases=[(text, document or None)]`` add inline rows in order."""

    class Meta:
        model = ProcedurePage

    code = factory.Sequence(lambda n: f"1.{n:06d}")
    title = factory.LazyAttribute(lambda page: f"Thủ tục thử {page.code}")
    slug = ""
    field = "Hộ tịch"
    level = "cap-huyen"
    online_level = "mot-phan"
    processing_time = "05 ngày làm việc"
    processing_days = 5
    steps = "Nộp hồ sơ.\nNhận kết quả."
    result = "Giấy chứng nhận."
    agency = "Ủy ban nhân dân quận"

    @classmethod
    def _instance(cls, model_class, *args, papers=(), bases=(), **kwargs):
        page = model_class(*args, **kwargs)
        page.papers = [
            ProcedurePaper(name=n, originals=o, copies=c) for n, o, c in papers
        ]
        page.bases = [ProcedureBasis(text=t, document=d) for t, d in bases]
        return page
