"""Parts of pages kept rendered across page-cache purges.

Every change empties the whole page cache (see ``purge``), so after each publish
every page is rendered again. Most of what an article shows, though, depends only
on the article itself and on things that change far less often than articles are
published: the images, documents and target figures it embeds, the URLs of the
pages it links to, the site and its agency settings. Those parts are kept per page
state (Wagtail's ``Page.cache_key``: id, URL, last publish) under a version of
their own, which every change moves on except a page being published (its own
``cache_key`` changes; a slug change still moves it). So a publish re-renders the
listings around the new article but not the bodies of the others.

The entries live in each process (Django's ``template_fragments`` cache alias, or
``default``, local memory, where production has no Redis); the version in the
``shared`` one, so every process drops its entries at once. Previews are
never cached (Wagtail's ``WagtailCacheNode``).
"""

from congtin.versioned_cache import VersionedCache

FRAGMENT_SECONDS = 3600

_CACHE = VersionedCache("congtin:fragments", FRAGMENT_SECONDS)
version = _CACHE.version
invalidate = _CACHE.invalidate
# A part built in Python (the API's article body), kept like a template's part.
cached = _CACHE.cached
