"""Read the search page's query string: what to look for, where, and in what order.

Every parameter is checked here. A bad filter value (an unknown kind, a section or
portal that does not exist, a date that is not a date) is a form error with a
Vietnamese message, which the page shows with status 400 (the project's rule for
bad parameters, docs/architecture.md). The words typed and the page number are
never errors: any text is searched, and a page number that is not one means the
first page (``congtin.core.params.page_number``).
"""

from dataclasses import dataclass
from datetime import date

from django import forms

from congtin.core import params
from congtin.core.vietnamese import (
    MAX_YEAR,
    MIN_YEAR,
    format_date,
    nfc,
    parse_date,
    strip_control_characters,
)

SCOPE_CITY = "thanh-pho"
SORTS = {"lien-quan": "relevance", "moi-nhat": "newest"}
DEFAULT_SORT = "lien-quan"
# The engine reads only its first 200 characters; this only bounds the work done
# before it (and what the page echoes back).
MAX_INPUT_LENGTH = 5000


def clean_text(value) -> str:
    """What a reader typed, as text the database accepts: NFC, no control characters.

    PostgreSQL refuses NUL in any string, so it must never reach a query.
    """
    text = strip_control_characters(str(value or ""), " ")[:MAX_INPUT_LENGTH]
    return nfc(text).strip()


@dataclass(frozen=True)
class Portal:
    id: int
    name: str
    root_url: str
    root_path: str


@dataclass(frozen=True)
class Section:
    id: int
    title: str
    level: int  # 0 for a section directly under the portal's home page
    site_id: int


class QueryField(forms.CharField):
    """Free text: never invalid, whatever it contains."""

    def to_python(self, value):
        return clean_text(value)


class PageNumberField(forms.CharField):
    """The page number: 1 for anything that is not a whole number.

    A number past the last page is left to the engine, which shows the last page.
    """

    def to_python(self, value):
        return params.as_page_number(clean_text(value))


class SearchDateField(forms.DateField):
    """A date from <input type=date> (yyyy-mm-dd) or as people write it (dd/mm/yyyy)."""

    widget = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})

    def bound_data(self, data, initial):
        # A valid date goes back to the page as yyyy-mm-dd, the only form that
        # <input type=date> shows, whichever form the reader typed.
        try:
            return self.to_python(data) or ""
        except forms.ValidationError:
            return data

    def to_python(self, value):
        value = clean_text(value) if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        try:
            return parse_date(value)
        except ValueError:
            pass
        raise forms.ValidationError(
            f"{self.label}: “{params.shown(value)}” không phải là một ngày hợp lệ. "
            "Hãy nhập theo dạng ngày/tháng/năm, ví dụ 21/12/2021 "
            f"(từ năm {MIN_YEAR} đến năm {MAX_YEAR}).",
            code="invalid",
        )


def _choice_error(label: str, hint: str) -> dict:
    return {
        "invalid_choice": f"{label}: giá trị “%(value)s” không có trong danh sách. {hint}"
    }


