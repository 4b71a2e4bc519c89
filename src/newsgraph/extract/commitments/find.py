"""Commitments: forward-looking statements (plans, agreements, promises, expectations) with a date.

A commitment is found from a future marker on a predicate — a modal ("will leave"), a cue verb
or adjective with a "to" infinitive ("plans to release", "is expected to remain", "agreed to
sell"), a noun with one ("the decision to return"), a cue verb with an object ("scheduled a news
conference Thursday") — or, inside a plan's description, from a "by"/"until" date on a predicate
that is not in the past ("It involves the departure of hundreds of troops by September 2025").

Its deadline or "until" date is the TIMEX3 value of a DATE timex (from the ``timexes``
extractor) in the predicate's phrase; ``due_date`` is the last day of that period. The quote it
sits in (``quotes`` extractor) gives the attributed source. Without timexes or quotes the
records are still made, undated and unattributed. Word lists live in ``data/commitment_*``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.commitments.dates import due_date, is_before, start_date, status
from newsgraph.extract.context import ExtractContext
from newsgraph.extract.spans import SpanIndex
from newsgraph.lexicon import word_list
from newsgraph.nlp import doc_text, lower_forms, noun_chunk_at
from newsgraph.nlp.docs import sentence_bounds
from newsgraph.records import Commitment, Entity, Quote, Timex

EXTRACTOR = "commitments"
DEADLINE_PREPS = frozenset({"by", "before"})
UNTIL_PREPS = frozenset({"until", "till", "through", "thru"})
HEDGED = frozenset({"possible", "may"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
PAST_REFS = frozenset({"PAST_REF", "PRESENT_REF"})
PURPOSE_VERBS = frozenset({"aim", "intend", "design"})


@dataclass
class Candidate:
    """A predicate with a future marker: the marker token, what it marks and how."""

    cue: Token
    predicate: Token
    modality: str
    strength: float
    subject: Token | None = None
    needs_date: bool = False  # weak markers (nouns, participles, bare cues) count only with a date


@cache
def cues() -> dict[tuple[str, str], str]:
    """(word, kind) → modality, from ``data/commitment_cues.tsv``."""
    text = resources.files("newsgraph.data").joinpath("commitment_cues.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {(row[0].strip().lower(), row[1].strip()): row[2].strip() for row in rows}


_PLAN_LEMMAS = ("call", "provide", "envisage", "foresee")


@cache
def _marker_words() -> frozenset[str]:
    """Every word that can mark a commitment: a token with none of them needs no closer look."""
    return frozenset(word for word, _ in cues()) | frozenset(_PLAN_LEMMAS)


def _words(name: str) -> frozenset[str]:
    return word_list(f"commitment_{name}.txt")


def _subject(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ in SUBJECTS:
            return child
    return None


def _xcomp(tok: Token) -> Token | None:
    """The "to" infinitive a cue governs; the widest one when the parser split a word ("co-moderate")."""
    comps = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")]
    if not any(a.lower_ == "to" and a.dep_ == "aux" for c in comps for a in c.children):
        return None
    return max(comps, key=lambda c: len(list(c.subtree)))


def _modal_candidate(tok: Token) -> Candidate | None:
    modality = cues().get((tok.lower_, "modal"))
    if modality is None or tok.dep_ != "aux" or tok.tag_ != "MD":
        return None
    pred = tok.head
    if any(c.lower_ == "have" and c.dep_ == "aux" for c in pred.children):
        return None  # "would have": a counterfactual
    strength = 0.6 if tok.lower_ in ("would", "'d") else 0.8
    return Candidate(tok, pred, modality, strength, _subject(pred))


def _verb_candidate(tok: Token) -> Candidate | None:
    """ "plans to release", "is expected to remain", "is likely to be opposed", "is going to"."""
    kind = "adj" if tok.pos_ == "ADJ" else "verb"
    modality = cues().get((tok.lemma_.lower(), kind)) or cues().get((tok.lower_, kind))
    if modality is None:
        return None
    if any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in tok.children):
        return None  # "had planned to": a past plan
    if tok.tag_ == "VBD" and tok.lemma_.lower() in PURPOSE_VERBS:
        return None  # "the law aimed to protect": a purpose, not a plan
    if kind == "adj" and any(c.lower_ in ("more", "less", "most", "least") for c in tok.children):
        return None  # "were more likely to move": a statistic
    if tok.lemma_ == "go" and (tok.tag_ != "VBG" or not any(c.lemma_ == "be" for c in tok.children if c.dep_ == "aux")
                               or any(c.dep_ == "prt" for c in tok.children)):
        return None  # "went to", "going on to say"
    pred = _xcomp(tok)
    if pred is None:
        passive = any(c.dep_ == "auxpass" for c in tok.children) or kind == "adj"
        return Candidate(tok, tok, modality, 0.6, _subject(tok), needs_date=True) if passive else None
    subject = _subject(tok) or _subject(pred)
    if subject is None and tok.dep_ in ("acomp", "xcomp", "conj"):
        subject = _subject(tok.head)
    return Candidate(tok, pred, modality, 0.8, subject, needs_date=tok.dep_ == "acl")


def _noun_candidate(tok: Token) -> Candidate | None:
    """ "the decision to return Gonzalez on Thursday", "a pledge to cut taxes by 2020"."""
    modality = cues().get((tok.lemma_.lower(), "noun"))
    if modality is None or tok.pos_ != "NOUN" or (tok.i and tok.doc[tok.i - 1].lower_ == "in"):
        return None  # "in order to" states a purpose
    for child in tok.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB" and \
                any(c.lower_ == "to" for c in child.children if c.dep_ == "aux"):
            return Candidate(tok, child, modality, 0.6, None, needs_date=True)
    return None


def _object_candidate(tok: Token) -> Candidate | None:
    """ "scheduled a news conference Thursday", "promised a veto"."""
    modality = cues().get((tok.lemma_.lower(), "object"))
    if modality is None or tok.pos_ != "VERB" or _xcomp(tok) is not None:
        return None
    if not any(c.dep_ == "dobj" for c in tok.children):
        return None
    return Candidate(tok, tok, modality, 0.6, _subject(tok))


def _plan_content(tok: Token) -> Candidate | None:
    """ "the plan calls for cooperation", "a treaty calling for border demarcation"."""
    if tok.lemma_ not in _PLAN_LEMMAS:
        return None
    owner = _subject(tok)
    if owner is not None and owner.lower_ in ("which", "that") or owner is None:
        owner = tok.head if tok.dep_ in ("relcl", "acl") else owner
    if owner is None or owner.lemma_.lower() not in _words("context"):
        return None
    return Candidate(tok, tok, "planned", 0.6, owner)


def _marked(doc: Doc) -> list[Candidate]:
    """Every predicate with a future marker, in text order."""
    found = []
    markers = _marker_words()
    lowers, lemmas = lower_forms(doc)
    for i, (lower, lemma) in enumerate(zip(lowers, lemmas)):
        if lower not in markers and lemma not in markers:
            continue
        tok = doc[i]
        for make in (_modal_candidate, _verb_candidate, _noun_candidate, _object_candidate, _plan_content):
            cand = make(tok)
            if cand is not None:
                found.append(cand)
                break
    return found


def _plan_context(sent: Span) -> bool:
    """The sentence describes a plan: "under the plan", or a plan is the subject here or just before."""
    doc = sent.doc
    start = sentence_bounds(doc)[0][sent.start - 1] if sent.start else sent.start
    lemmas, context = lower_forms(doc)[1], _words("context")
    for tok in (doc[i] for i in range(start, sent.end) if lemmas[i] in context):  # few tokens need a closer look
        if tok.pos_ != "NOUN":
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ in ("under", "in") and \
                (tok.i >= sent.start or tok.head.i == tok.sent.start):
            return True  # "Under the plan, ... . X would remain ...": a plan described over sentences
        if tok.dep_ in SUBJECTS and tok.head.dep_ == "ROOT":
            return True
    return False


def _past(tok: Token) -> bool:
    """A predicate told in the past: "was defeated", "had left", "withdrew"."""
    if tok.tag_ == "VBD":
        return True
    return any(c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBD" or c.lower_ in ("has", "have", "had"))
               for c in tok.children)


def _deadline_candidates(doc: Doc, timexes: list[Timex], reference: date | None) -> list[Candidate]:
    """In a plan's description, a predicate with a "by"/"until" date that is not in the past."""
    found = []
    for timex in timexes:
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None or span.start == 0 or timex.type != "DATE" or is_before(timex.value, reference):
            continue
        prep = doc[span.start - 1]
        if prep.lower_ not in DEADLINE_PREPS | UNTIL_PREPS or not _plan_context(span.sent):
            continue
        head = prep.head
        if head.lemma_.lower() in _words("light_verbs"):
            head = next((c for c in head.children if c.dep_ == "dobj"), head)
        if head.pos_ in ("VERB", "AUX") and _past(head) or head.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        found.append(Candidate(prep, head, "planned", 0.5, _subject(head)))
    return found


