"""A server process made ready before its first request, and its start-up objects kept out of
the garbage collector's way.

Django imports the URLconf, and with it every view, form and template tag module, on the first
request. Loading it at start-up moves that work off a person's first request. `gc.freeze()` then
puts the quarter of a million objects start-up leaves (modules, classes, translation catalogues)
in the permanent generation: a full collection no longer walks them, which took about 160 ms
each time one ran in a worker, in the middle of someone's request (the long tail of every page's
latency). The objects are never freed anyway; only the collector's walk is saved. gunicorn's
workers each run this once, when they load the application.
"""

import gc

from django.urls import get_resolver


def warm_and_freeze() -> None:
    get_resolver().url_patterns  # noqa: B018  (imports every view module now)
    gc.collect()
    gc.freeze()
