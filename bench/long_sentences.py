"""Run time on one very long sentence: does it grow with the text (about 2x per doubling) or faster?

A hostile or broken page can be one sentence of many kilobytes (no full stop, no line break):
news-like clauses joined by ", and" (``--kind clauses``, with names, dates, counts and quotes for
every extractor to find) or bare words (``--kind words``). Each size runs the whole pipeline once
(read, clean, spaCy, every extractor; no time budget) and prints the CPU seconds for cleaning,
spaCy and the extractors, their total and its growth factor from the size before, and the wall
seconds (CPU time is what the text costs; wall time also counts other processes on the machine).

    python bench/long_sentences.py [--sizes 10,20,40,80,160] [--big 1000,5000] [--kind clauses|words]

Sizes are in KB (1000 characters). Bodies are cut to 1,000,000 characters (``MAX_BODY_CHARS``), so
a 5,000 KB line is cleaned whole and parsed as its first 1,000 KB. Run it with another checkout's
code (``PYTHONPATH=/path/to/src``) to compare.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

WHO = ("the minister", "Prime Minister Mohammed al-Sudani", "officials in Washington", "a spokesman for the army",
       "two senior diplomats", "the Pentagon", "President Joe Biden", "the United Nations", "residents of Mosul")
VERB = ("said", "told reporters", "announced", "warned", "insisted", "claimed", "added")
WHAT = ("that 2,500 troops would leave Iraq by March 2026", "that the talks had stalled on Monday",
        "\u201cwe will stay until September\u201d", "that about 40 people were killed in Baghdad",
        "that the embassy in Baghdad would close next week", "that $3 billion in aid would be sent by 2025",
        "that the government will hold elections in the spring", "that the bridge near Basra was destroyed")
WORDS = ("troops", "leave", "city", "talks", "the", "minister", "border", "agreed", "plan", "Baghdad", "said", "by")


def long_sentence(chars: int, kind: str = "clauses", seed: int = 0) -> str:
    """One sentence of about ``chars`` characters, ending with its only full stop."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        part = (f"{rng.choice(WHO)} {rng.choice(VERB)} {rng.choice(WHAT)}" if kind == "clauses"
                else rng.choice(WORDS))
        parts.append(part)
        size += len(part) + (6 if kind == "clauses" else 1)
    text = (", and " if kind == "clauses" else " ").join(parts)[:chars]
    return text.rsplit(" ", 1)[0] + "."


def time_one(pipeline, text: str) -> tuple[list[float], float, int]:  # type: ignore[no-untyped-def]
    """CPU seconds to clean, parse and extract one text, the wall seconds, and how many records came out."""
    from newsgraph.ingest import RawDocument

    raw = RawDocument(uri="long-sentence.txt", text=text, content_type="text/plain")
    wall, start = time.perf_counter(), time.process_time()
    article, _ = pipeline.prepare(raw)
    cleaned = time.process_time()
    doc = pipeline.nlp(article.body)
    parsed = time.process_time()
    pipeline.annotate(article, doc)
    done = time.process_time()
    records = sum(len(getattr(article, name)) for name in
                  ("entities", "quotes", "timexes", "quantities", "places", "commitments"))
    return [cleaned - start, parsed - cleaned, done - parsed], time.perf_counter() - wall, records


def main(argv: list[str] | None = None) -> int:
    from newsgraph.options import Options
    from newsgraph.pipeline import Pipeline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,20,40,80,160", help="KB, comma-separated (each about twice the last)")
    parser.add_argument("--big", default="1000,5000", help="KB, comma-separated: lines of a page and more")
    parser.add_argument("--kind", choices=("clauses", "words"), default="clauses")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s] + [int(s) for s in args.big.split(",") if s]
    pipeline = Pipeline(Options(time_budget=0))
    pipeline.warm_up()
    print(f"one sentence of {args.kind}: CPU seconds per stage, growth of the total from the size before "
          "(size ratio after / when not 2), wall seconds")
    print(f"{'KB':>6} {'clean':>7} {'spaCy':>7} {'extract':>8} {'total':>8} {'growth':>9} {'wall':>8} {'records':>8}")
    last: tuple[int, float] | None = None
    for kb in sizes:
        (clean, nlp, extract), wall, records = time_one(pipeline, long_sentence(kb * 1000, args.kind))
        total = clean + nlp + extract
        growth = ""
        if last is not None:
            ratio = kb / last[0]
            growth = f"{total / last[1]:.2f}x" + ("" if ratio == 2 else f"/{ratio:g}")
        print(f"{kb:>6} {clean:>7.2f} {nlp:>7.2f} {extract:>8.2f} {total:>8.2f} {growth:>9} {wall:>8.2f} {records:>8}",
              flush=True)
        last = (kb, total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
