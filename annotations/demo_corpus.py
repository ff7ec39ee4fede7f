"""The demo's small corpus: fourteen articles written for the project, suggested, and partly reviewed.

Two demo editors review the older articles through the same review functions
the pages call, with seconds per decision, so every insight page has numbers.
Their decisions are simulated by rule and a seeded random choice: which
suggestions they correct or reject is plausible, not a real editor's
judgement. Loading is idempotent: an article already loaded (same text) is
left alone, and only articles loaded in this run are reviewed.
"""

from __future__ import annotations

import datetime
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from annotations import review
from annotations.models import Article, Claim, Outlet, Quote, Speaker, SpeakerAlias
from annotations.roles import EDITORS, FACT_CHECKERS
from annotations.suggest import suggest_articles

CORPUS = settings.BASE_DIR / "fixtures" / "demo-corpus"
REVIEWED = 10  # the oldest ten articles are reviewed; the newest four wait in the queue
LEFT_IN_REVIEW = 2  # of those, the last two are reviewed only in part
SEED = 20260907

# Fact-checks of quotes in the corpus: (file, words in the quote, statement, verdict, rationale).
CLAIMS = [
    (
        "01-ferry-fares-vote.txt",
        "a week of groceries",
        "A family return ticket would cost more than a week of groceries.",
        Claim.Verdict.FALSE,
        "At the proposed fares a family return costs 162 euros; the region's average weekly grocery bill is 190.",
    ),
    (
        "03-hospital-night-shifts.txt",
        "nothing has been built",
        "No housing for nurses has been built in Eastport in three years.",
        Claim.Verdict.MISLEADING,
        "Six staff flats opened in 2024, though they went to hospital doctors rather than nurses.",
    ),
    (
        "04-fishing-quota.txt",
        "for sale by the summer",
        "Half of Eastport's fishing boats will be for sale by the summer.",
        Claim.Verdict.UNVERIFIABLE,
        "A prediction; the union gave no figures behind it.",
    ),
    (
        "08-wind-farm.txt",
        "pay for them",
        "The wind farm could pay for the island ferry.",
        Claim.Verdict.MIXED,
        "The developer's offer to the town would cover about half the route's yearly loss.",
    ),
    (
        "09-ferry-accounts.txt",
        "loses money",
        "Every winter crossing loses money.",
        Claim.Verdict.MOSTLY_TRUE,
        "The route lost 1.4 million euros last year; two early-morning winter crossings broke even.",
    ),
    (
        "09-ferry-accounts.txt",
        "pay a dividend",
        "Northsound Ferries paid its owners a dividend in 2025.",
        Claim.Verdict.TRUE,
        "Page 14 of the published accounts lists a dividend of 300,000 euros.",
    ),
]


@dataclass
class DemoArticle:
    path: Path
    title: str
    outlet: str
    domain: str
    published: datetime.datetime
    byline: str
    text: str


def read_article(path: Path) -> DemoArticle:
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    fields = dict(line.split(": ", 1) for line in head.splitlines())
    published = datetime.datetime.fromisoformat(fields["Published"]).replace(hour=7, tzinfo=datetime.UTC)
    return DemoArticle(
        path, fields["Title"], fields["Outlet"], fields["Domain"], published, fields["Byline"], body.strip()
    )


def load_speakers() -> None:
    for entry in json.loads((CORPUS / "speakers.json").read_text(encoding="utf-8")):
        speaker, _ = Speaker.objects.get_or_create(
            name=entry["name"],
            defaults={"kind": entry["kind"], "gender": entry["gender"], "description": entry["description"]},
        )
        for alias in entry["aliases"]:
            if not speaker.aliases.filter(name=alias).exists():
                SpeakerAlias.objects.create(speaker=speaker, name=alias)


def load_articles() -> list[tuple[DemoArticle, Article]]:
    """The corpus's articles not loaded yet, created; those already there are left alone."""
    created = []
    for item in map(read_article, sorted(CORPUS.glob("*.txt"))):
        if Article.objects.filter(text_sha256=Article.hash_text(item.text)).exists():
            continue
        outlet, _ = Outlet.objects.get_or_create(domain=item.domain, defaults={"name": item.outlet})
        article = Article.objects.create(
            title=item.title, outlet=outlet, published_at=item.published, byline=item.byline, text=item.text
        )
        created.append((item, article))
    return created


def demo_user(username: str, role: str):
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        # Demo reviewers exist to have done work; nobody logs in as them.
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=role))
    return user


def load_demo_corpus() -> str:
    """Load, suggest and partly review the demo corpus; returns a line saying what was done."""
    load_speakers()
    loaded = load_articles()
    if not loaded:
        return "Demo corpus already loaded."
    articles = [article for _, article in loaded]
    suggested = suggest_articles(articles)
    editors = [demo_user("maria", EDITORS), demo_user("tom", EDITORS)]
    checker = demo_user("ines", FACT_CHECKERS)
    rng = random.Random(SEED)
    to_review = sorted(loaded, key=lambda pair: pair[1].published_at)[:REVIEWED]
    for i, (item, article) in enumerate(to_review):
        with transaction.atomic():
            finish = i < len(to_review) - LEFT_IN_REVIEW
            review_article(article, editor=editors[i % 2], rng=rng, finish=finish)
            check_claims(item, article, checker)
            backdate(article, item.published + datetime.timedelta(days=1, hours=2 + i % 5))
    return (
        f"Loaded {len(loaded)} demo corpus articles with {suggested} suggestions; "
        f"demo editors reviewed {len(to_review)} of them."
    )


