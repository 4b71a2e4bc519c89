"""Cues on the dependency parse: the verb (or "according to", a noun such as "remarks about", a
headline's colon) that attributes content to a source.

By default the CRF tagger (``attribution_crf``) proposes the cue spans and the word lists add the
speech verbs it left out; ``mode`` selects the older rules-only or verb-classifier detectors.

Each cue yields the source tokens (its subject), the cue tokens and the content tokens its
parse offers (clausal complement, object for verbs that take one, the host clause of
"according to" or of a parenthetical "..., he said"). Quotation marks are matched later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from newsgraph.extract.attribution.crf import QUOTE_MARKS, tag_cues
from newsgraph.extract.attribution.cue_model import cue_features, load_cue_model
from newsgraph.lexicon import word_list

_SUBJECTS = ("nsubj",)
_QUOTED_AS = frozenset({"quote", "cite"})
_INHERIT = ("advcl", "xcomp", "conj", "acl", "pcomp", "prep")
_CONTENT_DEPS = ("ccomp", "xcomp")
_NO_CONTENT_VERBS = ("say", "tell", "ask", "inform", "notify", "brief", "assure", "urge", "warn", "accuse")
CUE_MODE = "crf+rules"
_CUE_LEFT = ("aux", "auxpass", "neg", "advmod")
_OBJECT_PREPS = frozenset({"for", "over", "as", "of", "about", "against", "with", "to"})
_MAX_CHAIN = 4
_GENERIC_SUBJECTS = frozenset({"you", "it", "one", "this", "that", "there"})
_NOUN_CONTENT_DEPS = frozenset({"prep", "pobj", "acl", "ccomp", "dobj"})
_MAX_COLON_SOURCE = 8
_RAISING = frozenset({"seem", "appear"})
_PASSIVE_RAISING = frozenset({"expect", "believe", "say", "think", "consider", "project"})
_SPEAKING_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_SURE = 0.75  # the tagger's confidence above which any noun may hold the view (chosen on held-out train)
_COMPLEMENT_DEPS = frozenset({"dobj", "prep", "oprd", "attr", "acomp", "dative"})
_DASHES = frozenset({"-", "—", "–", "--"})  # "said so", "told him": the object is not content


@dataclass(frozen=True)
class CueLexicon:
    speech: frozenset[str]
    belief: frozenset[str]
    takes_object: frozenset[str]
    needs_clause: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """Cue verb lemmas from ``data/quote_cues.txt`` and ``data/quote_belief_cues.txt``."""
    def read(name: str) -> list[list[str]]:
        text = resources.files("newsgraph.data").joinpath(name).read_text("utf-8")
        return [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]

    speech, belief = read("quote_cues.txt"), read("quote_belief_cues.txt")
    takes = {row[0] for row in speech + belief if len(row) > 1 and row[1] == "obj"}
    clause = {row[0] for row in speech + belief if len(row) > 1 and row[1] == "clause"}
    return CueLexicon(frozenset(r[0] for r in speech), frozenset(r[0] for r in belief), frozenset(takes),
                      frozenset(clause))


@dataclass
class Cue:
    """A cue and what the parse says about it; token indices into the Doc."""

    cue: list[int]
    source: list[int]
    content: list[int]
    belief: bool = False
    according: bool = False
    learned: bool = False  # only the learned detector calls it a cue
    anchor: int = -1  # the cue's head token (-1: the first cue token)

    @property
    def head(self) -> int:
        return self.anchor if self.anchor >= 0 else self.cue[0]


def subject_of(verb: Token, passive: bool = False) -> Token | None:
    """The verb's subject, or the subject of the verb it hangs off ("..., adding that")."""
    deps = (*_SUBJECTS, "nsubjpass") if passive else _SUBJECTS
    seen = 0
    while seen < 4:
        subjects = [child for child in verb.children if child.dep_ in deps]
        if not subjects and verb.lemma_ in _QUOTED_AS and any(c.lower_ == "as" for c in verb.children):
            # "X was quoted as saying": X says
            subjects = [child for child in verb.children if child.dep_ == "nsubjpass"]
        if subjects:
            return _pick_subject(verb, subjects)
        if verb.dep_ not in _INHERIT or verb.head is verb:
            return None
        verb, seen = verb.head, seen + 1
    return None


