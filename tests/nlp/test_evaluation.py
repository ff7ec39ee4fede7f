from __future__ import annotations

from pathlib import Path

import pytest

from annotations.evaluation import Attribution, GoldFormatError, evaluate, find_errors, format_errors, read_gold

TEXT = '"The bridge is shut," Berg said. The council said repairs would take a year.\n'


def write_gold(root: Path, ann: str, *, name: str = "story") -> Path:
    (root / "text").mkdir()
    (root / "attributions").mkdir()
    (root / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    (root / "attributions" / f"{name}_aaaa.ann").write_text(ann, encoding="utf-8")
    # A second annotator's file: only the first in sorted order is gold.
    (root / "attributions" / f"{name}_zzzz.ann").write_text("", encoding="utf-8")
    return root


GOLD = (
    'T1\tContent 0 21\t"The bridge is shut,"\n'
    "T2\tSource 22 26\tBerg\n"
    "T3\tCue 27 31\tsaid\n"
    "T4\tAttribution 27 31\tsaid\n"
    "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n"
    "T5\tSource 33 44\tThe council\n"
    "T6\tCue 45 49\tsaid\n"
    "T7\tContent 50 75\trepairs would take a year\n"
    "T8\tAttribution 45 49\tsaid\n"
    "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n"
    "#1\tAnnotatorNotes T1\tfine\n"
)


def test_it_reads_the_first_annotation_file_and_splits_direct_from_indirect(tmp_path):
    (document,) = read_gold(write_gold(tmp_path, GOLD))
    assert [a.contents for a in document.attributions] == [((0, 21),), ((50, 75),)]
    perfect = evaluate([document], {"story": list(document.attributions)}).summary()
    assert perfect["direct"]["gold"] == 1
    assert perfect["indirect"]["gold"] == 1
    assert perfect["all"]["overlap"]["f1"] == 100.0
    assert perfect["all"]["speaker_accuracy"] == 100.0


def test_it_scores_overlap_exact_speaker_and_cue(tmp_path):
    (document,) = read_gold(write_gold(tmp_path, GOLD))
    predicted = [
        # Direct, marks left out: overlaps, not exact; right speaker and cue.
        Attribution(contents=((1, 19),), source=((22, 26),), cue=((27, 31),)),
        # Indirect, too short to overlap: a false positive and a miss.
        Attribution(contents=((50, 57),), source=((33, 44),), cue=((45, 49),)),
        # Wrong altogether.
        Attribution(contents=((33, 44),)),
    ]
    summary = evaluate([document], {"story": predicted}).summary()
    assert summary["direct"]["predicted"] == 0  # no quotation mark in (1, 19): scored as indirect
    assert summary["all"]["overlap"]["precision"] == pytest.approx(100 / 3)
    assert summary["all"]["overlap"]["recall"] == 50.0
    assert summary["all"]["exact"]["recall"] == 0.0
    assert summary["all"]["speaker_accuracy"] == 100.0
    assert summary["all"]["cue_accuracy"] == 100.0


def test_it_matches_one_to_one(tmp_path):
    (document,) = read_gold(write_gold(tmp_path, GOLD))
    twice = [Attribution(contents=((0, 21),)), Attribution(contents=((0, 21),))]
    summary = evaluate([document], {"story": twice}).summary()
    assert summary["direct"]["predicted"] == 2
    assert summary["direct"]["overlap"]["precision"] == 50.0
    assert summary["direct"]["overlap"]["recall"] == 100.0
    assert summary["direct"]["speaker_accuracy"] == 0.0


def test_it_names_the_file_and_line_of_a_malformed_annotation(tmp_path):
    write_gold(tmp_path, "T1\tContent 0 21\tok\nE1\tAttribution:T9 Content:T1\n")
    with pytest.raises(GoldFormatError, match=r"story_aaaa\.ann:2: refers to T9"):
        read_gold(tmp_path)


def test_it_refuses_a_span_outside_the_text(tmp_path):
    write_gold(tmp_path, "T1\tContent 0 9999\tno\n")
    with pytest.raises(GoldFormatError, match=r"story_aaaa\.ann:1: span 0-9999"):
        read_gold(tmp_path)


def test_it_refuses_a_folder_that_is_not_in_the_polnear_layout(tmp_path):
    with pytest.raises(GoldFormatError, match="PolNeAR layout"):
        read_gold(tmp_path)


def test_it_sorts_misses_and_false_positives_into_categories(tmp_path):
    (document,) = read_gold(write_gold(tmp_path, GOLD))
    predicted = [
        # The direct quote, but given to the council.
        Attribution(contents=((0, 21),), source=((33, 44),), cue=((27, 31),)),
        # Too little of the indirect quote: a boundary error on both sides.
        Attribution(contents=((50, 57),), source=((33, 44),), cue=((45, 49),)),
        # A second reading inside the first suggestion.
        Attribution(contents=((1, 11),)),
        # Words nobody is quoted as saying.
        Attribution(contents=((33, 44),)),
    ]
    errors = find_errors([document], {"story": predicted})
    assert [(e.category, e.kind, e.excerpt) for e in errors.misses] == [
        ("boundary", "indirect", "repairs would take a year")
    ]
    assert [(e.category, e.excerpt) for e in errors.false_positives] == [
        ("boundary", "repairs"),
        ("nested", "The bridge"),
        ("no gold", "The council"),
    ]
    assert [e.excerpt for e in errors.wrong_speakers] == ['"The bridge is shut,"']
    assert errors.misses[0].cue == "said"


def test_it_lists_a_quote_nothing_was_suggested_for_with_its_cue(tmp_path):
    (document,) = read_gold(write_gold(tmp_path, GOLD))
    text = format_errors(find_errors([document], {"story": []}))
    assert "missed gold quotes: 2" in text
    assert "no suggestion (nothing suggested over any of its words): 2, 1 direct, 1 indirect" in text
    assert "cues: said 2" in text
