"""A learned cue tagger: which tokens form the cue of an attribution ("said", "told reporters",
"according to", "remarks about", a headline's colon).

A linear-chain CRF (CRFsuite) over parse features of each token, one sentence at a time, with
BIO labels. Trained on the PolNeAR training split by ``bench/train_attribution_crf.py`` and
shipped as CRFsuite's own model file (``data/attribution_cue.crfsuite``): no pickle, loaded
once, tagging is a few microseconds per token on CPU.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy
from spacy.attrs import DEP, HEAD, IDX, IS_TITLE, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.tokens import Doc, Span, Token

MODEL_FILE = "attribution_cue.crfsuite"
QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``", "«", "»"})  # quotation marks as spaCy tokens
_CHILD_DEPS = frozenset({"ccomp", "nsubj", "nsubjpass", "dobj", "xcomp", "prep", "dative", "agent", "poss", "acl",
                         "mark", "punct", "parataxis"})
_LEMMA_CHILD_DEPS = frozenset({"ccomp", "dobj", "nsubj", "prep", "xcomp"})


@dataclass(frozen=True)
class Columns:
    """Token attributes of a Doc read once, as plain lists: spaCy builds a Token object on every
    access, which made feature extraction cost more than the tagging itself."""

    lower: list[str]
    lemma: list[str]
    tag: list[str]
    dep: list[str]
    pos: list[str]
    head: list[int]
    mark: list[bool]
    sent_start: list[bool]
    title: list[bool]
    idx: list[int]

    @classmethod
    def of(cls, doc: Doc) -> Columns:
        cached = doc.user_data.get("newsgraph.columns")
        if cached is None:
            cached = doc.user_data["newsgraph.columns"] = cls._read(doc)
        return cached  # type: ignore[no-any-return]

    @classmethod
    def _read(cls, doc: Doc) -> Columns:
        rows = doc.to_array([LOWER, LEMMA, TAG, DEP, POS, HEAD, SENT_START, IDX, IS_TITLE, ORTH])
        hashes, signed = rows.T.tolist(), rows.view(numpy.int64).T.tolist()
        strings = doc.vocab.strings
        lower, lemma, tag, dep, pos = ([strings[h] for h in hashes[k]] for k in range(5))
        return cls(lower, [w.lower() for w in lemma], tag, dep, pos,
                   [i + offset for i, offset in enumerate(signed[5])],
                   [strings[h] in QUOTE_MARKS for h in hashes[9]],
                   [value == 1 for value in signed[6]], [bool(v) for v in hashes[8]], hashes[7])


def token_features(doc: Doc, i: int, cols: Columns, lists: tuple[frozenset[str], frozenset[str]],
                   quoted: bool) -> list[str]:
    """Binary features of one token: its word, its place in the parse, the cue word lists."""
    lower, lemma, dep, pos = cols.lower[i], cols.lemma[i], cols.dep[i], cols.pos[i]
    head = cols.head[i]
    head_lemma = cols.lemma[head]
    speech, belief = lists
    feats = [f"w={lower}", f"l={lemma}", f"t={cols.tag[i]}", f"d={dep}", f"l+d={lemma}|{dep}",
             f"hl={head_lemma}", f"hp={cols.pos[head]}", f"d+hl={dep}|{head_lemma}", f"w+hl={lower}|{head_lemma}"]
    if lemma in speech:
        feats.append("speech")
    elif lemma in belief:
        feats.append("belief")
    if head_lemma in speech or head_lemma in belief:  # the token itself when it heads its sentence
        feats.append(f"cuehead|{dep}")
    if pos in ("VERB", "NOUN", "AUX"):
        feats += _child_features(doc[i], lemma)
    if quoted:
        feats.append("inq")
    if cols.sent_start[i]:
        feats.append("first")
    if pos in ("VERB", "PROPN", "ADP") and cols.title[i]:
        feats.append(f"title={pos}")
    if cols.head[head] != head:
        feats.append(f"hhl={cols.lemma[cols.head[head]]}|{cols.dep[head]}")
    return feats


def _child_features(token: Token, lemma: str) -> list[str]:
    """The verb's or noun's dependents, and who its subject is: a named person or body can hold a
    view; "it" or "you" mostly not."""
    children = list(token.children)
    feats: list[str] = []
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass", "poss")), None)
    if subject is not None:
        kind = subject.lower_ if subject.pos_ == "PRON" else subject.ent_type_ or subject.pos_
        feats.append(f"subj={subject.dep_}|{kind}")
    deps = {c.dep_ for c in children}
    feats += [f"ch={d}" for d in deps if d in _CHILD_DEPS]
    feats += [f"l+ch={lemma}|{d}" for d in deps if d in _LEMMA_CHILD_DEPS]
    return feats


def _context(cols: Columns, start: int, end: int, i: int, feats: list[str]) -> None:
    for offset in (-2, -1, 1, 2):
        j = i + offset
        if start <= j < end:
            feats += [f"{offset}:w={cols.lower[j]}", f"{offset}:p={cols.pos[j]}"]
            if cols.mark[j]:
                feats.append(f"{offset}:mark")
        else:
            feats.append(f"{offset}:edge")
    if start < i < end - 1:
        feats.append(f"-1+1={cols.lower[i - 1]}|{cols.lower[i + 1]}")


def sentence_features(sent: Span, lists: tuple[frozenset[str], frozenset[str]],
                      quoted: Callable[[int], bool], cols: Columns | None = None) -> list[list[str]]:
    """Features of every token of a sentence (spaces left in: they keep the sequence aligned)."""
    doc = sent.doc
    cols = cols or Columns.of(doc)
    out = []
    for i in range(sent.start, sent.end):
        feats = token_features(doc, i, cols, lists, quoted(cols.idx[i]))
        _context(cols, sent.start, sent.end, i, feats)
        out.append(feats)
    return out


@lru_cache(maxsize=1)
def load_tagger():  # type: ignore[no-untyped-def]
    """The shipped CRF, or None when the package has none (the rules alone then)."""
    import pycrfsuite

    path = resources.files("newsgraph.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def spans_from_labels(labels: list[str], offset: int) -> list[list[int]]:
    """Token index runs of B/I labels (an I without a B starts a run too)."""
    runs: list[list[int]] = []
    for i, label in enumerate(labels):
        if label == "O":
            continue
        if label == "B" or not runs or runs[-1][-1] != offset + i - 1:
            runs.append([offset + i])
        else:
            runs[-1].append(offset + i)
    return runs


@dataclass(frozen=True)
class TaggedRun:
    """A cue span the CRF found: token indices, and the tagger's confidence in it (the lowest
    marginal probability of its tokens' labels)."""

    tokens: list[int]
    confidence: float


def tag_cues(doc: Doc, lists: tuple[frozenset[str], frozenset[str]],
             quoted: Callable[[int], bool]) -> list[TaggedRun] | None:
    """Cue spans the CRF finds, or None without a model."""
    tagger = load_tagger()
    if tagger is None:
        return None
    cols = Columns.of(doc)
    runs: list[TaggedRun] = []
    for sent in doc.sents:
        labels = tagger.tag(sentence_features(sent, lists, quoted, cols))
        for run in spans_from_labels(labels, sent.start):
            confidence = min(tagger.marginal(labels[i - sent.start], i - sent.start) for i in run)
            runs.append(TaggedRun(run, confidence))
    return runs