def _pick_subject(verb: Token, subjects: list[Token]) -> Token:
    """Of two subjects the parser gave one verb: the one after it in "..., said Christine Link";
    the nearer one after a clause break ("Rose-Lynn worships Patsy Cline, and the songwriters
    knew"); else the first ("Joe Biden and al-Sudani said" joins the second to it)."""
    doc = verb.doc
    if verb.i > 0 and doc[verb.i - 1].text == ",":
        after = next((c for c in subjects if c.i > verb.i), None)
        if after is not None:
            return after
    before = [c for c in subjects if c.i < verb.i]
    if len(before) > 1:
        start = before[-1].left_edge.i
        if start > 1 and doc[start - 1].dep_ == "cc" and doc[start - 2].text == ",":
            return before[-1]
    return subjects[0]


def source_of(verb: Token, subject: Token | None) -> list[int]:
    """The source tokens of a cue verb. A bare past participle has none of its own: in "Asked
    whether ..., Sanders said" Sanders was asked, the asker goes unnamed. In "Reuters quoted a senior
    official (as saying)" the one quoted speaks, not the outlet quoting."""
    quoted = next((c for c in verb.children if c.dep_ == "dobj"), None) if verb.lemma_.lower() == "quote" else None
    if quoted is not None and quoted.pos_ in ("NOUN", "PROPN"):
        return source_tokens(quoted)
    if subject is None or (verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl") and subject.head is not verb):
        return []
    return source_tokens(subject)


def _dateline_dash(doc: Doc, i: int) -> bool:
    """A spaced dash ("(Reuters) - President ..."), not the hyphen of "co-host"."""
    return doc[i].text in _DASHES and bool(doc[i].whitespace_) and i > 0 and bool(doc[i - 1].whitespace_)


def _is_aside(child: Token) -> bool:
    """ "..., writing for the majority," or "..., when contacted,": a participle aside is not the
    source, nor is a relative clause set off by a comma ("Reid, who endorsed Clinton, said ...":
    PolNeAR's source is "Reid"; measured on train, dropping it beats keeping it)."""
    first = child.left_edge.i
    after_comma = first > child.head.i and first > 0 and child.doc[first - 1].text == ","
    if child.dep_ == "relcl":
        return after_comma
    return child.dep_ in ("acl", "advcl") and child.tag_ in ("VBG", "VBN") and after_comma


def _second_subject(subject: Token) -> list[int]:
    """ "Joe Biden and Prime Minister al-Sudani said": the parser sometimes gives the verb two
    subjects instead of a coordination; the second joins the source."""
    last = subject.right_edge.i
    doc = subject.doc
    if last + 2 >= len(doc) or doc[last].dep_ != "cc" or doc[last].head.i != subject.i:
        return []
    if doc[last - 1].text == "," or any(t.pos_ == "VERB" for t in subject.subtree):
        return []  # "Rose-Lynn worships Patsy Cline, and the songwriters knew": two clauses, not two names
    second = next((c for c in subject.head.children if c.dep_ == subject.dep_ and c.left_edge.i == last + 1), None)
    return [t.i for t in second.subtree] if second is not None else []


def source_tokens(subject: Token) -> list[int]:
    """The subject's whole phrase (PolNeAR keeps restrictive relative clauses and the comma closing
    an apposition), never reaching back over a paragraph break or a dateline dash."""
    doc = subject.doc
    skip = {t.i for c in subject.children if _is_aside(c) for t in c.subtree}
    tokens = [t.i for t in subject.subtree if t.i not in skip] + _second_subject(subject)
    cut = max((i for i in tokens if i < subject.i and ("\n" in doc[i].text or _dateline_dash(doc, i))), default=None)
    if cut is not None:
        tokens = [i for i in tokens if i > cut]
    while tokens and (doc[tokens[-1]].is_punct or doc[tokens[-1]].is_space or doc[tokens[-1]].dep_ == "cc") \
            and doc[tokens[-1]].text != ")":
        tokens.pop()  # "Rose-Lynn worships Patsy Cline, and": no trailing comma or conjunction
    while tokens and (doc[tokens[0]].is_punct or doc[tokens[0]].is_space):
        tokens.pop(0)
    if not tokens:
        return [subject.i]
    after = tokens[-1] + 1
    text = "".join(doc[i].text_with_ws for i in tokens)
    if after < len(doc) and doc[after].text == ")" and text.count("(") > text.count(")"):
        tokens.append(after)
        after += 1
    nonrestrictive = any(c.dep_ in ("appos", "relcl") and doc[c.left_edge.i - 1].text == "," for c in subject.children
                         if c.left_edge.i > 0 and c.i not in skip)
    if after < len(doc) and doc[after].text == "," and nonrestrictive:
        tokens.append(after)
    return tokens


def _is_parenthetical(verb: Token) -> bool:
    """ "..., he said." or "As X reported, ...": the host clause is the content."""
    if verb.dep_ == "parataxis":
        return True
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _object_complements(verb: Token, obj: Token) -> list[int]:
    """What completes an object as content: "blamed X for Y", "called X a Y", "backed X over Y"."""
    tokens: list[int] = []
    for child in verb.children:
        if child.i > obj.i and (child.dep_ == "oprd" or (child.dep_ == "prep" and child.lower_ in _OBJECT_PREPS)):
            tokens.extend(t.i for t in child.subtree)
    return tokens


def _stranded_object(verb: Token, tokens: list[int]) -> list[int]:
    """ "asked how Trump digests major news events": an object the parser hung on the cue verb
    right after the clause it reports belongs to that clause."""
    after = max(tokens) + 1
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.left_edge.i == after), None)
    return [t.i for t in obj.subtree] if obj is not None else []


