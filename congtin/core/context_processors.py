from django.utils.functional import SimpleLazyObject

from .navigation import agency_for_request


def portal(request):
    """``agency``: the agency settings of the portal being served."""
    return {"agency": SimpleLazyObject(lambda: agency_for_request(request))}
