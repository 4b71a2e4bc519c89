"""Quotes on small hand-made texts: marks, kinds, cues, speakers, pronouns."""

from __future__ import annotations

import pytest

from newsgraph.extract.attribution.marks import find_quoted
from newsgraph.extract.attribution.quotes import extract_quotes
from newsgraph.extract.context import ExtractContext
from newsgraph.extract.entities.recognize import extract_entities
from newsgraph.nlp import load_model
from newsgraph.records import Quote


def quotes_of(text: str) -> list[Quote]:
    doc = load_model()(text)
    ctx = ExtractContext(body=text)
    ctx.found.entities = extract_entities(doc, ctx)
    return extract_quotes(doc, ctx)


def marks(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quoted(text)]


def test_straight_and_curly_marks_with_nested_single_quotes() -> None:
    text = 'He said "a b," and “c ‘d’ e.”'
    assert marks(text) == ['"a b,"', "“c ‘d’ e.”"]


def test_quote_over_paragraphs_reopened_each_paragraph() -> None:
    text = "“First paragraph of it.\n\n“Second paragraph ends it.”\n\nNarration."
    assert marks(text) == ["“First paragraph of it.\n\n“Second paragraph ends it.”"]


def test_missing_closing_mark_ends_with_paragraph() -> None:
    text = 'She said "this never closes\n\nNext paragraph here.'
    found = find_quoted(text)
    assert [text[q.start:q.end] for q in found] == ['"this never closes']
    assert found[0].closed is False


def test_stray_closing_mark_is_ignored() -> None:
    assert marks('a stray ” mark and "a real one"') == ['"a real one"']


def test_direct_quote_with_cue_before() -> None:
    (q,) = quotes_of('A senior U.S. official stated, "We have an agreement; it is now a question of timing."')
    assert q.kind == "direct"
    assert q.text == "We have an agreement; it is now a question of timing."
    assert q.cue is not None and q.cue.text == "stated"
    assert q.speaker is not None and q.speaker.text == "A senior U.S. official" and q.speaker.anonymous
    assert q.id == "q1"


def test_direct_quote_with_cue_after_and_named_speaker() -> None:
    quotes = quotes_of('"The talks are over and we are satisfied," Senator John Smith said on Tuesday.')
    assert [q.kind for q in quotes] == ["direct"]
    speaker = quotes[0].speaker
    assert speaker is not None and speaker.name == "John Smith" and speaker.entity_id and not speaker.anonymous


def test_indirect_speech_with_that() -> None:
    (q,) = quotes_of("Maria Lopez, the mayor, mentioned that the bridge would reopen in June.")
    assert q.kind == "indirect"
    assert "the bridge would reopen in June" in q.text
    assert q.speaker is not None and q.speaker.name == "Maria Lopez"


def test_parenthetical_cue_after_content() -> None:
    (q,) = quotes_of("The bridge will reopen in June, officials said.")
    assert q.kind == "indirect" and q.text == "The bridge will reopen in June"
    assert q.speaker is not None and q.speaker.text == "officials" and q.speaker.anonymous


def test_according_to_with_partial_quote() -> None:
    (q,) = quotes_of('The timeline offers "breathing room," allowing changes, according to a U.S. official.')
    assert q.kind == "partial"
    assert q.text.rstrip(",") == "breathing room"
    assert q.cue is not None and q.cue.text == "according to"
    assert q.speaker is not None and q.speaker.text == "a U.S. official" and q.speaker.anonymous
    assert q.content and "The timeline offers" in q.content[0].text