def _stranded_subject(verb: Token, tokens: list[int]) -> list[int]:
    """ "told POLITICO Florida the state's own standards are not perfect": when the reported clause
    has no subject, the object the parser hung on the cue verb just before it is that subject."""
    first = min(tokens)
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.left_edge.i == first), None)
    if clause is None or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children):
        return []
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.right_edge.i == first - 1), None)
    if obj is None or not any(c.dep_ in ("dobj", "dative") and c.i < obj.i for c in verb.children):
        return []  # only a second object ("told POLITICO Florida [the state's standards]") is stranded
    return [t.i for t in obj.subtree]


def _coordinated(verb: Token, last: int, lexicon: CueLexicon) -> list[int]:
    """ "said X, but required Y", "concluded that idealism is nice, but sometimes realism takes
    over": a clause the parser coordinated with the cue verb goes on with the content, unless it
    is a cue itself ("and added ..."). With a subject of its own too: PolNeAR reads such clauses
    as reported more often than as narration (held-out train content +0.003)."""
    tokens: list[int] = []
    for child in verb.children:
        if child.dep_ != "conj" or child.i <= last or child.lemma_ in lexicon.speech:
            continue
        cc = [c.i for c in verb.children if c.dep_ in ("cc", "punct") and last < c.i < child.i]
        joined = any(verb.doc[i].dep_ == "cc" for i in cc)
        if not joined and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            continue  # "..., the lack of Wi-Fi is frustrating": a comma splice, not a coordination
        tokens += cc + [t.i for t in child.subtree]
    return tokens


def _asked_whom(verb: Token) -> list[int]:
    """ "urged the court to intervene", "asked them to draft": the object before an infinitive
    complement is part of what is reported (not so for "told him that ...")."""
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if xcomp is None or any(c.dep_ == "ccomp" for c in verb.children):
        return []
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < xcomp.i), None)
    return [t.i for t in obj.subtree] if obj is not None else []


def _verb_content(verb: Token, lexicon: CueLexicon, loose: bool) -> tuple[list[int], list[int]]:
    """Content the parse gives a cue verb (complements, an object where the verb takes one), and
    extra cue tokens: a verb learned as a cue also takes its object, or the object of its
    preposition ("called for X": the preposition joins the cue)."""
    tokens: list[int] = []
    for child in verb.children:
        takes_obj = child.dep_ == "dobj" and verb.lemma_ in lexicon.takes_object
        if child.dep_ in _CONTENT_DEPS or takes_obj:
            tokens.extend(t.i for t in child.subtree)
        if takes_obj:  # "described the country as beset by ..."
            tokens += _object_complements(verb, child)
    if tokens:
        tokens += _stranded_object(verb, tokens) + _stranded_subject(verb, tokens)
        tokens += _coordinated(verb, max(tokens), lexicon) + _asked_whom(verb)
    if not tokens and _is_parenthetical(verb):
        tokens = _host_content(verb)
    if not tokens and verb.lemma_ == "say":
        tokens = [t.i for c in verb.children if c.dep_ == "dobj" for t in c.subtree]
    if not tokens and verb.lemma_ in lexicon.speech:
        tokens = _fronted_clause(verb)
    if tokens or not loose or verb.lemma_ in _NO_CONTENT_VERBS:
        return sorted(tokens), []
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None:
        return [t.i for t in obj.subtree] + _object_complements(verb, obj), []
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > verb.i), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if pobj is not None and prep is not None:
        return [t.i for t in pobj.subtree], [prep.i]
    return [], []


