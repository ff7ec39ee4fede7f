"""Submit a Django admin change form as a browser would: every field as the page shows it, plus the changes."""

from __future__ import annotations

from datetime import datetime


def _values(form) -> dict[str, object]:
    data: dict[str, object] = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if isinstance(value, datetime):
            data[f"{bound.html_name}_0"] = value.date().isoformat()
            data[f"{bound.html_name}_1"] = value.time().isoformat(timespec="seconds")
        elif isinstance(value, list | tuple):
            data[bound.html_name] = list(value)
        else:
            data[bound.html_name] = value
    return data


def form_as_shown(page) -> dict[str, object]:
    """What the change (or revert) page would send back untouched, read from its context."""
    data = _values(page.context["adminform"].form)
    for inline in page.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update({f"{formset.prefix}-{key}": value for key, value in formset.management_form.initial.items()})
        for form in formset.forms:
            data.update(_values(form))
    return data
