"""A cap on sentence length, so that the parser and every per-sentence pass stay bounded.

A page with no sentence ends (a table flattened to one line, a feed dump, a hostile file) comes
out of spaCy's parser as one sentence of thousands of tokens, and each extractor that looks over a
token's sentence then does thousands of steps per token: the run time grew with the square of the
sentence. ``SentenceCap`` runs before the parser and, in a stretch of more than ``max_tokens``
tokens with no sentence end in it (``.``, ``!``, ``?``, a line break), marks sentence starts at the
best breaks it finds (after a semicolon, else a colon, else a comma or a dash, else any other
punctuation, else every ``max_tokens`` tokens). The parser keeps those starts and splits no
sentence across them. Text with sentence ends at least every ``max_tokens`` tokens (all news
prose) is left as it is: its parse is spaCy's own, token for token.

It is a plain spaCy component over the public ``Token.is_sent_start``; it pickles as its class and
its one number, so a pipeline holding it can go to spawned processes (``nlp.pipe(n_process=2)``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SPACY
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

MAX_TOKENS = 500
"""The longest sentence the parser is given. In 3,052 texts (the repo's, aeb, PolNEAR, wcxb) the
longest stretch with no sentence end is 222 tokens in news and 481 in other pages
(``bench/long_sentences.py --stretches``): none of them is cut."""

NAME = "newsgraph_sentence_cap"

_ENDS = (".", "!", "?", "...", "\u2026", "?!", "!?", "!!", "??", "....")
"""Tokens that may end a sentence: a stretch without one (or a line break) longer than the cap is cut."""

_BREAK_RANK = {";": 4, ":": 3, ",": 2, "\u2014": 2, "\u2013": 2, "-": 2, "--": 2}
"""How good a place to cut the token after each of these is; other punctuation ranks 1, a word 0."""

_END_IDS = numpy.array([get_string_id(s) for s in _ENDS], dtype=numpy.uint64)
_BREAK_IDS = {get_string_id(s): rank for s, rank in _BREAK_RANK.items()}


class SentenceCap:
    """spaCy component: no sentence longer than ``max_tokens`` tokens reaches the parser."""

    def __init__(self, max_tokens: int = MAX_TOKENS) -> None:
        if max_tokens < 2:
            raise ValueError(f"max_tokens must be at least 2, not {max_tokens}")
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) > self.max_tokens:
            for i in cut_points(doc, self.max_tokens):
                doc[i].is_sent_start = True
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def cut_points(doc: Doc, max_tokens: int) -> list[int]:
    """The tokens to start a sentence at so that no stretch between sentence ends exceeds ``max_tokens``."""
    rows = doc.to_array([ORTH, IS_SPACE, IS_PUNCT, SPACY])
    orth, space = rows[:, 0], rows[:, 1].astype(bool)
    ends = numpy.flatnonzero(numpy.isin(orth, _END_IDS) | space)
    punct_then_space = rows[:, 2].astype(bool) & rows[:, 3].astype(bool)
    bounds = numpy.concatenate(([0], ends + 1, [len(doc)]))
    long_runs = numpy.flatnonzero(numpy.diff(bounds) > max_tokens)
    cuts: list[int] = []
    for run in long_runs.tolist():
        start, end = int(bounds[run]), int(bounds[run + 1])
        ranks = _ranks(orth[start:end], punct_then_space[start:end])
        cuts += _cut_run(ranks, start, max_tokens)
    return cuts


def _ranks(orth: numpy.ndarray, punct_then_space: numpy.ndarray) -> list[int]:
    """How good a break the place after each token is: punctuation followed by a space ranks as
    ``_BREAK_RANK`` says (else 1); anything else, a hyphen inside a word say, 0."""
    return [_BREAK_IDS.get(token_id, 1) if ok else 0
            for token_id, ok in zip(orth.tolist(), punct_then_space.tolist(), strict=True)]


def _cut_run(ranks: list[int], offset: int, max_tokens: int) -> list[int]:
    """Cuts in a run of tokens (``ranks``, the first at ``offset`` in the Doc): each piece at most
    ``max_tokens`` long and more than half that, cut after the best-ranked break in the second half
    of the window (the last of equal ones), else at the cap."""
    cuts = []
    start = 0
    while len(ranks) - start > max_tokens:
        best, best_rank = start + max_tokens, 0
        for i in range(start + max_tokens, start + max_tokens // 2, -1):  # cut before token i
            if ranks[i - 1] > best_rank:
                best, best_rank = i, ranks[i - 1]
        cuts.append(offset + best)
        start = best
    return cuts


@Language.factory(NAME, default_config={"max_tokens": MAX_TOKENS})
def make_sentence_cap(nlp: Language, name: str, max_tokens: int) -> SentenceCap:
    return SentenceCap(max_tokens)


def cap_sentences(nlp: Language, max_tokens: int = MAX_TOKENS) -> bool:
    """Add the cap before the pipeline's parser; False when there is no parser (or it is already there)."""
    if NAME in nlp.pipe_names or "parser" not in nlp.pipe_names:
        return False
    nlp.add_pipe(NAME, before="parser", config={"max_tokens": max_tokens})
    return True