def _conditional(tok: Token) -> bool:
    """Under an "if"/"unless" clause, or in one."""
    for t in (tok, *tok.ancestors):
        clauses = [c for c in t.children if c.dep_ == "advcl"] + ([t] if t.dep_ == "advcl" else [])
        if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for c in clauses for m in c.children):
            return True
    return False


def _embedded_question(pred: Token) -> bool:
    """ "whether they will relinquish custody", "how we will be tackling them"."""
    return any(c.lower_ in ("whether", "how", "why") and c.dep_ in ("mark", "advmod") for c in pred.children) or \
        (pred.dep_ in ("ccomp", "pcomp") and pred.left_edge.lower_ in ("whether", "how", "why", "what"))


def _state(pred: Token) -> bool:
    """ "will be difficult", "will have no way", "is expected to rise": a state or forecast, not an action."""
    passive = any(c.dep_ == "auxpass" for c in pred.children)
    complements = [c for c in pred.children if c.dep_ in ("acomp", "attr")]
    if pred.lemma_.lower() in _words("copulas") and not passive:
        participle = any(c.tag_ == "VBN" or c.lower_.endswith(("ed", "en")) for c in complements)
        if complements and not participle or pred.lemma_ == "be" and not complements:
            return True
    if pred.lemma_.lower() in _words("trends") and not any(c.dep_ == "dobj" for c in pred.children):
        return True
    return pred.lemma_.lower() in _words("stative") and not passive


