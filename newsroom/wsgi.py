from __future__ import annotations

import gc
import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()


def _refuse_a_broken_deploy() -> None:
    """gunicorn runs no system checks: run Quotebook's own here, so a deploy without collectstatic never starts."""
    from django.core import checks

    serious = [error for error in checks.run_checks(tags=["quotebook"]) if error.is_serious()]
    if serious:
        raise ImproperlyConfigured(" ".join(f"{error.msg} {error.hint}" for error in serious))


def _settle_the_heap() -> None:
    """Import every view now, then put what start-up built out of the garbage collector's way.

    Start-up leaves some 200,000 long-lived objects (Django, spaCy's modules, which the task views import); a
    full collection walks them all, about 100 ms in the middle of whichever request triggers it. Frozen, they
    are never walked again, and workers forked from a preloaded gunicorn share those pages instead of copying
    them when the collector touches them (the gc.freeze documentation's advice for pre-fork servers).
    """
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - loading the URLconf imports the views and all they import
    gc.collect()
    gc.freeze()


_refuse_a_broken_deploy()
_settle_the_heap()
