"""The indexed attribute-ruler matcher gives exactly spaCy's annotations."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from newsgraph.nlp import load_model
from newsgraph.nlp.speedups.ruler import IndexedAttributeRuler, index_attribute_ruler
from newsgraph.options import default_model

# Words the English ruler has special rules for: contractions, "ain't", "nothin'", "y'all",
# existential "there", object pronouns, auxiliaries, whitespace tokens.
TEXTS = [
    "There are five U.S. officials who said it ain't over, and y'all know nothin' changes.",
    "She didn't see him; they'd have told me if I'd asked.  He gave it to me.\n\nWe are, aren't we?",
    "Whether or not the troops leave by 2026, Iraq's government says that it will decide.",
    "I   am here.\tThose who do, do; that which is, is. Does he? He does have them.",
]
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


def test_same_annotations_as_spacy(stock: spacy.language.Language) -> None:
    fast = load_model()
    assert isinstance(fast.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    for text in TEXTS:
        ours, theirs = fast(text), stock(text)
        assert numpy.array_equal(ours.to_array(ATTRS), theirs.to_array(ATTRS)), text
        assert [str(t.morph) for t in ours] == [str(t.morph) for t in theirs]
        assert [t.pos_ for t in ours] == [t.pos_ for t in theirs]


def test_same_matches_as_spacy_matcher() -> None:
    fresh = spacy.load(default_model())  # the stand-in goes into this pipeline, not the shared stock one
    spacy_match = fresh.get_pipe("attribute_ruler").match
    with fresh.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = [fresh(text) for text in TEXTS]
    expected = [spacy_match(doc) for doc in docs]
    assert index_attribute_ruler(fresh)
    found = [fresh.get_pipe("attribute_ruler").match(doc) for doc in docs]
    assert [[(a, s, e) for a, _, s, e in m] for m in found] == [[(a, s, e) for a, _, s, e in m] for m in expected]
    assert sum(map(len, found)) > sum(len(d) for d in docs)  # every token, plus word rules


def test_unsupported_patterns_keep_spacys_matcher() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"TAG": "RB"})
    assert not index_attribute_ruler(nlp)
    assert nlp("very very good")[0].tag_ == "RB"


def test_rules_added_later_are_still_applied() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "iraq"}]], {"TAG": "NNP"})
    assert index_attribute_ruler(nlp)
    assert nlp("Iraq and Syria")[0].tag_ == "NNP"
    ruler.add([[{"LOWER": "syria"}]], {"TAG": "NNP"})
    doc = nlp("Iraq and Syria")
    assert [t.tag_ for t in doc] == ["NNP", "", "NNP"]


def test_in_not_in_and_regex_tests() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"IN": ["said", "told"]}}]], {"TAG": "VBD"})
    ruler.add([[{"LOWER": {"REGEX": "^over"}}, {"LOWER": {"NOT_IN": ["the"]}}]], {"TAG": "IN"})
    assert index_attribute_ruler(nlp)
    doc = nlp("He said overall gains told overhead the")
    assert [t.tag_ for t in doc] == ["", "VBD", "IN", "", "VBD", "", ""]


def test_repeated_tokens_are_looked_up_not_retested(stock: spacy.language.Language) -> None:
    """Tokens with the same attributes start the same patterns: the second article costs lookups,
    and a full memo is cleared rather than grown, with the same matches either way."""
    from newsgraph.nlp.speedups import ruler as nlp_ruler

    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = [stock(text) for text in TEXTS]
    expected = [stock.get_pipe("attribute_ruler").match(doc) for doc in docs]
    patterns = nlp_ruler._patterns(stock.get_pipe("attribute_ruler"))
    assert patterns
    matcher = nlp_ruler.IndexedMatcher(patterns, stock.vocab.strings)
    assert [matcher(doc) for doc in docs] == expected
    remembered = len(matcher.starting)
    assert 0 < remembered < sum(len(d) for d in docs)  # repeated words and tags share an entry
    assert [matcher(doc) for doc in docs] == expected and len(matcher.starting) == remembered
    nlp_ruler._MEMO_SIZE, saved = 3, nlp_ruler._MEMO_SIZE
    try:
        small = nlp_ruler.IndexedMatcher(patterns, stock.vocab.strings)
        assert [small(doc) for doc in docs] == expected
        assert len(small.starting) <= 3
    finally:
        nlp_ruler._MEMO_SIZE = saved


def test_bad_pattern_index_raises_spacys_error() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very"}]], {"TAG": "RB"}, index=2)  # the pattern is one token long
    ruler.add([[{"LOWER": "good"}]], {"TAG": "JJ"}, index=-1)
    assert index_attribute_ruler(nlp)
    assert nlp("good")[0].tag_ == "JJ"  # a negative index counts from the match's end
    with pytest.raises(ValueError, match="E1001"):
        nlp("very good")
