"""The newsroom's roles as Django groups, and how a view asks what a user may do.

Editors change quotes, speakers and claims; fact-checkers change claims;
researchers read and export. Admins curate speakers and everything else in the
Django admin: staff members in the Admins group, or superusers.
"""

from __future__ import annotations

ADMINS, EDITORS, FACT_CHECKERS, RESEARCHERS = "Admins", "Editors", "Fact-checkers", "Researchers"
MODELS = ("article", "outlet", "speaker", "speakeralias", "quote", "quotepart", "claim")

_VIEW_ALL = [f"view_{model}" for model in MODELS]
_CHANGE_CLAIMS = ["add_claim", "change_claim", "delete_claim"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    ADMINS: [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")],
    EDITORS: _VIEW_ALL
    + _CHANGE_CLAIMS
    + ["add_quote", "change_quote", "add_quotepart", "change_quotepart", "delete_quotepart"]
    + ["add_speaker", "change_speaker", "add_speakeralias", "change_article"],
    FACT_CHECKERS: _VIEW_ALL + _CHANGE_CLAIMS,
    RESEARCHERS: _VIEW_ALL,
}


def create_role_groups(group_model, permission_model) -> None:
    """Create or complete the role groups; takes the models so a migration can pass its historical ones."""
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.add(
            *permission_model.objects.filter(content_type__app_label="annotations", codename__in=codenames)
        )


def can_edit_quotes(user) -> bool:
    return user.has_perm("annotations.change_quote")


def can_edit_claims(user) -> bool:
    return user.has_perm("annotations.change_claim")


def can_add_articles(user) -> bool:
    """Editors bring articles in; fact-checkers and researchers work on what is there."""
    return can_edit_quotes(user)


def can_export(user) -> bool:
    """Every role reads the corpus, so every role may take it away: researchers above all."""
    return user.has_perm("annotations.view_quote")
