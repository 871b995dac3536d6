"""The editorial board's manual (Hướng dẫn sử dụng), served in the admin.

Chapters are Django templates under ``workspace/manual/chapters/``; their
screenshots and the PDF of the whole manual are static files written by
``scripts/manual_screenshots.py`` (``make manual``) from the demo in Chromium.
"""