def _fronted_clause(verb: Token) -> list[int]:
    """ "Clevelanders get nervous, said Christine Link": a speech verb after a comma with its
    subject after it reports the words before the comma, whatever the parser made of them."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != "," or not any(
            c.dep_ == "nsubj" and c.i > verb.i for c in verb.children):
        return []
    start = verb.sent.start
    return [i for i in range(start, verb.i - 1) if not doc[i].is_space]


def _accepts(verb: Token, lexicon: CueLexicon, mode: str) -> tuple[bool, bool]:
    """Whether the verb is a cue, and whether only the learned model says so."""
    lemma = verb.lemma_.lower()
    listed = lemma in lexicon.speech or lemma in lexicon.belief
    model = load_cue_model() if mode != "rules" else None
    if model is None:
        return listed, False
    learned = model.probability(cue_features(verb, lexicon.speech, lexicon.belief)) >= model.threshold
    if mode == "model":
        return learned, learned and not listed
    return listed or learned, learned and not listed


def _auxiliaries(verb: Token) -> list[int]:
    """Auxiliaries, negation and adverbs right before the verb belong to the cue ("has also said"),
    and so does a governing verb it completes ("went on to say", "began by saying")."""
    mine = {c.i for c in verb.children if c.dep_ in _CUE_LEFT and c.tag_ != "WRB"}  # not "when asked"
    first = verb.i
    while first - 1 in mine:
        first -= 1
    head = verb.head
    if verb.dep_ in ("xcomp", "pcomp") and head.dep_ == "prep" and head.head.i < head.i:
        head = head.head
    if verb.dep_ in ("xcomp", "pcomp") and head.pos_ in ("VERB", "AUX") and 0 < verb.i - head.i <= _MAX_CHAIN:
        first = min(first, head.i - len([c for c in head.children if c.dep_ in _CUE_LEFT and c.i == head.i - 1]))
    return list(range(first, verb.i))


def _verb_cue(verb: Token, lexicon: CueLexicon, mode: str) -> Cue | None:
    if verb.pos_ != "VERB":
        return None
    accepted, loose = _accepts(verb, lexicon, mode)
    if not accepted or (loose and any(c.dep_ == "xcomp" and c.lemma_ in lexicon.speech for c in verb.children)):
        return None  # "went on to say": the listed verb it governs is the cue
    subject = subject_of(verb)
    content, extra = _verb_content(verb, lexicon, True)
    if subject is None and (loose or not any(c.dep_ == "ccomp" for c in verb.children)):
        return None  # no source: kept only for a listed verb with a clause ("it was reported that ...")
    if not _plausible(verb, subject, content, lexicon):
        return None
    if verb.lemma_.lower() in lexicon.needs_clause and any(c.dep_ == "xcomp" for c in verb.children):
        return None
    particles = [c.i for c in verb.children if c.dep_ == "prt"]
    cue = [*_auxiliaries(verb), verb.i, *extra, *particles]  # PolNeAR leaves "said Friday" out of the cue
    belief = verb.lemma_.lower() not in lexicon.speech
    source = source_of(verb, subject)
    return Cue(sorted(cue), source, content, belief=belief, learned=loose)


def _according_cue(token: Token) -> Cue | None:
    """ "according to X": X is the source, the clause it hangs off is the content."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if to is None or pobj is None:
        return None
    return Cue([token.i, to.i], source_tokens(pobj), _host_content(token), according=True)


def _host_content(token: Token) -> list[int]:
    """The clause a parenthetical or prepositional cue hangs off ("..., he said, ...", "according
    to X"), the cue's own phrase left out."""
    own = {t.i for t in token.subtree}
    host = token.head if token.head.i != token.i else token
    # "X has surged and has pulled within 4 points, according to Y": the whole coordination
    while host.dep_ == "conj" and host.head.i != host.i:
        host = host.head
    # "But, he said, ...", "because, according to X, ...": a leading conjunction is not reported
    own |= {c.i for c in host.children if c.dep_ in ("cc", "mark") and c.i < token.i}
    return [t.i for t in host.subtree if t.i not in own]


