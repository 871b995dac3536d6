"""Metadata state portals publish with each article: Open Graph, JSON-LD, DC.*."""

import json

from django import template
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from congtin.core.navigation import agency_for_request

register = template.Library()


@register.simple_tag(takes_context=True)
def article_jsonld(context, page):
    request = context["request"]
    agency = agency_for_request(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.description,
        "datePublished": localtime(page.date).isoformat(),
        "dateModified": localtime(page.last_published_at or page.date).isoformat(),
        "inLanguage": "vi",
        "mainEntityOfPage": page.get_full_url(request),
        "url": page.get_full_url(request),
        "publisher": {"@type": "GovernmentOrganization", "name": agency.portal_name},
    }
    if page.author:
        data["author"] = {"@type": "Person", "name": page.author}
    cover = context.get("cover_url")
    if cover:
        data["image"] = [cover]
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """``url`` made absolute for this request; already absolute URLs pass through."""
    return context["request"].build_absolute_uri(url)
