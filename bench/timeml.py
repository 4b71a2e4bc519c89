"""Read TimeML 1.2 (.tml) files: the plain text of <TEXT>, its gold TIMEX3 spans and the DCT."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.S)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass
class TimeMLDoc:
    name: str
    text: str
    dct: date | None
    timexes: list[GoldTimex] = field(default_factory=list)


def _attrs(raw: str) -> dict[str, str]:
    return dict(_ATTR.findall(raw))


def _dct(source: str) -> date | None:
    match = _DCT.search(source)
    if not match:
        return None
    value = _attrs(match.group(1)).get("value", "")
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_tml(path: Path) -> TimeMLDoc:
    """Strip every tag from <TEXT>, keeping TIMEX3 extents as offsets into the plain text."""
    source = path.read_text(encoding="utf-8")
    body = _TEXT.search(source)
    content = body.group(1) if body else ""
    parts: list[str] = []
    length = 0
    timexes: list[GoldTimex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for tag in _TAG.finditer(content):
        piece = html.unescape(content[pos:tag.start()])
        parts.append(piece)
        length += len(piece)
        pos = tag.end()
        closing, name, raw = tag.group(1), tag.group(2), tag.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, _attrs(raw))
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(parts)
            timexes.append(GoldTimex(start, length, text[start:length], attrs.get("type", ""),
                                     attrs.get("value", ""), attrs.get("mod")))
            open_timex = None
    parts.append(html.unescape(content[pos:]))
    return TimeMLDoc(path.stem, "".join(parts), _dct(source), timexes)


def read_corpus(folder: Path) -> list[TimeMLDoc]:
    return [parse_tml(path) for path in sorted(folder.glob("*.tml"))]
