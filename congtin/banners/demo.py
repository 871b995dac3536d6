"""Demo banners and link blocks for Hải Phòng and Lê Chân, marked "(Minh họa)".

The images are drawn by the function the demo loader hands in
(``congtin.demo.placeholders.placeholder_banner``: this app does not import the
demo app, which imports it). Loaded once: running the
demo again finds each banner and block by portal and title and changes nothing. No
emergency alert is raised: the manual says how to try one.
"""

import io
from collections.abc import Callable

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from .models import Banner, LinkBlock, LinkBlockItem, Slot

MARK = "(Minh họa)"
Draw = Callable[[str, int, int], bytes]
SIZES = {
    Slot.HOME_TOP: (1140, 160),
    Slot.HOME_SIDE: (360, 120),
    Slot.EVERY_PAGE: (560, 100),
}

SERVICES = ("Dịch vụ công trực tuyến", "https://dichvucong.haiphong.gov.vn/")
NATIONAL = ("Cổng dịch vụ công quốc gia", "https://dichvucong.gov.vn/")
WEBSITES = [
    ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
    ("Cổng dịch vụ công quốc gia", "https://dichvucong.gov.vn/"),
    ("Cơ sở dữ liệu quốc gia về văn bản pháp luật", "https://vbpl.vn/"),
]


def _image(text: str, slot: str, draw: Draw):
    Image = get_image_model()
    title = f"Banner {text} {MARK}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        width, height = SIZES[Slot(slot)]
        image = Image(
            title=title,
            file=ImageFile(
                io.BytesIO(draw(text, width, height)),
                name="banner-minh-hoa.png",
            ),
        )
        image.save()
    return image


def _banner(site, slot, text, url, order, draw: Draw):
    title = f"{text} {MARK}"
    if Banner.objects.filter(site=site, title=title).exists():
        return
    Banner.objects.create(
        site=site,
        slot=slot,
        title=title,
        image=_image(text, slot, draw),
        alt_text=text,
        link_url=url,
        sort_order=order,
    )


def _links(site, slot, title, links):
    title = f"{title} {MARK}"
    if LinkBlock.objects.filter(site=site, title=title).exists():
        return
    block = LinkBlock.objects.create(site=site, slot=slot, title=title)
    for order, (name, url) in enumerate(links):
        LinkBlockItem.objects.create(
            block=block, title=name, link_url=url, sort_order=order
        )


def load_banners_demo(city_site, lechan_site, draw: Draw):
    """``draw(text, width, height)`` gives the PNG of a placeholder banner."""
    _banner(
        city_site,
        Slot.HOME_TOP,
        "Hải Phòng chuyển đổi số",
        "https://haiphong.gov.vn/",
        0,
        draw,
    )
    for order, (text, url) in enumerate((SERVICES, NATIONAL)):
        _banner(city_site, Slot.HOME_SIDE, text, url, order, draw)
        _banner(lechan_site, Slot.HOME_SIDE, text, url, order, draw)
    _banner(
        lechan_site,
        Slot.EVERY_PAGE,
        "Cổng thông tin điện tử thành phố Hải Phòng",
        "https://haiphong.gov.vn/",
        0,
        draw,
    )
    for site in (city_site, lechan_site):
        _links(site, Slot.HOME_SIDE, "Liên kết website", WEBSITES)
