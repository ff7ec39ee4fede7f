from __future__ import annotations

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


_refuse_a_broken_deploy()