def _reported(tok: Token) -> bool:
    return any(a.lemma_.lower() in _words("report_verbs") for a in tok.ancestors)


def _continues_report(sent: Span) -> bool:
    """The sentence before reported a future ("Orkem said it would fund it. The takeover would be followed...")."""
    if sent.start == 0:
        return False
    doc, lower = sent.doc, lower_forms(sent.doc)[0]
    starts, _ = sentence_bounds(doc)
    before = (doc[i] for i in range(starts[sent.start - 1], sent.start) if lower[i] in ("would", "will"))
    return any(t.tag_ == "MD" and _reported(t) for t in before)


def _scheduled(doc: Doc, timexes: list[Timex], reference: date | None) -> list[Candidate]:
    """Present tense for a dated future event: "Trump and Clinton meet Monday" (after the reference date)."""
    if reference is None:
        return []
    found = []
    for timex in timexes:
        begins = start_date(timex.value)
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if timex.type != "DATE" or begins is None or begins <= reference or span is None:
            continue  # "this year" has begun: "prices are up this year" is no schedule
        verb = next((a for a in span.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is not None and verb.tag_ in ("VBZ", "VBP") and verb.dep_ in ("ROOT", "conj", "ccomp") and \
                verb.lemma_.lower() not in _words("copulas") | _words("stative") | _words("durative") and \
                not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            found.append(Candidate(verb, verb, "planned", 0.5, _subject(verb), needs_date=True))
    return found


def _generic_or_speech(c: Candidate) -> bool:
    """ "nobody would question", "that will bring", "I'll tell you", "in hopes they'll go easier"."""
    subject = c.subject
    if subject is not None:
        words = subject.doc[subject.left_edge.i:subject.right_edge.i + 1].text.lower()
        if words in _words("generic_subjects") and not (subject.lower_ == "that" and subject.head.dep_ == "relcl"):
            return True
        if subject.lower_ in ("i", "we") and c.predicate.lemma_ in ("say", "tell", "add"):
            return True
    wishes = _words("wishes")
    return any(a.lemma_.lower() in wishes or (a.lemma_.lower() == "in" and a.head.lemma_ == "hope")
               for a in c.predicate.ancestors) or c.cue.lemma_.lower() in wishes


def _hypothetical(c: Candidate) -> bool:
    """ "If he is asked, he would try": "would"/"could"/"might" in a sentence with an "if" clause."""
    if c.cue.lower_ not in ("would", "'d", "could", "might"):
        return False
    doc, lower, pred = c.predicate.doc, lower_forms(c.predicate.doc)[0], c.predicate.i
    start = sentence_bounds(doc)[0][pred]
    return any(doc[i].dep_ == "mark" for i in range(start, pred) if lower[i] in ("if", "unless"))


def _keeps(c: Candidate, dated: bool) -> bool:
    """General filters: questions, conditionals, states, generic subjects, bare "would", undated hedges."""
    sent = c.predicate.sent
    if doc_text(sent.doc)[sent.start_char:sent.end_char].rstrip().rstrip("\"'”’").endswith("?") or \
            _conditional(c.predicate) or _hypothetical(c) or \
            _embedded_question(c.predicate) or (c.predicate.i != c.cue.i and _state(c.predicate)) or \
            _generic_or_speech(c):
        return False
    if c.cue.lower_ in ("would", "'d") and not (_reported(c.cue) or _plan_context(sent) or _continues_report(sent)):
        return False
    if c.needs_date and not dated:
        return False
    return dated or not (c.modality in HEDGED and c.cue.tag_ == "MD")


def _phrase_timexes(c: Candidate, timexes: SpanIndex[Timex]) -> list[Timex]:
    """DATE timexes in the predicate's phrase, or hanging off the cue."""
    pred = c.predicate
    ranges = [(pred.left_edge.idx, pred.right_edge.idx + len(pred.right_edge))]
    if c.cue.lower_ in DEADLINE_PREPS | UNTIL_PREPS:
        ranges.append((c.cue.idx, c.cue.right_edge.idx + len(c.cue.right_edge)))
    for child in c.cue.children:
        if child.dep_ in ("prep", "npadvmod", "advmod") and child.i > c.cue.i:
            ranges.append((child.left_edge.idx, child.right_edge.idx + len(child.right_edge)))
    subject = c.subject
    skip = (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)) if subject is not None else (0, 0)
    inside = [t for t in timexes.within(*ranges) if t.type in ("DATE", "TIME") and t.value not in PAST_REFS
              and not skip[0] <= t.start < skip[1]]
    return [t for t in inside if _governed(pred.doc, t, {pred.i, c.cue.i})]


def _governed(doc: Doc, timex: Timex, targets: set[int]) -> bool:
    """The timex hangs off the predicate itself, not off a verb nested in it ("ways to get around X by May")."""
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return False
    for anc in span.root.ancestors:
        if anc.i in targets:
            return True
        if anc.pos_ in ("VERB", "AUX") and anc.dep_ != "conj":
            return False
    return span.root.i in targets


def _date_fields(c: Candidate, doc: Doc, timexes: SpanIndex[Timex],
                 reference: date | None) -> tuple[Timex | None, bool]:
    """The timex that dates the commitment and whether it is an "until" date; a past one only if alone."""
    found = _phrase_timexes(c, timexes)
    found = [t for t in found if not is_before(t.value, reference)] or found
    if c.cue.lower_ in DEADLINE_PREPS | UNTIL_PREPS:  # found from its own "by"/"until" date
        found = [t for t in found if t.start == doc[c.cue.i + 1].idx] or found
    for timex in found:
        word = _word_before(doc_text(doc), timex.start).lower()
        if word in DEADLINE_PREPS | UNTIL_PREPS:
            return timex, word in UNTIL_PREPS
    return (found[0], False) if found else (None, False)


def _word_before(text: str, pos: int, window: int = 64) -> str:
    """The last word before ``pos`` (spaces skipped), or ""; reads back only as far as it needs."""
    while True:
        start = max(0, pos - window)
        words = text[start:pos].rstrip().rsplit(None, 1)
        if start == 0 or len(words) == 2 or (words and text[start - 1].isspace()):
            return words[-1] if words else ""
        window *= 4


def _bounds(c: Candidate) -> tuple[int, int]:
    """Token range of the commitment: subject (when it comes first) or marker, to the predicate's end."""
    pred, sent = c.predicate, c.predicate.sent
    start = pred.left_edge.i if pred.pos_ == "NOUN" else min(pred.i, c.cue.i if c.cue.i >= sent.start else pred.i)
    if c.subject is not None and c.subject.i < pred.i:
        start = min(start, c.subject.left_edge.i)
    start = max(start, sent.start)
    breaks = [t.i for t in pred.doc[start:pred.i] if "\n" in t.text]
    start = breaks[-1] + 1 if breaks else start  # never reach back over a paragraph break
    end = min(pred.right_edge.i, sent.end - 1)
    absolute = _with_clause(pred)
    if absolute is not None and absolute[0].i > pred.i:
        end = min(end, absolute[0].i - 1)  # "... by September 2025, with the remainder ...": a commitment of its own
    end = next((t.i - 1 for t in pred.doc[pred.i + 1:end + 1] if "\n" in t.text), end)
    while end > start and pred.doc[end].is_punct:
        end -= 1
    return start, end + 1


def _actor(c: Candidate, names: dict[int, str], quote: Quote | None) -> str | None:
    subject = c.subject
    if subject is None and c.predicate.pos_ == "NOUN":  # "the departure of hundreds of troops by September"
        of = next((t for t in c.predicate.children if t.dep_ == "prep" and t.lower_ == "of"), None)
        subject = next((t for t in of.children if t.dep_ == "pobj"), None) if of is not None else None
    if subject is None:
        return None
    if subject.lower_ in ("who", "which", "that") and subject.head.dep_ == "relcl":
        subject = subject.head.head
    if subject.lemma_.lower() in _words("not_actors"):
        return None  # "the deadline will be met": a time is no actor
    if subject.lower_ in ("i", "we") and quote is not None and quote.speaker is not None:
        return quote.speaker.name or quote.speaker.text
    if subject.i in names:
        return names[subject.i]
    doc = subject.doc
    chunk = noun_chunk_at(doc, subject.i) or doc[subject.i:subject.i + 1]
    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == chunk.end), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if pobj is not None:  # "hundreds of troops", "most of the 2,500 U.S. troops": the quantity is not the actor
        inner = noun_chunk_at(doc, pobj.i) or doc[pobj.i:pobj.i + 1]
        return doc[chunk.start:inner.end].text
    return chunk.text


