"""Every setting the project reads is declared once, in settings/base.py."""

from congtin.core import public_forms, spreadsheets
from congtin.settings import base


def test_modules_defaults_match_the_declared_settings():
    # Both modules keep their own defaults so a deployment that deletes a setting
    # still works; they must say what base.py says.
    for name, default in {**public_forms.DEFAULTS, **spreadsheets.DEFAULTS}.items():
        assert getattr(base, name) == default, name


def test_the_demo_is_not_in_the_shared_settings():
    assert "congtin.demo" not in base.INSTALLED_APPS
