"""``{% pagefragment "name" %}`` and ``{% sitefragment "name" %}``: Wagtail's
fragment cache tags keyed by the fragment version (``pagecache.fragments``).

``pagefragment`` keeps a part of one page in its current state (Wagtail's
``wagtailpagecache``: the page's ``cache_key`` and the site); ``sitefragment`` a
part every page of a site repeats (the header). Both also vary on the host the
reader asked for (absolute URLs are built from it) and the active language.
"""

from django import template
from django.template import TemplateSyntaxError
from django.utils import translation
from wagtail.templatetags.wagtail_cache import WagtailCacheNode, WagtailPageCacheNode

from congtin.pagecache import fragments

register = template.Library()


class _Current:
    """A ``vary_on`` item read from the request, not from the template context."""

    def __init__(self, read):
        self.read = read

    def resolve(self, context):
        return self.read(context)


def _request_host(context) -> str:
    request = context.get("request")
    return request.get_host() if request is not None else ""


def _site_pk(context):
    from wagtail.models import Site

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return site.pk if site is not None else ""


_SHARED_VARY = [
    _Current(lambda context: fragments.version()),
    _Current(lambda context: translation.get_language() or ""),
    _Current(_request_host),
]


class PageFragmentNode(WagtailPageCacheNode):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.vary_on.extend(_SHARED_VARY)


class SiteFragmentNode(WagtailCacheNode):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.vary_on.extend([_Current(_site_pk), *_SHARED_VARY])


def _fragment_tag(name: str, node_class):
    def do_fragment(parser, token):
        nodelist = parser.parse((f"end{name}",))
        parser.delete_first_token()
        bits = token.split_contents()
        if len(bits) < 2:
            raise TemplateSyntaxError(f"'{bits[0]}' needs a fragment name.")
        return node_class(
            nodelist,
            parser.compile_filter(str(fragments.FRAGMENT_SECONDS)),
            bits[1],
            [parser.compile_filter(bit) for bit in bits[2:]],
            None,
        )

    register.tag(name, do_fragment)


_fragment_tag("pagefragment", PageFragmentNode)
_fragment_tag("sitefragment", SiteFragmentNode)