def _names(doc: Doc, entities: list[Entity]) -> dict[int, str]:
    """Token index → canonical entity name."""
    names: dict[int, str] = {}
    for entity in entities:
        for mention in entity.mentions:
            for tok in doc.char_span(mention.start, mention.end, alignment_mode="expand") or ():
                names[tok.i] = entity.name
    return names


def _quote_index(quotes: list[Quote]) -> SpanIndex[Quote]:
    index: SpanIndex[Quote] = SpanIndex()
    for q in quotes:
        for s in (*q.content, q):
            index.add(s.start, s.end, q)
    return index


def _quote_for(char: int, quotes: SpanIndex[Quote]) -> Quote | None:
    """The innermost quote whose content holds ``char``."""
    holding = list({id(q): q for q in quotes.holding(char)}.values())
    return min(holding, key=lambda q: q.end - q.start) if holding else None


def _hedge(c: Candidate) -> str | None:
    words = [c.cue.lower_] if c.modality in HEDGED else []
    for tok in (c.predicate, c.cue):
        words += [ch.lower_ for ch in tok.children
                  if ch.dep_ in ("advmod", "acomp") and ch.lower_ in _words("hedges") and ch.lower_ not in words]
    return ", ".join(words) or None


def _negative(c: Candidate) -> bool:
    tokens = (c.predicate, c.cue)
    return any(ch.dep_ == "neg" or (ch.dep_ == "advmod" and ch.lower_ == "never") for t in tokens for ch in t.children)


