"""What kind of act an attribution reports: a statement (someone said, wrote, told, announced,
denied ... something) or another attribution (a belief, a perception, an intention, evidence).

PolNeAR, which the cue tagger learned from, counts all of these as attributions; a reader of news
calls only the first kind a quote. The act is decided from the cue's verb (``data/statement_acts.tsv``)
and from the clause around it: a negated or agentless passive act ("never said", "residents were
urged"), an act about a topic only ("testified about the meeting", "asked him about it"), an act
whose only content is its addressee ("told reporters") or a pronoun, and an evaluation with no
clause ("welcomed the move") are not statements.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

from spacy.tokens import Doc, Token

from newsgraph.extract.attribution.cues import Cue

Act = Literal["statement", "belief", "perception", "intention", "evidence", "other"]
ACTS: tuple[str, ...] = ("statement", "belief", "perception", "intention", "evidence", "other")

_TOPIC_PREPS = frozenset({"about", "on"})
_ADDRESSEE_VERBS = frozenset({"tell", "inform", "notify", "brief", "assure", "ask", "thank", "remind"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
_ONLY_CLAUSE = frozenset({"agree", "continue", "respond"})  # "agreed to sell", "responded to assist": no speech
_LAYERS = frozenset({"per", "via"})
_WISHES = frozenset({"want", "hope", "plan", "expect", "intend", "seek", "aim", "like", "wish", "need", "prepare",
                     "decide", "agree", "refuse", "hesitate", "wait", "ask", "urge", "allow", "able"})
# verbs that report a clause: with a bare noun phrase as content ("acknowledging the presence", "wrote
# the letter", "recalled it") they report no statement ("announced the exchange", "claimed victory" do)
_CLAUSE_VERBS = frozenset({
    "say", "tell", "state", "add", "note", "acknowledge", "admit", "concede", "argue", "insist", "explain", "stress",
    "emphasize", "emphasise", "mention", "remark", "contend", "assert", "reiterate", "recall", "write", "answer",
    "reply", "respond", "comment", "testify", "recount", "repeat", "muse", "quip", "joke", "tweet", "text", "email"})
# data that shows rather than says: "records show", "according to data from ..." (a study, report or
# survey that says or writes is a document statement, "the study found" is evidence by its verb)
_EVIDENCE_NOUNS = frozenset({
    "data", "datum", "record", "figure", "statistic", "result", "number", "video", "footage", "graphic", "photo",
    "image", "map", "chart", "finding", "estimate", "projection", "log", "evidence", "tally", "count"})


@cache
def act_table() -> dict[str, str]:
    """Cue lemma → "statement", "statement?" (a statement only with a clause), or another act."""
    text = resources.files("newsgraph.data").joinpath("statement_acts.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {row[0].strip(): row[1].strip() for row in rows}


def cue_verb(doc: Doc, cue: Cue) -> Token | None:
    """The verb of the cue that names the act: of "went on to say" the "say", of "has also said" the "said"."""
    table = act_table()
    verbs = [doc[i] for i in cue.cue if doc[i].pos_ in ("VERB", "AUX")]
    listed = [t for t in verbs if t.lemma_.lower() in table]
    if listed:
        return listed[-1]
    head = doc[cue.head]
    return head if head.pos_ in ("VERB", "AUX") else (verbs[-1] if verbs else None)


def classify(doc: Doc, cue: Cue | None, quoted: bool, source: list[int]) -> Act:
    """The act of one attribution; ``quoted``: its content holds quotation marks it claimed."""
    if cue is None:
        return "statement"  # a quotation going on after its speaker's cue
    words = [doc[i].lower_ for i in cue.cue]
    if cue.according:
        if words in (["for"], ["to"]):
            return "belief"  # "For Chait, Williamson is ...": a viewpoint
        return "evidence" if _evidence_source(doc, source) else "statement"
    if any(w in _LAYERS for w in words):
        return "statement"
    verb = cue_verb(doc, cue)
    if verb is None:
        return "other"  # a noun ("remarks about"), a headline's colon
    act = act_table().get(verb.lemma_.lower(), "other")
    if act not in ("statement", "statement?"):
        return act  # type: ignore[return-value]
    if _negated(verb) or _agentless_passive(verb) or _topic_only(verb, quoted) or _unrealized(verb):
        return "other"
    if not quoted and _empty_content(doc, cue.content):
        return "other"  # "reported him", "say who", "touted October": nothing is reported
    if act == "statement?" and not _has_clause(verb, quoted):
        return "other"
    if verb.lemma_.lower() in _ADDRESSEE_VERBS and not _has_clause(verb, quoted) and not _asks_for(verb):
        return "other"  # "told reporters", "asked him"
    if verb.lemma_.lower() in _CLAUSE_VERBS and not _has_clause(verb, quoted) and not _reports_clause(doc, cue):
        return "other"
    if _evidence_source(doc, source) and verb.lemma_.lower() in ("indicate", "suggest", "reveal", "confirm"):
        return "evidence"  # "the data indicate", "the records reveal"
    return "statement"


def _negated(verb: Token) -> bool:
    """ "did not say", "has never confirmed", "has not confirmed their death", "is not to say"."""
    heads = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for t in heads for c in t.children)


def _empty_content(doc: Doc, content: list[int]) -> bool:
    """Content that is only pronouns, determiners or a date."""
    words = [doc[i] for i in content if not (doc[i].is_punct or doc[i].is_space)]
    return bool(words) and all(t.pos_ in ("PRON", "DET") or t.ent_type_ in ("DATE", "TIME") or
                               (t.pos_ == "ADP" and len(words) > 1) for t in words)


def _unrealized(verb: Token) -> bool:
    """ "would announce", "could say", "hopes to claim victory", "to ask a judge": speech that has not
    happened (a modal, or an infinitive under a verb that is no speech chain such as "went on to say")."""
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return True
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return infinitive and (verb.head.lemma_.lower() in _WISHES or verb.head.pos_ in ("NOUN", "ADJ"))


def _agentless_passive(verb: Token) -> bool:
    """ "residents were urged to stay indoors", "warnings were issued": nobody is named as the speaker."""
    passive = any(c.dep_ == "auxpass" for c in verb.children) or (verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"))
    return passive and not any(c.dep_ == "agent" for c in verb.children)


def _has_clause(verb: Token, quoted: bool) -> bool:
    """A clause or quoted words as content: "maintained that ...", "described it as 'improper'"."""
    if quoted:
        return True
    deps = {c.dep_ for c in verb.children}
    if "ccomp" in deps or any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return True
    return "xcomp" in deps and verb.lemma_.lower() not in _ONLY_CLAUSE


def _reports_clause(doc: Doc, cue: Cue) -> bool:
    """The content the parse gave holds a verb ("..., he said": the host clause), not a bare noun phrase."""
    return any(doc[i].pos_ in ("VERB", "AUX") for i in cue.content)


def _asks_for(verb: Token) -> bool:
    """ "asked for the political investigations": a request with its object."""
    return verb.lemma_.lower() == "ask" and any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)


def _topic_only(verb: Token, quoted: bool) -> bool:
    """ "testified about a July 10 meeting", "asked Morrison about concerns": the act names only its topic."""
    if quoted or any(c.dep_ in (*_CLAUSE_DEPS, "dobj") for c in verb.children):
        return False  # "announced on Wednesday the launch of ...": an object is what was said
    return any(c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS and c.i > verb.i and not _when(c) for c in verb.children)


def _when(prep: Token) -> bool:
    """ "on Wednesday": a preposition of time, not of topic."""
    return any(t.ent_type_ in ("DATE", "TIME") for t in prep.children if t.dep_ == "pobj")


def _evidence_source(doc: Doc, source: list[int]) -> bool:
    """The source is data or a record: "records show", "according to data from ..."."""
    if not source:
        return False
    inside = set(source)
    heads = [doc[i] for i in source if doc[i].head.i not in inside or doc[i].head.i == i]
    head = heads[0] if heads else doc[source[-1]]
    return head.lower_ in ("data", "figures", "records") or head.lemma_.lower() in _EVIDENCE_NOUNS
