"""File sizes as messages and pages show them."""

from .numbers import format_number

KB = 1024
MB = 1024 * KB


def format_file_size(size: int) -> str:
    """ "10 KB" under a megabyte (at least 1 KB), else megabytes with at most one
    decimal: "5 MB", "2,5 MB"."""
    if size < MB:
        return f"{format_number(max(1, round(size / KB)))} KB"
    return f"{format_number(round(size / MB, 1))} MB"
