"""Who may propose, see, take in, approve or decline: read from page permissions."""

from wagtail.models import Page, Site
from wagtail.permissions import page_permission_policy

from congtin.news.models import ArticlePage, NewsIndexPage
from congtin.portals.sites import city_site

from ..models import Proposal

Status = Proposal.Status


def group_may(user, codename: str, page: Page) -> bool:
    """Whether a group of ``user`` grants ``codename`` on ``page`` or above it.

    Unlike Wagtail's own checks, owning the page grants nothing here.
    """
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(
        perm.permission.codename == codename
        and (perm.page_id == page.pk or page.is_descendant_of(perm.page))
        for perm in page_permission_policy.get_cached_permissions_for_user(user)
    )


def may_view(user) -> bool:
    city = city_site(user)
    if city is None:
        return False
    return any(
        group_may(user, codename, city.root_page)
        for codename in ("add_page", "change_page", "publish_page")
    )


def city_sections(city: Site):
    """The live news sections of the city portal."""
    return NewsIndexPage.objects.descendant_of(city.root_page).live()


def may_accept(user, section: Page) -> bool:
    return group_may(user, "change_page", section)


def may_approve(user, section: Page) -> bool:
    return group_may(user, "change_page", section) and group_may(
        user, "publish_page", section
    )


def may_handle(user, city: Site) -> bool:
    """Whether ``user`` may take in or decline proposals at all (a city editor)."""
    return may_accept(user, city.root_page)


def is_article(page: Page) -> bool:
    return issubclass(page.specific_class or Page, ArticlePage)


def could_propose(user, page: Page) -> bool:
    """The quick test deciding whether the "propose" button is shown."""
    city = city_site(user)
    return (
        city is not None
        and page.live
        and page.alias_of_id is None
        and is_article(page)
        and not page.url_path.startswith(city.root_page.url_path)
        and group_may(user, "change_page", page)
    )


def open_proposal(page: Page, city: Site) -> Proposal | None:
    """The proposal of ``page`` that stops it being proposed again, if any."""
    proposal = Proposal.objects.filter(article=page, target_site=city).first()
    if proposal is None or proposal.status == Status.DECLINED:
        return None
    # The city may have deleted the alias since; the article can be offered anew.
    if proposal.status == Status.PUBLISHED and proposal.alias_id is None:
        return None
    return proposal