_VIEWPOINT = frozenset({"for", "to"})


def _viewpoint_cue(doc: Doc, run: list[int]) -> Cue | None:
    """ "For Jonathan Chait, Williamson is exposing ...", "To Frank, issues of justice get ...": a
    fronted "for"/"to" phrase set off by a comma gives whose view the clause is."""
    if len(run) != 1 or doc[run[0]].lower_ not in _VIEWPOINT:
        return None
    token = doc[run[0]]
    pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if token.dep_ != "prep" or pobj is None or token.i > token.head.i:
        return None
    after = max(t.i for t in token.subtree) + 1
    if after >= len(doc) or doc[after].text != ",":
        return None
    return Cue(run, source_tokens(pobj), _host_content(token), according=True, learned=True, anchor=token.i)


def _anchor(doc: Doc, run: list[int]) -> Token:
    """The token of a cue span that heads it: a verb where there is one."""
    inside = set(run)
    heads = [doc[i] for i in run if doc[i].head.i not in inside or doc[i].head.i == i]
    heads = heads or [doc[run[0]]]
    nominal = next((t for t in heads if t.pos_ in ("NOUN", "PROPN")), heads[0])
    return next((t for t in heads if t.pos_ == "VERB"), nominal)


def _plausible(verb: Token, subject: Token | None, content: list[int], lexicon: CueLexicon,
               sure: bool = False) -> bool:
    """A cue that is no speech verb needs a clause as content, or a subject that can hold a view and
    content that is more than a pronoun: "You could think of it as ..." is no attribution."""
    if verb.lemma_.lower() in lexicon.speech or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return True
    doc = verb.doc
    if not content or (all(doc[i].pos_ in ("PRON", "PUNCT", "SPACE") for i in content) and verb.dep_ != "relcl"):
        return False
    if subject is None or subject.lower_ in _GENERIC_SUBJECTS:
        return False
    return verb.lemma_.lower() in lexicon.belief or _can_hold_a_view(subject, sure)


def _can_hold_a_view(subject: Token, sure: bool = False) -> bool:
    """A person, a group or a body that speaks: a name, a personal pronoun, a speaker noun
    ("officials", "the campaign"), a plural noun ("liberals dismissed him as ..."), any noun when
    the tagger is sure of the cue. "The so-called reform passed the chamber" has none."""
    if subject.pos_ in ("PROPN", "PRON") or subject.ent_type_ in _SPEAKING_ENTITIES:
        return True
    if subject.tag_ == "NNS" or (sure and subject.pos_ == "NOUN"):
        return True
    return subject.lemma_.lower() in word_list("attribution_agent_nouns.txt") or \
        subject.lower_ in word_list("anonymous_descriptors.txt")


def _inside_run_content(doc: Doc, run: list[int]) -> list[int]:
    """ "was asked about X", "called for X", "talks about what can be achieved": the object of a
    preposition closing the cue."""
    inside = set(run)
    for i in reversed(run):
        pobj = next((c for c in doc[i].children if c.dep_ in ("pobj", "pcomp") and c.i not in inside), None)
        if pobj is not None:
            return [t.i for t in pobj.subtree]
        if doc[i].dep_ == "mark" and doc[i].head.i not in inside:  # "called for the president to resign"
            return [t.i for t in doc[i].head.subtree if t.i not in inside]
    return []


def _inner_verb_content(doc: Doc, run: list[int], verb: Token, lexicon: CueLexicon) -> list[int]:
    """ "went on to explain what he likes", "goes on to list reasons": the content is what the
    cue's last verb governs, not the first."""
    inside = set(run)
    for i in reversed(run):
        if i != verb.i and doc[i].pos_ == "VERB":
            content, _ = _verb_content(doc[i], lexicon, True)
            content = [j for j in content if j not in inside]
            return content or _complements(doc[i], inside, lexicon)
    return []


def _passive_roles(verb: Token) -> tuple[Token | None, list[int]]:
    """ "X was first reported by the Times": the agent is the source, the subject the content."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if pobj is None or subject is None:
        return None, []
    return pobj, [t.i for t in subject.subtree]


def _participle_roles(verb: Token) -> tuple[Token | None, list[int]]:
    """ "the law, opposed by Democrats,", "those listed by Walsh": the agent is the source, the noun
    the participle hangs off the content."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if pobj is None:
        return None, []
    return pobj, _noun_before(verb)