def review_article(article: Article, *, editor, rng: random.Random, finish: bool) -> None:
    """An editor's pass over an article: confirm, correct, reject, and add a quote the suggester missed."""
    review.article_open(article=article, editor=editor)
    quotes = list(
        Quote.objects.filter(article=article, status=Quote.Status.SUGGESTED).prefetch_related("parts").in_text_order()
    )
    for quote in quotes if finish else quotes[: len(quotes) // 2]:
        decide(quote, article, editor=editor, rng=rng, others=quotes)
    add_missed_quotes(article, editor=editor, rng=rng)
    if finish:
        review.article_done(article=article, editor=editor)


# What a demo editor knows that the suggester does not: who "the mayor" is in Eastport.
KNOWN_ROLES = {"mayor": "Jonas Ek", "director": "Leila Haddad", "authority": "Regional Transport Authority"}


def decide(quote: Quote, article: Article, *, editor, rng: random.Random, others: list[Quote]) -> None:
    """Reject a duplicate of a quote with a known speaker; link a speaker known by role; trim a trailing comma."""
    quote.article = article
    parts = list(quote.parts.all())
    duplicate = quote.speaker_id is None and any(
        other.speaker_id and other.pk != quote.pk and _overlaps(parts, list(other.parts.all())) for other in others
    )
    if duplicate or (quote.confidence or 0) < 0.5:
        review.quote_reject(quote=quote, editor=editor, version=quote.version, seconds=rng.uniform(2, 6))
        return
    seconds = rng.uniform(2.5, 7)
    if quote.speaker_id is None:
        role = quote.mention_text.split()[-1].lower() if quote.mention_text else ""
        speaker = Speaker.objects.filter(name=KNOWN_ROLES.get(role, "")).first()
        if speaker is not None:
            quote = review.quote_link_speaker(
                quote=quote, editor=editor, version=quote.version, speaker=speaker, seconds=rng.uniform(5, 12)
            )
    if quote.kind == Quote.Kind.DIRECT and rng.random() < 0.2:
        start, end = trimmed(article.text, parts[-1].start, parts[-1].end)
        if (start, end) != (parts[-1].start, parts[-1].end):
            quote = review.quote_set_span(
                quote=quote, editor=editor, version=quote.version, role="content", start=start, end=end,
                seconds=rng.uniform(6, 15),
            )  # fmt: skip
    review.quote_confirm(quote=quote, editor=editor, version=quote.version, seconds=seconds)


def _overlaps(parts, others) -> bool:
    return any(p.start < o.end and o.start < p.end for p in parts for o in others)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A direct quote ending in a comma inside its closing mark, trimmed to its words: a common house style."""
    if text[start:end].endswith((',"', '."')):
        return start + 1, end - 2
    return start, end


# Ways of reporting speech the suggester does not know yet; the demo editors mark these by hand.
MISSED = re.compile(r"[^\n]*\b(?:In \w+'s view|has made clear|is convinced|position is that)\b[^\n]*")


def add_missed_quotes(article: Article, *, editor, rng: random.Random) -> None:
    """Sentences reporting speech that no quote covers, marked by hand as indirect quotes and linked."""
    covered = [(p.start, p.end) for q in article.quotes.all() for p in q.parts.all()]
    # Longest first, whole words: "Lindqvist" is not "Lind".
    aliases = sorted(SpeakerAlias.objects.select_related("speaker"), key=lambda alias: -len(alias.name))
    names = [(re.compile(rf"\b{re.escape(alias.name)}\b", re.IGNORECASE), alias.speaker) for alias in aliases]
    for match in MISSED.finditer(article.text):
        start, end = match.span()
        if any(s < end and start < e for s, e in covered):
            continue
        quote = review.quote_add(article=article, editor=editor, start=start, end=end, kind=Quote.Kind.INDIRECT)
        # quote_add takes no stopwatch reading; the demo records a plausible one for the effort page.
        Quote.objects.filter(pk=quote.pk).update(review_seconds=rng.uniform(25, 70))
        quote.refresh_from_db()
        speaker = next((speaker for name, speaker in names if name.search(match.group(0))), None)
        if speaker is not None:
            review.quote_link_speaker(
                quote=quote, editor=editor, version=quote.version, speaker=speaker, seconds=rng.uniform(4, 10)
            )


def check_claims(item: DemoArticle, article: Article, checker) -> None:
    for filename, words, statement, verdict, rationale in CLAIMS:
        if filename != item.path.name:
            continue
        quote = next(
            (
                q
                for q in Quote.objects.filter(article=article, status=Quote.Status.CONFIRMED).prefetch_related("parts")
                if any(words in article.text[p.start : p.end] for p in q.parts.all())
            ),
            None,
        )
        review.claim_add(
            article=article, editor=checker, statement=statement, verdict=verdict, rationale=rationale, quote=quote
        )


def backdate(article: Article, when: datetime.datetime) -> None:
    """Decisions dated the day after publication, as if reviewed then, so the effort page spans weeks."""
    Quote.objects.filter(article=article, reviewed_at__isnull=False).update(reviewed_at=when)
    Claim.objects.filter(article=article).update(reviewed_at=when)
