"""Fact-checkers' actions: add and edit the claims of an article."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from annotations.models import Article, Claim, Quote
from annotations.review.errors import ReviewError, StaleClaim
from annotations.review.log import change_entry, claim_state, log_action

CLAIM_FIELDS = ["statement", "verdict", "rationale", "review_url", "quote", "start", "end"]


def _validated_claim(claim: Claim) -> None:
    # full_clean says what is wrong in words, field by field, before anything is written.
    claim.full_clean(exclude=["article", "quote", "reviewed_by"])


def claim_add(
    *,
    article: Article,
    editor,
    statement: str,
    verdict: str = Claim.Verdict.UNRATED,
    rationale: str = "",
    review_url: str = "",
    quote: Quote | None = None,
    start: int | None = None,
    end: int | None = None,
) -> Claim:
    if quote is not None and quote.article_id != article.pk:
        raise ValidationError("The quote belongs to another article.")
    claim = Claim(
        article=article,
        quote=quote,
        start=start,
        end=end,
        statement=statement,
        verdict=verdict,
        rationale=rationale,
        review_url=review_url,
        reviewed_by=editor,
        reviewed_at=timezone.now(),
    )
    _validated_claim(claim)
    with transaction.atomic():
        claim._history_user = editor
        claim._change_reason = "add"
        claim.save()
        log_action(article=article, editor=editor, kind="add_claim", changes=[change_entry("claim", claim.pk, None, 1)])
    return claim


def claim_edit(
    *, claim: Claim, editor, version: int, statement: str, verdict: str, rationale: str, review_url: str = ""
) -> Claim:
    with transaction.atomic():
        locked = Claim.objects.select_for_update(of=("self",)).select_related("article").filter(pk=claim.pk).first()
        if locked is None:
            raise ReviewError("This claim no longer exists.")
        if locked.version != version:
            raise StaleClaim(locked)
        before = claim_state(locked)
        locked.statement, locked.verdict, locked.rationale, locked.review_url = (
            statement,
            verdict,
            rationale,
            review_url,
        )
        _validated_claim(locked)
        locked.reviewed_by = editor
        locked.reviewed_at = timezone.now()
        locked.version += 1
        locked._history_user = editor
        locked._change_reason = "edit"
        locked.save(update_fields=[*CLAIM_FIELDS, "reviewed_by", "reviewed_at", "version", "updated_at"])
        log_action(
            article=locked.article,
            editor=editor,
            kind="edit_claim",
            changes=[change_entry("claim", locked.pk, before, locked.version)],
        )
    return locked
