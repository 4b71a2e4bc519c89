"""Statements clustered into entries, outcomes matched to them, changes and status derived.

A statement joins the entry with the same action class whose names (actor, object, place) it
shares most, when no qualifier tells them apart ("parliamentary" against "provincial") and the
dates fit (an entry is not joined more than ``WINDOW_DAYS`` after its last statement, nor by a
statement whose deadline was already past when the entry began). Scores depend only on the two
sides compared, never on what else is in the store.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsgraph.extract.commitments.dates import due_date, start_date
from newsgraph.ledger import terms
from newsgraph.ledger.model import ChangeKind, LedgerChange, LedgerEntry, LedgerOutcome, LedgerStatement
from newsgraph.ledger.statements import Found, OutcomeCandidate, outcome_candidates, statements
from newsgraph.records import Article

WINDOW_DAYS = 400
"""An entry takes no statement or outcome published more than this long after its last statement."""
SAME_TIME_DAYS = 3
"""Two different deadlines stated this close together (by other articles) contradict each other."""
DUE_SOON_DAYS = 30
_RANK = {"possible": 0, "expected": 1, "planned": 2, "promised": 3, "scheduled": 3}
_OUTCOME_ORDER = ("done", "cancelled", "postponed", "denied", "started")


@dataclass
class Signature:
    """What an entry is matched on (kept beside it in the store, so an update loads only candidates)."""

    id: str
    action: str
    names: Counter[str] = field(default_factory=Counter)
    qualifiers: set[str] = field(default_factory=set)
    first: date | None = None
    last: date | None = None
    first_due: date | None = None
    dues: set[date] = field(default_factory=set)


def _overlap(a: Iterable[str], b: Iterable[str]) -> tuple[int, float]:
    a, b = set(a), set(b)
    shared = len(a & b)
    return shared, shared / max(1, min(len(a), len(b)))


def fits(sig: Signature, found: Found, published: date | None) -> float:
    """How well a statement fits an entry (0: not at all)."""
    if sig.action != found.action:
        return 0.0
    if sig.qualifiers and found.qualifiers and not sig.qualifiers & found.qualifiers:
        return 0.0
    if published and sig.last and abs((published - sig.last).days) > WINDOW_DAYS:
        return 0.0
    due = found.statement.due_date
    if due and sig.first and due < sig.first:
        return 0.0
    shared, share = _overlap(found.names, sig.names)
    same_date = bool(due and due in sig.dues)
    if shared == 0 and not (same_date and not found.names):
        return 0.0
    return share + 0.01 * shared + (0.5 if same_date else 0.0)


_GENERIC_DONE = ("held", "took place", "taking place", "took effect", "went into effect", "came into force",
                 "completed")


def _cue_fits(action: str, candidate: OutcomeCandidate) -> bool:
    """A "done" cue must say the entry's own action happened ("voted" for an election, not "signed")."""
    if candidate.kind != "done":
        return True
    cue = candidate.cue.lower()
    return any(g in cue for g in _GENERIC_DONE) or any(w in terms.class_words(action) for w in cue.split())


def outcome_fits(sig: Signature, candidate: OutcomeCandidate, published: date | None) -> float:
    if sig.action not in candidate.actions or not _cue_fits(sig.action, candidate):
        return 0.0
    if published is None or sig.first is None or published <= sig.first:
        return 0.0
    if sig.last and (published - sig.last).days > WINDOW_DAYS:
        return 0.0
    happened = due_date(candidate.date) if candidate.date else None
    if happened and happened < sig.first:
        return 0.0
    quals = terms.qualifiers(candidate.text)
    if sig.qualifiers and quals and not sig.qualifiers & quals:
        return 0.0
    shared, share = _overlap(candidate.names, sig.names)
    context, _ = _overlap(candidate.context_names - candidate.names, sig.names)
    if shared == 0 and context < 2:
        return 0.0
    return share + 0.01 * shared + 0.005 * context


def entry_id(statement: LedgerStatement) -> str:
    return "L" + hashlib.sha1(f"{statement.article_id}:{statement.start}".encode()).hexdigest()[:12]


def signature_of(entry: LedgerEntry, names: Counter[str] | None = None) -> Signature:
    dated = [s for s in entry.statements if s.due_date]
    pubs = [s.published for s in entry.statements if s.published]
    return Signature(entry.id, entry.action, names if names is not None else Counter(entry.terms),
                     terms.qualifiers(" ".join(s.text for s in entry.statements)),
                     min(pubs) if pubs else None, max(pubs) if pubs else None,
                     dated[0].due_date if dated else None, {s.due_date for s in dated if s.due_date})


