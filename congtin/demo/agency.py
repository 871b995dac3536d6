"""Demo agency pages for both portals, and the city's English pages.

Agency-wide contact details come from each portal's ``AgencySettings`` (parsed from
the seed footer for the city). The people are invented and say so: every name,
position and photo is marked "Minh họa"; their phone and email are the agency's
published ones, not made up. Running it again creates nothing new.
"""

import io

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from congtin.agency.models import (
    ContactPage,
    LeaderPage,
    LeadersPage,
    OrganisationPage,
    PublicServicesPage,
    RelatedPortalLink,
    RelatedPortals,
    UnitPage,
)
from congtin.core.models import AgencySettings, StandardPage
from congtin.core.vietnamese import slugify
from congtin.portals.setup import ensure_child

from .placeholders import PLACEHOLDER_MARK, placeholder_photo

MARK = "Minh họa"
NATIONAL_SERVICES = "https://dichvucong.gov.vn"
CITY_SERVICES = "https://dichvucong.haiphong.gov.vn"
CITY_MAP = "https://www.openstreetmap.org/search?query=18%20Ho%C3%A0ng%20Di%E1%BB%87u%2C%20H%E1%BA%A3i%20Ph%C3%B2ng"
LECHAN_MAP = "https://www.openstreetmap.org/search?query=Qu%E1%BA%ADn%20L%C3%AA%20Ch%C3%A2n%2C%20H%E1%BA%A3i%20Ph%C3%B2ng"
RELATED = [
    ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn"),
    ("Cổng Dịch vụ công quốc gia", NATIONAL_SERVICES),
    ("Cổng Dịch vụ công thành phố Hải Phòng", CITY_SERVICES),
]


def _photo(label: str):
    Image = get_image_model()
    title = f"[{PLACEHOLDER_MARK}] {label}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        root = Collection.get_first_root_node()
        name = "Ảnh minh họa (dữ liệu mẫu)"
        collection = root.get_children().filter(name=name).first() or root.add_child(
            name=name
        )
        image = Image(
            title=title,
            collection=collection,
            file=ImageFile(
                io.BytesIO(placeholder_photo(label, width=480, height=640)),
                name="chan-dung-minh-hoa.jpg",
            ),
        )
        image.save()
    return image


def _about(home):
    return StandardPage.objects.child_of(home).get(slug="gioi-thieu")


@transaction.atomic
def load_agency_demo(city_site, lechan_site):
    """Agency pages of both portals, the footer links, the city's English pages."""
    city = _portal_pages(
        city_site,
        area="thành phố Hải Phòng",
        chair="Chủ tịch Ủy ban nhân dân thành phố",
        vice="Phó Chủ tịch Ủy ban nhân dân thành phố",
        spokesperson_title="Chánh Văn phòng Ủy ban nhân dân thành phố",
        units=[
            ("Văn phòng Ủy ban nhân dân thành phố", "address"),
            ("Trung tâm Thông tin - Tin học", "standing_body_address"),
        ],
        map_url=CITY_MAP,
    )
    _portal_pages(
        lechan_site,
        area="quận Lê Chân",
        chair="Chủ tịch Ủy ban nhân dân quận",
        vice="Phó Chủ tịch Ủy ban nhân dân quận",
        spokesperson_title="Chánh Văn phòng HĐND và UBND quận",
        units=[("Văn phòng HĐND và UBND quận Lê Chân", "address")],
        map_url=LECHAN_MAP,
    )
    for site in (city_site, lechan_site):
        _related_links(site)
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        english_pages(city_site, city)
    return city


