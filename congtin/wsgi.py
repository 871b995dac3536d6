import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congtin.settings.production")
_django = get_wsgi_application()

# Imported once Django is set up: the page cache reads the settings.
from congtin.pagecache.wsgi import PageCacheApplication  # noqa: E402
from congtin.visits.wsgi import BeaconApplication  # noqa: E402

# Visit beacons first: they are never cached and need nothing of Django's stack.
application = BeaconApplication(PageCacheApplication(_django))