class Ledger:
    """Entries in memory, with their signatures; ``add`` files one article's statements and outcomes."""

    def __init__(self, entries: Iterable[LedgerEntry] = ()) -> None:
        self.entries: dict[str, LedgerEntry] = {}
        self.signatures: dict[str, Signature] = {}
        self.index: dict[tuple[str, object], set[str]] = {}  # (action, name or due date) → entry ids
        for entry in entries:
            self.entries[entry.id] = entry
            self.remember(signature_of(entry))

    def remember(self, sig: Signature) -> None:
        """Keep a signature and index it by its action with each name and deadline."""
        self.signatures[sig.id] = sig
        for key in (*sig.names, *sig.dues):
            self.index.setdefault((sig.action, key), set()).add(sig.id)

    def _index(self, sig: Signature, names: Iterable[str], due: date | None) -> None:
        for key in (*names, *([due] if due else [])):
            self.index.setdefault((sig.action, key), set()).add(sig.id)

    def _candidates(self, actions: Iterable[str], keys: Iterable[object]) -> list[Signature]:
        keys = list(keys)
        ids: set[str] = set()
        for action in actions:
            for key in keys:
                ids |= self.index.get((action, key), set())
        return [self.signatures[i] for i in sorted(ids)]

    def add(self, article: Article) -> set[str]:
        """File the article; returns the ids of the entries it touched."""
        published = article.metadata.published
        touched: set[str] = set()
        for found in statements(article):
            due = found.statement.due_date
            keys = [*found.names, *([due] if due else [])]
            best = max(((fits(sig, found, published), sig.id) for sig in self._candidates([found.action], keys)),
                       default=(0.0, ""))
            if best[0] > 0:
                entry = self.entries[best[1]]
                entry.statements.append(found.statement)
                sig = self.signatures[entry.id]
                self._index(sig, found.names, found.statement.due_date)
                sig.names.update(found.names)
                sig.qualifiers |= found.qualifiers
                if found.statement.due_date:
                    sig.dues.add(found.statement.due_date)
                if published:
                    sig.first = min(filter(None, (sig.first, published)))
                    sig.last = max(filter(None, (sig.last, published)))
            else:
                entry = LedgerEntry(id=entry_id(found.statement), actor=found.statement.actor, action=found.action,
                                    what=found.what[:300], statements=[found.statement])
                self.entries[entry.id] = entry
                self.remember(Signature(entry.id, found.action, Counter(found.names), set(found.qualifiers),
                                        published, published, due, {due} if due else set()))
            entry.terms = sorted(self.signatures[entry.id].names)
            touched.add(entry.id)
        touched |= self._add_outcomes(article)
        return touched

    def _add_outcomes(self, article: Article) -> set[str]:
        published = article.metadata.published
        best: dict[str, OutcomeCandidate] = {}
        for candidate in outcome_candidates(article):
            near = self._candidates(candidate.actions, candidate.names | candidate.context_names)
            scored = max(((outcome_fits(sig, candidate, published), sig.id) for sig in near), default=(0.0, ""))
            if scored[0] <= 0:
                continue
            held = best.get(scored[1])
            rank, held_rank = _OUTCOME_ORDER.index(candidate.kind), _OUTCOME_ORDER.index(held.kind) if held else 99
            if held is None or rank < held_rank or (rank == held_rank and candidate.date and not held.date):
                best[scored[1]] = candidate
        for entry_key, c in list(best.items()):
            entry = self.entries[entry_key]
            ahead = any(s.article_id == article.id and s.due_date and published and s.due_date > published
                        for s in entry.statements)  # the article still states it as ahead
            if c.kind in ("done", "started") and ahead:
                del best[entry_key]
                continue
            kind = "done" if c.kind == "started" and terms.class_kind(entry.action) == "event" else c.kind
            when = c.date
            if kind in ("done", "started", "cancelled") and when is None and published:
                when = published.isoformat()
            entry.outcomes = [o for o in entry.outcomes if o.article_id != article.id]
            entry.outcomes.append(LedgerOutcome(article_id=article.id, published=published, kind=kind,  # type: ignore[arg-type]
                                                date_stated=c.date is not None,
                                                date=when, new_deadline=c.new_deadline, start=c.start, end=c.end,
                                                text=c.text))
        return set(best)

    def finish(self, ids: Iterable[str], as_of: date | None = None) -> None:
        """Order, changes, deadlines and status of the given entries."""
        for key in ids:
            refresh(self.entries[key], as_of)


def _order(entry: LedgerEntry) -> None:
    entry.statements.sort(key=lambda s: (s.published or date.max, s.article_id, s.start))
    entry.outcomes.sort(key=lambda o: (o.published or date.max, o.article_id, o.start))