def _portal_pages(site, *, area, chair, vice, spokesperson_title, units, map_url):
    home = site.root_page.specific
    agency = AgencySettings.for_site(site)
    about = _about(home)
    organisation = ensure_child(
        about,
        OrganisationPage,
        "co-cau-to-chuc",
        title="Cơ cấu tổ chức",
        intro=(
            f"Các cơ quan, đơn vị giúp việc của Ủy ban nhân dân {area}. "
            f"Danh sách là dữ liệu {MARK.lower()}."
        ),
    )
    for name, address_field in units:
        ensure_child(
            organisation,
            UnitPage,
            slugify(name),
            title=name,
            functions=(
                f"<p>Tham mưu, giúp việc Ủy ban nhân dân {area} "
                f"(nội dung {MARK.lower()}).</p>"
            ),
            head_title=f"Người đứng đầu ({MARK})",
            address=getattr(agency, address_field) or agency.address,
            phone=agency.phone,
            email=agency.email,
        )
    leaders = ensure_child(
        about,
        LeadersPage,
        "lanh-dao",
        title="Lãnh đạo",
        intro=f"Họ tên, ảnh và phân công dưới đây là dữ liệu {MARK.lower()}.",
    )
    for number, position in enumerate([chair, vice], start=1):
        ensure_child(
            leaders,
            LeaderPage,
            f"lanh-dao-minh-hoa-{number}",
            title=f"Lãnh đạo {number} ({MARK})",
            position=f"{position} ({MARK})",
            photo=_photo(f"Chân dung lãnh đạo {number}"),
            duties=(
                f"<p>Phụ trách chung và các lĩnh vực được phân công "
                f"(nội dung {MARK.lower()}).</p>"
            ),
            phone=agency.phone,
            email=agency.email,
        )
    contact = ensure_child(
        home,
        ContactPage,
        "lien-he",
        title="Liên hệ",
        show_in_menus=True,
        intro=f"Thông tin liên hệ của Ủy ban nhân dân {area}.",
        map_url=map_url,
        spokesperson_name=f"Người phát ngôn ({MARK})",
        spokesperson_title=f"{spokesperson_title} ({MARK})",
        spokesperson_phone=agency.phone or "0225.3821.055",
        spokesperson_email=agency.email or "congthongtindientu@haiphong.gov.vn",
    )
    ensure_child(
        home,
        PublicServicesPage,
        "dich-vu-cong-truc-tuyen",
        title="Dịch vụ công trực tuyến",
        intro=(
            "Nộp hồ sơ, theo dõi và nhận kết quả thủ tục hành chính trực tuyến "
            "trên các cổng dịch vụ công."
        ),
        links=[
            (
                "link",
                {
                    "title": "Cổng Dịch vụ công quốc gia",
                    "url": NATIONAL_SERVICES,
                    "description": "Thủ tục hành chính của các bộ, ngành và địa phương.",
                },
            ),
            (
                "link",
                {
                    "title": "Cổng Dịch vụ công thành phố Hải Phòng",
                    "url": CITY_SERVICES,
                    "description": "Thủ tục hành chính của các cơ quan thành phố, "
                    "quận, huyện, xã, phường.",
                },
            ),
        ],
    )
    return {
        "home": home,
        "about": about,
        "organisation": organisation,
        "leaders": leaders,
        "contact": contact,
    }


def _related_links(site):
    setting, created = RelatedPortals.objects.get_or_create(site=site)
    if created or not setting.links.exists():
        for order, (title, url) in enumerate(RELATED):
            RelatedPortalLink.objects.create(
                setting=setting, title=title, url=url, sort_order=order
            )


ENGLISH = {
    "home": {
        "slug": "trang-chu-en",
        "title": "Hai Phong City Portal",
        "intro": "<p>English pages of the Hai Phong City portal: the city "
        "government's organisation, its leaders and how to contact it.</p>",
    },
    "about": {
        "slug": "about",
        "title": "About",
        "lead": "Hai Phong is a port city directly under the central government and "
        "the economic centre of the northern coastal region.",
        "body": [],
    },
    "organisation": {
        "slug": "organisation",
        "title": "Organisation",
        "intro": "Departments and units assisting the Hai Phong City People's "
        f"Committee. The list is illustrative ({MARK}).",
    },
    "leaders": {
        "slug": "leaders",
        "title": "Leaders",
        "intro": f"Names, photos and duties below are illustrative ({MARK}).",
    },
    "contact": {
        "slug": "contact",
        "title": "Contact",
        "intro": "How to contact the Hai Phong City People's Committee.",
        "spokesperson_name": f"Spokesperson ({MARK})",
        "spokesperson_title": "Chief of Office, Hai Phong City People's Committee "
        f"({MARK})",
    },
}
ENGLISH_UNITS = {
    "Văn phòng Ủy ban nhân dân thành phố": "Office of the City People's Committee",
    "Trung tâm Thông tin - Tin học": "Information Technology Centre",
}
ENGLISH_POSITIONS = [
    "Chairman of the City People's Committee",
    "Vice Chairman of the City People's Committee",
]


def _translate(page, locale, fields):
    """The English copy of ``page`` (parent already translated), published once."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    copy = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    copy.save_revision().publish()
    return copy


def english_pages(site, pages):
    """The city's English tree: home, About > Organisation, Leaders; Contact."""
    en, _ = Locale.objects.get_or_create(language_code="en")
    home = _translate(pages["home"], en, ENGLISH["home"])
    _translate(pages["about"], en, ENGLISH["about"])
    organisation = _translate(pages["organisation"], en, ENGLISH["organisation"])
    for unit in UnitPage.objects.child_of(pages["organisation"]):
        _translate(
            unit,
            en,
            {
                "title": ENGLISH_UNITS.get(unit.title, unit.title),
                "functions": "<p>Advises and assists the City People's Committee "
                f"(illustrative, {MARK}).</p>",
                "head_title": f"Head ({MARK})",
            },
        )
    _translate(pages["leaders"], en, ENGLISH["leaders"])
    for number, leader in enumerate(
        LeaderPage.objects.child_of(pages["leaders"]).order_by("path"), start=1
    ):
        _translate(
            leader,
            en,
            {
                "title": f"Leader {number} ({MARK})",
                "position": f"{ENGLISH_POSITIONS[(number - 1) % 2]} ({MARK})",
                "duties": "<p>General direction and the fields assigned "
                f"(illustrative, {MARK}).</p>",
            },
        )
    _translate(pages["contact"], en, ENGLISH["contact"])
    return {"home": home, "organisation": organisation}
