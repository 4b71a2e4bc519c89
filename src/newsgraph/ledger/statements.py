"""What one article says about commitments (statements) and about what became of them (outcome
candidates), from its stored record: commitments, time expressions and the body.

Statements come from the ``commitments`` extractor and, besides, from dated events in passing: a
sentence naming an action the ledger follows ("the Iraqi parliamentary elections in October 2025")
with a date after the article's own, which the commitment extractor does not treat as a commitment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources

from newsgraph.extract.commitments.dates import due_date
from newsgraph.ledger import terms
from newsgraph.ledger.model import LedgerStatement, Modality
from newsgraph.records import Article, Commitment, Timex

_POSSIBLE = re.compile(r"\b(could|may|might|tentative(ly)?|as early as|possibl[ey]|conditional|hopes? to|hoped)\b",
                       re.I)
_EXPECTED = re.compile(r"\b(expected|expects|likely|poised|on track|anticipated)\b", re.I)
_SCHEDULED = re.compile(r"\b(scheduled|set (for|to|as)|slated|due (to|on|for)|date (for|of)|fixed|"
                        r"set .{0,40} as the date|will (be )?(held|take place)|upcoming)\b", re.I)
_PLANNED = re.compile(r"\b(plans?|planned|aims?|targets?|targeting|intends?|intention|decided)\b", re.I)
_PROMISED = re.compile(r"\b(promised?|pledged?|vowed?|agreed|will|shall|committed)\b", re.I)
_PAST_CUES = re.compile(r"\b(was supposed to|had planned|had been (scheduled|set|expected))\b", re.I)
_COMMITMENT_MODALITY: dict[str, Modality] = {"promised": "promised", "planned": "planned", "expected": "expected",
                                             "possible": "possible", "may": "possible", "will": "promised"}


@dataclass
class Found:
    """A statement with what the ledger matches it on."""

    statement: LedgerStatement
    action: str
    names: set[str]
    qualifiers: set[str]
    what: str


@dataclass
class OutcomeCandidate:
    kind: str
    start: int
    end: int
    text: str
    actions: list[str]
    names: set[str]
    date: str | None = None
    new_deadline: str | None = None
    cue: str = ""
    context_names: set[str] = field(default_factory=set)


def modality_of(text: str, default: Modality = "scheduled") -> Modality:
    for pattern, name in ((_POSSIBLE, "possible"), (_EXPECTED, "expected"), (_SCHEDULED, "scheduled"),
                          (_PLANNED, "planned"), (_PROMISED, "promised")):
        if pattern.search(text):
            return name  # type: ignore[return-value]
    return default


def _statement_of(article: Article, c: Commitment, sentence: str) -> LedgerStatement:
    modality = _COMMITMENT_MODALITY.get(c.modality, "planned")
    if c.hedge or _POSSIBLE.search(c.text):
        modality = "possible"
    elif _SCHEDULED.search(sentence) and modality != "expected":
        modality = "scheduled"
    return LedgerStatement(article_id=article.id, published=article.metadata.published, start=c.start, end=c.end,
                           text=c.text, actor=c.actor, deadline=c.deadline or c.until,
                           due_date=c.due_date, source=c.source, anonymous=bool(c.source_anonymous),
                           modality=modality, origin="commitment")


def _is_future(value: str | None, published: date | None) -> bool:
    due = due_date(value)
    return due is not None and published is not None and due > published


def _dates(article: Article) -> list[Timex]:
    return [t for t in article.timexes if t.type == "DATE" and t.value and due_date(t.value)]


def statements(article: Article) -> list[Found]:
    body, published = article.body, article.metadata.published
    spans = terms.sentences(body)
    lead = terms.names(body[:200] + " " + (article.metadata.headline or ""))
    found: list[Found] = []
    covered: list[tuple[int, int, str]] = []
    for c in article.commitments:
        if c.polarity != "positive":
            continue
        s, e = terms.sentence_at(spans, c.start)
        sentence = body[s:e] if e > s else c.text
        actions = terms.actions_in(c.text) or terms.actions_in(c.action or "")
        action = actions[0] if actions else (c.action or "").lower() or "do"
        statement = _statement_of(article, c, sentence)
        names = (terms.core_names(c.text) | terms.names(c.actor or "")
                 | terms.core_names(sentence, c.start - s + len(c.text) // 2))
        found.append(Found(statement, action, names or lead,
                           terms.qualifiers(c.text), c.what))
        covered.append((s, e, action))
    for timex in _dates(article):
        if not _is_future(timex.value, published):
            continue
        s, e = terms.sentence_at(spans, timex.start)
        if e <= s:
            continue
        sentence = body[s:e]
        if _PAST_CUES.search(sentence):
            continue
        near = terms.nearest_action(sentence, timex.start - s)
        if near is None or any(cs == s and a == near for cs, _, a in covered):
            continue
        action = near
        covered.append((s, e, action))
        statement = LedgerStatement(article_id=article.id, published=published, start=s, end=e, text=sentence,
                                    deadline=timex.value, due_date=due_date(timex.value),
                                    modality=modality_of(sentence), origin="dated_event")
        found.append(Found(statement, action, terms.core_names(sentence, timex.start - s) or lead,
                           terms.qualifiers(sentence),
                           sentence))
    return found


@cache
def _outcome_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    text = resources.files("newsgraph.data").joinpath("ledger_outcomes.tsv").read_text("utf-8")
    rows = [line.split("\t", 1) for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple((kind, re.compile(pattern.strip(), re.I)) for kind, pattern in rows)


_FUTURE = re.compile(r"\b(will|would|to be|is set to|are set to|expected|scheduled|plans?|could|may|upcoming|"
                     r"set .{0,40}\b(date|for)|as (a|the) date)\b", re.I)


def _when(article: Article, start: int, end: int, past: bool) -> str | None:
    """The date a sentence gives for what happened: a day (or month) at or before publication."""
    published = article.metadata.published
    best: str | None = None
    for t in _dates(article):
        if start <= t.start < end and t.value:
            due = due_date(t.value)
            if past and published and due and due > published and len(t.value) >= 10:
                continue
            if best is None or len(t.value) > len(best):
                best = t.value
    return best


def outcome_candidates(article: Article) -> list[OutcomeCandidate]:
    body = article.body
    lead = body[:300] + " " + (article.metadata.headline or "")
    context = terms.names(lead)
    found = []
    for s, e in terms.sentences(body):
        sentence = body[s:e]
        actions = terms.actions_in(sentence)
        if not actions:
            continue
        for kind, pattern in _outcome_cues():
            cue = pattern.search(sentence)
            if not cue:
                continue
            near = sentence[max(0, cue.start() - 60):cue.end() + 30]
            if kind in ("done", "started") and _FUTURE.search(near):
                break
            when = _when(article, s, e, kind != "postponed")
            candidate = OutcomeCandidate(kind, s, e, sentence, actions, terms.core_names(sentence),
                                         cue=cue.group(), context_names=context)
            if kind == "postponed":
                candidate.new_deadline = when if _is_future(when, article.metadata.published) else None
            else:
                candidate.date = when
            found.append(candidate)
            break
    return found
