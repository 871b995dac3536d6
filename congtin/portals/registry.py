"""What each app adds to a portal, declared in its own ``portal_parts.py``.

An app calls :func:`register` once with a :class:`PortalPart`:

* ``home_page`` (one app only): the page type of a portal's home page;
* ``home_children``: page types an editor may add under a portal's home page;
* ``permissions``: model permissions ("app.codename") each role's group gets;
* ``sections``: pages a new portal starts with, as ``(order, create)`` where
  ``create(home, **options)`` makes sure the page exists and returns it or None;
* ``setup``: steps run for each new portal, ``step(portal, **options)``.

The modules are found with Django's ``autodiscover_modules`` when the portals app
is ready, so the portals app imports no other app of the project.
"""

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class PortalPart:
    app_label: str
    home_page: str = ""
    home_children: Sequence[str] = ()
    permissions: Mapping[str, Sequence[str]] = field(default_factory=dict)
    sections: Sequence[tuple[int, Callable]] = ()
    setup: Sequence[Callable] = ()


_PARTS: dict[str, PortalPart] = {}


def register(part: PortalPart) -> PortalPart:
    _PARTS[part.app_label] = part
    return part


def autodiscover() -> None:
    autodiscover_modules("portal_parts")


def parts() -> list[PortalPart]:
    """The registered parts, in the order of ``INSTALLED_APPS``."""
    order = [config.label for config in apps.get_app_configs()]
    return sorted(
        _PARTS.values(),
        key=lambda p: order.index(p.app_label) if p.app_label in order else 0,
    )


def home_page_model():
    for part in parts():
        if part.home_page:
            return apps.get_model(part.home_page)
    raise LookupError("No app declares the portal home page type.")


class HomeChildren(Sequence):
    """``subpage_types`` of the home page, read from the registry when first used.

    Wagtail resolves ``subpage_types`` once, after every app is ready, so the list
    can be declared in the model and filled by the apps that add page types.
    """

    def _types(self) -> list[str]:
        return [name for part in parts() for name in part.home_children]

    def __iter__(self) -> Iterator[str]:
        return iter(self._types())

    def __len__(self) -> int:
        return len(self._types())

    def __getitem__(self, index):
        return self._types()[index]

    def __repr__(self) -> str:
        return repr(self._types())


def permissions_for(role: str) -> list[str]:
    """Every "app.codename" the group of ``role`` gets, from every app."""
    return [dotted for part in parts() for dotted in part.permissions.get(role, ())]


def sections() -> list[Callable]:
    found = [section for part in parts() for section in part.sections]
    return [create for _, create in sorted(found, key=lambda item: item[0])]


def setup_steps() -> list[Callable]:
    return [step for part in parts() for step in part.setup]
