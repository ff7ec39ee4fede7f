"""Small corpora whose answers are counted by hand in the tests that use them."""

from __future__ import annotations

import datetime

from django.utils import timezone

from annotations.models import Article, Quote, Speaker
from tests.factories import make_article, make_claim, make_outlet, make_quote, make_speaker, make_user

CONFIRMED, SUGGESTED, REJECTED = Quote.Status.CONFIRMED, Quote.Status.SUGGESTED, Quote.Status.REJECTED

A1 = (
    'Ann Lee said "the bridge opens in May". She added "tolls stay low". Bo Chen said "the budget is tight". '
    'The council said "repairs start soon". Ann Lee said "the bridge is safe".'
)
A2 = 'Ann Lee said "ferries keep running". Cy Diaz said "we need the bridge". Bo Chen said "bridge tolls rise".'
A3 = 'Bo Chen said "the harbour is full". The council said "fees will rise". Someone said "nobody asked us".'
A4 = 'Ann Lee said "the tunnel waits".'


def day(iso: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(iso).replace(hour=9, tzinfo=datetime.UTC)


def news_corpus(copies: int = 1) -> dict:
    """Two outlets, four speakers, four articles (one undated) with confirmed, suggested, rejected and gold quotes.

    With copies=1: confirmed editorial quotes 9 (Ann 4, Bo 2, Cy 1, council 1, no speaker 1), one
    suggestion, one rejected quote and one gold quote that never count; claims: false, true, mostly true
    (and a false one on the gold quote that never counts).
    """
    wire = make_outlet("Wire", "wire.example")
    daily = make_outlet("Daily", "daily.example")
    ann = make_speaker("Ann Lee", aliases=("Lee",), gender=Speaker.Gender.FEMALE)
    bo = make_speaker("Bo Chen", gender=Speaker.Gender.MALE)
    cy = make_speaker("Cy Diaz")
    council = make_speaker("City Council", kind=Speaker.Kind.ORGANISATION)
    for copy in range(copies):
        suffix = f" {copy}" if copy else ""
        a1 = make_article(A1, title="Bridge opens" + suffix, outlet=wire, published_at=day("2026-03-02"))
        a2 = make_article(A2, title="Ferries" + suffix, outlet=wire, published_at=day("2026-03-04"))
        a3 = make_article(A3, title="Harbour" + suffix, outlet=daily, published_at=day("2026-03-10"))
        a4 = make_article(A4, title="Tunnel" + suffix, outlet=daily)
        first = make_quote(a1, '"the bridge opens in May"', speaker=ann, status=CONFIRMED)
        make_quote(a1, '"tolls stay low"', speaker=ann, status=CONFIRMED)
        make_quote(a1, '"the budget is tight"', speaker=bo, status=CONFIRMED, kind=Quote.Kind.INDIRECT)
        make_quote(a1, '"repairs start soon"', speaker=council, status=SUGGESTED)
        gold = make_quote(a1, '"the bridge is safe"', speaker=ann, status=CONFIRMED, origin=Quote.GOLD_ORIGIN)
        make_quote(a2, '"ferries keep running"', speaker=ann, status=CONFIRMED)
        make_quote(a2, '"we need the bridge"', speaker=cy, status=CONFIRMED)
        make_quote(a2, '"bridge tolls rise"', speaker=bo, status=REJECTED)
        harbour = make_quote(a3, '"the harbour is full"', speaker=bo, status=CONFIRMED)
        make_quote(a3, '"fees will rise"', speaker=council, status=CONFIRMED)
        make_quote(a3, '"nobody asked us"', status=CONFIRMED)
        make_quote(a4, '"the tunnel waits"', speaker=ann, status=CONFIRMED)
        make_claim(a1, "The bridge opens in May.", quote=first, verdict="false", rationale="The opening moved to June.")
        make_claim(a3, "The harbour is full.", quote=harbour, verdict="true")
        make_claim(a2, "Ferries run every day.", verdict="mostly_true")
        make_claim(a1, "The bridge is safe.", quote=gold, verdict="false")
    return {"wire": wire, "daily": daily, "ann": ann, "bo": bo, "cy": cy, "council": council}


S1 = 'A said "one two three four". B said "five six seven". C said "eight nine". D said "ten". E said "eleven".'
S2 = 'F said "alpha beta". G said "gamma delta". H said "epsilon". I said "zeta eta".'


def suggested_quote(
    article: Article,
    content: str,
    *,
    origin: str,
    kind: str = "direct",
    speaker=None,
    now: dict | None = None,
    **fields,
) -> Quote:
    """A suggestion as the suggester stores it, with its snapshot; `now` says what an editor changed since
    (content, kind, speaker), `fields` how it was decided."""
    start = article.text.index(content)
    snapshot = {
        "origin": origin,
        "kind": kind,
        "parts": [[start, start + len(content)]],
        "speaker_id": speaker.pk if speaker else None,
    }
    now = {"content": content, "kind": kind, "speaker": speaker, **(now or {})}
    return make_quote(article, now.pop("content"), origin=origin, suggested=snapshot, **now, **fields)


def reviewed_corpus(tag: str = "") -> dict:
    """Suggestions from two suggester versions, decided by two editors over two days (counted in test_quality).

    `tag` names the users and outlets apart, so the corpus can be loaded more than once.
    """
    ed1, ed2 = make_user(f"ed1{tag}"), make_user(f"ed2{tag}")
    wire = make_outlet(f"Wire{tag}", f"wire{tag}.example")
    daily = make_outlet(f"Daily{tag}", f"daily{tag}.example")
    ann, bo = make_speaker("Ann Lee"), make_speaker("Bo Chen")
    old, new = "quotebook 0.2", "quotebook 0.3"
    s1 = make_article(S1, title="S1", outlet=wire, suggester_version=old, status=Article.Status.DONE)
    s2 = make_article(S2, title="S2", outlet=daily, suggester_version=new, status=Article.Status.IN_REVIEW)
    make_article("Nobody ran the suggester here.", title="S3", status=Article.Status.NEW)
    monday, tuesday = day("2026-03-02"), day("2026-03-03")
    by = lambda editor, when, seconds: {"reviewed_by": editor, "reviewed_at": when, "review_seconds": seconds}  # noqa: E731
    # S1, suggester 0.2
    suggested_quote(s1, '"one two three four"', origin=old, speaker=ann, status=CONFIRMED, **by(ed1, monday, 4.0))
    five = {"content": '"five six'}
    suggested_quote(s1, '"five six seven"', origin=old, speaker=ann, now=five, status=CONFIRMED, **by(ed1, monday, 10))
    eight = {"kind": "mixed", "speaker": bo}
    suggested_quote(
        s1, '"eight nine"', origin=old, kind="indirect", speaker=ann, now=eight, status=CONFIRMED, **by(ed1, monday, 20)
    )
    suggested_quote(s1, '"ten"', origin=old, status=REJECTED, **by(ed2, monday, 2.0))
    suggested_quote(s1, '"eleven"', origin=old, status=SUGGESTED)
    make_quote(s1, "E said", origin=Quote.MANUAL_ORIGIN, status=CONFIRMED, **by(ed1, monday, 30.0))
    # S2, suggester 0.3
    suggested_quote(
        s2, '"alpha beta"', origin=new, kind="indirect", speaker=bo, status=CONFIRMED, **by(ed2, tuesday, 6.0)
    )
    suggested_quote(s2, '"gamma delta"', origin=new, kind="indirect", status=REJECTED, **by(ed2, tuesday, 3.0))
    make_quote(
        s2, '"zeta eta"', origin=Quote.MANUAL_ORIGIN, status=CONFIRMED, kind="indirect", **by(ed2, tuesday, 40.0)
    )
    make_quote(s2, '"epsilon"', origin=Quote.GOLD_ORIGIN, status=CONFIRMED)
    return {"ed1": ed1, "ed2": ed2, "wire": wire, "daily": daily, "now": timezone.now()}
