"""Cues on the dependency parse: the verb (or "according to") that attributes content to a source.

Each cue yields the source tokens (its subject), the cue tokens and the content tokens its
parse offers (clausal complement, object for verbs that take one, the host clause of
"according to" or of a parenthetical "..., he said"). Quotation marks are matched later.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

_SUBJECTS = ("nsubj",)
_INHERIT = ("advcl", "xcomp", "conj", "acl", "pcomp")
_CONTENT_DEPS = ("ccomp", "xcomp")
_NO_CONTENT_VERBS = ("say", "tell")  # "said so", "told him": the object is not content


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: spaCy rebuilds ``doc.text`` from the tokens on every access."""
    text = doc.user_data.get("newsgraph.text")
    if text is None:
        text = doc.user_data["newsgraph.text"] = doc.text
    return text  # type: ignore[no-any-return]


@dataclass(frozen=True)
class CueLexicon:
    speech: frozenset[str]
    belief: frozenset[str]
    takes_object: frozenset[str]


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """Cue verb lemmas from ``data/quote_cues.txt`` and ``data/quote_belief_cues.txt``."""
    def read(name: str) -> list[list[str]]:
        text = resources.files("newsgraph.data").joinpath(name).read_text("utf-8")
        return [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]

    speech, belief = read("quote_cues.txt"), read("quote_belief_cues.txt")
    takes = {row[0] for row in speech + belief if len(row) > 1 and row[1] == "obj"}
    return CueLexicon(frozenset(r[0] for r in speech), frozenset(r[0] for r in belief), frozenset(takes))


@dataclass
class Cue:
    """A cue and what the parse says about it; token indices into the Doc."""

    cue: list[int]
    source: list[int]
    content: list[int]
    belief: bool = False
    according: bool = False


def subject_of(verb: Token, passive: bool = False) -> Token | None:
    """The verb's subject, or the subject of the verb it hangs off ("..., adding that")."""
    deps = (*_SUBJECTS, "nsubjpass") if passive else _SUBJECTS
    seen = 0
    while seen < 4:
        for child in verb.children:
            if child.dep_ in deps:
                return child
        if verb.dep_ not in _INHERIT or verb.head is verb:
            return None
        verb, seen = verb.head, seen + 1
    return None


def source_tokens(subject: Token) -> list[int]:
    """The subject's whole phrase (PolNeAR keeps relative clauses and the comma closing an apposition)."""
    doc = subject.doc
    tokens = [t.i for t in subject.subtree]
    while tokens and (doc[tokens[-1]].is_punct or doc[tokens[-1]].is_space):
        tokens.pop()
    while tokens and (doc[tokens[0]].is_punct or doc[tokens[0]].is_space):
        tokens.pop(0)
    after = tokens[-1] + 1 if tokens else len(doc)
    if after < len(doc) and doc[after].text == "," and any(c.dep_ == "appos" for c in subject.children):
        tokens.append(after)
    return tokens


def _verb_content(verb: Token, lexicon: CueLexicon) -> list[int]:
    """Content the parse gives a cue verb: complements, an object where the verb takes one."""
    tokens: list[int] = []
    for child in verb.children:
        takes_obj = child.dep_ == "dobj" and verb.lemma_ in lexicon.takes_object
        if child.dep_ in _CONTENT_DEPS or takes_obj:
            tokens.extend(t.i for t in child.subtree)
    if not tokens and verb.dep_ == "parataxis":
        own = {t.i for t in verb.subtree}
        tokens = [t.i for t in verb.head.subtree if t.i not in own]
    return sorted(tokens)


def _verb_cue(verb: Token, lexicon: CueLexicon) -> Cue | None:
    lemma = verb.lemma_.lower()
    belief = lemma in lexicon.belief
    if verb.pos_ not in ("VERB",) or not (lemma in lexicon.speech or belief):
        return None
    subject = subject_of(verb)
    if subject is None:
        return None
    cue = [verb.i] + [c.i for c in verb.children if c.dep_ == "prt"]
    return Cue(sorted(cue), source_tokens(subject), _verb_content(verb, lexicon), belief=belief)


def _according_cue(token: Token) -> Cue | None:
    """ "according to X": X is the source, the clause it hangs off is the content."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None
    own = {t.i for t in token.subtree}
    host = token.head if token.head is not token else token
    content = [t.i for t in host.subtree if t.i not in own]
    return Cue([token.i, to.i], source_tokens(pobj), content, according=True)


def find_cues(doc: Doc, beliefs: bool = True) -> list[Cue]:
    """Every cue in the Doc, in text order."""
    lexicon = cue_lexicon()
    found: list[Cue] = []
    for token in doc:
        if token.lower_ == "according":
            cue = _according_cue(token)
        else:
            cue = _verb_cue(token, lexicon)
        if cue is not None and (beliefs or not cue.belief) and cue.source:
            found.append(cue)
    return found
