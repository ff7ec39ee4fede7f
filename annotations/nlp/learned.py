"""The trained quote finder beside the rules: a model finds contents, the rules' machinery attributes them.

`quotebook_learned` runs after `quotebook_quotes`. A `ner` trained by
`manage.py train_suggester` (one label, CONTENT) reads the article; each
content it finds that overlaps no quote the rules found is added to
doc.spans["quotes"] at a lower confidence, with the cue and speaker the rules
would give it: the verb or noun it hangs from ("according to" included), that
cue's subject, and the name the subject refers to. A content with no cue in
reach is added without one. Pure spaCy: no Django.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, SpanGroup, Token
from spacy.util import minibatch

from .component import _USER_DATA_KEY, register_extensions
from .context import Context, Range, build_context, covered_quotations, outside_quotations, trim
from .coref import PeopleInArticle, speaker_name
from .lexicon import CLAIM_NOUNS, CONTENT_VERBS, INFINITIVE_VERBS, OBJECT_VERBS, SPEECH_VERBS, STANCE_NOUNS
from .sources import cue_range, phrase, source_of

logger = logging.getLogger(__name__)

LEARNED_NAME = "quotebook_learned"
CONTENT_LABEL = "CONTENT"
MODEL_META_KEY = "quotebook"
# Below every attributed reading of the rules (0.45 and up): an editor sees these as the model's guesses.
ATTRIBUTED_CONFIDENCE = 0.4
CUE_ONLY_CONFIDENCE = 0.3
UNATTRIBUTED_CONFIDENCE = 0.25
# How far up the parse a content may hang below its cue: "said [that [the plan [would fail]]]".
_MAX_STEPS = 4
_CUE_VERBS = SPEECH_VERBS | CONTENT_VERBS | OBJECT_VERBS | INFINITIVE_VERBS


class LearnedModelError(RuntimeError):
    """A trained model directory that cannot be used; the message says why."""


def model_name(meta: dict) -> str:
    """How origins name a pipeline: lang_name-version."""
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"


def load_model(model_dir: str | Path) -> Language:
    """The trained pipeline in model_dir, checked to have a CONTENT-finding ner; LearnedModelError otherwise."""
    path = Path(model_dir)
    if not (path / "meta.json").is_file():
        raise LearnedModelError(f"{path}: no trained model here (no meta.json)")
    try:
        model = spacy.load(path)
    except Exception as error:  # spaCy raises OSError, ValueError, KeyError... for a damaged folder
        raise LearnedModelError(f"{path}: cannot load the trained model: {error}") from error
    if "ner" not in model.pipe_names or CONTENT_LABEL not in model.get_pipe("ner").labels:
        raise LearnedModelError(f"{path}: the model has no ner with the label {CONTENT_LABEL}")
    return model


@Language.factory(
    LEARNED_NAME,
    assigns=["doc.spans"],
    requires=["doc.spans", "token.dep", "token.lemma"],
    default_config={"model_dir": "", "spans_key": "quotes", "unattributed": False},
)
def make_learned_finder(
    nlp: Language, name: str, *, model_dir: str, spans_key: str, unattributed: bool
) -> LearnedQuoteFinder:
    return LearnedQuoteFinder(nlp, name, model=load_model(model_dir), spans_key=spans_key, unattributed=unattributed)


class LearnedQuoteFinder(Pipe):
    """Adds the trained model's contents that no rule quote covers, attributed by the rules' machinery."""

    def __init__(
        self, nlp: Language, name: str = LEARNED_NAME, *, model: Language, spans_key: str, unattributed: bool = False
    ) -> None:
        register_extensions()
        self.name = name
        # Contents with no cue and speaker in reach: on PolNeAR dev about half are right, but every one
        # an editor would have to attribute by hand, so they are left out unless asked for.
        self.unattributed = unattributed
        self.spans_key = spans_key
        self.model = model
        self.version = model.meta.get("version", "0")
        self._ner = model.get_pipe("ner")
        base = model.meta.get(MODEL_META_KEY, {}).get("base_model")
        frozen = "tok2vec" in model.config.get("training", {}).get("frozen_components", [])
        # Trained on the base pipeline's own frozen vectors: when this pipeline is that base, its
        # doc.tensor is exactly what the model reads, and running tok2vec again would only cost time.
        shared = frozen and base == model_name(nlp.meta) and "tok2vec" in nlp.pipe_names
        self._own_vectors = None if shared else model.get_pipe("tok2vec")

    @property
    def label(self) -> str:
        """What the origin of a suggestion records: the model and its version."""
        return f"learned-{self.version}"

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 32) -> Iterator[Doc]:
        error_handler = self.get_error_handler()
        for batch in minibatch(docs, size=batch_size):
            try:
                copies = [self._copy(doc) for doc in batch]
                if self._own_vectors is not None:
                    copies = list(self._own_vectors.pipe(copies))
                copies = list(self._ner.pipe(copies))
                for doc, copy in zip(batch, copies, strict=True):
                    self.add_contents(doc, [(entity.start, entity.end) for entity in copy.ents])
            except Exception as error:
                error_handler(self.name, self, batch, error)
            yield from batch

    @contextmanager
    def memory_zone(self, mem=None) -> Iterator[object]:
        """The trained model has a vocabulary of its own: what it meets in a memory zone is freed with the rest."""
        with self.model.memory_zone(mem):
            yield mem

    def _copy(self, doc: Doc) -> Doc:
        # The model writes doc.ents: a copy of the words keeps the article's own entities (PERSON, ORG) intact.
        copy = Doc(self.model.vocab, words=[token.text for token in doc], spaces=[bool(t.whitespace_) for t in doc])
        if self._own_vectors is None:
            copy.tensor = doc.tensor
        return copy

    def add_contents(self, doc: Doc, found: list[Range]) -> None:
        """Add the contents found (token ranges) that overlap no quote already in doc, each attributed."""
        existing = list(doc.spans.get(self.spans_key, []))
        taken = [(part.start, part.end) for span in existing for part in (span._.content_parts or [span])]
        new = [
            part
            for start, end in found
            if (part := trim(doc, start, end)) and not any(part[0] < e and s < part[1] for s, e in taken)
        ]
        if not new:
            return
        ctx = build_context(doc)
        people = PeopleInArticle(doc, ctx.quotation_of)
        for start, end in new:
            key = (_USER_DATA_KEY, start, end)
            if key in doc.user_data:
                continue
            cue, source = attribute(ctx, start, end)
            if not (cue and source) and not self.unattributed:
                continue
            covered = covered_quotations(ctx, [(start, end)])
            kind = "indirect" if not covered else ("mixed" if outside_quotations(ctx, [(start, end)]) else "direct")
            if cue and source:
                confidence = ATTRIBUTED_CONFIDENCE
            elif cue:
                confidence = CUE_ONLY_CONFIDENCE
            else:
                confidence = UNATTRIBUTED_CONFIDENCE
            doc.user_data[key] = {
                "parts": [[start, end]],
                "cue": list(cue) if cue else None,
                "speaker": list(source) if source else None,
                "speaker_name": speaker_name(doc[source[0] : source[1]], people) if source else None,
                "kind": kind,
                "confidence": confidence,
            }
            existing.append(doc[start:end])
        existing.sort(key=lambda span: (span.start, span.end))
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=existing)


def _is_cue_verb(ctx: Context, token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and ctx.quotation_of[token.i] == -1 and token.lemma_.lower() in _CUE_VERBS


def _reports(token: Token, child: Token) -> bool:
    """Whether token is a verb reporting child's words: a cue verb, or any verb whose clausal complement they are.

    The second is the long tail no lexicon holds ("grumbled that ..."), which is what the model learns to find.
    """
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    return lemma in _CUE_VERBS or (child.dep_ == "ccomp" and lemma not in ("be", "have"))


def attribute(ctx: Context, start: int, end: int) -> tuple[Range | None, Range | None]:
    """The cue and speaker mention of the content doc[start:end], as the rules would read them.

    In order: the verb or noun the content hangs from ("said that ...", "grumbled
    that ...", "her claim that ...", "floated the idea that ..."); "according to X";
    an attribution set inside the reported clause ("..., the Kremlin said").
    Nothing further afield: a cue merely near the content is wrong more often than right.
    """
    doc = ctx.doc
    root = doc[start:end].root
    inside = range(start, end)
    token = root
    noun: Token | None = None
    for _ in range(_MAX_STEPS):
        head = token.head
        if head.i == token.i:
            break
        if head.i not in inside and ctx.quotation_of[head.i] == -1:
            if _reports(head, token) or (
                noun is not None and head.pos_ == "VERB" and head.lemma_ not in ("be", "have")
            ):
                return cue_range(head), source_of(ctx, head)
            if (
                noun is None
                and head.pos_ == "NOUN"
                and (head.lemma_.lower() in CLAIM_NOUNS | STANCE_NOUNS or token.dep_ in ("acl", "ccomp"))
            ):
                source = _noun_source(ctx, head)
                if source is not None:
                    return (head.i, head.i + 1), source
                # "floated the idea that ...": whoever did something with the idea said it.
                noun = head
        token = head
    for child in root.children:
        if child.lower_ == "according" and child.i not in inside:
            to = next((grandchild for grandchild in child.children if grandchild.lower_ == "to"), None)
            if to is not None:
                pobj = next((g for g in to.children if g.dep_ == "pobj"), None)
                return (child.i, to.i + 1), phrase(ctx, pobj) if pobj is not None else None
        if child.dep_ == "parataxis" and child.i not in inside and _is_cue_verb(ctx, child):
            return cue_range(child), source_of(ctx, child)
    if noun is not None:
        return (noun.i, noun.i + 1), None
    return None, None


def _noun_source(ctx: Context, noun: Token) -> Range | None:
    """ "her claim that ...", "a claim by the ministry that ...": the possessor, or who it is by or from."""
    speaker = next((child for child in noun.lefts if child.dep_ == "poss"), None)
    if speaker is None:
        by = next((child for child in noun.rights if child.dep_ == "prep" and child.lower_ in ("by", "from")), None)
        speaker = next((pobj for pobj in by.children if pobj.dep_ == "pobj"), None) if by is not None else None
    if speaker is None or ctx.quotation_of[speaker.i] != -1:
        return None
    return phrase(ctx, speaker)


def add_learned_model(nlp: Language, model_dir: str | Path) -> bool:
    """Add the trained finder last; when model_dir cannot be used, log a warning and leave the rules alone."""
    try:
        nlp.add_pipe(LEARNED_NAME, last=True, config={"model_dir": str(model_dir)})
    except Exception as error:  # LearnedModelError, or whatever spaCy raises for a damaged folder
        logger.warning("Suggesting with the rules alone: %s", error)
        return False
    return True


def learned_label(nlp: Language) -> str | None:
    """The trained model's part of a suggestion's origin ("learned-20261126.064100"), or None without one."""
    if LEARNED_NAME not in nlp.pipe_names:
        return None
    return nlp.get_pipe(LEARNED_NAME).label
