"""The public catalogue of information (Danh mục thông tin công khai) of a portal."""

from django.http import Http404
from django.shortcuts import render
from wagtail.models import Site

from . import status


def catalogue(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("Không có cổng thông tin ở địa chỉ này.")
    rows = status.portal_status([site])
    return render(
        request,
        "disclosure/catalogue.html",
        {"site": site, "cells": [row.cells[0] for row in rows]},
    )
