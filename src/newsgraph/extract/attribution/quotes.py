"""Quotes: every attribution in the body, with cue, content, kind and speaker.

A CRF tagger (``attribution_crf``) finds cue spans and rules on the dependency parse
(``attribution_cues``) give each its source and content; quotation
marks (``attribution_marks``) decide whether the content is a direct quote, a partial quote
inside reported speech, or indirect speech; ``attribution_speakers`` links the source to an
entity, keeps an unnamed descriptor as such (anonymous) and resolves pronouns.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Token

from newsgraph.extract.attribution.acts import classify, cue_verb
from newsgraph.extract.attribution.cues import CUE_MODE, Cue, find_cues
from newsgraph.extract.attribution.marks import Quoted, find_quoted, find_single_quoted
from newsgraph.extract.attribution.silence import no_response_spans
from newsgraph.extract.attribution.speakers import (
    Earlier,
    MentionIndex,
    describe,
    earlier_entry,
    is_pronoun,
    is_speaker_phrase,
    resolve,
    resolve_descriptor,
)
from newsgraph.extract.context import ExtractContext
from newsgraph.extract.spans import SpanIndex
from newsgraph.nlp import doc_text
from newsgraph.nlp.docs import line_bounds
from newsgraph.records import Quote, Span, Speaker

_GAP = re.compile(r"[\s,:;—–-]*")
_QUOTE_CHARS = frozenset("\"“”„«»'‘’")
_REGION_DEPS = frozenset({"advmod", "prep", "npadvmod", "punct", "dative", "aux", "auxpass", "neg", "agent",
                          "dobj", "prt", "nsubj"})
_CONTINUATION_CHARS = 400
_SENTENCE_END = frozenset(".!?")
_SENTENCE_BREAK = re.compile(r"[.!?]\)?\s+(?=\S)")
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Z](?:[.-][A-Z])+)\.?$")
_MAX_TAIL_WORDS = 30
_MIN_CONTINUATION_WORDS = 4


Kind = Literal["direct", "partial", "indirect"]


@dataclass
class Found:
    """One attribution before it becomes a record; spans are character offsets."""

    cue: Cue | None
    source: list[int]
    content: list[tuple[int, int]]
    kind: Kind
    quotes: list[Quoted] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.content[0][0]


class QuoteIndex:
    """The quoted stretches of a body, with which ones an attribution has claimed."""

    def __init__(self, quoted: list[Quoted]) -> None:
        self.quoted = quoted
        self.starts = [q.start for q in quoted]
        self.claimed: set[int] = set()

    def inside(self, pos: int) -> Quoted | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.quoted[i].start <= pos < self.quoted[i].end:
            return self.quoted[i]
        return None

    def before(self, text: str, pos: int) -> Quoted | None:
        """An unclaimed quote ending just before ``pos`` (only spaces or punctuation between)."""
        i = bisect.bisect_left(self.starts, pos) - 1
        if i < 0 or id(self.quoted[i]) in self.claimed or self.quoted[i].end > pos:
            return None
        q = self.quoted[i]
        gap = text[q.end:pos]
        return q if _GAP.fullmatch(gap) and "\n" not in gap else None

    def after(self, text: str, pos: int) -> Quoted | None:
        i = bisect.bisect_left(self.starts, pos)
        if i >= len(self.quoted) or id(self.quoted[i]) in self.claimed:
            return None
        q = self.quoted[i]
        gap = text[pos:q.start]
        return q if _GAP.fullmatch(gap) and ("\n" not in gap or ":" in gap) else None

    def within(self, start: int, end: int) -> list[Quoted]:
        i = bisect.bisect_left(self.starts, start)
        found = []
        while i < len(self.quoted) and self.quoted[i].start < end:
            if self.quoted[i].end <= end:
                found.append(self.quoted[i])
            i += 1
        return found

    def claim(self, quotes: list[Quoted]) -> None:
        self.claimed.update(id(q) for q in quotes)


def fragments(doc: Doc, tokens: list[int]) -> list[tuple[int, int]]:
    """Character spans of runs of tokens, edge punctuation (other than quote marks) trimmed."""
    runs: list[list[int]] = []
    for i in sorted(set(tokens)):
        if "\n" in doc[i].text:  # content never runs over a paragraph break
            continue
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    spans: list[tuple[int, int]] = []
    for run in runs:
        while run and _is_edge(doc[run[0]]):
            run = run[1:]
        while run and _is_edge(doc[run[-1]]):
            run = run[:-1]
        if run:
            last = doc[run[-1]]
            spans.append((doc[run[0]].idx, last.idx + len(last.text)))
    return _merge(doc_text(doc), spans)


def in_paragraph(doc: Doc, tokens: list[int], anchor: int) -> list[int]:
    """The tokens in the paragraph of character ``anchor``: a sentence the parser ran over a
    paragraph break ("... he said that X.\n\n''Y,'' he said.") does not carry the content into
    the next paragraph, whose quotation has its own cue."""
    start, end = line_bounds(doc, anchor)
    return [i for i in tokens if start <= doc[i].idx < end]


def _is_edge(token: Token) -> bool:
    """Trimmed from the edges of a content span: spaces and punctuation other than quote marks."""
    return token.is_space or (token.is_punct and token.text not in _QUOTE_CHARS)


def _merge(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        gap = text[merged[-1][1]:start] if merged else ""
        if merged and not gap.strip() and "\n" not in gap:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _region(doc: Doc, cue: Cue, quotes: QuoteIndex) -> tuple[int, int]:
    """Where the source-and-cue part of the clause lies, outside any quotation."""
    tokens = set(cue.source) | set(cue.cue)
    if not cue.according:
        verb = doc[cue.head]
        for child in verb.children:
            if child.dep_ in _REGION_DEPS:
                tokens.update(t.i for t in child.subtree)
    content = set(cue.content)
    kept = [i for i in tokens if i not in content and not doc[i].is_space and doc[i].text not in _SENTENCE_END
            and quotes.inside(doc[i].idx) is None]  # a full stop ends the region: the next quote is not ours
    kept = kept or list(cue.cue)
    first, last = doc[min(kept)], doc[max(kept)]
    return first.idx, last.idx + len(last.text)


def snap(text: str, span: tuple[int, int], quotes: QuoteIndex) -> tuple[int, int]:
    """Widen a content edge that stops just short of its quotation's marks or closing punctuation."""
    start, end = span
    q = quotes.inside(end - 1)
    if q is not None and q.end > end and not any(ch.isalnum() for ch in text[end:q.end]):
        end = q.end
    q = quotes.inside(start)
    if q is not None and q.start < start and not any(ch.isalnum() for ch in text[q.start:start]):
        start = q.start
    return start, end


