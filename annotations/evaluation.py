"""Scoring suggested quotes against gold attributions in the PolNeAR layout.

    GOLD_DIR/text/NAME.txt
    GOLD_DIR/attributions/NAME_ANNOT.ann   brat standoff; the first file in sorted order is gold

A quote is direct when its content holds a quotation mark, for gold and
predictions alike, so the direct/indirect split means the same on both sides.
Matching is one-to-one and greedy, best Jaccard first. "Overlap" counts a pair
whose content characters (whitespace left out) have Jaccard >= 0.5; "exact"
one whose content characters are the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Bounds = tuple[int, int]

QUOTATION_MARKS = frozenset('"“”„«»')
OVERLAP_THRESHOLD = 0.5

_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t(.*))?$")
_EVENT = re.compile(r"^(E\d+)\t(\S.*)$")
_ID = re.compile(r"^[A-Z#*]\d*\t")


class GoldFormatError(ValueError):
    """A gold file that cannot be read; the message names the file and line."""

    def __init__(self, path: Path | str, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line


@dataclass(frozen=True)
class Attribution:
    """Who said what, in character offsets: content parts, source and cue (either may be missing)."""

    contents: tuple[Bounds, ...]
    source: tuple[Bounds, ...] = ()
    cue: tuple[Bounds, ...] = ()


@dataclass(frozen=True)
class GoldDocument:
    name: str
    text: str
    attributions: tuple[Attribution, ...]


def _bounds(spec: str) -> tuple[Bounds, ...]:
    return tuple((int(start), int(end)) for start, end in (piece.split() for piece in spec.split(";")))


def read_ann(path: Path, text: str) -> tuple[Attribution, ...]:
    """The attributions (relations with a Content) of one brat .ann file."""
    spans: dict[str, tuple[str, tuple[Bounds, ...]]] = {}
    events: list[tuple[int, list[tuple[str, str]]]] = []
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as error:
        raise GoldFormatError(path, None, f"cannot read: {error}") from error
    previous_text_bound = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() and not previous_text_bound:
            continue
        if match := _TEXT_BOUND.match(line):
            identifier, label, spec, _covered = match.groups()
            bounds = _bounds(spec)
            for start, end in bounds:
                if not 0 <= start < end <= len(text):
                    raise GoldFormatError(
                        path, number, f"span {start}-{end} is not inside the text ({len(text)} chars)"
                    )
            spans[identifier] = (label, bounds)
            previous_text_bound = True
            continue
        if match := _EVENT.match(line.rstrip()):
            identifier, arguments = match.groups()
            roles = []
            for argument in arguments.split():
                role, _, target = argument.partition(":")
                if not target:
                    raise GoldFormatError(path, number, f"event argument {argument!r} is not ROLE:ID")
                roles.append((role, target))
            events.append((number, roles))
            previous_text_bound = False
            continue
        if _ID.match(line):
            # Notes (#), relations (R), attributes (A) and the like carry no spans we score.
            previous_text_bound = False
            continue
        if previous_text_bound:
            # brat writes a span's covered text verbatim, newlines included.
            continue
        raise GoldFormatError(path, number, f"not a brat standoff line: {line[:60]!r}")

    attributions = []
    for number, roles in events:
        found: dict[str, list[Bounds]] = {"Content": [], "Source": [], "Cue": []}
        for role, target in roles:
            if target not in spans:
                raise GoldFormatError(path, number, f"refers to {target}, which is not defined")
            if role in found:
                found[role].extend(spans[target][1])
        if found["Content"]:
            attributions.append(
                Attribution(
                    contents=tuple(sorted(found["Content"])),
                    source=tuple(sorted(found["Source"])),
                    cue=tuple(sorted(found["Cue"])),
                )
            )
    return tuple(attributions)


def read_gold(gold_dir: Path | str) -> list[GoldDocument]:
    """Every text of gold_dir with the attributions of its first annotation file."""
    root = Path(gold_dir)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise GoldFormatError(root, None, "expected the PolNeAR layout: text/NAME.txt and attributions/NAME_ANNOT.ann")
    annotations: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        annotations.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    documents = []
    for text_path in sorted(text_dir.glob("*.txt")):
        name = text_path.stem
        if name not in annotations:
            continue
        try:
            text = text_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise GoldFormatError(text_path, None, f"cannot read: {error}") from error
        documents.append(GoldDocument(name, text, read_ann(annotations[name][0], text)))
    return documents


def is_direct(text: str, contents: Iterable[Bounds]) -> bool:
    return any(char in QUOTATION_MARKS for start, end in contents for char in text[start:end])


def content_characters(text: str, contents: Iterable[Bounds]) -> frozenset[int]:
    return frozenset(i for start, end in contents for i in range(start, end) if not text[i].isspace())


def _overlaps(first: Sequence[Bounds], second: Sequence[Bounds]) -> bool:
    return any(a < d and c < b for a, b in first for c, d in second)


@dataclass
class Tally:
    """Counts for one slice of the quotes (direct, indirect, all)."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    exact: int = 0
    speaker_checked: int = 0
    speaker_right: int = 0
    cue_checked: int = 0
    cue_right: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _prf(hits: int, predicted: int, gold: int) -> dict[str, float]:
        precision = hits / predicted if predicted else 0.0
        recall = hits / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": 100 * precision, "recall": 100 * recall, "f1": 100 * f1}

    def summary(self) -> dict[str, object]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "overlap": self._prf(self.matched, self.predicted, self.gold),
            "exact": self._prf(self.exact, self.predicted, self.gold),
            "speaker_accuracy": 100 * self.speaker_right / self.speaker_checked if self.speaker_checked else 0.0,
            "speaker_checked": self.speaker_checked,
            "cue_accuracy": 100 * self.cue_right / self.cue_checked if self.cue_checked else 0.0,
            "cue_checked": self.cue_checked,
        }