def _same_period(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def changes(statements: list[LedgerStatement]) -> list[LedgerChange]:
    found: list[LedgerChange] = []
    current: int | None = None
    for i, s in enumerate(statements):
        if not s.deadline or not s.due_date:
            continue
        if current is not None:
            prev = statements[current]
            assert prev.deadline and prev.due_date
            if not _same_period(prev.deadline, s.deadline):
                close = (prev.published and s.published and prev.article_id != s.article_id
                         and abs((s.published - prev.published).days) <= SAME_TIME_DAYS)
                kind: ChangeKind = "contradicted" if close else (
                    "moved_later" if s.due_date > prev.due_date else "moved_earlier")
                found.append(LedgerChange(kind=kind, on=s.published, from_statement=current, to_statement=i,
                                          note=f"{prev.deadline} → {s.deadline}"))
        current = i
    for i in range(1, len(statements)):
        a, b = statements[i - 1], statements[i]
        drop = _RANK[a.modality] - _RANK[b.modality]
        if abs(drop) >= 2:
            found.append(LedgerChange(kind="hedge_added" if drop > 0 else "hedge_dropped", on=b.published,
                                      from_statement=i - 1, to_statement=i, note=f"{a.modality} → {b.modality}"))
    found.sort(key=lambda c: (c.on or date.max, c.to_statement))
    return found


def _begin(value: str) -> date | None:
    return start_date(value) or due_date(value)


def happened(outcome: LedgerOutcome) -> date | None:
    """The day an outcome happened: its stated date, else the day before the report (reported by the next day)."""
    if outcome.date and outcome.date_stated:
        return _begin(outcome.date)
    if outcome.published:
        return outcome.published - timedelta(days=1)
    return _begin(outcome.date) if outcome.date else None


def status(entry: LedgerEntry, as_of: date) -> str:
    """The entry's status as of a date, from what was published by then (README of the gold set)."""
    said = [s for s in entry.statements if s.published is None or s.published <= as_of]
    reported = [o for o in entry.outcomes if o.published is None or o.published <= as_of]
    dated = [s for s in said if s.due_date]
    first_due = dated[0].due_date if dated else None
    latest_due = dated[-1].due_date if dated else None
    done = [o for o in reported if o.kind == "done"]
    if done:
        when = min((d for d in map(happened, done) if d), default=None)
        if first_due is None or when is None or when <= first_due:
            return "kept_on_time"
        return "kept_late"
    postponed = [o for o in reported if o.kind == "postponed"]
    if postponed and postponed[-1].new_deadline and due_date(postponed[-1].new_deadline):
        latest_due = due_date(postponed[-1].new_deadline)
    if any(o.kind == "cancelled" for o in reported):
        return "broken"
    if any(o.kind == "denied" for o in reported):
        return "broken" if latest_due is None or latest_due < as_of else "contradicted"
    shown = changes(said)
    last_said = max((s.published for s in said if s.published), default=None)
    contradicted = [c for c in shown if c.kind == "contradicted"]
    if contradicted and last_said and contradicted[-1].on and (last_said - contradicted[-1].on).days <= 14:
        return "contradicted"
    moved = any(c.kind in ("moved_later", "moved_earlier") for c in shown) or bool(postponed)
    if moved:
        return "moved"
    if latest_due is None:
        return "open"
    if latest_due < as_of:
        return "overdue"
    if latest_due - as_of <= timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return "open"


def refresh(entry: LedgerEntry, as_of: date | None = None) -> LedgerEntry:
    _order(entry)
    entry.changes = changes(entry.statements)
    dated = [s for s in entry.statements if s.deadline]
    entry.first_deadline = dated[0].deadline if dated else None
    entry.deadline = dated[-1].deadline if dated else None
    postponed = [o for o in entry.outcomes if o.kind == "postponed" and o.new_deadline]
    if postponed and (not dated or (postponed[-1].published or date.min) >= (dated[-1].published or date.min)):
        entry.deadline = postponed[-1].new_deadline
    actors = Counter(s.actor for s in entry.statements if s.actor)
    entry.actor = actors.most_common(1)[0][0] if actors else entry.actor
    dates = [s.published for s in entry.statements] + [o.published for o in entry.outcomes]
    latest = max((d for d in dates if d), default=None)
    entry.as_of = as_of or latest or date.today()
    entry.status = status(entry, entry.as_of)  # type: ignore[assignment]
    return entry


def build(articles: Iterable[Article], as_of: date | None = None) -> Ledger:
    """The ledger of a set of articles, filed in order of publication."""
    ledger = Ledger()
    ordered = sorted(articles, key=lambda a: (a.metadata.published or date.max, a.id))
    for article in ordered:
        ledger.add(article)
    ledger.finish(list(ledger.entries), as_of)
    return ledger
