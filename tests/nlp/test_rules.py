"""Each attribution rule on its own docstring's example: what it attributes, to whom, how surely."""

from __future__ import annotations

from annotations.nlp import quotation_rules, verb_rules
from annotations.nlp.context import Attribution, Found, build_context
from annotations.nlp.overlaps import one_per_extent


def found_in(nlp, text: str) -> Found:
    return Found(build_context(nlp(text)))


def words(found: Found, bounds) -> str | None:
    return found.ctx.doc[bounds[0] : bounds[1]].text if bounds else None


def described(found: Found, attribution: Attribution) -> dict[str, object]:
    return {
        "parts": [words(found, part) for part in attribution.parts],
        "kind": attribution.kind,
        "confidence": attribution.confidence,
        "cue": words(found, attribution.cue),
        "speaker": words(found, attribution.source),
    }


def read_verb(nlp, text: str, verb: str) -> tuple[Found, list[dict[str, object]]]:
    found = found_in(nlp, text)
    (cue,) = [token for token in found.ctx.doc if token.text == verb]
    verb_rules.report_of_verb(found, cue)
    return found, [described(found, a) for a in found.attributions]


def test_passive_by_agent_takes_the_subject_as_what_the_agent_said(nlp):
    found = found_in(nlp, "The claims were consistently rejected by Moscow.")
    (cue,) = [token for token in found.ctx.doc if token.text == "rejected"]
    reading = verb_rules.passive_by_agent(found, cue)
    assert [words(found, part) for part in reading.parts] == ["The claims"]
    assert words(found, reading.source) == "Moscow"
    assert reading.confidence == verb_rules.PASSIVE_CONFIDENCE


def test_clause_complement_is_what_a_speech_verb_reports(nlp):
    _, attributions = read_verb(nlp, "The ministry said the new rules would take effect in June.", "said")
    assert attributions == [
        {
            "parts": ["the new rules would take effect in June"],
            "kind": "indirect",
            "confidence": verb_rules.CLAUSE_CONFIDENCE,
            "cue": "said",
            "speaker": "The ministry",
        }
    ]


def test_clause_complement_of_telling_someone_is_the_that_clause(nlp):
    text = "In Lisbon, he told a meeting of harbour officials that few towns understood the cost of dredging."
    _, attributions = read_verb(nlp, text, "told")
    assert [(a["parts"], a["speaker"]) for a in attributions] == [
        (["that few towns understood the cost of dredging"], "he")
    ]


def test_clause_complement_in_quotation_marks_is_a_direct_quote(nlp):
    _, attributions = read_verb(nlp, 'Berg said "the harbour will reopen in May and the ferries will run."', "said")
    assert attributions[0]["kind"] == "direct"
    assert attributions[0]["confidence"] == verb_rules.DIRECT_CONFIDENCE
    assert attributions[0]["parts"] == ['"the harbour will reopen in May and the ferries will run."']


def test_object_content_takes_what_was_urged(nlp):
    _, attributions = read_verb(nlp, "Sanders urged voters to stay home.", "urged")
    assert attributions == [
        {
            "parts": ["to stay home"],
            "kind": "indirect",
            "confidence": verb_rules.OBJECT_CONFIDENCE,
            "cue": "urged",
            "speaker": "Sanders",
        }
    ]


def test_object_content_takes_a_perfect_tense(nlp):
    _, attributions = read_verb(nlp, "Sanders has called for the complete repeal of the law.", "called")
    assert [(a["parts"], a["speaker"]) for a in attributions] == [(["the complete repeal of the law"], "Sanders")]


def test_object_content_takes_what_a_speech_verb_noted(nlp):
    _, attributions = read_verb(nlp, "Stein noted Bill Clinton's comments on the debate.", "noted")
    assert [(a["parts"], a["speaker"]) for a in attributions] == [(["Bill Clinton's comments on the debate"], "Stein")]


def test_object_content_takes_a_stance(nlp):
    _, attributions = read_verb(nlp, "Most Republicans backed Trump in the primary.", "backed")
    assert [(a["parts"], a["speaker"]) for a in attributions] == [(["Trump"], "Most Republicans")]


def test_object_content_is_not_the_person_told(nlp):
    _, attributions = read_verb(nlp, "Clinton told reporters nothing new.", "told")
    assert attributions == []


def test_object_content_needs_a_verb_that_says_it_happened(nlp):
    _, attributions = read_verb(nlp, "Sanders will criticize the plan.", "criticize")
    assert attributions == []


def test_object_content_after_do_says_it_happened_or_not(nlp):
    _, attributions = read_verb(nlp, "The mayor did not mention the harbour tax in her speech.", "mention")
    assert [(a["parts"], a["speaker"]) for a in attributions] == [(["the harbour tax in her speech"], "The mayor")]
    _, attributions = read_verb(nlp, "The mayor will not mention the harbour tax.", "mention")
    assert attributions == []


