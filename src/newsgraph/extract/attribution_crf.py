"""A learned cue tagger: which tokens form the cue of an attribution ("said", "told reporters",
"according to", "remarks about", a headline's colon).

A linear-chain CRF (CRFsuite) over parse features of each token, one sentence at a time, with
BIO labels. Trained on the PolNeAR training split by ``bench/train_attribution_crf.py`` and
shipped as CRFsuite's own model file (``data/attribution_cue.crfsuite``): no pickle, loaded
once, tagging is a few microseconds per token on CPU.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

MODEL_FILE = "attribution_cue.crfsuite"
CUE_THRESHOLD = 0.5  # chosen on held-out PolNeAR train articles (see bench/train_attribution_crf.py)
_QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``", "«", "»"})


def _word_features(token: Token, prefix: str) -> list[str]:
    return [f"{prefix}w={token.lower_}", f"{prefix}p={token.pos_}"]


def token_features(token: Token, lists: tuple[frozenset[str], frozenset[str]], quoted: bool) -> list[str]:
    """Binary features of one token: its word, its place in the parse, the cue word lists."""
    lemma, dep, head = token.lemma_.lower(), token.dep_, token.head
    speech, belief = lists
    feats = [f"w={token.lower_}", f"l={lemma}", f"t={token.tag_}", f"d={dep}", f"l+d={lemma}|{dep}",
             f"hl={head.lemma_.lower()}", f"hp={head.pos_}", f"d+hl={dep}|{head.lemma_.lower()}",
             f"w+hl={token.lower_}|{head.lemma_.lower()}"]
    if lemma in speech:
        feats.append("speech")
    elif lemma in belief:
        feats.append("belief")
    head_lemma = head.lemma_.lower()
    if head is not token and (head_lemma in speech or head_lemma in belief):
        feats.append(f"cuehead|{dep}")
    if token.pos_ in ("VERB", "NOUN", "AUX"):
        feats += _subject_features(token)
        deps = {c.dep_ for c in token.children}
        feats += [f"ch={d}" for d in deps if d in ("ccomp", "nsubj", "nsubjpass", "dobj", "xcomp", "prep", "dative",
                                                 "agent", "poss", "acl", "mark", "punct", "parataxis")]
        feats += [f"l+ch={lemma}|{d}" for d in deps if d in ("ccomp", "dobj", "nsubj", "prep", "xcomp")]
    if quoted:
        feats.append("inq")
    if token.is_sent_start:
        feats.append("first")
    if token.is_title and token.pos_ in ("VERB", "PROPN", "ADP"):
        feats.append(f"title={token.pos_}")
    if head.head.i != head.i:
        feats.append(f"hhl={head.head.lemma_.lower()}|{head.dep_}")
    return feats


def _subject_features(token: Token) -> list[str]:
    """Who the verb's subject is: a named person or body can hold a view; "it" or "you" mostly not."""
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "poss"):
            head = child
            kind = head.lower_ if head.pos_ == "PRON" else head.ent_type_ or head.pos_
            return [f"subj={child.dep_}|{kind}"]
    return []


def _context(tokens: list[Token], i: int, feats: list[str]) -> None:
    for offset in (-2, -1, 1, 2):
        j = i + offset
        if 0 <= j < len(tokens):
            other = tokens[j]
            feats += _word_features(other, f"{offset}:")
            if other.text in _QUOTE_MARKS:
                feats.append(f"{offset}:mark")
        else:
            feats.append(f"{offset}:edge")
    if 0 < i < len(tokens) - 1:
        feats.append(f"-1+1={tokens[i - 1].lower_}|{tokens[i + 1].lower_}")


def sentence_features(sent: Span, lists: tuple[frozenset[str], frozenset[str]],
                      quoted: Callable[[int], bool]) -> list[list[str]]:
    """Features of every token of a sentence (spaces left in: they keep the sequence aligned)."""
    tokens = list(sent)
    out = []
    for i, token in enumerate(tokens):
        feats = token_features(token, lists, quoted(token.idx))
        _context(tokens, i, feats)
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


def tag_cues(doc: Doc, lists: tuple[frozenset[str], frozenset[str]],
             quoted: Callable[[int], bool]) -> list[list[int]] | None:
    """Cue spans (token indices) the CRF finds, or None without a model."""
    tagger = load_tagger()
    if tagger is None:
        return None
    runs: list[list[int]] = []
    for sent in doc.sents:
        runs += spans_from_labels(decode(tagger, sentence_features(sent, lists, quoted)), sent.start)
    return runs


def decode(tagger, features: list[list[str]], threshold: float | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    """Best labels, where a token the best path leaves out still joins a cue when the chance that
    it is outside every cue (its marginal "O") is below ``threshold``: the rules that find the
    cue's source and content drop most false cues, so the tagger may lean to recall. Tokens next to
    a cue the best path found are left as they are (its extent is the best guess)."""
    threshold = CUE_THRESHOLD if threshold is None else threshold
    tagger.set(features)
    best = tagger.tag()
    labels = list(best)
    for i, label in enumerate(best):
        beside = (i > 0 and best[i - 1] != "O") or (i + 1 < len(best) and best[i + 1] != "O")
        if label == "O" and not beside and tagger.marginal("O", i) < threshold:
            labels[i] = "B" if tagger.marginal("B", i) >= tagger.marginal("I", i) else "I"
    return labels
