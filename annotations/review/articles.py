"""Who has an article open, when it is done, and which one an editor gets next."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from annotations.models import Article
from annotations.review.log import change_entry, log_action

# An editor who opened an article this recently still has it: "next article" skips it.
OPEN_FOR = timedelta(minutes=30)
# Reloading the page within this keeps the marker as it is: no write for every look.
OPEN_REFRESH = timedelta(minutes=1)


def article_open(*, article: Article, editor) -> None:
    """An editor opened the article: it is theirs for a while. Its status waits for the first action."""
    now = timezone.now()
    if article.opened_by_id == editor.pk and article.opened_at and now - article.opened_at < OPEN_REFRESH:
        return
    # A plain UPDATE: opening is bookkeeping, not an editorial change for the history.
    Article.objects.filter(pk=article.pk).update(opened_by=editor, opened_at=now)
    article.opened_by, article.opened_at = editor, now


def article_done(*, article: Article, editor) -> Article:
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        before = {"status": locked.status}
        locked.status = Article.Status.DONE
        # Done means nobody needs it open any more: "next article" may hand it on only if reopened.
        locked.opened_by, locked.opened_at = None, None
        locked._history_user = editor
        locked._change_reason = "done"
        locked.save(update_fields=["status", "opened_by", "opened_at", "updated_at"])
        log_action(
            article=locked, editor=editor, kind="done", changes=[change_entry("article", locked.pk, before, None)]
        )
    return locked


def next_article_for(*, editor, now: datetime | None = None) -> Article | None:
    """The oldest article not done that no other editor has open, opened for `editor` at once.

    Claiming it in the same transaction keeps two editors pressing "next" together
    from getting the same article (on PostgreSQL the lock skips rows being claimed).
    """
    now = now or timezone.now()
    with transaction.atomic():
        article = (
            Article.objects.select_for_update(skip_locked=True)
            .exclude(status=Article.Status.DONE)
            .exclude(pk__in=Article.objects.open_elsewhere(editor, since=now - OPEN_FOR).values("pk"))
            .order_by("created_at", "pk")
            .first()
        )
        if article is not None:
            article_open(article=article, editor=editor)
    return article
