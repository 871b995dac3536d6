"""Editor forms: a series' values must fit its frequency, once per period; a
report's percent of the estimate belongs to execution reports only. The same rules
as the import (exchange.py), checked on the inline rows before a revision is saved.

The checks run in ``is_valid`` rather than ``clean``: modelcluster validates the
inline formsets after the page form, so only then do their rows hold cleaned data.
An error is added to the row's own field, where the editor sees it."""

from congtin.core.forms import PortalPageForm

from .vocab import EXECUTION_PERIODS, PERIOD_COUNT, Frequency, period_label


def _rows(formset):
    """The inline forms that are kept and hold cleaned data."""
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if data and not data.get("DELETE"):
            yield form, data


class _RowCheckedForm(PortalPageForm):
    def is_valid(self):
        valid = super().is_valid()
        if hasattr(self, "cleaned_data"):
            self.check_rows(self.cleaned_data)
        # The formsets check their kept rows again, with the errors added here.
        return valid and all(formset.is_valid() for formset in self.formsets.values())

    def check_rows(self, data) -> None:
        raise NotImplementedError


class BudgetReportForm(_RowCheckedForm):
    def check_rows(self, data) -> None:
        period = data.get("period")
        if period and period not in EXECUTION_PERIODS:
            for form, row in _rows(self.formsets["figures"]):
                if row.get("percent_of_estimate") is not None:
                    form.add_error(
                        "percent_of_estimate",
                        "Chỉ báo cáo tình hình thực hiện mới có tỷ lệ so với dự toán.",
                    )


class StatisticSeriesForm(_RowCheckedForm):
    def check_rows(self, data) -> None:
        frequency = data.get("frequency")
        if frequency not in PERIOD_COUNT:
            return
        most = PERIOD_COUNT[Frequency(frequency)]
        seen = set()
        for form, row in _rows(self.formsets["values"]):
            number = row.get("number")
            if most == 0 and number is not None:
                form.add_error("number", "Chuỗi số liệu theo năm: để trống ô này.")
            elif most and (number is None or number > most):
                form.add_error("number", f"Hãy ghi số từ 1 đến {most}.")
            elif row.get("year") is not None:
                key = (row["year"], number)
                if key in seen:
                    label = period_label(frequency, row["year"], number)
                    form.add_error("year", f"Kỳ {label} đã có ở một dòng khác.")
                seen.add(key)