def test_object_content_is_what_someone_wants_or_offers(nlp):
    _, attributions = read_verb(nlp, "The fishermen want a new breakwater for the harbour.", "want")
    assert [(a["parts"], a["speaker"]) for a in attributions] == [
        (["a new breakwater for the harbour"], "The fishermen")
    ]
    _, attributions = read_verb(nlp, "The ferry company offered an apology to the stranded passengers.", "offered")
    assert [(a["parts"], a["speaker"]) for a in attributions] == [(["an apology"], "The ferry company")]


def test_passive_with_infinitive_reports_the_subject_and_what_is_expected_of_it(nlp):
    _, attributions = read_verb(nlp, "The new ferry is expected to start sailing in May.", "expected")
    assert attributions == [
        {
            "parts": ["The new ferry", "to start sailing in May"],
            "kind": "indirect",
            "confidence": verb_rules.PASSIVE_WITHOUT_SPEAKER_CONFIDENCE,
            "cue": "expected",
            "speaker": None,
        }
    ]


def test_according_to_phrase_takes_the_clause_around_it(nlp):
    found = found_in(nlp, "According to the ministry, the talks failed.")
    verb_rules.according_to_phrase(found, found.ctx.doc[0])
    assert [described(found, a) for a in found.attributions] == [
        {
            "parts": ["the talks failed"],
            "kind": "indirect",
            "confidence": 0.6,
            "cue": "According to",
            "speaker": "the ministry",
        }
    ]


def test_signed_with_dash_takes_the_name_after_the_dash(nlp):
    found = found_in(nlp, "“We will rebuild the whole town.” ― Esther Tapia")
    assert quotation_rules.signed_with_dash(found, 0)
    (attribution,) = found.attributions
    assert words(found, attribution.source) == "Esther Tapia"
    assert attribution.confidence == quotation_rules.SIGNATURE_CONFIDENCE
    assert found.owner_of == {0: attribution}


def test_name_and_colon_takes_the_name_before_the_colon(nlp):
    found = found_in(nlp, 'Philip Bump: "Two weeks ago the campaign said nothing at all."')
    assert quotation_rules.name_and_colon(found, 0)
    (attribution,) = found.attributions
    assert words(found, attribution.source) == "Philip Bump"
    assert attribution.confidence == quotation_rules.COLON_SPEAKER_CONFIDENCE


def test_name_and_colon_wants_a_name(nlp):
    found = found_in(nlp, 'In a statement: "We are ready for anything that the winter brings."')
    assert not quotation_rules.name_and_colon(found, 0)


def test_governing_verb_takes_the_verb_the_quotation_hangs_from(nlp):
    found = found_in(nlp, 'The mayor put it bluntly: "We are ready for anything that the winter brings."')
    assert quotation_rules.governing_verb(found, 0)
    (attribution,) = found.attributions
    assert words(found, attribution.cue) == "put"
    assert words(found, attribution.source) == "The mayor"
    assert attribution.confidence == quotation_rules.GOVERNING_VERB_CONFIDENCE


def test_adjacent_cue_takes_the_cue_right_after_the_quotation(nlp):
    found = found_in(nlp, '"The harbour will reopen in May," said Mayor Anna Berg.')
    assert quotation_rules.adjacent_cue(found, 0)
    assert [described(found, a) for a in found.attributions] == [
        {
            "parts": ['"The harbour will reopen in May,"'],
            "kind": "direct",
            "confidence": quotation_rules.ADJACENT_CUE_CONFIDENCE,
            "cue": "said",
            "speaker": "Mayor Anna Berg",
        }
    ]


def test_adjacent_cue_joins_a_quotation_to_the_quote_its_cue_already_reports(nlp):
    found = found_in(nlp, '"The ferry is late," the captain said, "and the fog is getting worse."')
    assert quotation_rules.adjacent_cue(found, 0)
    assert quotation_rules.adjacent_cue(found, 1)
    (attribution,) = found.attributions
    assert [words(found, part) for part in attribution.parts] == [
        '"The ferry is late,"',
        '"and the fog is getting worse."',
    ]


def test_resumed_quotation_goes_on_after_its_attribution(nlp):
    found = found_in(nlp, '"The ferry is late," Carson said. "And the fog is getting worse by the hour."')
    quotation_rules.adjacent_cue(found, 0)
    assert quotation_rules.resumed_quotation(found, 1)
    (attribution,) = found.attributions
    assert len(attribution.parts) == 2
    assert found.owner_of[1] is attribution


def test_paragraph_goes_on_with_the_previous_sure_speaker(nlp):
    text = 'Harbour master Lena Dahl said: "The dredging starts in March."\n\n"It will take six weeks, and more."'
    found = found_in(nlp, text)
    assert quotation_rules.adjacent_cue(found, 0)
    assert not quotation_rules.resumed_quotation(found, 1)
    assert quotation_rules.paragraph_goes_on(found, 1)
    (attribution,) = found.attributions
    assert words(found, attribution.parts[1]) == '"It will take six weeks, and more."'


