"""Pages about the agency behind a portal: organisation, leaders, contact, services.

The introduction itself stays the "Giới thiệu" StandardPage that every portal gets;
these pages go under it (or under the home page). Contact details of the agency
(address, phone, fax, email) are read from ``AgencySettings`` and never copied, so
the footer and the contact page cannot disagree.
"""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable

from congtin.core.blocks import BodyBlock
from congtin.core.models import PortalPage
from congtin.core.navigation import agency_for_request

from .labels import labels_for

RICH = ["bold", "italic", "link", "ol", "ul"]
AGENCY_PARENTS = ["core.HomePage", "core.StandardPage"]


class AgencyPage(PortalPage):
    """Base of the agency pages: labels in the page's own language."""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["labels"] = labels_for(self)
        return context


class OrganisationPage(AgencyPage):
    """ "Cơ cấu tổ chức": the organisation chart as a page tree of units."""

    intro = models.TextField("Giới thiệu ngắn", blank=True)
    body = StreamField(BodyBlock(), verbose_name="Nội dung", blank=True)

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    parent_page_types = AGENCY_PARENTS
    subpage_types = ["agency.UnitPage"]

    class Meta:
        verbose_name = "Cơ cấu tổ chức"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["units"] = unit_tree(self)
        return context


def unit_tree(page) -> list[dict]:
    """The live units below ``page``, nested, in one query."""
    units = list(UnitPage.objects.descendant_of(page).live().public().order_by("path"))
    nodes = {unit.path: {"unit": unit, "children": []} for unit in units}
    roots = []
    for unit in units:
        parent = nodes.get(unit.path[: -UnitPage.steplen])
        (parent["children"] if parent else roots).append(nodes[unit.path])
    return roots


