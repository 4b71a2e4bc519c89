"""The article body as HTML with every extracted fact marked at its character offsets.

Facts overlap and may cross (a quote holds entities; a commitment shares words with a quote), so
the body is cut at every fact boundary and each piece is one ``<mark>`` listing the facts that
cover it. Every piece of article text is escaped on its own; nothing from the article is trusted.

A fact list links to the fact's anchor (``#quote-q1``); the page's own stylesheet (``fact_targets_css``,
served per article, as no inline style is allowed) outlines every piece of that fact, so the outlined
text is exactly the fact's characters. Each piece lists the facts over it by number (``data-facts``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

from newsgraph.records import Article

KINDS = ("quote", "speaker", "cue", "entity", "source", "timex", "quantity", "place", "commitment", "ledger")


@dataclass(frozen=True)
class Fact:
    kind: str  # one of KINDS: the CSS class k-<kind>
    start: int
    end: int
    anchor: str  # HTML id of the fact's first character, linked from the fact lists
    label: str  # shown on hover


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    facts: tuple[Fact, ...]


def _quote_facts(article: Article) -> Iterator[Fact]:
    for quote in article.quotes:
        speaker = quote.speaker.name or quote.speaker.text if quote.speaker else "unattributed"
        yield Fact("quote", quote.start, quote.end, f"quote-{quote.id}", f"{quote.kind} quote {quote.id}: {speaker}")
        if quote.speaker:
            yield Fact("speaker", quote.speaker.start, quote.speaker.end, f"speaker-{quote.id}",
                       f"speaker of {quote.id}: {speaker}")
        if quote.cue:
            yield Fact("cue", quote.cue.start, quote.cue.end, f"cue-{quote.id}", f"cue of {quote.id}")


def _entity_facts(article: Article) -> Iterator[Fact]:
    for entity in article.entities:
        role = f" — {entity.role}" if entity.role else ""
        for i, mention in enumerate(entity.mentions):
            anchor = f"entity-{entity.id}" if i == 0 else f"entity-{entity.id}-{i}"
            yield Fact("entity", mention.start, mention.end, anchor, f"{entity.type} {entity.name}{role}")


def _other_facts(article: Article) -> Iterator[Fact]:
    for i, group in enumerate(article.sourcing.groups):
        yield Fact("source", group.start, group.end, f"source-{i}",
                   f"source: {group.descriptor}{' (anonymous)' if group.anonymous else ''}")
    for i, refusal in enumerate(article.sourcing.no_response):
        yield Fact("source", refusal.start, refusal.end, f"noresponse-{i}", f"no response: {refusal.who}")
    for timex in article.timexes:
        yield Fact("timex", timex.start, timex.end, f"timex-{timex.id}", f"{timex.type} {timex.value or '?'}")
    for i, quantity in enumerate(article.quantities):
        yield Fact("quantity", quantity.start, quantity.end, f"quantity-{i}",
                   f"count {quantity.value if quantity.value is not None else '?'} {quantity.what or ''}".strip())
    for i, place in enumerate(article.places):
        yield Fact("place", place.start, place.end, f"place-{i}", f"place {place.name} {place.country or ''}".strip())
    for i, commitment in enumerate(article.commitments):
        due = f" by {commitment.due_date}" if commitment.due_date else ""
        yield Fact("commitment", commitment.start, commitment.end, f"commitment-{i}",
                   f"commitment ({commitment.modality}){due}: {commitment.what}")


def article_facts(article: Article) -> list[Fact]:
    """Every fact of the article with a usable span (offsets inside the body, not empty)."""
    size = len(article.body)
    facts = [*_quote_facts(article), *_entity_facts(article), *_other_facts(article)]
    return [f for f in facts if 0 <= f.start < f.end <= size]


def segments(size: int, facts: list[Fact]) -> list[Segment]:
    """Cut [0, size) at every fact boundary; each piece carries the facts covering it."""
    cuts = sorted({0, size, *(f.start for f in facts), *(f.end for f in facts)})
    by_start = sorted(facts, key=lambda f: (f.start, -f.end, KINDS.index(f.kind)))
    active: list[Fact] = []
    pieces: list[Segment] = []
    next_fact = 0
    for start, end in zip(cuts, cuts[1:]):
        active = [f for f in active if f.end > start]
        while next_fact < len(by_start) and by_start[next_fact].start == start:
            active.append(by_start[next_fact])
            next_fact += 1
        pieces.append(Segment(start, end, tuple(active)))
    return pieces


def _render(body: str, piece: Segment, number: dict[int, int]) -> str:
    text = escape(body[piece.start:piece.end])
    if not piece.facts:
        return str(text)
    anchors = "".join(f'<a class="anchor" id="{escape(f.anchor)}"></a>' for f in piece.facts if f.start == piece.start)
    classes = " ".join(dict.fromkeys(f"k-{f.kind}" for f in piece.facts))
    numbers = " ".join(str(number[id(f)]) for f in piece.facts)
    title = escape("\n".join(f.label for f in piece.facts))
    return (f'{anchors}<mark class="{classes}" data-start="{piece.start}" data-end="{piece.end}" '
            f'data-facts="{numbers}" title="{title}">{text}</mark>')


def highlight(article: Article, mark: tuple[int, int] | None = None) -> Markup:
    """The body as safe HTML: plain text escaped, facts marked (keep it in a pre-wrap block); ``mark``:
    characters a ledger page points at, anchored as ``#ledger-mark``."""
    facts = article_facts(article)
    if mark and 0 <= mark[0] < mark[1] <= len(article.body):
        facts.append(Fact("ledger", mark[0], mark[1], "ledger-mark", "the characters a ledger or story page points at"))
    number = {id(f): i for i, f in enumerate(facts)}
    pieces = segments(len(article.body), facts)
    return Markup("".join(_render(article.body, piece, number) for piece in pieces))


def _css_string(text: str) -> str:
    """A CSS string literal: every character outside [A-Za-z0-9 _-] written as a hex escape."""
    return '"' + "".join(c if c.isascii() and (c.isalnum() or c in " _-") else f"\\{ord(c):x} " for c in text) + '"'


def fact_targets_css(article: Article) -> str:
    """The article page's stylesheet: the fact a link leads to (its anchor is the :target) is outlined
    on all its pieces. Anchors precede their fact's pieces in the body, hence the sibling selector."""
    facts = article_facts(article)
    first = {f.anchor: i for i, f in reversed(list(enumerate(facts)))}  # an anchor names its first fact
    selectors = [f'.body > .anchor[id={_css_string(anchor)}]:target ~ mark[data-facts~="{i}"]'
                 for anchor, i in sorted(first.items(), key=lambda item: item[1])]
    if not selectors:
        return "/* no facts */\n"
    return ",\n".join(selectors) + " { outline: 2px solid #e67e22; outline-offset: 0; }\n"
