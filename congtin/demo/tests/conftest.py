import pytest


@pytest.fixture
def demo(full_demo):
    """The demo's own tests check what `make run` shows: load the whole of it."""
    return full_demo
