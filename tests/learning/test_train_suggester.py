from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from annotations.learning.data import training_data
from annotations.learning.examples import LABEL, to_doc
from annotations.models import Quote
from annotations.nlp.learned import load_model
from tests.factories import make_article, make_quote


def train(tmp_path, **options) -> str:
    out = io.StringIO()
    call_command(
        "train_suggester", output=str(tmp_path / "model"), max_steps=4, eval_frequency=2, stdout=out, **options
    )
    return out.getvalue()


@pytest.mark.django_db
def test_it_trains_on_what_editors_decided_and_says_what_taught_it(reviewed_demo, tmp_path):
    confirmed = Quote.objects.filter(status=Quote.Status.CONFIRMED).exclude(origin=Quote.GOLD_ORIGIN).count()
    output = train(tmp_path)
    assert f"Training data: {confirmed} confirmed quotes in 2 articles" in output
    lines = {
        line.split(None, 1)[1]: int(line.split(None, 1)[0])
        for line in output.splitlines()
        if line[:9].strip().isdigit()
    }
    assert lines == {
        "confirmed as the rules suggested them": confirmed - 2,
        "suggested by the rules, corrected by an editor": 1,
        "added by an editor": 1,
        "imported annotations": 0,
    }
    assert "precision" in output and "recall" in output
    meta = json.loads((tmp_path / "model" / "meta.json").read_text())
    assert meta["name"] == "quotebook_learned"
    assert f"Saved model {meta['version']} to {tmp_path / 'model'}" in output
    assert meta["quotebook"]["trained_on"] == {"confirmed": confirmed - 2, "corrected": 1, "added": 1}
    assert "ner" in load_model(tmp_path / "model").pipe_names


@pytest.mark.django_db
def test_it_never_learns_from_the_gold_layer_or_undecided_suggestions(demo_articles, tmp_path):
    # The seed article's 26 gold quotes are confirmed, and every suggestion is still waiting for an editor.
    assert Quote.objects.filter(origin=Quote.GOLD_ORIGIN, status=Quote.Status.CONFIRMED).exists()
    with pytest.raises(CommandError, match="0 confirmed quotes in 0 articles"):
        train(tmp_path)
    assert not (tmp_path / "model").exists()


@pytest.mark.django_db
def test_too_little_data_says_how_much_is_needed(tmp_path):
    article = make_article("The mayor said the bridge would open in May. The council said it would not.")
    make_quote(article, "the bridge would open in May", status=Quote.Status.CONFIRMED, origin="import")
    with pytest.raises(CommandError) as raised:
        train(tmp_path)
    assert "1 confirmed quote in 1 article" in str(raised.value)
    assert "at least 10 confirmed quotes in at least 2 articles" in str(raised.value)


@pytest.mark.django_db
def test_imported_annotations_count_as_imported(reviewed_demo, tmp_path):
    article = make_article("The mayor said the bridge would open in May.")
    make_quote(article, "the bridge would open in May", status=Quote.Status.CONFIRMED, origin="import")
    assert training_data().provenance["imported"] == 1


@pytest.mark.django_db
def test_it_asks_where_to_save_the_model_when_nothing_says(reviewed_demo, settings):
    settings.QUOTEBOOK_LEARNED_MODEL_DIR = ""
    with pytest.raises(CommandError, match="QUOTEBOOK_LEARNED_MODEL_DIR"):
        call_command("train_suggester", max_steps=1)


@pytest.mark.django_db
def test_a_bad_since_date_is_refused(reviewed_demo, tmp_path):
    with pytest.raises(CommandError, match="not a date"):
        train(tmp_path, since="last week")


@pytest.mark.django_db
def test_undecided_suggestions_teach_neither_quote_nor_no_quote(demo_articles, editor):
    from annotations.review.quotes import quote_confirm

    second = demo_articles[1]
    first, waiting = [quote for quote in second.quotes.prefetch_related("parts") if len(quote.parts.all()) == 1][:2]
    quote_confirm(quote=first, editor=editor, version=first.version)
    [article] = [a for a in training_data().articles if a.key == str(second.pk)]
    import spacy

    doc = to_doc(spacy.blank("en"), article)
    confirmed = first.parts.get()
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [(confirmed.start, confirmed.end, LABEL)]
    waiting_part = waiting.parts.get()
    span = doc.char_span(waiting_part.start, waiting_part.end, alignment_mode="expand")
    assert {token.ent_iob_ for token in span} == {""}  # missing: neither inside nor outside a content
    assert doc[-1].ent_iob_ == "O"  # text no quote covers teaches "no quote"