def test_pronoun_resolved_to_earlier_person() -> None:
    text = ('Farhad Alaaldin, an adviser to the prime minister, said the talks had concluded. '
            '"We are now on the brink of a new relationship," he stated.')
    quotes = quotes_of(text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1
    speaker = direct[0].speaker
    assert speaker is not None and speaker.text == "he" and speaker.resolved_from == "he"
    assert speaker.name == "Farhad Alaaldin"


def test_continuation_quote_joins_the_same_attribution() -> None:
    text = '"We will win this race," Jane Doe said. "Nobody will stop us now, not even the weather."'
    (q,) = quotes_of(text)
    assert q.kind == "direct" and q.speaker is not None and q.speaker.name == "Jane Doe"
    assert [c.text for c in q.content] == ['"We will win this race,"',
                                         '"Nobody will stop us now, not even the weather."']


def test_cue_inside_a_quotation_is_not_an_attribution() -> None:
    (q,) = quotes_of('"I think the stakes are high," Jane Doe said.')
    assert q.cue is not None and q.cue.text == "said" and q.kind == "direct"


def test_source_keeps_apposition_comma() -> None:
    (q,) = quotes_of("Seth McKee, a political scientist at Texas Tech, said the race was close.")
    assert q.speaker is not None and q.speaker.text == "Seth McKee, a political scientist at Texas Tech,"
    assert q.speaker.name == "Seth McKee"


def test_scare_quotes_alone_are_not_quotes() -> None:
    assert quotes_of('The so-called "reform" passed the chamber on Monday.') == []


@pytest.mark.parametrize("text", ['"unclosed', '”', '"" ""', "“a\n\n“b\n\n“c"])
def test_odd_marks_do_not_raise(text: str) -> None:
    quotes_of(text)


def test_offsets_point_into_body() -> None:
    text = 'Officials said the plan was "a disaster." Jane Doe warned that costs would rise.'
    for q in quotes_of(text):
        assert text[q.start:q.end] == q.text
        assert q.cue is not None and text[q.cue.start:q.cue.end] == q.cue.text
        assert all(text[c.start:c.end] == c.text for c in q.content)


def test_nested_attribution_is_marked() -> None:
    text = "A spokesman noted that President Joe Biden had expressed in a statement their intent to leave."
    quotes = quotes_of(text)
    outer = next(q for q in quotes if q.cue and q.cue.text == "noted")
    inner = next(q for q in quotes if q.cue and q.cue.text == "had expressed")
    assert inner.nested_in == outer.id and outer.nested_in is None


def test_two_apostrophes_as_quote_marks() -> None:
    text = "''I think so,'' he said. ''Para one\n\n''Para two.''"
    assert marks(text) == ["''I think so,''", "''Para one\n\n''Para two.''"]
    assert marks("it's Obama's plan") == []


def test_speaker_in_the_sentence_after_the_quote() -> None:
    quotes = quotes_of('"The deal is finished. Nothing more is needed." John Smith said on Tuesday.')
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1 and direct[0].text == "The deal is finished. Nothing more is needed."
    assert direct[0].speaker is not None and direct[0].speaker.name == "John Smith"


def test_quote_in_the_next_paragraph_is_a_new_attribution_of_the_same_speaker() -> None:
    text = ('"We will win this race," Senator Jane Doe said on Monday.\n\n'
            '"Nobody should doubt it for a second."\n\nThe vote is on Tuesday.')
    first, second = quotes_of(text)
    assert first.text == "We will win this race," and first.cue is not None
    assert second.text == "Nobody should doubt it for a second." and second.cue is None
    assert second.speaker is not None and second.speaker.text == "Senator Jane Doe"


def test_quotation_closing_a_reported_clause_keeps_the_lead_in() -> None:
    quotes = quotes_of('The failure of the bill was "heartbreaking," Senator Jane Doe said.')
    (quote,) = quotes
    assert quote.kind == "partial"
    assert quote.content[0].text.startswith("The failure of the bill was")
    assert quote.speaker is not None and quote.speaker.name == "Jane Doe"


def test_reported_content_stops_at_the_paragraph_break() -> None:
    # the parser runs the first paragraph's sentence into the second; the quotation there has its own cue
    text = ("Paul Begala, a former political adviser to Mr. Clinton and a friend of the couple's, said that the "
            "former president's greatest strength now is as ''Hillary's authenticator, in part because he's "
            "actually had the job that his wife is seeking.''\n\n''Most people, not just Democrats, feel President "
            "Clinton was really good at being president,'' Mr. Begala said. ''And all the hand-wringers will say "
            "he is going to make a mistake. Give me a break.''")
    quotes = quotes_of(text)
    for quote in quotes:
        assert all("\n" not in text[c.start:quote.content[-1].end] for c in quote.content[:1]), quote
    second = next(q for q in quotes if q.text.startswith("Most people"))
    assert second.nested_in is None and second.cue is not None and second.cue.text == "said"
    assert second.cue.start > text.index("\n\n")


def test_fronted_for_phrase_gives_whose_view_it_is() -> None:
    quotes = quotes_of("For Jonathan Chait, Williamson is exposing the perverse moral logic of the right.")
    (quote,) = quotes
    assert quote.cue is not None and quote.cue.text == "For"
    assert quote.speaker is not None and quote.speaker.text == "Jonathan Chait"
    assert quote.content[0].text == "Williamson is exposing the perverse moral logic of the right"
    assert quotes_of("He paid for the tickets, and for that we are grateful.") == []


def test_participle_after_the_content_is_a_second_statement_of_the_speaker() -> None:
    text = ('Senator Ben Cardin stressed that "the way to proceed is to get Democrats and Republicans working '
            'together," suggesting that the only way to do that might be to pass a renewal.')
    quotes = quotes_of(text)
    first = next(q for q in quotes if q.cue is not None and q.cue.text == "stressed")
    assert all("suggesting" not in c.text for c in first.content)
    second = next(q for q in quotes if q.cue is not None and q.cue.text == "suggesting")
    assert second.nested_in is None and second.speaker is not None and second.speaker.name == "Ben Cardin"
    assert second.content[0].text.startswith("that the only way")


def test_partial_quote_runs_to_its_closing_mark_and_keeps_the_lead_in() -> None:
    text = ('Pastor John Smith said the ruling was "in direct conflict with the design for marriage set forth in '
            'the Bible. The threat of this decision to religious liberty is very clear."')
    (quote,) = quotes_of(text)
    assert quote.kind == "partial"
    assert quote.content[0].text.startswith("the ruling was")
    assert quote.content[-1].text.endswith('is very clear."')


def test_quotation_goes_on_past_a_report_by_the_same_speaker() -> None:
    text = ('"It is true we got close to immigration reform," Hillary Clinton said in Los Angeles, recalling a bill '
            'that failed in 2007. "President Obama and I voted for it, and Senator Sanders voted against it."')
    first = next(q for q in quotes_of(text) if q.cue is not None and q.cue.text == "said")
    assert [c.text for c in first.content] == ['"It is true we got close to immigration reform,"',
                                               '"President Obama and I voted for it, and Senator Sanders voted '
                                               'against it."']


def test_tagged_verb_next_to_a_quotation_takes_it_as_content() -> None:
    text = '"What was the massive pivot point to make him change so fundamentally?" Glenn Beck questioned.'
    (quote,) = quotes_of(text)
    assert quote.kind == "direct" and quote.cue is not None and quote.cue.text == "questioned"
    assert quote.speaker is not None and quote.speaker.name == "Glenn Beck"


def test_words_before_a_comma_and_an_inverted_speech_verb_are_reported() -> None:
    text = ('Couple global exposure with a "candidate who is a lightning rod" and Clevelanders get nervous, '
            'said Christine Link, executive director of the group.')
    (quote,) = quotes_of(text)
    assert quote.speaker is not None and quote.speaker.name == "Christine Link"
    assert quote.content[0].text.startswith("Couple global exposure")
    assert quote.content[-1].text.endswith("get nervous")


def test_two_coordinated_speakers_are_not_linked_to_one_of_them() -> None:
    text = "President Joe Biden and Prime Minister Mohammed Shia al-Sudani said the talks would go on."
    (quote,) = quotes_of(text)
    assert quote.speaker is not None and quote.speaker.entity_id is None and quote.speaker.name is None
    assert quote.speaker.text == "President Joe Biden and Prime Minister Mohammed Shia al-Sudani"
    (single,) = quotes_of("President Joe Biden said the talks would go on.")
    assert single.speaker is not None and single.speaker.name == "Joe Biden"


def test_clause_coordinated_with_the_cue_verb_goes_on_with_the_content() -> None:
    (quote,) = quotes_of("Senator Jane Doe concluded that idealism is nice, but sometimes realism takes over.")
    assert quote.content[-1].text.endswith("sometimes realism takes over")
    first, second = quotes_of("Jones said the plan would work, but Smith said it would fail.")
    assert first.content[-1].text == "the plan would work" and second.content[-1].text == "it would fail"


def test_object_stranded_after_the_reported_clause_joins_it() -> None:
    (quote,) = quotes_of("Smith asked how Trump digests major news events.")
    assert quote.content[-1].text == "how Trump digests major news events"


def test_leading_conjunction_is_not_part_of_an_according_to_content() -> None:
    (quote,) = quotes_of("But, according to people close to him, he could not convince the family.")
    assert quote.content[0].text.startswith("he could not convince")


def test_speaker_of_a_partial_quote_goes_on_quoting() -> None:
    text = 'The failure of the bill was "heartbreaking," Senator Jane Doe said. "We will try again next year."'
    (quote,) = quotes_of(text)
    assert quote.kind == "partial"
    assert quote.content[-1].text == '"We will try again next year."'


def test_comma_splice_after_the_reported_clause_is_not_reported() -> None:
    text = ("Considering a Mac is intended to be a portable machine, the lack of the latest Wi-Fi tech is "
            "frustrating.")
    for quote in quotes_of(text):
        assert "frustrating" not in quote.content[-1].text, quote


def test_we_outside_quotation_marks_is_the_writer() -> None:
    text = ("Apple says the new keyboard is more reliable. We think that the company did this to ease repairs.")
    we = next(q for q in quotes_of(text) if q.speaker is not None and q.speaker.text == "We")
    assert we.speaker is not None and we.speaker.entity_id is None and we.speaker.resolved_from is None


def test_clause_run_into_the_subject_is_not_the_source() -> None:
    text = "Rose-Lynn worships Patsy Cline, and the songwriters knew they had to craft something with country DNA."
    (quote,) = quotes_of(text)
    assert quote.speaker is not None and quote.speaker.text == "the songwriters"


def test_generic_you_is_the_reader_not_a_source() -> None:
    assert quotes_of("You can't even tell that the new laptop is larger than the old one.") == []
    (quote,) = quotes_of("Jane Doe said you can't tell that the new laptop is larger.")
    assert quote.speaker is not None and quote.speaker.name == "Jane Doe"


def test_subject_of_the_reported_clause_hung_on_the_cue_verb_joins_the_content() -> None:
    (quote,) = quotes_of('He told POLITICO Florida the state’s own standards are not perfect but improving.')
    assert quote.content[0].text.startswith("the state’s own standards are not perfect")


def test_short_quotation_that_is_a_sentence_of_its_own_goes_on() -> None:
    (quote,) = quotes_of('"The bodies were everywhere on the road," Ahmed Bouhlel said. "Bodies everywhere."')
    assert [c.text for c in quote.content][-1] == '"Bodies everywhere."'
    quotes = quotes_of('"We will fix the roads first," Mayor Jane Doe said. The "so-called" experts disagreed.')
    assert all('"so-called"' not in c.text for q in quotes for c in q.content)


def test_speaker_of_a_partial_quote_with_words_after_it_goes_on_quoting() -> None:
    text = ('"People were celebrating" before the crash, Jane Doe said. "It was a festive night until the truck '
            'came."')
    (quote,) = quotes_of(text)
    assert quote.content[-1].text == '"It was a festive night until the truck came."'


def test_according_to_after_a_coordination_reports_all_of_it() -> None:
    text = "Kasich has also been surging and has pulled within 4 points of the frontrunner, according to the poll."
    (quote,) = quotes_of(text)
    assert quote.content[0].text.startswith("Kasich has also been surging")
