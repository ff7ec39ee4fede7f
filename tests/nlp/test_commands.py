from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

TEXT = '"The harbour will reopen in May," said Mayor Anna Berg.\n'


def test_it_writes_one_citron_line_per_file(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("No quotes here.", encoding="utf-8")
    out = StringIO()
    call_command("suggest_quotes", str(tmp_path), stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["file"].rsplit("/", 1)[-1] for line in lines] == ["a.txt", "b.txt"]
    (quote,) = lines[0]["quotes"]
    assert quote["contents"] == [{"start": 0, "end": 33, "text": '"The harbour will reopen in May,"'}]
    assert quote["sources"][0]["text"] == "Mayor Anna Berg"
    assert quote["cue"]["text"] == "said"
    assert quote["speaker"] == "Anna Berg"
    assert quote["kind"] == "direct"
    assert lines[1]["quotes"] == []


def test_it_names_a_bad_path(tmp_path):
    with pytest.raises(CommandError, match="no-such.txt: no such file or folder"):
        call_command("suggest_quotes", str(tmp_path / "no-such.txt"))


def test_it_evaluates_a_gold_folder_and_reports_a_malformed_file(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "s.txt").write_text(TEXT, encoding="utf-8")
    ann = tmp_path / "attributions" / "s_a.ann"
    ann.write_text(
        'T1\tContent 0 33\t"..."\nT2\tSource 39 54\tMayor Anna Berg\nT3\tCue 34 38\tsaid\n'
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("evaluate_quotes", str(tmp_path), "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["direct"]["overlap"]["f1"] == 100.0
    assert figures["direct"]["speaker_accuracy"] == 100.0
    ann.write_text("this is not brat\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"s_a\.ann:1: not a brat standoff line"):
        call_command("evaluate_quotes", str(tmp_path))


def test_it_lists_the_errors_by_category_on_request(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "s.txt").write_text(TEXT + "The council said repairs would take a year.\n", encoding="utf-8")
    # Gold has the direct quote only: the council's indirect one is a false positive with no gold.
    (tmp_path / "attributions" / "s_a.ann").write_text(
        'T1\tContent 0 33\t"..."\nT2\tSource 39 54\tMayor Anna Berg\nT3\tCue 34 38\tsaid\n'
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("evaluate_quotes", str(tmp_path), "--errors", stdout=out)
    assert "missed gold quotes: 0" in out.getvalue()
    assert "no gold (no gold quote over any of its words): 1, 0 direct, 1 indirect" in out.getvalue()
    assert "s 73: repairs would take a year" in out.getvalue()
    out = StringIO()
    call_command("evaluate_quotes", str(tmp_path), "--errors", "--json", stdout=out)
    (false_positive,) = json.loads(out.getvalue())["errors"]["false_positives"]
    assert false_positive["cue"] == "said"
