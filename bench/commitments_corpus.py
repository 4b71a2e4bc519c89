"""The articles the commitments/counts gold is drawn from: PolNeAR dev and TempEval-3.

Texts stay in ``../shared/data``; the gold in ``bench/gold`` holds ids, character offsets and
short excerpts only. Offsets index the text returned by :func:`load_text`.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from datetime import date
from html import unescape
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / ".." / "shared" / "data"
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Doc:
    corpus: str  # "polnear" or "tempeval3"
    id: str  # file stem (PolNeAR) or "TimeBank/<stem>" / "AQUAINT/<stem>"
    text: str
    reference: date | None


def _tml(path: Path) -> tuple[str, date | None]:
    raw = path.read_text("utf-8")
    match = _TEXT.search(raw)
    text = unescape(_TAG.sub("", match.group(1))) if match else ""
    dct = _DCT.search(raw)
    return text.strip("\n"), date.fromisoformat(dct.group(1)) if dct else None


@functools.cache
def _polnear_dates(data: Path) -> dict[str, date]:
    with (data / "polnear" / "metadata.tsv").open(encoding="utf-8") as handle:
        return {row["filename"]: date.fromisoformat(row["publication_date"])
                for row in csv.DictReader(handle, delimiter="\t") if row["publication_date"]}


def load_text(corpus: str, doc_id: str, data: Path = DATA) -> Doc:
    """One article's text and reference date."""
    if corpus == "tempeval3":
        text, dct = _tml(data / "tempeval3" / f"{doc_id}.tml")
        return Doc(corpus, doc_id, text, dct)
    text = (data / "polnear" / "dev" / "text" / f"{doc_id}.txt").read_text("utf-8")
    return Doc(corpus, doc_id, text, _polnear_dates(data).get(doc_id))


def selection(data: Path = DATA) -> list[tuple[str, str]]:
    """The 40 gold articles: every other mid-length PolNeAR dev text, every n-th TempEval-3 one.

    Mid-length (900–4,000 characters) keeps hand annotation feasible; the stride takes articles
    across the whole sorted list, so no topic or outlet is picked by hand.
    """
    polnear = sorted(p.stem for p in (data / "polnear" / "dev" / "text").glob("*.txt")
                     if 900 <= p.stat().st_size <= 4000)[::2][:20]
    picked = [("polnear", stem) for stem in polnear]
    for sub in ("TimeBank", "AQUAINT"):
        stems = sorted(p.stem for p in (data / "tempeval3" / sub).glob("*.tml")
                       if 900 <= len(_tml(p)[0]) <= 3500)
        stride = max(1, len(stems) // 10)
        picked += [("tempeval3", f"{sub}/{stem}") for stem in stems[::stride][:10]]
    return picked
