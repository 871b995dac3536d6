from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def _isolated_forms(settings):
    """Rate-limit counters start at zero; no challenge unless asked."""
    from django.core.cache import caches

    settings.PUBLIC_FORMS_CHALLENGE_AFTER = None
    caches["default"].clear()
    yield
    caches["default"].clear()


def add_dialogue(index, slug, starts, ends, **fields):
    """A live dialogue under ``index`` from now + ``starts`` to now + ``ends``."""
    from .factories import DialoguePageFactory

    now = timezone.now()
    return DialoguePageFactory(
        parent=index, slug=slug, starts_at=now + starts, ends_at=now + ends, **fields
    )


def add_portal(hostname, name, site=None):
    """A bare portal: Site, home page, dialogues section, and its staff groups with
    the permissions every portal's groups get."""
    from wagtail.models import Page, Site

    from congtin.core.models import HomePage
    from congtin.editorial.roles import ensure_group, grant_models
    from congtin.portals.models import Role

    from .factories import DialogueIndexPageFactory

    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title=f"Cổng thông tin điện tử {name}", slug=hostname.split(".")[0]
        )
    )
    if site is None:
        site = Site.objects.create(
            hostname=hostname, port=80, root_page=home, site_name=name
        )
    else:
        site.root_page, site.site_name = home, name
        site.save()
    index = DialogueIndexPageFactory(parent=home, slug="doi-thoai-truc-tuyen")
    groups = {}
    for role in (Role.REPORTER, Role.EDITOR, Role.CHIEF):
        groups[role] = ensure_group(f"{name} - {role.label}", site, role)
        grant_models(groups[role], role)
    return {"site": site, "home": home, "index": index, "groups": groups}


@pytest.fixture
def portal(db):
    """The city portal at ``localhost`` with a live, an ended and an upcoming
    dialogue."""
    from wagtail.models import Site

    city = add_portal(
        "localhost", "Thành phố Thử", site=Site.objects.get(is_default_site=True)
    )
    index = city["index"]
    city["live"] = add_dialogue(
        index, "dang-dien-ra", timedelta(minutes=-10), timedelta(minutes=90)
    )
    city["ended"] = add_dialogue(
        index,
        "da-ket-thuc",
        timedelta(days=-3),
        timedelta(days=-3, hours=2),
        conclusion="<p>Kết luận thử của lãnh đạo.</p>",
    )
    city["upcoming"] = add_dialogue(
        index, "sap-dien-ra", timedelta(days=2), timedelta(days=2, hours=2)
    )
    return city


@pytest.fixture
def other_portal(portal):
    other = add_portal("quanthu.localhost", "Quận Thử")
    other["live"] = add_dialogue(
        other["index"], "doi-thoai-quan", timedelta(minutes=-5), timedelta(hours=1)
    )
    return other


def ask_data(**overrides):
    data = {
        "name": "Nguyễn Văn Thử",
        "place": "phường Trần Nguyên Hãn",
        "contact": "thu@example.com",
        "text": "Khi nào phường có điểm hỗ trợ nộp hồ sơ trực tuyến?",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def answered(dialogue, text, answer, **fields):
    """An answered question, placed at the end of the dialogue's transcript."""
    from congtin.dialogues.models import DialogueQuestion

    from .factories import DialogueQuestionFactory

    return DialogueQuestionFactory(
        dialogue=dialogue,
        text=text,
        answer=answer,
        status=DialogueQuestion.Status.ANSWERED,
        **fields,
    )
