"""The newsroom's roles as Django groups, and how a view asks what a user may do.

Editors change quotes, speakers and claims; fact-checkers change claims;
researchers read and export. Admins are superusers and curate speakers.
"""

from __future__ import annotations

EDITORS, FACT_CHECKERS, RESEARCHERS = "Editors", "Fact-checkers", "Researchers"

_VIEW_ALL = [
    f"view_{model}" for model in ("article", "outlet", "speaker", "speakeralias", "quote", "quotepart", "claim")
]
_CHANGE_CLAIMS = ["add_claim", "change_claim", "delete_claim"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    EDITORS: _VIEW_ALL
    + _CHANGE_CLAIMS
    + ["add_quote", "change_quote", "add_quotepart", "change_quotepart", "delete_quotepart"]
    + ["add_speaker", "change_speaker", "add_speakeralias", "change_article"],
    FACT_CHECKERS: _VIEW_ALL + _CHANGE_CLAIMS,
    RESEARCHERS: _VIEW_ALL,
}


def can_edit_quotes(user) -> bool:
    return user.has_perm("annotations.change_quote")


def can_edit_claims(user) -> bool:
    return user.has_perm("annotations.change_claim")