def to_closing_mark(text: str, span: tuple[int, int], quotes: QuoteIndex) -> tuple[int, int]:
    """ 'said the ruling was "in direct conflict with the Bible. The threat is clear."': a quotation
    opened inside the content runs to its closing mark, though the parser ended the sentence
    inside it."""
    start, end = span
    q = quotes.inside(end - 1)
    if q is not None and q.closed and start <= q.start and q.end > end and "\n" not in text[end:q.end]:
        return start, q.end
    return span


def _overlaps(spans: list[tuple[int, int]], quotes: list[Quoted]) -> bool:
    return any(a < q.end and q.start < b for a, b in spans for q in quotes)


def attach(doc: Doc, cue: Cue, quotes: QuoteIndex) -> Found | None:
    """Content for one cue: adjacent quotations when the parse points at them, else the parse's content."""
    text = doc_text(doc)
    content = in_paragraph(doc, cue.content, doc[cue.head].idx)
    parsed = [snap(text, span, quotes) for span in fragments(doc, content)] if content else []
    if parsed:
        parsed[-1] = to_closing_mark(text, parsed[-1], quotes)
    if not cue.belief or not cue.content:  # a view takes a quotation only when it has no other content
        start, end = _region(doc, cue, quotes)
        near = [q for q in (quotes.before(text, start), quotes.after(text, end)) if q is not None]
        outside = [i for i in cue.content if quotes.inside(doc[i].idx) is None and not doc[i].is_punct]
        if near and (not outside or _overlaps(parsed, near)) and not _lead_in(text, parsed, near):
            quotes.claim(near)
            return Found(cue, cue.source, [(q.start, q.end) for q in near], "direct", near)
    if not parsed:
        return None
    return _parsed_found(cue, parsed, quotes, text)