def _action(pred: Token) -> str:
    particle = next((c.lower_ for c in pred.children if c.dep_ == "prt"), "")
    return f"{pred.lemma_.lower()} {particle}".strip()


def _record(c: Candidate, doc: Doc, ctx: ExtractContext, timexes: SpanIndex[Timex], quotes: SpanIndex[Quote],
            names: dict[int, str]) -> Commitment | None:
    timex, until = _date_fields(c, doc, timexes, ctx.reference_date)
    if timex is not None and is_before(timex.value, ctx.reference_date):
        return None  # its date is already over when the article was written: a past event
    if not _keeps(c, timex is not None):
        return None
    start, end = _bounds(c)
    span = doc[start:end]
    value = timex.value if timex is not None else None
    due = due_date(value)
    quote = _quote_for(c.predicate.idx, quotes)
    source, anonymous = _authority(quote)
    modality = "planned" if c.cue.lower_ in ("would", "'d") and _plan_context(span.sent) else c.modality
    return Commitment(
        start=span.start_char, end=span.end_char, text=span.text, extractor=EXTRACTOR, confidence=c.strength,
        what=span.text, actor=_actor(c, names, quote), action=_action(c.predicate),
        deadline=None if until else value, until=value if until else None, due_date=due, modality=modality,
        polarity="negative" if _negative(c) else "positive", hedge=_hedge(c),
        quote_id=quote.id if quote is not None else None, source=source, source_anonymous=anonymous,
        status=status(due, ctx.as_of or date.today()),  # type: ignore[arg-type]
    )


