"""The illustrative PDF of the documents' demo; see :mod:`congtin.core.pdf`."""

from congtin.core.pdf import simple_pdf

__all__ = ["simple_pdf"]
