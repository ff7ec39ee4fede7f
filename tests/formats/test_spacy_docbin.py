from __future__ import annotations

import pytest
import spacy

from annotations.formats import spacy_docbin
from annotations.formats.records import QuoteRecord, Span
from tests.formats.export_records import article


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def test_it_writes_one_quote_span_per_part_grouped_by_quote_id_with_cues_and_mentions(nlp):
    (doc,) = spacy_docbin.decode(spacy_docbin.encode([article()], nlp), nlp)
    quotes = doc.spans["quotes"]
    assert [(span.text, span.label_, span.id_) for span in quotes] == [
        ('"We are ready,"', "DIRECT", "31"),
        ('"Minsk is the place."', "DIRECT", "31"),
        ("talks would go ahead", "INDIRECT", "32"),
    ]
    assert [(span.text, span.label_, span.id_) for span in doc.spans["cues"]] == [
        ("said", "CUE", "31"),
        ("said", "CUE", "32"),
    ]
    mentions = doc.spans["mentions"]
    assert [(span.text, span.id_, span.kb_id_) for span in mentions] == [
        ("Peskov", "31", "Q2284"),
        ("The Kremlin", "32", ""),
    ]
    about = doc.user_data["quotebook"]
    assert about["article"] == "17"
    assert about["quotes"]["31"]["speaker"] == "Dmitry Peskov"
    assert about["quotes"]["32"]["speaker_id"] == "9"


def test_it_widens_a_span_inside_a_word_to_whole_tokens_and_keeps_every_span_inside_its_doc(nlp):
    text = "Officials called it unprecedented, she said."
    record = article(text, quotes=[QuoteRecord(parts=[Span(22, 28)], kind="mixed", key="1")], claims=[], speakers=[])
    (doc,) = spacy_docbin.decode(spacy_docbin.encode([record], nlp), nlp)
    (span,) = doc.spans["quotes"]
    assert span.text == "unprecedented"
    assert span.label_ == "MIXED"
    for group in doc.spans.values():
        assert all(0 <= s.start_char < s.end_char <= len(doc.text) for s in group)


def test_it_leaves_out_articles_without_quotes(nlp):
    docs = spacy_docbin.decode(spacy_docbin.encode([article(), article(quotes=[], key="18")], nlp), nlp)
    assert [doc.user_data["quotebook"]["article"] for doc in docs] == ["17"]
