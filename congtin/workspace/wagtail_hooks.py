"""Admin hooks of the workspace: the day's work on the dashboard (dashboard.py)."""

from . import dashboard  # noqa: F401  (registers its hook on import)