def _noun_before(clause: Token) -> list[int]:
    """The noun phrase a relative or participle clause hangs off, up to the noun itself."""
    inside = {t.i for t in clause.subtree}
    return [t.i for t in clause.head.subtree if t.i not in inside and t.i <= clause.head.i]


def _raised_subject(verb: Token) -> Token | None:
    """The subject of "seem"/"appear" or of a passive "expect" with an infinitive: nobody's view is
    named, the subject belongs to the content ("The committee is expected to report ...")."""
    if not any(c.dep_ == "xcomp" for c in verb.children):
        return None
    deps = ("nsubjpass",) if verb.lemma_.lower() in _PASSIVE_RAISING else ("nsubj",) \
        if verb.lemma_.lower() in _RAISING else ()
    return next((c for c in verb.children if c.dep_ in deps), None)


def _complements(verb: Token, run: set[int], lexicon: CueLexicon) -> list[int]:
    """What follows a tagged cue verb when no rule gave it content: its objects and complements
    ("accused X of Y", "told a different tale", "called X 'childish'"); the tagger has judged
    that the verb attributes, so what it governs is what is attributed. A speech verb with no
    object keeps none ("said on Tuesday": its content is a quotation nearby)."""
    if verb.lemma_.lower() in lexicon.speech and not any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return []
    return sorted(t.i for c in verb.children if c.i > verb.i and c.i not in run and c.dep_ in _COMPLEMENT_DEPS
                  for t in c.subtree if t.i not in run)


def _span_verb_cue(doc: Doc, run: list[int], verb: Token, lexicon: CueLexicon, sure: bool) -> Cue | None:
    subject = subject_of(verb)
    content, _ = _verb_content(verb, lexicon, True)
    content = [i for i in content if i not in set(run)] or _inside_run_content(doc, run) or \
        _inner_verb_content(doc, run, verb, lexicon)
    if subject is None and not content:
        subject, content = _passive_roles(verb)
    agent = None
    if subject is None and verb.dep_ == "acl":
        agent, noun = _participle_roles(verb)
        subject, content = agent, content or noun
    raised = _raised_subject(verb)
    if raised is not None:  # "X seems to ...", "X is expected to ...": X is part of what is believed
        subject, content = None, sorted(set(content) | {t.i for t in raised.subtree})
    if not content:
        content = _complements(verb, set(run), lexicon) or _relativized(verb)
    # with no content of its own, a quotation next to it is the content ('She went on: "..."')
    quoting = not content and subject is not None and _quotation_next_to(doc, run, subject)
    if not quoting and not _plausible(verb, subject, content, lexicon, sure):
        return None
    lemma = verb.lemma_.lower()
    source = source_tokens(agent) if agent is not None else source_of(verb, subject)
    return Cue(run, source, content, belief=lemma not in lexicon.speech,
               learned=lemma not in lexicon.speech and lemma not in lexicon.belief, anchor=verb.i)


def _quotation_next_to(doc: Doc, run: list[int], subject: Token) -> bool:
    """A quotation mark right after the cue (past a colon or comma) or right before its subject."""
    after = run[-1] + 1
    while after < len(doc) and doc[after].text in (":", ","):
        after += 1
    before = min(t.i for t in subject.subtree) - 1
    while before >= 0 and doc[before].text == ",":
        before -= 1
    return (after < len(doc) and doc[after].text in QUOTE_MARKS) or \
        (before >= 0 and doc[before].text in QUOTE_MARKS)


_RELATIVIZERS = frozenset({"that", "which", "whom"})


def _relativized(verb: Token) -> list[int]:
    """ "something that Trump mocked", "a country he doesn't remember": what a relative clause's
    cue is about is its relative pronoun, or else the noun the clause hangs off."""
    if verb.dep_ != "relcl":
        return []
    pronoun = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in _RELATIVIZERS), None)
    if pronoun is not None:
        return [pronoun.i]
    if any(c.dep_ == "dobj" for c in verb.children):
        return []
    return _noun_before(verb)


def _line_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """Token range of the line (paragraph) around token ``i``."""
    start = i
    while start > 0 and "\n" not in doc[start - 1].text:
        start -= 1
    end = i
    while end + 1 < len(doc) and "\n" not in doc[end + 1].text:
        end += 1
    return start, end + 1


