"""Sourcing: who the story rests on — counted source groups, named sources, those who did not
respond, and how much of the quoted text comes from unnamed sources."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsgraph.extract.attribution.cues import source_tokens, subject_of
from newsgraph.extract.attribution.silence import no_response_patterns
from newsgraph.extract.attribution.speakers import MentionIndex
from newsgraph.extract.context import ExtractContext
from newsgraph.lexicon import word_list
from newsgraph.nlp import doc_text, lower_forms
from newsgraph.records import NoResponse, Quote, SourceGroup, Sourcing, SourcingSummary

_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"dozen": 12, "a dozen": 12, "half a dozen": 6})
_AFFILIATION_LABELS = ("NORP", "GPE", "ORG", "LOC")


def _patterns(name: str) -> list[str]:
    text = resources.files("newsgraph.data").joinpath(name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _reasons() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _patterns("anonymity_reasons.txt")), re.I)


def _count(token: Token) -> int | None:
    """The value of a number token: "five", "5", "12"."""
    text = token.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    return _NUMBER_WORDS.get(text)


_AFFILIATION_PREPS = frozenset({"from", "of", "with", "at", "in", "for"})


def _affiliated(noun: Token) -> Token | None:
    """ "officials from other coalition nations", "two people with knowledge of the talks": the
    preposition after the noun that says where the sources come from or what they know."""
    return next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in _AFFILIATION_PREPS and c.i == noun.i + 1
                 and any(g.dep_ == "pobj" for g in c.children)), None)


def _group(doc: Doc, noun: Token, number: Token, reason: str | None) -> SourceGroup:
    """A counted group: the phrase from after the number to the noun, with a "from"/"of" phrase after
    it, is the descriptor; the affiliation is the names or compounds before the noun, or that phrase."""
    text = doc_text(doc)
    words = [t for t in doc[number.i + 1: noun.i + 1] if not t.is_punct]
    start, end = words[0].idx, noun.idx + len(noun.text)
    affiliation = " ".join(t.text for t in words[:-1] if t.ent_type_ in _AFFILIATION_LABELS or t.dep_ == "compound")
    prep = _affiliated(noun)
    if prep is not None:
        aside = {a.i for t in prep.subtree if t.dep_ in ("relcl", "appos", "acl") for a in t.subtree}
        last = prep.i
        while last + 1 <= prep.right_edge.i and doc[last + 1].text != "," and last + 1 not in aside:
            last += 1  # up to a comma or a relative clause ("..., who spoke on condition of anonymity")
        end = doc[last].idx + len(doc[last].text)
        phrase = text[prep.idx + len(prep.text):end].strip()
        if prep.lower_ != "with":  # "people with knowledge of the talks" say what they know, not whom they serve
            affiliation = f"{affiliation} {phrase}".strip() if prep.lower_ in ("from", "at", "in") \
                else affiliation or phrase
    return SourceGroup(start=number.idx, end=end, text=text[number.idx:end], extractor="sources",
                       descriptor=text[start:end], count=_count(number),
                       affiliation=affiliation or None, anonymous=reason is not None, reason=reason)


def _is_source_sentence(sent: SpacySpan, reason: str | None, lemmas: list[str]) -> bool:
    return reason is not None or "source" in lemmas[sent.start:sent.end]


def source_groups(doc: Doc) -> list[SourceGroup]:
    """Counted groups ("five U.S. officials") in sentences about sources or anonymity."""
    groups: list[SourceGroup] = []
    nouns = word_list("source_nouns.txt")
    text, (_, lemmas) = doc_text(doc), lower_forms(doc)  # read once: Span.text and Tokens are rebuilt per use
    for sent in doc.sents:
        match = _reasons().search(text[sent.start_char:sent.end_char])
        reason = match.group(0) if match else None
        if not _is_source_sentence(sent, reason, lemmas):
            continue
        for token in sent:
            if token.lemma_.lower() not in nouns or token.pos_ not in ("NOUN", "PROPN"):
                continue
            number = next((c for c in token.children if c.dep_ == "nummod" and _count(c) is not None), None)
            if number is not None and number.i < token.i:
                groups.append(_group(doc, token, number, reason))
    return groups


def _verb_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for token in span:
        if token.pos_ in ("VERB", "AUX"):
            return token.head if token.dep_ in ("aux", "neg") else token
    return None


def no_responses(doc: Doc, index: MentionIndex) -> list[NoResponse]:
    """Who did not respond, declined to comment or could not be reached."""
    found: list[NoResponse] = []
    seen: set[int] = set()
    text = doc_text(doc)
    for kind, pattern in no_response_patterns():
        for match in pattern.finditer(text):
            verb = _verb_at(doc, match.start(), match.end())
            subject = subject_of(verb, passive=True) if verb is not None else None
            if subject is None or subject.i in seen:
                continue
            seen.add(subject.i)
            tokens = source_tokens(subject)
            first, end = doc[tokens[0]].idx, match.end()
            entity = index.at(subject.idx)
            who = doc_text(doc)[first: doc[tokens[-1]].idx + len(doc[tokens[-1]].text)]
            found.append(NoResponse(start=first, end=end, text=doc_text(doc)[first:end], extractor="sources", who=who,
                                    entity_id=entity.id if entity else None, kind=kind))  # type: ignore[arg-type]
    return sorted(found, key=lambda r: r.start)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def summarize(quotes: list[Quote], groups: list[SourceGroup],
              silent: list[NoResponse] | None = None) -> SourcingSummary:
    """Named and anonymous sources; the share of quoted words (direct and partial quotes) from anonymous ones.
    Speakers inside another source's words, beliefs and "did not respond" are not sources."""
    named: list[str] = []
    anonymous: list[str] = []
    for q in quotes:
        if q.speaker is None or q.nested_in is not None or q.belief:
            continue
        if q.cue is not None and any(n.start <= q.cue.start < n.end for n in silent or []):
            continue
        if q.speaker.name and not q.speaker.anonymous and q.speaker.name not in named:
            named.append(q.speaker.name)
        elif q.speaker.anonymous and not q.speaker.resolved_from and q.speaker.text.lower() not in anonymous:
            anonymous.append(q.speaker.text.lower())
    quoted = [q for q in quotes if q.kind in ("direct", "partial")]
    total = sum(_words(q.text) for q in quoted)
    hidden = sum(_words(q.text) for q in quoted if q.speaker is not None and q.speaker.anonymous)
    group_total = sum(g.count or 0 for g in groups if g.anonymous)
    return SourcingSummary(named_sources=named, named_count=len(named),
                           anonymous_count=max(group_total, len(anonymous)), quoted_words=total,
                           anonymous_quoted_share=round(hidden / total, 3) if total else 0.0)


def extract_sources(doc: Doc, ctx: ExtractContext) -> Sourcing:
    """The sourcing profile of one article."""
    quotes: list[Quote] = ctx.quotes
    index = MentionIndex.build(ctx.entities)
    groups = source_groups(doc)
    silent = no_responses(doc, index)
    return Sourcing(groups=groups, no_response=silent, summary=summarize(quotes, groups, silent))
