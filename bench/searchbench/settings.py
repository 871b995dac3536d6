"""The project's test settings plus this app; the database comes from the environment.

``bench/search_speed.py`` sets ``SQLITE_PATH`` (a temporary file) or ``DATABASE_URL``
(the throw-away PostgreSQL database) before Django starts.
"""

from congtin.settings.test import *  # noqa: F401,F403
from congtin.settings.test import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "searchbench"]