def _colon_cue(doc: Doc, run: list[int], colon: Token) -> Cue | None:
    """ "Sanders: Clinton Email Story Has Moved": the words before a headline's colon are the source."""
    start, end = _line_bounds(doc, colon.i)
    source = [i for i in range(start, run[0]) if not doc[i].is_space]
    content = [i for i in range(run[-1] + 1, end) if not doc[i].is_space]
    if not content or not source or len(source) > _MAX_COLON_SOURCE:
        return None
    if not _can_hold_a_view(_anchor(doc, source)):  # "Ingredients: flour, sugar" names no speaker
        return None
    return Cue(run, source, content, belief=True, learned=True, anchor=colon.i)


def _noun_cue(doc: Doc, run: list[int], anchor: Token) -> Cue | None:
    """ "Trump's remarks about X", "criticism of X": a possessor is the source, what the noun (or the
    preposition closing the cue) governs is the content."""
    inside = set(run)
    source: list[int] = []
    content: list[int] = []
    for i in run:
        for child in doc[i].children:
            if child.i in inside:
                continue
            if child.dep_ == "poss" and not source:
                source = [t.i for t in child.subtree if t.i not in inside]
            elif child.dep_ in _NOUN_CONTENT_DEPS and child.i > i:
                content += [t.i for t in child.subtree if t.i not in inside]
    if not content:
        return None
    if not source and anchor.pos_ in ("AUX", "ADJ"):  # "Christians were upset (that) ...": the copula's subject
        subject = subject_of(anchor)
        source = [i for i in source_tokens(subject) if i not in inside] if subject is not None else []
    return Cue(run, source, sorted(set(content)), belief=True, learned=True, anchor=anchor.i)


def span_cue(doc: Doc, run: list[int], lexicon: CueLexicon, sure: bool = False) -> Cue | None:
    """A cue for a span the tagger found, with the source and content the parse gives it
    (``sure``: the tagger is confident of it, which lets any noun be its source)."""
    according = next((doc[i] for i in run if doc[i].lower_ == "according"), None)
    if according is not None:
        cue = _according_cue(according)
        return Cue(run, cue.source, [i for i in cue.content if i not in set(run)], according=True,
                   anchor=according.i) if cue is not None else None
    viewpoint = _viewpoint_cue(doc, run)
    if viewpoint is not None:
        return viewpoint
    anchor = _anchor(doc, run)
    if anchor.pos_ == "VERB":
        return _span_verb_cue(doc, run, anchor, lexicon, sure)
    if anchor.text == ":":
        return _colon_cue(doc, run, anchor)
    return _noun_cue(doc, run, anchor)


def _tagged_cues(doc: Doc, lexicon: CueLexicon, quoted: Callable[[int], bool]) -> list[Cue] | None:
    runs = tag_cues(doc, (lexicon.speech, lexicon.belief), quoted)
    if runs is None:
        return None
    return [cue for run in runs
            if (cue := span_cue(doc, run.tokens, lexicon, run.confidence >= _SURE)) is not None]


def find_cues(doc: Doc, beliefs: bool = True, mode: str = CUE_MODE,
              quoted: Callable[[int], bool] = lambda pos: False) -> list[Cue]:
    """Every cue in the Doc, in text order. ``mode``: "rules" (word lists), "model" (the learned
    verb detector), "both", or "crf" (the sequence tagger's spans; "crf+rules" adds listed verbs
    it left out). ``quoted`` tells whether a character offset lies inside quotation marks."""
    lexicon = cue_lexicon()
    found: list[Cue] = []
    keep_beliefs = beliefs
    if mode.startswith("crf"):
        tagged = _tagged_cues(doc, lexicon, quoted)
        if tagged is not None:
            found = tagged
            if mode == "crf":
                return [c for c in found if beliefs or not c.belief]
            mode, beliefs = "rules", False  # the lists add speech verbs only: the tagger judged the rest
    taken = {i for c in found for i in c.cue}
    for token in doc:
        if token.i in taken:
            continue
        if token.lower_ == "according":
            cue = _according_cue(token)
        else:
            cue = _verb_cue(token, lexicon, mode)
        if cue is not None and (beliefs or not cue.belief):
            found.append(cue)
    return sorted((c for c in found if keep_beliefs or not c.belief), key=lambda c: c.cue[0])