def _matches(text: str, gold: Sequence[Attribution], predicted: Sequence[Attribution]) -> list[tuple[int, int]]:
    """The (gold, predicted) pairs score_document counts as matched."""
    gold_chars = [content_characters(text, g.contents) for g in gold]
    predicted_chars = [content_characters(text, p.contents) for p in predicted]
    pairs = []
    for gi, gc in enumerate(gold_chars):
        for pi, pc in enumerate(predicted_chars):
            shared = len(gc & pc)
            if shared and shared / len(gc | pc) >= OVERLAP_THRESHOLD:
                pairs.append((shared / len(gc | pc), gi, pi))
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    matched: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for _jaccard, gi, pi in pairs:
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
            matched.append((gi, pi))
    return matched


def score_document(text: str, gold: Sequence[Attribution], predicted: Sequence[Attribution]) -> Tally:
    """Greedy one-to-one matching of predicted to gold contents, best Jaccard first."""
    tally = Tally(gold=len(gold), predicted=len(predicted))
    for gi, pi in _matches(text, gold, predicted):
        tally.matched += 1
        tally.exact += content_characters(text, gold[gi].contents) == content_characters(text, predicted[pi].contents)
        if gold[gi].source:
            tally.speaker_checked += 1
            tally.speaker_right += _overlaps(gold[gi].source, predicted[pi].source)
        if gold[gi].cue:
            tally.cue_checked += 1
            tally.cue_right += _overlaps(gold[gi].cue, predicted[pi].cue)
    return tally


@dataclass
class Report:
    direct: Tally = field(default_factory=Tally)
    indirect: Tally = field(default_factory=Tally)
    all: Tally = field(default_factory=Tally)
    documents: int = 0

    def summary(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "direct": self.direct.summary(),
            "indirect": self.indirect.summary(),
            "all": self.all.summary(),
        }


def evaluate(documents: Sequence[GoldDocument], predictions: Mapping[str, Sequence[Attribution]]) -> Report:
    """Scores predictions (by document name) against the gold, split into direct and indirect."""
    report = Report()
    for document in documents:
        predicted = predictions.get(document.name, ())
        text = document.text
        gold_direct = [g for g in document.attributions if is_direct(text, g.contents)]
        gold_indirect = [g for g in document.attributions if not is_direct(text, g.contents)]
        predicted_direct = [p for p in predicted if is_direct(text, p.contents)]
        predicted_indirect = [p for p in predicted if not is_direct(text, p.contents)]
        report.direct.add(score_document(text, gold_direct, predicted_direct))
        report.indirect.add(score_document(text, gold_indirect, predicted_indirect))
        report.all.add(score_document(text, document.attributions, predicted))
        report.documents += 1
    return report


def format_report(report: Report) -> str:
    summary = report.summary()
    lines = [
        f"{summary['documents']} documents",
        f"{'':10}{'gold':>6}{'pred':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}   {'exact P':>7} {'R':>6} {'F1':>6}"
        f"   {'speaker':>8} {'cue':>6}",
    ]
    for name in ("direct", "indirect", "all"):
        part = summary[name]
        overlap, exact = part["overlap"], part["exact"]
        lines.append(
            f"{name:10}{part['gold']:>6}{part['predicted']:>6}   {overlap['precision']:>9.1f} {overlap['recall']:>6.1f}"
            f" {overlap['f1']:>6.1f}   {exact['precision']:>7.1f} {exact['recall']:>6.1f} {exact['f1']:>6.1f}"
            f"   {part['speaker_accuracy']:>7.1f}% {part['cue_accuracy']:>5.1f}%"
        )
    lines.append("speaker and cue: share of matched (overlap) quotes whose gold source / cue the prediction overlaps")
    return "\n".join(lines)