def _authority(quote: Quote | None) -> tuple[str | None, bool | None]:
    """Who the commitment is attributed to: the quote's speaker, by name or by descriptor."""
    speaker = quote.speaker if quote is not None else None
    if speaker is None:
        return None, None
    return speaker.name or speaker.text, speaker.anonymous


def _with_clause(pred: Token) -> tuple[Token, Token, Token] | None:
    """ "..., with the remainder departing by the end of 2026": (with, verb, subject) of an absolute
    clause hanging off the predicate."""
    for prep in pred.children:
        if prep.dep_ != "prep" or prep.lower_ != "with":
            continue
        verb = next((c for c in prep.children if c.dep_ in ("pcomp", "pobj") and c.tag_ in ("VBG", "VBN")), None)
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None) if verb is not None else None
        if verb is not None and subject is not None:
            return prep, verb, subject
    return None


def _coordinated(cands: list[Candidate]) -> list[Candidate]:
    """ "X leave by D1, with the remainder departing by D2": the second deadline is a commitment of
    its own, with its own actor and the same modality."""
    found = []
    for c in cands:
        absolute = _with_clause(c.predicate)
        if absolute is not None:
            _, verb, subject = absolute
            found.append(Candidate(verb, verb, c.modality, c.strength, subject, needs_date=True))
    return found


_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ")", ":", ";")
_HEADING_WORDS = 20


def _heading(doc: Doc, tok: Token) -> bool:
    """A headline or subheading: a short line of its own, without a full stop, among other lines."""
    text = doc_text(doc)
    start, end = text.rfind("\n", 0, tok.idx) + 1, text.find("\n", tok.idx)
    if end < 0 or not text[end:].strip():
        return False  # the last line: a text cut off mid-sentence, or the only one
    line = text[start:end].strip()
    return bool(line) and not line.endswith(_SENTENCE_END) and len(line.split()) <= _HEADING_WORDS


def _without_undated_copies(found: list[tuple[Commitment, Token]]) -> list[Commitment]:
    """An undated commitment whose predicate governs a dated one ("The deal would see [X leave by D]")
    says nothing more than it."""
    def copy(c: Commitment, pred: Token) -> bool:
        return not (c.deadline or c.until) and any(
            o is not c and (o.deadline or o.until) and c.start <= o.start and o.end <= c.end
            and pred in other.ancestors for o, other in found)
    return [c for c, pred in found if not copy(c, pred)]


def _conj_root(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def extract_commitments(doc: Doc, ctx: ExtractContext) -> list[Commitment]:
    """Forward-looking statements with actor, what, deadline/until, modality, hedge and source."""
    timexes: list[Timex] = ctx.timexes
    quotes: list[Quote] = ctx.quotes
    names = _names(doc, ctx.entities)
    seen: set[int] = set()
    found: list[tuple[Commitment, Token]] = []
    candidates = _marked(doc) + _deadline_candidates(doc, timexes, ctx.reference_date)
    timex_index: SpanIndex[Timex] = SpanIndex()
    for timex in timexes:
        timex_index.add(timex.start, timex.end, timex)
    quote_index = _quote_index(quotes)
    candidates += _scheduled(doc, timexes, ctx.reference_date)
    for cand in candidates + _coordinated(candidates):
        root = _conj_root(cand.predicate).i
        if cand.predicate.i in seen or root in seen or _heading(doc, cand.predicate):
            continue
        record = _record(cand, doc, ctx, timex_index, quote_index, names)
        if record is not None:
            seen.update({cand.predicate.i, root})
            found.append((record, cand.predicate))
    return sorted(_without_undated_copies(found), key=lambda r: r.start)