def _lead_in(text: str, parsed: list[tuple[int, int]], near: list[Quoted]) -> bool:
    """ "The bill's failure was "heartbreaking," she said": the clause the quotation ends is the
    content, words before the marks included (a partial quote), when the parse gives one span
    that closes with the quotation."""
    if len(parsed) != 1 or len(near) != 1:
        return False
    (a, b), q = parsed[0], near[0]
    return a < q.start and q.end - 2 <= b <= q.end + 1 and any(ch.isalnum() for ch in text[a:q.start])


def _parsed_found(cue: Cue, parsed: list[tuple[int, int]], quotes: QuoteIndex, text: str) -> Found:
    inner = [q for a, b in parsed for q in quotes.within(a, b) if id(q) not in quotes.claimed]
    if len(inner) == 1 and len(parsed) == 1:
        q, (a, b) = inner[0], parsed[0]
        if _words(text, q.start, q.end) >= _words(text, a, b):  # lead-in words make it partial
            quotes.claim(inner)
            return Found(cue, cue.source, [(q.start, q.end)], "direct", inner)
    if inner:
        quotes.claim(inner)
        return Found(cue, cue.source, parsed, "partial", inner)
    return Found(cue, cue.source, parsed, "indirect")


def _words(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def _quoting(item: Found) -> bool:
    """A direct or partial quote ('The bill's failure was "heartbreaking," she said'): its speaker
    may go on quoting in the next quotation."""
    return item.kind == "direct" or (item.kind == "partial" and bool(item.quotes))


def _same_speaker(doc: Doc, item: Found, previous: Found) -> bool:
    """ '"...," Clinton said, recalling a bill that failed. "..."': a report in between by the same
    speaker (the same words, a relative "who", or no source) does not end the quotation."""
    words = [doc[i].lower_ for i in item.source]
    return not words or words == [doc[i].lower_ for i in previous.source] or words == ["who"]


def continuations(doc: Doc, found: list[Found], quotes: QuoteIndex) -> None:
    """Unclaimed quotes right after a direct or partial quote join its content: the same speaker
    goes on ("..." he said. "..."), one attribution in several fragments."""
    text = doc_text(doc)
    quoting = sorted((f for f in found if _quoting(f)), key=lambda f: f.content[-1][1])
    ends = [f.content[-1][1] for f in quoting]
    added: list[Found] = []
    for q in quotes.quoted:
        if id(q) in quotes.claimed or not _words(text, *q.inner):
            continue
        i = bisect.bisect_right(ends, q.start) - 1
        if i < 0 or q.start - ends[i] > _CONTINUATION_CHARS:
            continue
        previous = quoting[i]
        if any(ends[i] < f.start < q.start and not _same_speaker(doc, f, previous) for f in found
               if f.kind != "direct"):
            continue  # someone else spoke in between
        gap = text[ends[i]:q.start]
        if not _only_tail(gap) or (_words(text, *q.inner) < _MIN_CONTINUATION_WORDS and not _sentence_ends(gap)):
            continue  # a short quotation goes on only as a sentence of its own ('he said. "Bodies everywhere."')
        if "\n" in gap:  # a new paragraph: the same speaker, a new attribution
            added.append(Found(None, previous.source, [(q.start, q.end)], "direct", [q]))
            quotes.claim([q])
            continue
        previous.content.append((q.start, q.end))
        previous.quotes.append(q)
        ends[i] = q.end
        quotes.claim([q])
    found.extend(added)


def _sentence_ends(gap: str) -> bool:
    """The gap closes a sentence and stays in the paragraph ("..." she said. "...")."""
    return "\n" not in gap and gap.rstrip()[-1:] in _SENTENCE_END


def _only_tail(gap: str) -> bool:
    """The gap between two quotes is at most the rest of one sentence ("he said."), so the next
    quote goes on where the first stopped. Abbreviations ("Rep.", "D-S.C.") do not end it."""
    inner = " ".join(gap.split())
    ends = [m for m in _SENTENCE_BREAK.finditer(inner) if not _ABBREVIATION.search(inner, 0, m.start())]
    return not ends and len(inner.split()) <= _MAX_TAIL_WORDS


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _record_span(text: str, item: Found) -> tuple[int, int]:
    """The record's own span: the quoted words (marks off) for direct and partial quotes, else the content."""
    if item.quotes:
        start, end = item.quotes[0].inner
        return start, end
    return max(item.content, key=lambda s: s[1] - s[0])


def _cue_span(doc: Doc, cue: Cue | None) -> Span | None:
    if cue is None:
        return None
    first, last = doc[cue.cue[0]], doc[cue.cue[-1]]
    return _span(doc_text(doc), first.idx, last.idx + len(last.text))


def _confidence(item: Found) -> float:
    if item.cue is None:
        return 0.6
    if item.cue.belief:
        return 0.5
    return 0.9 if item.kind == "direct" else 0.75


def _speaker(doc: Doc, item: Found, index: MentionIndex, earlier: list[Earlier],
             quoted: list[tuple[int, int]]) -> Speaker | None:
    """Who spoke: a pronoun resolved, a descriptor resolved to a named person or body when the text
    supports it; None when the source is no speaker (a quantity, a plan, the content's own words, the
    subject of an agentless passive): not found, not guessed."""
    if not item.source or not is_speaker_phrase(doc, item.source, item.content) or _passive_subject(doc, item):
        return None
    while len(item.source) > 1 and doc[item.source[0]].tag_ == "VBG" and doc[item.source[1]].pos_ == "PROPN":
        item.source = item.source[1:]  # "Hosting Cook, ...": the participle is no part of the name
    if is_pronoun(doc, item.source):
        return resolve(doc, item.source, index, earlier, quoted)
    return resolve_descriptor(doc, item.source, describe(doc, item.source, index), index, earlier)


def _passive_subject(doc: Doc, item: Found) -> bool:
    """ "The United States is being reported as ...": the subject of a passive cue with no agent is
    what is talked about, not who talks."""
    verb = cue_verb(doc, item.cue) if item.cue is not None and not item.cue.according else None
    if verb is None or not any(c.dep_ == "auxpass" for c in verb.children) or \
            any(c.dep_ == "agent" for c in verb.children):
        return False
    return any(doc[i].dep_ == "nsubjpass" and doc[i].head.i == verb.i for i in item.source)


def to_records(doc: Doc, found: list[Found], index: MentionIndex, quotes: QuoteIndex) -> list[Quote]:
    """Quote records in body order (ids q1, q2, ...), speakers resolved as they come."""
    text = doc_text(doc)
    quoted = [(q.start, q.end) for q in quotes.quoted]
    earlier: list[Earlier] = []
    records: list[Quote] = []
    for n, item in enumerate(sorted(found, key=lambda f: f.start), start=1):
        speaker = _speaker(doc, item, index, earlier, quoted)
        if speaker is not None:
            earlier.append(earlier_entry(doc, item.source, speaker, index))
        start, end = _record_span(text, item)
        records.append(Quote(
            id=f"q{n}", kind=item.kind, start=start, end=end, text=text[start:end], extractor="quotes",
            confidence=_confidence(item), cue=_cue_span(doc, item.cue), speaker=speaker,
            content=[_span(text, a, b) for a, b in item.content], belief=bool(item.cue and item.cue.belief),
            act=classify(doc, item.cue, bool(item.quotes), item.source)))
    return _mark_nested(records)


def _mark_nested(records: list[Quote]) -> list[Quote]:
    """A quote whose cue lies inside another quote's content is nested in it."""
    contents: SpanIndex[Quote] = SpanIndex()
    for outer in records:
        for c in outer.content:
            contents.add(c.start, c.end, outer)
    for record in records:
        if record.cue is None:
            continue
        nested_in = next((q.id for q in contents.holding(record.cue.start) if q is not record), None)
        if nested_in is not None:
            record.nested_in = nested_in
    return records


def cut_participle_reports(doc: Doc, cues: list[Cue]) -> None:
    """ "Cardin stressed that ..., suggesting that ...", "wrote that ..., saying, '...'": the parse
    hangs the participle inside the first content, but it reports a second statement of the same
    speaker, an attribution of its own with that speaker; the first content stops before its
    comma or "and"."""
    for other in cues:
        verb = doc[other.head]
        if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "conj") or \
                any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            continue
        first = min(t.i for t in verb.subtree)
        lead = first - 1 if first > 0 and doc[first - 1].text in (",", "and") else first
        cut = {t.i for t in verb.subtree} | {lead}
        for cue in cues:
            if cue is not other and verb.i in cue.content:
                cue.content = [i for i in cue.content if i not in cut]
                other.source = list(cue.source)  # the speaker goes on, not the subject inside the content


