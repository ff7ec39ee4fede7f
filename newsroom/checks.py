"""Start-up checks for a production deploy that Django's own `check --deploy` does not make."""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.checks import Error, register


@register("quotebook")
def static_files_collected(app_configs=None, **kwargs) -> list[Error]:
    """With DEBUG off every page names hashed static files: without collectstatic each one would be a 500."""
    if settings.DEBUG or not isinstance(staticfiles_storage, ManifestFilesMixin):
        return []
    manifest = staticfiles_storage.manifest_name
    if staticfiles_storage.exists(manifest):
        return []
    return [
        Error(
            f"The static files are not collected: {settings.STATIC_ROOT}/{manifest} is missing.",
            hint="Run `manage.py collectstatic --no-input` before starting the server.",
            id="quotebook.E001",
        )
    ]