# --- Where the gap is: misses and false positives by category -------------------------------

MISS_CATEGORIES = {
    "boundary": "a suggestion overlaps it, but not enough (or it matched another quote)",
    "no suggestion": "nothing suggested over any of its words",
}
FALSE_POSITIVE_CATEGORIES = {
    "boundary": "overlaps a gold quote, but not enough (or that quote matched another suggestion)",
    "nested": "lies inside another suggestion's content: a second reading of the same words",
    "no gold": "no gold quote over any of its words",
}
_EXAMPLES = 5
_CUE_WORDS = 15


@dataclass(frozen=True)
class Error:
    document: str
    category: str
    kind: str  # "direct" or "indirect"
    contents: tuple[Bounds, ...]
    cue: str  # the cue's words, lower-cased; "" without one
    excerpt: str


@dataclass
class ErrorReport:
    misses: list[Error] = field(default_factory=list)
    false_positives: list[Error] = field(default_factory=list)
    wrong_speakers: list[Error] = field(default_factory=list)


def _error(document: GoldDocument, category: str, attribution: Attribution) -> Error:
    text = document.text
    start, end = attribution.contents[0][0], attribution.contents[-1][1]
    excerpt = " ".join(text[start:end].split())
    return Error(
        document=document.name,
        category=category,
        kind="direct" if is_direct(text, attribution.contents) else "indirect",
        contents=attribution.contents,
        cue=" ".join(" ".join(text[s:e].split()) for s, e in attribution.cue).lower(),
        excerpt=excerpt if len(excerpt) <= 100 else excerpt[:97] + "...",
    )


def _inside(inner: Sequence[Bounds], outer: Sequence[Bounds]) -> bool:
    return all(any(s <= start and end <= e for s, e in outer) for start, end in inner)


def find_errors(documents: Sequence[GoldDocument], predictions: Mapping[str, Sequence[Attribution]]) -> ErrorReport:
    """Every gold quote missed and every suggestion unmatched, sorted into categories, with wrong speakers."""
    report = ErrorReport()
    for document in documents:
        gold = document.attributions
        predicted = predictions.get(document.name, ())
        matched = _matches(document.text, gold, predicted)
        matched_gold = {gi for gi, _ in matched}
        matched_predicted = {pi for _, pi in matched}
        for gi, g in enumerate(gold):
            if gi in matched_gold:
                continue
            overlapped = any(_overlaps(g.contents, p.contents) for p in predicted)
            report.misses.append(_error(document, "boundary" if overlapped else "no suggestion", g))
        for pi, p in enumerate(predicted):
            if pi in matched_predicted:
                continue
            if any(qi != pi and _overlaps(p.contents, q.contents) for qi, q in enumerate(predicted)):
                category = "nested"
            elif any(_overlaps(p.contents, g.contents) for g in gold):
                category = "boundary"
            else:
                category = "no gold"
            report.false_positives.append(_error(document, category, p))
        for gi, pi in matched:
            if gold[gi].source and not _overlaps(gold[gi].source, predicted[pi].source):
                report.wrong_speakers.append(_error(document, "wrong speaker", gold[gi]))
    return report


def _section(title: str, errors: Sequence[Error], categories: Mapping[str, str]) -> list[str]:
    lines = [f"{title}: {len(errors)}"]
    for category, meaning in categories.items():
        found = [error for error in errors if error.category == category]
        if not found:
            continue
        direct = sum(error.kind == "direct" for error in found)
        lines.append(f"  {category} ({meaning}): {len(found)}, {direct} direct, {len(found) - direct} indirect")
        cues: dict[str, int] = {}
        for error in found:
            cues[error.cue or "(no cue)"] = cues.get(error.cue or "(no cue)", 0) + 1
        common = sorted(cues.items(), key=lambda item: (-item[1], item[0]))[:_CUE_WORDS]
        lines.append("    cues: " + ", ".join(f"{cue} {count}" for cue, count in common))
        for error in found[:_EXAMPLES]:
            lines.append(f"    {error.document} {error.contents[0][0]}: {error.excerpt}")
    return lines


def format_errors(report: ErrorReport) -> str:
    lines = _section("missed gold quotes", report.misses, MISS_CATEGORIES)
    lines += _section("false positives", report.false_positives, FALSE_POSITIVE_CATEGORIES)
    lines += _section("matched with the wrong speaker", report.wrong_speakers, {"wrong speaker": "the gold source"})
    return "\n".join(lines)