def addresses_the_reader(doc: Doc, item: Found) -> bool:
    """ "You can't even tell that the machine is larger": a generic "you" is the reader, no source
    (PolNeAR held-out train: cue precision +0.001, no recall lost)."""
    return len(item.source) == 1 and doc[item.source[0]].lower_ == "you"


def find_attributions(doc: Doc, beliefs: bool = True, mode: str = CUE_MODE) -> tuple[list[Found], QuoteIndex]:
    """Attributions before speaker linking: cues with content, then quote continuations."""
    text = doc_text(doc)
    doubles = find_quoted(text)
    quotes = QuoteIndex(sorted(doubles + find_single_quoted(text, doubles), key=lambda q: q.start))
    marked = QuoteIndex(doubles)  # the cue tagger was trained with double marks only
    inside = lambda pos: marked.inside(pos) is not None  # noqa: E731
    cues = [cue for cue in find_cues(doc, beliefs, mode, inside) if quotes.inside(doc[cue.cue[0]].idx) is None]
    cues.sort(key=lambda c: (c.learned, c.belief))  # listed speech cues claim quotations first
    cut_participle_reports(doc, cues)
    found: list[Found] = []
    contents: SpanIndex[Found] = SpanIndex()
    for cue in cues:
        if cue.learned and contents.holding(doc[cue.cue[0]].idx):
            continue  # a learned cue inside reported content is a word of that content
        item = attach(doc, cue, quotes)
        if item is not None and not addresses_the_reader(doc, item):
            found.append(item)
            for a, b in item.content:
                contents.add(a, b, item)
    continuations(doc, found, quotes)
    return found, quotes


def _no_response_line(doc: Doc, item: Found, silent: list[tuple[int, int]]) -> bool:
    """ "did not respond to inquiries", "did not provide specifics about the plan": a sourcing record
    (``sourcing.no_response``), never a quote."""
    if item.cue is None:
        return False
    at = doc[item.cue.head].idx
    return any(a <= at < b for a, b in silent)


def extract_quotes(doc: Doc, ctx: ExtractContext) -> list[Quote]:
    """Every attribution in the body, in body order; no-response lines are left to the sourcing."""
    found, quotes = find_attributions(doc)
    silent = no_response_spans(doc_text(doc))
    found = [item for item in found if not _no_response_line(doc, item, silent)]
    return to_records(doc, found, MentionIndex.build(ctx.entities), quotes)
