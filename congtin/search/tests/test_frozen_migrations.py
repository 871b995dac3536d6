"""The search migrations run their own frozen SQL, never the live backends."""

from pathlib import Path

from congtin.search.migrations import _vendor_sql

MIGRATIONS = Path(_vendor_sql.__file__).parent


def test_migrations_do_not_call_the_live_backends():
    for path in MIGRATIONS.glob("0*.py"):
        source = path.read_text()
        assert "backend_for" not in source, path.name
        assert ".install(" not in source, path.name


def test_every_vendor_can_be_installed_and_removed():
    assert (
        set(_vendor_sql.INSTALL)
        == set(_vendor_sql.UNINSTALL)
        == {
            "sqlite",
            "postgresql",
        }
    )
