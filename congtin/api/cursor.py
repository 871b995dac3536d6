"""Cursor pagination: each page of a list ends with an opaque cursor for the next.

A cursor is the sort key of the last item shown (keyset pagination), signed so it
cannot be forged or edited, and bound to the list it came from. The next page is
"every item after this key", so items published meanwhile never shift a page or
repeat one, and any page costs the same as the first (no OFFSET).
"""

from django.core import signing
from django.db.models import Q

from congtin.core.params import BadParameter

_SALT = "congtin.api.cursor"


def encode(list_name: str, values: list) -> str:
    return signing.dumps([list_name, values], salt=_SALT, compress=True)


def decode(list_name: str, token: str, model, ordering: list[str]) -> list:
    """The sort key a cursor holds; BadParameter when it was not made here."""
    message = "Con trỏ phân trang (cursor) không hợp lệ; hãy dùng địa chỉ “next”."
    try:
        name, values = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise BadParameter(message, "cursor") from None
    if name != list_name or not isinstance(values, list):
        raise BadParameter(message, "cursor")
    if len(values) != len(ordering):
        raise BadParameter(message, "cursor")
    try:
        return [
            model._meta.get_field(_column(f.lstrip("-"))).to_python(v)
            for f, v in zip(ordering, values, strict=True)
        ]
    except Exception:  # noqa: BLE001 - any value the field refuses
        raise BadParameter(message, "cursor") from None


def _column(field: str) -> str:
    return "id" if field == "pk" else field


def after(ordering: list[str], values: list) -> Q:
    """Items after ``values`` in ``ordering`` (field names, "-" for descending)."""
    condition = Q()
    for index in range(len(ordering) - 1, -1, -1):
        name = ordering[index].lstrip("-")
        lookup = "lt" if ordering[index].startswith("-") else "gt"
        here = Q(**{f"{name}__{lookup}": values[index]})
        if index < len(ordering) - 1:
            here |= Q(**{name: values[index]}) & condition
        condition = here
    return condition


def key_of(item, ordering: list[str]) -> list:
    values = []
    for field in ordering:
        value = getattr(item, field.lstrip("-"))
        values.append(value.isoformat() if hasattr(value, "isoformat") else value)
    return values


def page(queryset, list_name: str, ordering: list[str], token: str, limit: int):
    """(items, next cursor or None): ``limit`` items after the cursor.

    ``ordering`` must end with a unique field (the primary key), so that the key
    of an item names one place in the list.
    """
    queryset = queryset.order_by(*ordering)
    if token:
        values = decode(list_name, token, queryset.model, ordering)
        queryset = queryset.filter(after(ordering, values))
    items = list(queryset[: limit + 1])
    if len(items) <= limit:
        return items, None
    items = items[:limit]
    return items, encode(list_name, key_of(items[-1], ordering))
