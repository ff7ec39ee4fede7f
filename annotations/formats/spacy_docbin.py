"""spaCy DocBin for training: each article a Doc with its quotes, cues and speaker mentions as span groups.

    doc.spans["quotes"]    one span per content part, labelled DIRECT, INDIRECT or MIXED;
                           the parts of one quote share the span id (the quote's id)
    doc.spans["cues"]      label CUE, span id the quote's id
    doc.spans["mentions"]  label SPEAKER, span id the quote's id, kb_id the speaker's Wikidata id
    doc.user_data["quotebook"]
                           {"article": id, "title", "url", "quotes": {quote id: {"speaker", "speaker_id",
                           "wikidata_id", "status", "origin"}}}

Spans are snapped outwards to whole tokens of the tokenizer given (a blank
English pipeline is enough: spancat trains on tokens). Pure: no Django here.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.tokens import Span as SpacySpan

from annotations.formats.records import ArticleRecord, Span

QUOTES_KEY, CUES_KEY, MENTIONS_KEY = "quotes", "cues", "mentions"
LABELS = {"direct": "DIRECT", "indirect": "INDIRECT", "mixed": "MIXED"}
USER_DATA_KEY = "quotebook"


def _span(doc: Doc, span: Span, label: str, quote_id: str, kb_id: str = "") -> SpacySpan | None:
    # "expand" keeps every character of the annotation; None only for a span of whitespace alone.
    return doc.char_span(span.start, span.end, label=label, kb_id=kb_id, alignment_mode="expand", span_id=quote_id)


def to_doc(record: ArticleRecord, nlp: Language) -> Doc:
    doc = nlp.make_doc(record.text)
    speakers = {speaker.key: speaker for speaker in record.speakers}
    quotes, cues, mentions = [], [], []
    about = {}
    for number, quote in enumerate(record.quotes, 1):
        quote_id = quote.key or str(number)
        speaker = speakers.get(quote.speaker) if quote.speaker is not None else None
        wikidata = speaker.wikidata_id if speaker else ""
        quotes += [_span(doc, part, LABELS[quote.kind], quote_id) for part in quote.parts]
        if quote.cue is not None:
            cues.append(_span(doc, quote.cue, "CUE", quote_id))
        if quote.mention is not None:
            mentions.append(_span(doc, quote.mention, "SPEAKER", quote_id, wikidata))
        about[quote_id] = {
            "speaker": speaker.name if speaker else quote.speaker_name,
            "speaker_id": speaker.key if speaker else None,
            "wikidata_id": wikidata or None,
            "status": quote.status,
            "origin": quote.origin,
        }
    doc.spans[QUOTES_KEY] = [span for span in quotes if span is not None]
    doc.spans[CUES_KEY] = [span for span in cues if span is not None]
    doc.spans[MENTIONS_KEY] = [span for span in mentions if span is not None]
    doc.user_data[USER_DATA_KEY] = {"article": record.key, "title": record.title, "url": record.url, "quotes": about}
    return doc


def encode(records: Iterable[ArticleRecord], nlp: Language) -> bytes:
    """One DocBin of the articles that have quotes: with no span, an article would teach there are none."""
    docs = DocBin(attrs=["ORTH"], store_user_data=True)
    for record in records:
        if record.quotes:
            docs.add(to_doc(record, nlp))
    return docs.to_bytes()


def decode(data: bytes, nlp: Language) -> list[Doc]:
    return list(DocBin().from_bytes(data).get_docs(nlp.vocab))
