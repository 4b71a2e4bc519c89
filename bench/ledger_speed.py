"""Ledger update time after one more article, on a store of N articles (issue #18: under 1 s at 5,000).

The store holds the gold's articles, filler articles from ../shared/data (extracted once, cached by
ledger_corpus.py) and, to reach N, copies of those with a new id and a publication date moved by
whole years (so they are new articles to the ledger, not exact copies). The ledger is built over the
store, then one held-back gold article is stored and ``newsgraph.ledger.store.update`` timed.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ledger_corpus import gold_articles

from newsgraph.ledger.store import rebuild, update
from newsgraph.records import Article
from newsgraph.store.duckdb import Store


def _shifted(article: Article, n: int) -> Article:
    copy = article.model_copy(deep=True)
    copy.id = f"{article.id[:20]}-{n}"
    published = copy.metadata.published or date(2020, 1, 1)
    try:
        copy.metadata.published = published.replace(year=published.year - 3 * n)
    except ValueError:
        copy.metadata.published = published.replace(year=published.year - 3 * n, day=28)
    return copy


def speed(total: int, filler: Callable[[int], list[Article]], distinct: int = 1600) -> None:
    gold = gold_articles()
    held = gold.pop("iq-el-neises-1112")
    base = list(gold.values()) + filler(min(distinct, max(0, total - len(gold) - 1)))
    articles = list(base)
    n = 1
    while len(articles) < total - 1:
        articles += [_shifted(a, n) for a in base[: total - 1 - len(articles)]]
        n += 1
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "speed.duckdb")
        with Store(db) as store:
            for i in range(0, len(articles), 500):
                store.write_batch(articles[i:i + 500])
        clock = time.perf_counter()
        entries = rebuild(db)
        built = time.perf_counter() - clock
        with Store(db) as store:
            store.write_batch([held])
        clock, cpu = time.perf_counter(), time.process_time()
        touched = update(db)
        wall, cpu = time.perf_counter() - clock, time.process_time() - cpu
        print(f"store: {len(articles) + 1} articles ({len(base)} distinct texts), {entries} ledger entries; "
              f"full build {built:.1f} s")
        print(f"update after one more article: {wall:.3f} s wall, {cpu:.3f} s CPU ({touched} entries rewritten)")
