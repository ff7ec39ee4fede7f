"""The spaCy component: writes each suggested quote to doc.spans[spans_key].

Modelled on spaCy's SpanRuler. Each span is the quote's content extent (first
part start .. last part end) and carries, on Span._: content_parts, cue,
speaker, speaker_name, kind and confidence.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup
from spacy.util import raise_error

from .attribution import find_attributions
from .context import disjoint, without_complementizer
from .coref import PeopleInArticle, speaker_name
from .lexicon import LEMMA_FIXES

COMPONENT_NAME = "quotebook_quotes"
PARAGRAPHS_NAME = "quotebook_paragraphs"
COMPONENT_VERSION = "0.3.4"

# Values live in doc.user_data as plain tuples and are turned into Spans on
# access: Span objects do not survive the trip between processes in
# nlp.pipe(n_process=2), tuples do.
_USER_DATA_KEY = "quotebook_quote"
FAILURE_KEY = "quotebook_failure"

# spaCy's error handler signature: component name, component, the failing docs, the error.
ErrorHandler = Callable[[str, Callable[[Doc], Doc], list[Doc], Exception], object]


def _record(span: Span) -> dict[str, object]:
    return span.doc.user_data.get((_USER_DATA_KEY, span.start, span.end)) or {}


def _tokens(span: Span, key: str) -> Span | None:
    bounds = _record(span).get(key)
    return span.doc[bounds[0] : bounds[1]] if bounds else None


_GETTERS = {
    "content_parts": lambda span: [span.doc[start:end] for start, end in _record(span).get("parts", ())],
    "cue": lambda span: _tokens(span, "cue"),
    "speaker": lambda span: _tokens(span, "speaker"),
    "speaker_name": lambda span: _record(span).get("speaker_name"),
    "kind": lambda span: _record(span).get("kind"),
    "confidence": lambda span: _record(span).get("confidence"),
}


def register_extensions() -> None:
    for name, getter in _GETTERS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)


@Language.component(PARAGRAPHS_NAME, assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and datelines carry no full stop for the parser to see.

    Runs before the parser, which keeps sentence starts set beforehand.
    """
    after_break = False
    for token in doc:
        if after_break and not token.is_space:
            token.is_sent_start = True
            after_break = False
        if "\n" in token.text or "\n" in token.whitespace_:
            after_break = True
    return doc


@Language.factory(
    COMPONENT_NAME,
    assigns=["doc.spans", "token.lemma"],
    requires=["token.dep", "token.pos", "token.lemma", "doc.ents"],
    default_config={"spans_key": "quotes", "min_confidence": 0.0, "content_keeps_that": True},
)
def make_quote_finder(
    nlp: Language, name: str, *, spans_key: str, min_confidence: float, content_keeps_that: bool
) -> QuoteFinder:
    return QuoteFinder(
        nlp, name, spans_key=spans_key, min_confidence=min_confidence, content_keeps_that=content_keeps_that
    )


class QuoteFinder:
    """Suggests quotes, their cues and speakers, from the parse and the quotation marks.

    content_keeps_that is an annotation guideline, not a finding: PolNeAR's
    annotators start a reported clause's content at its "that" (the default),
    Quotebook's own gold starts after it.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = COMPONENT_NAME,
        *,
        spans_key: str,
        min_confidence: float,
        content_keeps_that: bool = True,
    ) -> None:
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.min_confidence = min_confidence
        self.content_keeps_that = content_keeps_that

    def __call__(self, doc: Doc) -> Doc:
        """doc with its suggested quotes; a doc the rules fail on goes to the error handler.

        The default handler raises, as spaCy's do. One that returns (see
        nlp.set_error_handler) leaves the doc with no quotes and the failure
        noted, so one bad article does not abort the batch in nlp.pipe.
        """
        try:
            self.set_annotations(doc)
        except Exception as error:
            self.get_error_handler()(self.name, self, [doc], error)
            doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=[])
            doc.user_data[FAILURE_KEY] = f"{type(error).__name__}: {error}"
        return doc

    def set_annotations(self, doc: Doc) -> None:
        for token in doc:
            if (fixed := LEMMA_FIXES.get(token.lower_)) is not None:
                token.lemma_ = fixed
        found, quotation_of = find_attributions(doc)
        people = PeopleInArticle(doc, quotation_of)
        # Speakers named in reading order, so "they" and "it" can go back to a group named before.
        names: dict[tuple[int, int], str | None] = {}
        for source in sorted({attribution.source for attribution in found if attribution.source}):
            mention = doc[source[0] : source[1]]
            names[source] = speaker_name(mention, people)
            people.note_speaker(mention, names[source])
        spans: list[Span] = []
        for attribution in found:
            if attribution.confidence < self.min_confidence:
                continue
            parts = disjoint(attribution.parts)
            if not self.content_keeps_that:
                parts = without_complementizer(doc, parts)
            start, end = parts[0][0], parts[-1][1]
            doc.user_data[(_USER_DATA_KEY, start, end)] = {
                "parts": [list(part) for part in parts],
                "cue": list(attribution.cue) if attribution.cue else None,
                "speaker": list(attribution.source) if attribution.source else None,
                "speaker_name": names.get(attribution.source) if attribution.source else None,
                "kind": attribution.kind,
                "confidence": attribution.confidence,
            }
            spans.append(doc[start:end])
        spans.sort(key=lambda span: (span.start, span.end))
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=spans)

    # No pipe(): spaCy then calls __call__ doc by doc, which is all this component does anyway.

    def set_error_handler(self, error_handler: ErrorHandler) -> None:
        """What to do with a doc the rules fail on; nlp.set_error_handler calls this."""
        self.error_handler = error_handler

    def get_error_handler(self) -> ErrorHandler:
        return getattr(self, "error_handler", raise_error)


def failure(doc: Doc) -> str | None:
    """Why the quote finder could not read doc, when its error handler let it through."""
    return doc.user_data.get(FAILURE_KEY)
