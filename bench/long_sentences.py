"""Run time on one very long sentence: does it grow with the text (about 2x per doubling) or faster?

A hostile or broken page can be one sentence of many kilobytes (no full stop, no line break):
news-like clauses joined by ", and" (``--kind clauses``, with names, dates, counts and quotes for
every extractor to find) or bare words (``--kind words``). For comparison, ``--kind articles`` is a
long text of normal sentences: the gold-set articles one after another, given to spaCy and the
extractors as the body (the cleaner would stop at the first article's end). Each size runs the whole pipeline once
(read, clean, spaCy, every extractor; no time budget) and prints the CPU seconds for cleaning,
spaCy and the extractors, their total and its growth factor from the size before, and the wall
seconds (CPU time is what the text costs; wall time also counts other processes on the machine).

    python bench/long_sentences.py [--sizes 10,20,40,80,160] [--big 1000,5000] [--kind clauses|words]
    python bench/long_sentences.py --stretches

``--stretches`` prints instead, for the repo's texts and the data sets in ``../shared/data``, the
longest stretch of tokens with no sentence end (what the sentence cap, ``MAX_TOKENS``, is set
against: a text with no longer stretch is parsed exactly as before).

Sizes are in KB (1000 characters). Bodies are cut to 1,000,000 characters (``MAX_BODY_CHARS``), so
a 5,000 KB line is cleaned whole and parsed as its first 1,000 KB. Run it with another checkout's
code (``PYTHONPATH=/path/to/src``) to compare.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"

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


def articles(chars: int) -> str:
    """The gold-set articles of the repo, one after another, to about ``chars`` characters."""
    sys.path.insert(0, str(ROOT / "bench"))
    from nlp_equivalence import repo_texts

    parts: list[str] = []
    for text in repo_texts()[1:]:  # the first is the sample page, furniture and all
        if sum(map(len, parts)) >= chars:
            break
        parts.append(text.strip() + "\n\n")
    return "".join(parts)[:chars]


def time_one(pipeline, text: str, clean: bool = True) -> tuple[list[float], float, int]:  # type: ignore[no-untyped-def]
    """CPU seconds to clean, parse and extract one text, the wall seconds, and how many records came out."""
    from newsgraph.ingest import RawDocument
    from newsgraph.records import Article

    raw = RawDocument(uri="long-sentence.txt", text=text, content_type="text/plain")
    wall, start = time.perf_counter(), time.process_time()
    article = pipeline.prepare(raw)[0] if clean else Article(id="long", source=raw.uri, body=text)
    cleaned = time.process_time()
    doc = pipeline.nlp(article.body)
    parsed = time.process_time()
    pipeline.annotate(article, doc)
    done = time.process_time()
    records = sum(len(getattr(article, name)) for name in
                  ("entities", "quotes", "timexes", "quantities", "places", "commitments"))
    return [cleaned - start, parsed - cleaned, done - parsed], time.perf_counter() - wall, records


def corpora() -> dict[str, list[str]]:
    """Texts by source: the repo's (sample and gold sets), aeb bodies, PolNEAR articles, wcxb pages."""
    sys.path.insert(0, str(ROOT / "bench"))
    from nlp_equivalence import aeb_texts, repo_texts

    folders = [DATA / "polnear" / split / "text" for split in ("train", "dev")]
    polnear = [p.read_text("utf-8") for folder in folders for p in sorted(folder.glob("*.txt"))]
    with gzip.open(DATA / "wcxb" / "dev.jsonl.gz", "rt", encoding="utf-8") as handle:
        wcxb = [t for t in (json.loads(line).get("truth") or "" for line in handle) if t]
    return {"repo": repo_texts(), "aeb": aeb_texts(), "polnear": polnear, "wcxb": wcxb}


def print_stretches() -> None:
    import numpy
    from spacy.attrs import IS_SPACE, ORTH

    from newsgraph.nlp import load_stock_model
    from newsgraph.nlp.sentences import _END_IDS, MAX_TOKENS

    tokenizer = load_stock_model().tokenizer
    for name, texts in corpora().items():
        longest = []
        for doc in tokenizer.pipe(texts):
            rows = doc.to_array([ORTH, IS_SPACE]).reshape(-1, 2)
            ends = numpy.flatnonzero(numpy.isin(rows[:, 0], _END_IDS) | rows[:, 1].astype(bool))
            longest.append(int(numpy.diff(numpy.concatenate(([0], ends + 1, [len(doc)]))).max()))
        longest.sort()
        print(f"{name}: {len(texts)} texts, longest stretches with no sentence end (tokens): {longest[-3:]}, "
              f"over the cap of {MAX_TOKENS}: {sum(n > MAX_TOKENS for n in longest)}")


def main(argv: list[str] | None = None) -> int:
    from newsgraph.options import Options
    from newsgraph.pipeline import Pipeline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,20,40,80,160", help="KB, comma-separated (each about twice the last)")
    parser.add_argument("--big", default="1000,5000", help="KB, comma-separated: lines of a page and more")
    parser.add_argument("--kind", choices=("clauses", "words", "articles"), default="clauses")
    parser.add_argument("--stretches", action="store_true", help="longest stretch with no sentence end per data set")
    args = parser.parse_args(argv)
    if args.stretches:
        print_stretches()
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s] + [int(s) for s in args.big.split(",") if s]
    pipeline = Pipeline(Options(time_budget=0))
    pipeline.warm_up()
    what = args.kind if args.kind == "articles" else f"one sentence of {args.kind}"
    print(f"{what}: CPU seconds per stage, growth of the total from the size before "
          "(size ratio after / when not 2), wall seconds")
    print(f"{'KB':>6} {'clean':>7} {'spaCy':>7} {'extract':>8} {'total':>8} {'growth':>9} {'wall':>8} {'records':>8}")
    last: tuple[int, float] | None = None
    for kb in sizes:
        text = articles(kb * 1000) if args.kind == "articles" else long_sentence(kb * 1000, args.kind)
        (clean, nlp, extract), wall, records = time_one(pipeline, text, clean=args.kind != "articles")
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
