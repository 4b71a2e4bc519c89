"""What the parse says about a temporal expression: the verb it dates, its tense, its clause."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

PAST, PRESENT, FUTURE = "PAST", "PRESENT", "FUTURE"
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
# Verbs whose infinitive complement lies ahead: "is expected to leave", "plans to announce".
_PROSPECTIVE = {"expect", "plan", "schedule", "set", "intend", "aim", "hope", "want", "propose", "seek",
                "prepare", "agree", "promise", "vow", "pledge", "threaten", "decide", "due", "going", "likely"}
_AHEAD_CUES = {"payable", "effective", "due", "expiring", "starting", "beginning"}
_OPEN_CUES = {"until", "through", "till", "pending"}
_TRIM_LEFT = {"prep", "advcl", "advmod", "npadvmod", "punct", "cc", "mark", "intj", "parataxis"}
_TRIM_RIGHT = {"advcl", "conj", "cc", "punct", "parataxis", "ccomp"}


def span_of(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _cue_tense(span: Span) -> str | None:
    """Words between the expression and its verb that fix the tense: "payable Dec. 7" lies ahead,
    "through January" may lie either side."""
    token = span.root
    for _ in range(4):
        if token.head is token or token.pos_ in ("VERB", "AUX"):
            return None
        token = token.head
        word = token.lower_
        if word in _AHEAD_CUES:
            return FUTURE
        if word in _OPEN_CUES:
            return PRESENT
    return None


def governing_verb(span: Span) -> Token:
    """The verb (or sentence root) that a temporal expression attaches to."""
    token = span.root
    for _ in range(12):
        if token.pos_ in ("VERB", "AUX") and token not in span:
            return token
        if token.head is token:
            return token
        token = token.head
    return token


def verb_tense(verb: Token, depth: int = 0) -> str | None:
    """PAST, PRESENT or FUTURE from the verb's form and auxiliaries; None when it says nothing."""
    if verb.pos_ not in ("VERB", "AUX") and verb.dep_ in ("acomp", "attr", "xcomp") and depth < 3:
        return verb_tense(verb.head, depth + 1)  # "had been due to expire": the tense is on "been"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ != "TO"]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return FUTURE
    if any(a.tag_ == "MD" for a in auxes):  # "would", "could": future of a past moment, or just possible
        return PAST if "have" in words else None
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if words & {"has", "have", "'s", "'ve"} and verb.tag_ == "VBN":
        return PAST
    if not auxes and verb.tag_ == "VBN" and verb.dep_ == "acl":
        return PAST  # "the year ended March 31"
    if not auxes and verb.tag_ in ("VB", "VBG") and verb.dep_ in ("xcomp", "ccomp", "advcl", "conj", "pcomp") \
            and depth < 3:
        head_tense = verb_tense(verb.head, depth + 1)
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "be":
            return FUTURE  # "is to resume trading Tuesday"
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _PROSPECTIVE:
            return None if head_tense == PAST else FUTURE  # "was due to expire": ahead of a past moment
        return head_tense
    if any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return PRESENT
    if verb.tag_ in ("VBZ", "VBP"):
        return PRESENT
    return None


def clause_tense(doc: Doc, start: int, end: int) -> str | None:
    span = span_of(doc, start, end)
    if span is None or len(span) == 0:
        return None
    return _cue_tense(span) or verb_tense(governing_verb(span))


def clause_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character bounds of the clause a temporal expression dates: its verb's subtree, without
    leading adverbials and trailing clauses that do not contain the expression."""
    span = span_of(doc, start, end)
    if span is None or len(span) == 0:
        return start, end
    verb = governing_verb(span)
    while verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "would leave X and reduce Y by <date>": the clause starts at "leave"
    sent = span.sent
    left, right = verb.left_edge.i, verb.right_edge.i
    if verb.dep_ == "acl":  # "the coalition formed in 2014": keep the noun the clause describes
        left = verb.head.left_edge.i
    for child in verb.lefts:
        if child.dep_ not in _TRIM_LEFT or child.right_edge.i >= span.start and child.left_edge.i < span.end:
            break
        left = child.right_edge.i + 1
    for child in reversed(list(verb.rights)):
        if child.dep_ not in _TRIM_RIGHT or child.left_edge.i < span.end:
            break
        right = child.left_edge.i - 1
    left, right = max(left, sent.start), min(right, sent.end - 1)
    while left < right and doc[left].is_punct:
        left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    return doc[left].idx, doc[right].idx + len(doc[right])
