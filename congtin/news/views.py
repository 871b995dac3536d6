from .feeds import PortalFeed


def portal_feed(request, section_id=None):
    # A new Feed per request: the feed keeps the request's site on itself.
    return PortalFeed()(request, section_id=section_id)
