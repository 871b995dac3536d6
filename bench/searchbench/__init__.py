"""Bench-only Django app for ``bench/search_speed.py``; never installed by the project.

It holds the synthetic Vietnamese news corpus, the timed query set and a model that
Wagtail's unmodified database search backend (``modelsearch``) indexes, so both engines
are measured on the same articles in the same run.
"""
