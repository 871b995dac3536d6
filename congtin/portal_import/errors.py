"""Why one item of an import could not be read."""


class ItemError(Exception):
    """A Vietnamese reason why one item could not be read."""


# Real pages nest a few dozen elements deep; thousands would make the walk over
# them slow and exhaust Python's recursion.
MAX_DEPTH = 256
TOO_DEEP = "mã HTML lồng nhau quá sâu"