def test_last_speaker_carries_the_speaker_introduced_before(nlp):
    found = found_in(nlp, 'Lindqvist agreed. "The harbour board is running out of time."')
    assert quotation_rules.last_speaker(found, 0)
    (attribution,) = found.attributions
    assert words(found, attribution.source) == "Lindqvist"
    assert attribution.confidence == quotation_rules.LAST_SPEAKER_CONFIDENCE


def test_last_speaker_leaves_a_quotation_with_nobody_in_reach_doubtful(nlp):
    found = found_in(nlp, 'The storm hit on Monday.\n\n"Nobody could have seen this coming to our town."')
    assert quotation_rules.last_speaker(found, 0)
    (attribution,) = found.attributions
    assert attribution.source is None
    assert attribution.confidence == quotation_rules.NO_SPEAKER_CONFIDENCE


def test_last_speaker_gives_a_short_quotation_to_nobody(nlp):
    found = found_in(nlp, 'Lindqvist agreed. The "new deal" crowd left.')
    assert quotation_rules.last_speaker(found, 0)
    assert found.attributions == []


def test_of_two_suggestions_over_the_same_words_the_surer_stands():
    doubtful = Attribution([(0, 5)], "direct", 0.5)
    sure = Attribution([(0, 2), (3, 5)], "direct", 0.85)
    elsewhere = Attribution([(7, 9)], "indirect", 0.4)
    assert one_per_extent([doubtful, sure, elsewhere]) == [sure, elsewhere]


def test_a_second_reading_inside_another_quote_is_dropped(nlp):
    doc = nlp("The senator said he believes the deal will collapse by the summer.")
    assert [(q.text, q._.cue.text) for q in doc.spans["quotes"]] == [
        ("he believes the deal will collapse by the summer", "said")
    ]


def test_a_report_inside_a_report_stands(nlp):
    doc = nlp("According to the Kremlin, Lukashenko promised that Minsk would host the talks.")
    assert sorted(q._.cue.text for q in doc.spans["quotes"]) == ["According to", "promised"]


def test_hoping_is_read_as_hope_though_the_model_says_hop(nlp):
    doc = nlp("The mayor is hoping that the harbour will reopen in May.")
    (quote,) = doc.spans["quotes"]
    assert (quote._.cue.text, quote._.speaker.text) == ("hoping", "The mayor")
    assert [part.text for part in quote._.content_parts] == ["that the harbour will reopen in May"]


def test_transcript_lines_give_one_quote_per_turn(nlp):
    text = (
        '"WALLACE: Will the harbour reopen in time for the summer season?\n\n'
        '"DAHL: It will, and the ferries will keep running all the while.\n\n'
        '"The dredging starts in March."'
    )
    found = found_in(nlp, text)
    assert quotation_rules.transcript_lines(found, 0)
    assert [(words(found, a.source), [words(found, part) for part in a.parts]) for a in found.attributions] == [
        ("WALLACE", ["Will the harbour reopen in time for the summer season"]),
        ("DAHL", ["It will, and the ferries will keep running all the while", 'The dredging starts in March."']),
    ]


def test_in_a_document_takes_the_clause_after_it(nlp):
    found = found_in(nlp, "In a new Quinnipiac poll, Clinton leads Trump by five points.")
    verb_rules.in_a_document(found, found.ctx.doc[0])
    assert [described(found, a) for a in found.attributions] == [
        {
            "parts": ["Clinton leads Trump by five points"],
            "kind": "indirect",
            "confidence": verb_rules.IN_A_DOCUMENT_CONFIDENCE,
            "cue": "In",
            "speaker": "a new Quinnipiac poll",
        }
    ]


def test_a_report_of_a_report_quotes_the_fragment_to_its_closing_mark(nlp):
    # Both readings quote "genocide,": the outer one too runs to the closing mark, and is mixed.
    doc = nlp('Putin told Xi that the operation was needed to protect people against "genocide," the Kremlin said.')
    assert sorted((q.text, q._.kind, q._.cue.text) for q in doc.spans["quotes"]) == [
        ('Putin told Xi that the operation was needed to protect people against "genocide,"', "mixed", "said"),
        ('that the operation was needed to protect people against "genocide,"', "mixed", "told"),
    ]


def test_a_clause_ending_in_a_quoted_fragment_keeps_the_closing_mark(nlp):
    doc = nlp('According to the ministry, the mayor promised that the city would create "all the conditions."')
    assert sorted((q.text, q._.kind) for q in doc.spans["quotes"]) == [
        ('that the city would create "all the conditions."', "mixed"),
        ('the mayor promised that the city would create "all the conditions."', "mixed"),
    ]


def test_a_quotes_parts_never_overlap_however_the_rules_gave_them():
    from annotations.nlp import disjoint

    # A clause and the passage around it, as two rules once gave them on one text: stored as one part.
    assert disjoint([(40, 60), (12, 30), (40, 210)]) == ((12, 30), (40, 210))
    # Parts that only touch are two parts still: the quote is interrupted there.
    assert disjoint([(5, 9), (0, 5)]) == ((0, 5), (5, 9))
