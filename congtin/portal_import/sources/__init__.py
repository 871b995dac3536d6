"""Where articles come from: a feed, a WordPress export, saved pages.

Each reader yields ``SourceItem``s; an item it could not read carries its
``error`` instead of stopping the others.
"""
