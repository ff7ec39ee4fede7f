"""The project's demo article against its hand-checked gold (fixtures/seed.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.evaluation import Attribution, GoldDocument, content_characters, evaluate
from annotations.nlp import suggest
from annotations.nlp.names import normalise_name

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(scope="module")
def seed() -> tuple[str, list[dict]]:
    records = json.loads((FIXTURES / "seed.json").read_text(encoding="utf-8"))
    text = (FIXTURES / "seed-article.txt").read_text(encoding="utf-8")
    speakers = {r["pk"]: r["fields"]["name"] for r in records if r["model"] == "annotations.speaker"}
    parts: dict[int, list[tuple[int, int]]] = {}
    for record in records:
        if record["model"] == "annotations.quotepart":
            parts.setdefault(record["fields"]["quote"], []).append((record["fields"]["start"], record["fields"]["end"]))
    quotes = []
    for record in records:
        if record["model"] == "annotations.quote":
            fields = record["fields"]
            quotes.append(
                {
                    "parts": tuple(sorted(parts[record["pk"]])),
                    "mention": (fields["mention_start"], fields["mention_end"]),
                    "cue": (fields["cue_start"], fields["cue_end"]),
                    "speaker": speakers.get(fields["speaker"]),
                    "kind": fields["kind"],
                }
            )
    return text, quotes


@pytest.fixture(scope="module")
def suggested(nlp, seed):
    text, _ = seed
    (found,) = suggest(nlp, [text])
    return found


def best_match(text, gold, suggestions):
    chars = content_characters(text, gold["parts"])
    scored = [
        (len(chars & content_characters(text, s.parts)) / len(chars | content_characters(text, s.parts)), s)
        for s in suggestions
    ]
    return max(scored, key=lambda pair: pair[0])


def test_it_finds_every_quote_in_quotation_marks_with_its_speaker(seed, suggested):
    text, quotes = seed
    for gold in quotes:
        if gold["kind"] == "indirect":
            continue
        jaccard, suggestion = best_match(text, gold, suggested)
        assert jaccard >= 0.5, gold
        assert normalise_name(suggestion.speaker_name or "") == normalise_name(gold["speaker"]), gold


def test_it_resolves_the_closing_he_said_to_ned_price(seed, suggested):
    text, _ = seed
    last = max(suggested, key=lambda s: s.start)
    assert text[last.speaker[0] : last.speaker[1]] == "he"
    assert last.speaker_name == "Ned Price"


def test_it_finds_most_indirect_quotes_and_their_speakers(seed, suggested):
    text, quotes = seed
    gold = GoldDocument(
        "seed",
        text,
        tuple(Attribution(contents=q["parts"], source=(q["mention"],), cue=(q["cue"],)) for q in quotes),
    )
    predicted = [
        Attribution(contents=s.parts, source=(s.speaker,) if s.speaker else (), cue=(s.cue,) if s.cue else ())
        for s in suggested
    ]
    summary = evaluate([gold], {"seed": predicted}).summary()
    assert summary["all"]["overlap"]["recall"] >= 75
    assert summary["all"]["overlap"]["precision"] >= 85
    assert summary["all"]["speaker_accuracy"] >= 90


def test_it_finds_every_gold_quote_with_its_speaker_mention(seed, suggested):
    text, quotes = seed
    for gold in quotes:
        jaccard, suggestion = best_match(text, gold, suggested)
        assert jaccard >= 0.5, text[gold["parts"][0][0] : gold["parts"][-1][1]]
        start, end = gold["mention"]
        assert suggestion.speaker is not None, gold
        assert suggestion.speaker[0] < end and start < suggestion.speaker[1], (
            text[start:end],
            text[suggestion.speaker[0] : suggestion.speaker[1]],
        )
