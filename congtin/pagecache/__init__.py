"""Whole-page cache for anonymous readers, and its purge on every public change.

A city portal's busy day is thousands of citizens reading the same few pages.
``middleware.PageCacheMiddleware`` keeps each anonymous page response in the
shared cache (Redis, or files on the machine without it) and serves it again
without touching the database; ``purge.public_content_changed`` is called for
every change that alters a public page and makes every cached page stale at once,
here and in the edge cache in front (Varnish, a CDN) through Wagtail's frontend
cache. Imports no other congtin app: the apps tell it which of their models are
public (``purge.purge_on_change``).
"""