class SearchForm(forms.Form):
    """The search parameters of /tim-kiem/, named as they appear in the URL.

    ``kinds``: (kind, label) pairs of the registered sources; ``portals``: the
    portals searched, which a reader may narrow the search to; ``sections``: the
    news sections of those portals.
    """

    def __init__(self, data, *, kinds, portals, sections, **kwargs):
        super().__init__(data, auto_id="tk-%s", **kwargs)
        self.portals = list(portals)
        self.sections = list(sections)
        portal_names = {portal.id: portal.name for portal in self.portals}
        self.fields["q"] = QueryField(
            label="Từ khóa",
            required=False,
            widget=forms.TextInput(
                attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}
            ),
        )
        self.fields["loai"] = forms.ChoiceField(
            label="Loại nội dung",
            required=False,
            choices=[("", "Tất cả")] + [(kind, label) for kind, label in kinds],
            error_messages=_choice_error(
                "Loại nội dung", "Hãy chọn một loại trong danh sách."
            ),
        )
        self.fields["chuyen-muc"] = forms.TypedChoiceField(
            label="Chuyên mục",
            required=False,
            coerce=int,
            empty_value=None,
            choices=self._section_choices(portal_names),
            error_messages=_choice_error(
                "Chuyên mục",
                "Chuyên mục không tồn tại hoặc không thuộc phạm vi tìm kiếm.",
            ),
        )
        self.fields["cong"] = forms.TypedChoiceField(
            label="Cổng thông tin",
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", "Tất cả các cổng")]
            + [(str(portal.id), portal.name) for portal in self.portals],
            error_messages=_choice_error(
                "Cổng thông tin", "Cổng này không có trong phạm vi tìm kiếm."
            ),
        )
        self.fields["pham-vi"] = forms.ChoiceField(
            label="Tìm trên toàn thành phố",
            required=False,
            # Accepted on the city portal too, where it changes nothing.
            choices=[("", "Cổng này"), (SCOPE_CITY, "Toàn thành phố")],
            error_messages=_choice_error(
                "Phạm vi tìm kiếm", f"Giá trị hợp lệ: “{SCOPE_CITY}”."
            ),
        )
        self.fields["tu-ngay"] = SearchDateField(label="Từ ngày", required=False)
        self.fields["den-ngay"] = SearchDateField(label="Đến ngày", required=False)
        self.fields["sap-xep"] = forms.ChoiceField(
            label="Sắp xếp",
            required=False,
            choices=[("lien-quan", "Liên quan nhất"), ("moi-nhat", "Mới nhất")],
            error_messages=_choice_error(
                "Sắp xếp", "Hãy chọn “lien-quan” hoặc “moi-nhat”."
            ),
        )
        self.fields["trang"] = PageNumberField(required=False, widget=forms.HiddenInput)

    def _section_choices(self, portal_names):
        def indented(section):
            return "\u2014 " * section.level + section.title

        choices = [("", "Tất cả chuyên mục")]
        by_site: dict[int, list] = {}
        for section in self.sections:
            by_site.setdefault(section.site_id, []).append(
                (str(section.id), indented(section))
            )
        if len(by_site) <= 1:
            for options in by_site.values():
                choices += options
        else:
            choices += [
                (portal_names.get(site_id, ""), options)
                for site_id, options in by_site.items()
            ]
        return choices

    def clean(self):
        data = super().clean()
        start, end = data.get("tu-ngay"), data.get("den-ngay")
        if start and end and start > end:
            self.add_error(
                "den-ngay",
                f"Đến ngày ({format_date(end)}) phải cùng ngày hoặc sau Từ ngày "
                f"({format_date(start)}).",
            )
        return data

    # -- What the view needs, read from the cleaned form ---------------------------

    @property
    def text(self) -> str:
        return self.cleaned_data.get("q") or ""

    @property
    def widened(self) -> bool:
        return self.cleaned_data.get("pham-vi") == SCOPE_CITY

    @property
    def sort(self) -> str:
        return self.cleaned_data.get("sap-xep") or DEFAULT_SORT

    @property
    def page_number(self) -> int:
        return self.cleaned_data.get("trang") or 1

    def query_params(self) -> list[tuple[str, str]]:
        """The cleaned search as URL parameters, without the page number.

        Pagination and the other links of the page are built from this, so they keep
        every filter and drop whatever was not valid.
        """
        data = self.cleaned_data
        params = [("q", self.text)]
        for name in ("loai", "chuyen-muc", "cong", "pham-vi"):
            if data.get(name) not in (None, ""):
                params.append((name, str(data[name])))
        for name in ("tu-ngay", "den-ngay"):
            if data.get(name):
                params.append((name, data[name].isoformat()))
        if self.sort != DEFAULT_SORT:
            params.append(("sap-xep", self.sort))
        return params
