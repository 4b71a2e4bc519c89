"""The text report of one Article, for a person at a terminal.

Article text is untrusted: control characters (terminal escapes) are stripped before printing.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

from newsgraph.records import Article, Place, Quote

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
WIDTH = 100


def safe(text: object) -> str:
    """Printable form of untrusted text: no terminal control sequences."""
    return _CONTROL.sub("", str(text))


def _heading(title: str, count: int | None = None) -> list[str]:
    label = f"{title} ({count})" if count is not None else title
    return ["", label, "-" * len(label)]


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(safe(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def metadata_section(article: Article) -> list[str]:
    m = article.metadata
    rows = [
        ("Headline", m.headline), ("Section", m.section), ("Labels", ", ".join(m.labels) or None),
        ("Authors", ", ".join(m.authors) or None), ("Dateline", m.dateline),
        ("Published", f"{m.published} ({m.published_source})" if m.published else "unknown"),
        ("Publisher", m.publisher), ("URL", m.url), ("Language", m.language), ("Source", article.source),
    ]
    lines = _heading("Article")
    lines += [f"  {name:<10} {safe(value)}" for name, value in rows if value]
    lines.append(f"  {'Body':<10} {len(article.body):,} characters, {len(article.body.split()):,} words; "
                 f"{len(article.removed)} lines removed as page furniture")
    lines += [f"  warning: {safe(w)}" for w in article.warnings]
    return lines


def entities_section(article: Article) -> list[str]:
    lines = _heading("Entities", len(article.entities))
    for e in article.entities:
        extra = f" — {safe(e.role)}" if e.role else ""
        aliases = f"  aka {', '.join(safe(a) for a in e.aliases)}" if e.aliases else ""
        lines.append(f"  {e.type:<7} {safe(e.name)}{extra} [{len(e.mentions)}×]{aliases}")
    return lines


def quotes_section(article: Article) -> list[str]:
    """Statements first; beliefs, perceptions, intentions, evidence and the rest after, each with its act."""
    statements = [q for q in article.quotes if q.act == "statement"]
    others = [q for q in article.quotes if q.act != "statement"]
    lines = _heading("Statements", len(statements)) if statements or not others else []
    lines += [_quote_line(q) for q in statements]
    if others:
        lines += _heading("Other attributions", len(others))
        lines += [_quote_line(q, show_act=True) for q in others]
    return lines


def _quote_line(q: Quote, show_act: bool = False) -> str:
    who = q.speaker.name or q.speaker.text if q.speaker else "(no source named)"
    if q.speaker and q.speaker.resolved_from:
        who = f"{q.speaker.resolved_from} → {who}"
    anon = " (anonymous)" if q.speaker and q.speaker.anonymous else ""
    cue = f" [{safe(q.cue.text)}]" if q.cue else ""
    nested = f" (within {q.nested_in})" if q.nested_in else ""
    act = f" {q.act}:" if show_act else ""
    return f"  {q.id:<4} {q.kind:<8}{act} {safe(who)}{anon}{cue}{nested}: “{_short(q.text)}”"


def sourcing_section(article: Article) -> list[str]:
    s = article.sourcing
    lines = _heading("Sourcing")
    summary = s.summary
    lines.append(f"  named sources: {', '.join(safe(n) for n in summary.named_sources) or 'none'}; "
                 f"anonymous: {summary.anonymous_count}; share of quoted words from anonymous sources: "
                 f"{summary.anonymous_quoted_share:.0%}")
    for g in s.groups:
        count = f"{g.count} " if g.count is not None else ""
        lines.append(f"  group: {count}{safe(g.descriptor)}" + (" (anonymous)" if g.anonymous else "")
                     + (f" — {safe(g.reason)}" if g.reason else ""))
    for n in s.no_response:
        lines.append(f"  {n.kind.replace('_', ' ')}: {safe(n.who)} — “{_short(n.text, 70)}”")
    return lines


def timeline_section(article: Article) -> list[str]:
    lines = _heading("Time expressions", len(article.timexes))
    for t in article.timexes:
        value = t.value or ("unresolved (relative; no publication date)" if t.relative else "unresolved")
        lines.append(f"  {t.id:<4} {t.type:<8} {safe(t.text)!s:<28} {safe(value)}{' ' + t.mod if t.mod else ''}")
    if article.timeline:
        lines += _heading("Timeline", len(article.timeline))
        for entry in article.timeline:  # in words ("late 2026"); the record keeps the TIMEX3 value
            when = entry.label or (entry.value + (f" ({entry.mod})" if entry.mod else ""))
            lines.append(f"  {safe(when)}: {_short(entry.clause.text)}")
    return lines


def _number(value: float | None) -> str:
    return "?" if value is None else f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def _amount(q) -> str:  # type: ignore[no-untyped-def]
    """ "2,500", "≈2,500", "200–999", "≥40", "1/3 of"."""
    if q.kind == "fraction":
        return f"{q.value:.2f} of"
    mark = {"approximate": "≈", "at_least": "≥", "at_most": "≤"}.get(q.qualifier, "")
    if q.value is not None:
        return f"{mark}{_number(q.value)}"
    if q.value_max is None or q.qualifier == "at_least":
        return f"≥{_number(q.value_min)}"
    return f"{_number(q.value_min)}–{_number(q.value_max)}"


def quantities_section(article: Article) -> list[str]:
    lines = _heading("Counts", len(article.quantities))
    for q in article.quantities:
        parts = [_amount(q), safe(q.what or "")]
        if q.where:
            parts.append(f"in {safe(q.where)}")
        if q.event:
            parts.append(f"[{safe(q.event)}]")
        lines.append(f"  {' '.join(p for p in parts if p)}  ← “{_short(q.text, 50)}”")
    return lines


def places_section(article: Article) -> list[str]:
    """One line per distinct place, with how often and in which forms the text names it."""
    groups: dict[tuple[object, ...], list[Place]] = {}
    for p in article.places:
        groups.setdefault((p.name, p.geonames_id, p.lat, p.lon), []).append(p)
    lines = _heading("Places", len(groups))
    for (name, geonames_id, lat, lon), mentions in groups.items():
        first = mentions[0]
        where = f"{lat:.2f}, {lon:.2f}" if lat is not None and lon is not None else "not geocoded"
        notes = ["approximate"] if first.approximate else []
        government = sum(1 for m in mentions if m.metonymy)
        notes += [f"{government}× as a government"] if government else []
        forms = sorted({m.text for m in mentions} - {str(name)})
        notes += [f"as {', '.join(safe(f) for f in forms)}"] if forms else []
        ident = f"geonames:{geonames_id}" if geonames_id else ""
        lines.append(f"  {safe(name):<24} {first.country or '':<3} {where:<16} [{len(mentions)}×] {ident}"
                     + (f"  ({'; '.join(notes)})" if notes else ""))
    return lines


def commitments_section(article: Article) -> list[str]:
    lines = _heading("Commitments", len(article.commitments))
    for c in article.commitments:
        due = c.deadline and f"by {c.deadline}" or c.until and f"until {c.until}" or "undated"
        due += f" ({c.due_date})" if c.due_date else ""
        who = f"{safe(c.actor)}: " if c.actor else ""
        notes = [c.modality] + (["negative"] if c.polarity == "negative" else [])
        notes += [f"hedge: {c.hedge}"] if c.hedge else []
        notes += [f"per {c.source}" + (" (anonymous)" if c.source_anonymous else "")] if c.source else []
        notes += [f"quote {c.quote_id}"] if c.quote_id else []
        status = f" [{c.status}]" if c.status else ""
        lines.append(f"  {safe(due):<26} {who}{_short(c.what, 70)} ({safe(', '.join(notes))}){status}")
    return lines


SECTIONS: tuple[tuple[str, Callable[[Article], list[str]]], ...] = (
    ("metadata", metadata_section),
    ("entities", entities_section),
    ("quotes", quotes_section),
    ("sourcing", sourcing_section),
    ("timexes", timeline_section),
    ("quantities", quantities_section),
    ("places", places_section),
    ("commitments", commitments_section),
)


def render_text(article: Article, body_preview: int = 300) -> str:
    """A readable report: metadata, then one section per extractor that found something."""
    title = safe(article.metadata.headline or article.source)
    lines = [title, "=" * min(WIDTH, len(title))]
    for _name, section in SECTIONS:
        lines += section(article)
    lines += _heading("Body (start)")
    lines += textwrap.wrap(safe(article.body[:body_preview]) + ("…" if len(article.body) > body_preview else ""),
                           WIDTH, initial_indent="  ", subsequent_indent="  ")
    return "\n".join(lines) + "\n"