class UnitPage(AgencyPage):
    """A department or unit, with its duties and contacts."""

    functions = RichTextField("Chức năng, nhiệm vụ", blank=True, features=RICH)
    head_name = models.CharField("Người đứng đầu", max_length=255, blank=True)
    head_title = models.CharField("Chức vụ người đứng đầu", max_length=255, blank=True)
    address = models.CharField("Địa chỉ", max_length=255, blank=True)
    phone = models.CharField("Điện thoại", max_length=64, blank=True)
    email = models.EmailField("Email", blank=True)
    website = models.URLField("Trang thông tin điện tử", blank=True)

    content_panels = PortalPage.content_panels + [
        FieldPanel("functions"),
        MultiFieldPanel(
            [
                FieldPanel("head_name"),
                FieldPanel("head_title"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
            ],
            heading="Liên hệ",
        ),
    ]
    parent_page_types = ["agency.OrganisationPage", "agency.UnitPage"]
    subpage_types = ["agency.UnitPage"]

    class Meta:
        verbose_name = "Đơn vị"
        verbose_name_plural = "Đơn vị"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["units"] = unit_tree(self)
        return context


class LeadersPage(AgencyPage):
    """ "Lãnh đạo": lists its LeaderPage children in tree order."""

    intro = models.TextField("Giới thiệu ngắn", blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    parent_page_types = AGENCY_PARENTS
    subpage_types = ["agency.LeaderPage"]

    class Meta:
        verbose_name = "Danh sách lãnh đạo"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["leaders"] = list(
            LeaderPage.objects.child_of(self)
            .live()
            .public()
            .select_related("photo")
            .order_by("path")
        )
        return context


class LeaderPage(AgencyPage):
    """One leader: the title is the person's name."""

    position = models.CharField("Chức vụ", max_length=255)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Ảnh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duties = RichTextField("Nhiệm vụ được phân công", blank=True, features=RICH)
    phone = models.CharField("Điện thoại", max_length=64, blank=True)
    email = models.EmailField("Email", blank=True)

    content_panels = PortalPage.content_panels + [
        FieldPanel("position"),
        FieldPanel("photo"),
        FieldPanel("duties"),
        FieldPanel("phone"),
        FieldPanel("email"),
    ]
    parent_page_types = ["agency.LeadersPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Lãnh đạo"
        verbose_name_plural = "Lãnh đạo"


class ContactPage(AgencyPage):
    """ "Liên hệ": the agency's address, phone, fax and email (from the agency
    settings), a map link, and the spokesperson Decree 42/2022 requires."""

    intro = models.TextField("Giới thiệu ngắn", blank=True)
    map_url = models.URLField(
        "Liên kết bản đồ",
        blank=True,
        help_text="Ví dụ: địa chỉ Google Maps hoặc OpenStreetMap.",
    )
    # Shown only while the portal has no spokesperson recorded under "Người phát
    # ngôn" (congtin.press), which is where the portal keeps them.
    spokesperson_name = models.CharField(
        "Họ tên người phát ngôn", max_length=255, blank=True
    )
    spokesperson_title = models.CharField(
        "Chức vụ người phát ngôn", max_length=255, blank=True
    )
    spokesperson_phone = models.CharField(
        "Điện thoại người phát ngôn", max_length=64, blank=True
    )
    spokesperson_email = models.EmailField("Email người phát ngôn", blank=True)
    body = StreamField(BodyBlock(), verbose_name="Nội dung thêm", blank=True)

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("map_url"),
        MultiFieldPanel(
            [
                FieldPanel("spokesperson_name"),
                FieldPanel("spokesperson_title"),
                FieldPanel("spokesperson_phone"),
                FieldPanel("spokesperson_email"),
            ],
            heading="Người phát ngôn (khi cổng chưa khai báo)",
            help_text="Cổng khai báo người phát ngôn ở mục “Người phát ngôn”; các "
            "ô này chỉ hiển thị khi cổng chưa khai báo ai.",
        ),
        FieldPanel("body"),
    ]
    parent_page_types = AGENCY_PARENTS
    # The contact form has its own page ("/lien-he/gui/"): it carries a CSRF
    # token, and this page stays cached.
    subpage_types = ["contact.ContactFormPage"]

    class Meta:
        verbose_name = "Liên hệ"


class ServiceLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Tên")
    url = blocks.URLBlock(label="Địa chỉ")
    description = blocks.TextBlock(label="Mô tả", required=False)

    class Meta:
        icon = "link"
        label = "Cổng dịch vụ công"


class PublicServicesPage(AgencyPage):
    """ "Dịch vụ công trực tuyến": the public-service portals citizens use.

    The portal's own service address (``AgencySettings.public_services_url``, the
    menu link) comes first, then the links entered here (the national portal...).
    """

    intro = models.TextField("Giới thiệu ngắn", blank=True)
    links = StreamField(
        [("link", ServiceLinkBlock())], verbose_name="Các cổng dịch vụ công", blank=True
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("links"),
    ]
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Dịch vụ công trực tuyến"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listed = {block.value["url"].rstrip("/") for block in self.links}
        own = agency_for_request(request).public_services_url
        # The portal's own service address (the menu link) first, unless listed.
        context["own_services_url"] = own if own.rstrip("/") not in listed else ""
        return context


@register_setting(icon="link")
class RelatedPortals(BaseSiteSetting, ClusterableModel):
    """Links to related agencies' portals, shown in the footer."""

    heading = models.CharField(
        "Tiêu đề", max_length=255, default="Liên kết cổng thông tin"
    )

    panels = [
        FieldPanel("heading"),
        InlinePanel("links", heading="Liên kết", label="Liên kết"),
    ]

    class Meta:
        verbose_name = "Liên kết cổng thông tin liên quan"


class RelatedPortalLink(Orderable):
    setting = ParentalKey(
        RelatedPortals, related_name="links", on_delete=models.CASCADE
    )
    title = models.CharField("Tên cơ quan", max_length=255)
    url = models.URLField("Địa chỉ")

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = "Liên kết"
        verbose_name_plural = "Liên kết"

    def __str__(self):
        return self.title
