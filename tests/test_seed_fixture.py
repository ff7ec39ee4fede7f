"""The demo's gold fixture: the seed article with every quote, speaker and claim marked by hand.

Expectations are written as text, not offsets: an edit that shifts a span by one character, drops a
quote or links the wrong speaker fails here with the words that went wrong.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.core.management import call_command

from annotations.models import Article, Claim, Quote, QuotePart, Speaker, SpeakerAlias, fold_name
from annotations.speakers import link_speaker

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# Every quote in text order (by its first content part, then by cue):
# (kind, speaker mention, cue, Speaker name, how each content part begins).
EXPECTED_QUOTES = [
    ("indirect", "the Kremlin", "according to", "Kremlin", ["Russian President Vladimir Putin said he is"]),
    ("indirect", "Russian President Vladimir Putin", "said", "Vladimir Putin", ["he is ready to send a delegation"]),
    ("mixed", "the Kremlin", "said", "Kremlin", ["Putin told Xi that Russia's military operation"]),
    ("mixed", "Putin", "told", "Vladimir Putin", ["Russia's military operation in Ukraine was necessary"]),
    ("indirect", "the West", "calls", "Western governments", ["baseless propaganda"]),
    ("indirect", "The Kremlin", "said", "Kremlin", ["Xi respected Russia's actions"]),
    ("direct", "spokesperson Dmitry Peskov", "said", "Dmitry Peskov", ['"In response to the proposal']),
    ("mixed", "the Kremlin spokesperson", "According to", "Dmitry Peskov", ["Belarusian President Alexander"]),
    (
        "mixed",
        "Belarusian President Alexander Lukashenko",
        "promised",
        "Alexander Lukashenko",
        ["Minsk would be ready"],
    ),
    (
        "indirect",
        "Ukraine, the United States and its allies",
        "accused",
        "Ukraine, the United States and allies",
        ["Russia of amassing tens of thousands"],
    ),
    ("indirect", "They", "claimed", "Ukraine, the United States and allies", ["Russia was preparing to invade"]),
    ("indirect", "Moscow", "rejected", "Government of Russia", ["claims"]),
    ("mixed", "Putin", "said", "Vladimir Putin", ['the operation aims to protect people "subjected to genocide"']),
    ("indirect", "Putin", "calling on", "Vladimir Putin", ["the Ukrainian army to lay down its arms"]),
    ("indirect", "Putin", "calls on", "Vladimir Putin", ["Ukraine's military to topple government"]),
    ("indirect", "Putin", "called on", "Vladimir Putin", ["the Ukrainian military to seize power"]),
    ("direct", "Putin", "said", "Vladimir Putin", ['"I once again appeal', '"Take power']),
    ("mixed", "Putin", "added", "Vladimir Putin", ["Russian servicemen in Ukraine were acting"]),
    (
        "indirect",
        "President Volodymyr Zelenskyy\u2019s spokesperson",
        "said",
        "Spokesperson for Volodymyr Zelenskyy",
        ["Ukraine and Russia are continuing consultations"],
    ),
    ("indirect", "US", "says", "U.S. State Department", ["Moscow's offer of peace negotiations"]),
    ("indirect", "the U.S. State Department", "saying", "U.S. State Department", ["they are not a genuine effort"]),
    ("direct", "spokesperson Ned Price", "said", "Ned Price", ['"Diplomacy by the barrel of a gun']),
    ("indirect", "spokesperson Ned Price", "adding", "Ned Price", ["this would not aid peace efforts"]),
    ("direct", "Price", "said", "Ned Price", ['"Moscow is now a pariah']),
    ("indirect", "Price", "adding", "Ned Price", ["the US was ready to engage"]),
    ("mixed", "he", "said", "Ned Price", ['Diplomacy cannot succeed in a context where "you rain down bombs']),
]


@pytest.fixture
def seed(db) -> Article:
    call_command("loaddata", str(FIXTURES / "seed.json"), verbosity=0)
    return Article.objects.get(pk=1)


def quotes_in_order() -> list[Quote]:
    return list(Quote.objects.in_text_order().for_display())


def parts_of(quote: Quote) -> list[str]:
    return [part.text for part in quote.parts.all()]


def spans(article: Article) -> list[tuple[str, int | None, int | None]]:
    found = []
    for quote in Quote.objects.filter(article=article):
        found.append((f"quote {quote.pk} cue", quote.cue_start, quote.cue_end))
        found.append((f"quote {quote.pk} mention", quote.mention_start, quote.mention_end))
    for part in QuotePart.objects.filter(quote__article=article):
        found.append((f"quote {part.quote_id} part", part.start, part.end))
    for claim in Claim.objects.filter(article=article):
        found.append((f"claim {claim.pk}", claim.start, claim.end))
    return found


def test_it_stores_the_seed_text_exactly_with_its_hash(seed):
    text = (FIXTURES / "seed-article.txt").read_bytes().decode("utf-8")
    assert seed.text == text
    assert not seed.text.endswith("\n")
    assert seed.text_sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert not seed.text_has_changed()
    assert seed.title == "Putin ready to send delegation to Minsk for talks with Ukraine, Kremlin says"
    assert (seed.status, seed.language, seed.outlet, seed.url) == (Article.Status.IN_REVIEW, "en", None, None)


def test_it_keeps_every_span_inside_the_text_and_trimmed(seed):
    text = seed.text
    checked = spans(seed)
    assert checked
    for label, start, end in checked:
        assert start is not None and end is not None, label
        assert 0 <= start < end <= len(text), label
        piece = text[start:end]
        assert piece == piece.strip(), f"{label} has surrounding whitespace: {piece!r}"
        assert "\n" not in piece, f"{label} crosses a paragraph: {piece!r}"


def test_it_passes_model_validation_on_every_row(seed):
    seed.full_clean()
    for model in (Speaker, Quote, QuotePart, Claim):
        rows = list(model.objects.all())
        assert rows, model.__name__
        for row in rows:
            row.full_clean()
    for alias in SpeakerAlias.objects.all():
        assert alias.normalized == fold_name(alias.name), alias.name
        alias.full_clean()


def test_it_shows_every_gold_quote_with_its_speaker_on_the_review_page(seed, client, researcher):
    # Through the page's own code (queryset, text order, highlighting), not the fixture's numbers.
    client.force_login(researcher)
    response = client.get(f"/articles/{seed.pk}/")
    shown = response.context["quotes"]
    assert [(q.kind, q.speaker.name) for q in shown] == [(kind, speaker) for kind, _, _, speaker, _ in EXPECTED_QUOTES]
    assert response.context["progress"]["confirmed"] == len(EXPECTED_QUOTES)
    html = response.content.decode()
    for claim in Claim.objects.all():
        assert f'id="claim-{claim.pk}"' in html


def test_it_annotates_each_quote_as_expected(seed):
    actual = quotes_in_order()
    assert len(actual) == len(EXPECTED_QUOTES)
    for quote, (kind, mention, cue, speaker, beginnings) in zip(actual, EXPECTED_QUOTES, strict=True):
        parts = parts_of(quote)
        where = f"quote {quote.pk}: {quote.content_text[:60]!r}"
        assert quote.kind == kind, where
        assert quote.mention_text == mention, where
        assert quote.cue_text == cue, where
        assert quote.speaker.name == speaker, where
        assert len(parts) == len(beginnings), where
        for part, beginning in zip(parts, beginnings, strict=True):
            assert part.startswith(beginning), where


def test_it_follows_one_convention_for_content_spans(seed):
    for quote in quotes_in_order():
        for part in parts_of(quote):
            if quote.kind == Quote.Kind.DIRECT:
                # Direct content includes its quotation marks, as in PolNeAR's gold.
                assert part.startswith('"') and part.endswith('"'), part
            elif quote.kind == Quote.Kind.MIXED:
                assert part.count('"') >= 2 and part.count('"') % 2 == 0, part
            else:
                assert '"' not in part, part


def test_it_attributes_the_opening_statement_to_peskov(seed):
    (quote,) = [q for q in quotes_in_order() if q.cue_text == "said" and q.mention_text == "spokesperson Dmitry Peskov"]
    assert quote.speaker.name == "Dmitry Peskov"
    assert quote.kind == Quote.Kind.DIRECT
    (content,) = parts_of(quote)
    assert content.startswith('"In response to the proposal')
    assert content.endswith('talks with the Ukrainian delegation,"')


def test_it_keeps_putins_two_paragraph_appeal_as_one_quote(seed):
    (quote,) = [q for q in quotes_in_order() if any(p.startswith('"I once again appeal') for p in parts_of(q))]
    first, second = parts_of(quote)
    assert first.startswith('"I once again appeal') and first.endswith('as human shields,"')
    assert second == '"Take power into your own hands, it will be easier for us to reach agreement."'
    assert quote.speaker.name == "Vladimir Putin"
    assert (quote.mention_text, quote.cue_text) == ("Putin", "said")
    assert not Quote.objects.filter(parts__start=quote.parts.all()[1].start).exclude(pk=quote.pk).exists()


def test_it_resolves_the_closing_pronoun_to_ned_price(seed):
    last = quotes_in_order()[-1]
    assert last.mention_text == "he"
    assert last.speaker.name == "Ned Price"
    assert last.speaker.description == "U.S. State Department spokesperson"
    assert parts_of(last)[0].endswith('capital of 2.9 million people,"')


def test_it_links_the_genocide_claims_to_putins_quotes(seed):
    claims = list(Claim.objects.order_by("start"))
    assert len(claims) == 2
    for claim in claims:
        assert "genocide" in claim.span_text
        assert claim.verdict == Claim.Verdict.FALSE
        assert claim.rationale
        assert claim.quote is not None and claim.quote.speaker.name == "Vladimir Putin"
        assert any(part.start <= claim.start and claim.end <= part.end for part in claim.quote.parts.all())
    told, war_aim = claims
    assert told.span_text == "genocide"
    assert told.quote.cue_text == "told"
    assert war_aim.span_text == "subjected to genocide"


def test_it_links_each_gold_mention_that_names_someone_to_the_gold_speaker_and_never_to_another(seed):
    # The one speaker lookup (annotations.speakers) over the hand-checked mentions: a wrong link fails here.
    linked = {}
    for quote in quotes_in_order():
        found = link_speaker(quote.mention_text, article_text=seed.text)
        assert found in (None, quote.speaker), (quote.mention_text, found, quote.speaker)
        linked[quote.mention_text] = found
    # Pronouns, and names the lookup cannot tell from a list ("Ukraine, the United States and its allies").
    unlinked = {"They", "he", "US", "Ukraine, the United States and its allies"}
    assert {mention for mention, speaker in linked.items() if speaker is None} == unlinked
    assert linked["Russian President Vladimir Putin"].name == "Vladimir Putin"
    assert linked["the Kremlin spokesperson"].name == "Dmitry Peskov"
    assert linked["President Volodymyr Zelenskyy\u2019s spokesperson"].name == "Spokesperson for Volodymyr Zelenskyy"
