"""How a TimeML corpus annotates the cases where TimeBank and AQUAINT differ: counts from the gold.

For each convention, the gold TIMEX3s are sorted into the TimeML reading (what newsgraph does) and
the other one, so a report can say with numbers where a rule that fits one corpus costs on the other.

    python bench/timex_conventions.py --corpus TimeBank
    python bench/timex_conventions.py --corpus AQUAINT --half even
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timeml import TimeMLDoc, read_corpus  # noqa: E402

DATA = Path("../shared/data/tempeval3")
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
POD = r"(?:morning|afternoon|evening|night)"
QUANT = r"(?:about|nearly|almost|around|approximately|roughly|more than|less than|at least|up to|some)"
UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|quarters?)"


def _before(doc: TimeMLDoc, start: int, width: int = 20) -> str:
    return doc.text[max(0, start - width):start]


def _part_of_day(doc: TimeMLDoc, counts: Counter[str]) -> None:
    """'Friday night': TimeML TIME with the part of day in the value (2000-01-07TNI), or a DATE."""
    for g in doc.timexes:
        word_inside = re.search(rf"(?i)\b{POD}\b|tonight", g.text)
        word_after = re.match(rf"\s+{POD}\b", doc.text[g.end:g.end + 12])
        if not (word_inside or (word_after and re.fullmatch(rf"(?i){WEEKDAY}|yesterday|today|tomorrow", g.text))):
            continue
        pod_value = bool(re.search(r"T(MO|AF|EV|NI)$", g.value))
        if g.type == "TIME" and pod_value:
            counts["part of day: TIME with the part in the value (TimeML)"] += 1
        else:
            where = "" if word_inside else ", the part-of-day word left outside"
            counts[f"part of day: {g.type}{' with' if pod_value else ' without'} the part in the value{where}"] += 1


def _prefix(doc: TimeMLDoc, counts: Counter[str], label: str, word: str, head: str) -> None:
    """A modifier word before an expression: inside the extent (TimeML) or left out."""
    for g in doc.timexes:
        if re.match(rf"(?i){word}\s+{head}", g.text):
            counts[f"{label}: inside the extent (TimeML)"] += 1
        elif re.match(rf"(?i){head}", g.text) and re.search(rf"(?i)\b{word}\s+$", _before(doc, g.start)):
            counts[f"{label}: left outside"] += 1


def _weeks(doc: TimeMLDoc, counts: Counter[str]) -> None:
    """'last week', 'this week', 'next week': TimeML writes the ISO week (1998-W52)."""
    for g in doc.timexes:
        if re.fullmatch(r"(?i)(?:last|this|next)\s+week", g.text):
            shape = re.sub(r"\d", "9", g.value)
            counts[f"last/this/next week: {'ISO week (TimeML)' if shape == '9999-W99' else shape}"] += 1


def _datelines(doc: TimeMLDoc, counts: Counter[str]) -> None:
    starts = {g.start for g in doc.timexes}
    for m in re.finditer(r"(?m)^\s*[A-Z][A-Z .'-]+,\s+(\w+\.? \d+)\s*(?:\(|_|--)", doc.text):
        counts["dateline date: " + ("marked (TimeML)" if m.start(1) in starts else "not marked")] += 1


def _set_words(doc: TimeMLDoc, counts: Counter[str]) -> None:
    """'his weekly address', 'daily volume': a set word before a noun, marked (SET) or not, with or
    without a determiner or possessive just before it."""
    for m in re.finditer(r"(?i)\b(?:daily|weekly|monthly|hourly|nightly|yearly)\b(?=\s+[a-z])", doc.text):
        marked = any(g.start <= m.start() < g.end for g in doc.timexes)
        det = bool(re.search(r"(?i)\b(?:the|a|an|his|her|its|their|our|my|your|this|that)\s+$|'s?\s+$",
                             _before(doc, m.start())))
        counts[f"set word before a noun, {'after a determiner' if det else 'bare'}: "
               f"{'marked' if marked else 'not marked'}"] += 1


def _stretches(doc: TimeMLDoc, counts: Counter[str]) -> None:
    """'in the weeks before the shooting': marked, and as what."""
    for m in re.finditer(r"(?i)(?<=\bthe )(?:day|week|month)s(?=\s+(?:before|after|leading up to|following)\s)",
                         doc.text):
        gold = next((g for g in doc.timexes if g.start <= m.start() < g.end), None)
        counts["'the days/weeks before X': " + (f"marked {gold.type}" if gold else "not marked")] += 1


def conventions(docs: list[TimeMLDoc]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for doc in docs:
        _part_of_day(doc, counts)
        _prefix(doc, counts, "quantity word before a duration", QUANT, rf"(?:\S+\s+){{0,3}}{UNIT}\b")
        _prefix(doc, counts, "'the' before past/last/next N units", "the",
                rf"(?:past|last|next|previous|coming|first)\s+(?:\S+\s+){{0,2}}{UNIT}$")
        _prefix(doc, counts, "earlier/later/early/late before a weekday or yesterday/today",
                "(?:earlier|later|early|late)", rf"(?:{WEEKDAY}|yesterday|today|tomorrow)")
        _prefix(doc, counts, "earlier/later before this week/month/year", "(?:earlier|later)",
                r"this\s+(?:week|month|year)\b")
        _weeks(doc, counts)
        _datelines(doc, counts)
        _set_words(doc, counts)
        _stretches(doc, counts)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--corpus", choices=("TimeBank", "AQUAINT"), required=True)
    parser.add_argument("--half", choices=("even", "odd"))
    args = parser.parse_args(argv)
    docs = read_corpus(args.data / args.corpus)
    docs = docs[{"even": 0, "odd": 1}[args.half]::2] if args.half else docs
    for name, count in sorted(conventions(docs).items()):
        print(f"{count:5d}  {name}")


if __name__ == "__main__":
    main()
