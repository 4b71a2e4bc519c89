"""Linking at scale: candidate pairs as SQL that runs unchanged on DuckDB and on Spark SQL; the pairs are
then judged, and the stories built, by the very functions the local linker uses (``link/stories.py``).

The steps:

1. Per article (Python, in parallel on Spark): its TF-IDF vector as ``rewrites.features`` makes it (the
   word weights are fixed per word by the background corpus, ``rewrites.idf``, so a vector needs no
   other article), its ``rewrites.TOP_WORDS`` heaviest words, and the MinHash band keys of its shingles
   (the MinHash and bands of ``dedup.near_duplicates``' LSH).
2. SQL: **exact copies** are one article already (the id is a hash of the text; the lake keeps each id
   once). **Near-duplicates**: a banded MinHash self-join, articles sharing a band bucket; a bucket
   with more than ``BUCKET_CAP`` members (boilerplate-only pages) pairs each member only with its
   ``BUCKET_WINDOW`` neighbours in id order instead of all with all. **Word candidates**: the local
   linker's blocking (``rewrites.Index``) as a self-join: articles sharing at least
   ``rewrites.MIN_SHARED_TOP`` top words, a word in the top words of more than ``rewrites.MAX_POSTING``
   articles proposing nothing, optionally published within ``WINDOW_DAYS`` days; their cosine is summed
   in SQL from the vectors and must reach ``stories.PAIR_COSINE`` (less a rounding slack).
3. Python (the driver): the articles of the candidate pairs are read whole, their features made with
   one vocabulary, and the cosine recomputed exactly (``rewrites.cosine``). Word candidates at or over
   ``stories.PAIR_COSINE`` and MinHash candidates whose shingle overlap makes a near-duplicate are
   judged by ``stories.judge`` in the store's article order, and ``stories.assemble`` makes the links,
   stories (original, role, reason, tie), event threads and story facts.

So wherever SQL proposes the pairs the local linker's index proposes (always, unless ``WINDOW_DAYS`` is
set, or a near-duplicate is found by MinHash that the index missed), the results are the local
linker's, row for row. The driver holds only the articles that are in some candidate pair.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newsgraph.link import dedup
from newsgraph.link import rewrites as rw
from newsgraph.link import stories as st
from newsgraph.records import Article

BUCKET_CAP = 200
BUCKET_WINDOW = 20
WINDOW_DAYS: int | None = None  # days apart beyond which word candidates are not proposed (None: no window)
COSINE_SLACK = 1e-6  # SQL sums the cosine in another order than rewrites.cosine: the exact test is in Python
_EPOCH = date(1970, 1, 1)


def _bands() -> tuple[int, int]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=dedup.LSH_THRESHOLD, num_perm=dedup.NUM_PERM)
    return lsh.b, lsh.r


def _bucket(values: Any) -> int:
    return int.from_bytes(hashlib.blake2b(values.tobytes(), digest_size=8).digest(), "little", signed=True)


class _Words(rw.Vocabulary):
    """A vocabulary that also keeps its words by id (to write the vectors by word)."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []

    def id(self, word: str) -> int:
        found = self.get(word)
        if found is None:
            found = self[word] = len(self)
            self.words.append(word)
        return found


TABLES = ("docs", "bands", "weights", "top")


def feature_rows(records: Iterable[str]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(table, row) for every article record (its full JSON): runs inside Spark tasks too.

    docs (id, day), bands (id, band, bucket), weights (id, word, weight), top (id, word)."""
    b, r = _bands()
    vocab = _Words()
    for record in records:
        article = Article.model_validate_json(record)
        feats = rw.features(article, vocab)
        published = article.metadata.published
        yield "docs", (article.id, (published - _EPOCH).days if published else None)
        shingles = dedup.shingles(article.body)
        if shingles:
            values = dedup._minhash(shingles).hashvalues
            for band in range(b):
                yield "bands", (article.id, band, _bucket(values[band * r:(band + 1) * r]))
        for word_id, weight in zip(feats.ids.tolist(), feats.weights.tolist(), strict=True):
            yield "weights", (article.id, vocab.words[word_id], weight)
        for word_id in feats.top:
            yield "top", (article.id, vocab.words[word_id])


def near_sql() -> str:
    """Pairs (a < b) sharing a MinHash band bucket."""
    return f"""
WITH sized AS (
  SELECT id, band, bucket,
         count(*) OVER (PARTITION BY band, bucket) AS n,
         row_number() OVER (PARTITION BY band, bucket ORDER BY id) AS r
  FROM bands)
SELECT DISTINCT x.id AS a, y.id AS b
FROM sized x JOIN sized y ON x.band = y.band AND x.bucket = y.bucket AND x.r < y.r
WHERE x.n <= {BUCKET_CAP} OR y.r - x.r <= {BUCKET_WINDOW}
"""


def words_sql() -> str:
    """Pairs (a < b) sharing enough top words (as ``rewrites.Index.pairs``), with cosine ≥ PAIR_COSINE."""
    window = "" if WINDOW_DAYS is None else f"""
  JOIN docs dx ON dx.id = s.a JOIN docs dy ON dy.id = s.b
  WHERE dx.day IS NULL OR dy.day IS NULL OR abs(dx.day - dy.day) <= {int(WINDOW_DAYS)}"""
    return f"""
WITH sized AS (SELECT id, word, count(*) OVER (PARTITION BY word) AS n FROM top),
shared AS (
  SELECT x.id AS a, y.id AS b
  FROM sized x JOIN sized y ON x.word = y.word AND x.id < y.id
  WHERE x.n <= {rw.MAX_POSTING}
  GROUP BY x.id, y.id
  HAVING count(*) >= {rw.MIN_SHARED_TOP}),
pairs AS (SELECT s.a, s.b FROM shared s{window})
SELECT p.a, p.b
FROM pairs p JOIN weights x ON x.id = p.a JOIN weights y ON y.id = p.b AND y.word = x.word
GROUP BY p.a, p.b
HAVING sum(x.weight * y.weight) >= {st.PAIR_COSINE - COSINE_SLACK}
"""


def candidates_sql() -> str:
    """Every candidate pair once: (a, b, proposed by the words, proposed by MinHash)."""
    return f"""
SELECT a, b, max(by_words) AS by_words, max(by_near) AS by_near FROM (
  SELECT a, b, 1 AS by_words, 0 AS by_near FROM ({words_sql()}) w
  UNION ALL
  SELECT a, b, 0 AS by_words, 1 AS by_near FROM ({near_sql()}) n) c
GROUP BY a, b
"""


Candidate = tuple[str, str, bool, bool]  # (a, b, by words, by MinHash)


def link_candidates(records: Iterable[str], candidates: Iterable[Candidate]) -> st.Linked:
    """The links, stories, threads and facts of the candidate pairs, by the local linker's functions;
    ``records`` are the full JSON of (at least) every article in a candidate pair."""
    candidates = list(candidates)
    wanted = {x for a, b, _, _ in candidates for x in (a, b)}
    articles = sorted((a for a in map(Article.model_validate_json, records) if a.id in wanted), key=st.store_order)
    index = {a.id: k for k, a in enumerate(articles)}
    feats = st.features(articles)
    pairs: list[st.Pair] = []
    for a, b, by_words, by_near in candidates:
        i, j = sorted((index[a], index[b]))
        cos = rw.cosine(feats[i], feats[j])
        if (by_words and cos >= st.PAIR_COSINE) or (
                by_near and rw.parts(cos, feats[i], feats[j])["shingles"] >= dedup.NEAR_DUPLICATE):
            pairs.append((i, j, cos))
    pairs.sort()
    return st.assemble(articles, *st.judge(articles, feats, pairs))


@dataclass
class LinkResult:
    links: int = 0
    stories: int = 0
    rows: list[tuple[str, str, str, float]] = field(default_factory=list)
    story_rows: list[tuple[Any, ...]] = field(default_factory=list)
    threads: list[tuple[str, str, float]] = field(default_factory=list)
    facts: list[tuple[Any, ...]] = field(default_factory=list)


def _result(linked: st.Linked) -> LinkResult:
    """Rows in a fixed order, so two engines' results compare equal as lists."""
    rows = sorted((x.a, x.b, x.kind, x.score) for x in linked.links)
    stories = sorted(linked.stories, key=lambda r: (r[0], r[1]))
    return LinkResult(len(rows), len({r[0] for r in stories}), rows, stories, sorted(linked.threads),
                      sorted(linked.facts, key=lambda r: (r[0], r[1], r[4], r[6], r[7])))


ARTICLES_SQL = """
SELECT id, record FROM (
  SELECT id, CAST(record AS STRING) AS record,
         row_number() OVER (PARTITION BY id ORDER BY {order}) AS rn
  FROM {source}) ranked
WHERE rn = 1
"""

_DUCKDB_TYPES = {"docs": "id VARCHAR, day BIGINT", "bands": "id VARCHAR, band BIGINT, bucket BIGINT",
                 "weights": "id VARCHAR, word VARCHAR, weight DOUBLE", "top": "id VARCHAR, word VARCHAR"}


# --- DuckDB -------------------------------------------------------------------------------------
def link_duckdb(con: Any, source: str = "articles", order: str = "id") -> LinkResult:
    """Links over the articles of ``source`` (a table or view with id and record) on a DuckDB connection."""
    import duckdb

    work = duckdb.connect()  # the feature tables live apart from the (maybe read-only) store
    tables: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
    cursor = con.execute(ARTICLES_SQL.format(order=order, source=source))
    while chunk := cursor.fetchmany(5000):
        for table, row in feature_rows(r[1] for r in chunk):
            tables[table].append(row)
    for table, schema in _DUCKDB_TYPES.items():
        work.execute(f"CREATE TABLE {table} ({schema})")
        rows = tables.pop(table)
        if rows:
            columns = [list(c) for c in zip(*rows, strict=True)]
            types = [part.split()[1] for part in schema.split(", ")]
            casts = ", ".join(f"UNNEST(${i + 1}::{t}[])" for i, t in enumerate(types))
            work.execute(f"INSERT INTO {table} SELECT {casts}", columns)
    candidates = [(a, b, bool(w), bool(n)) for a, b, w, n in work.execute(candidates_sql()).fetchall()]
    work.close()
    ids = sorted({x for a, b, _, _ in candidates for x in (a, b)})
    records = [r[1] for r in con.execute(f"SELECT * FROM ({ARTICLES_SQL.format(order=order, source=source)}) "
                                         "WHERE list_contains(?, id)", [ids]).fetchall()] if ids else []
    return _result(link_candidates(records, candidates))


# --- Spark --------------------------------------------------------------------------------------
def link_spark(session: Any, articles: Any) -> LinkResult:
    """Links over a Spark DataFrame of (id, record), with the same SQL as on DuckDB."""
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    features = articles.rdd.mapPartitions(lambda rows: feature_rows(r[1] for r in rows)).cache()
    text, number = StringType(), LongType()
    schemas = {
        "docs": StructType([StructField("id", text), StructField("day", number)]),
        "bands": StructType([StructField("id", text), StructField("band", number), StructField("bucket", number)]),
        "weights": StructType([StructField("id", text), StructField("word", text),
                               StructField("weight", DoubleType())]),
        "top": StructType([StructField("id", text), StructField("word", text)]),
    }
    cached = []
    for table, schema in schemas.items():
        rows = features.filter(lambda kv, t=table: kv[0] == t).map(lambda kv: kv[1])
        frame = session.createDataFrame(rows, schema).cache()  # computed once, then read by every query
        frame.createOrReplaceTempView(table)
        cached.append(frame)
    found = session.sql(candidates_sql()).cache()
    candidates = [(r[0], r[1], bool(r[2]), bool(r[3])) for r in found.collect()]
    records: list[str] = []
    if candidates:
        found.selectExpr("a AS id").union(found.selectExpr("b AS id")).distinct().createOrReplaceTempView("_wanted")
        articles.createOrReplaceTempView("_articles")
        records = [r[0] for r in session.sql("SELECT x.record FROM _articles x "
                                             "LEFT SEMI JOIN _wanted w ON x.id = w.id").collect()]
    for frame in [*cached, found]:
        frame.unpersist()
    features.unpersist()
    return _result(link_candidates(records, candidates))


def lake_articles(session: Any, lake_dir: str) -> Any:
    """The lake's articles (each id once, its first source) as a Spark DataFrame of (id, record)."""
    from newsgraph.store import lake

    parts = lake.done_parts(lake_dir)
    files = [str(Path(lake_dir) / "articles" / f"{p}-{c:05d}.parquet") for p, m in parts.items()
             for c in range(m["chunks"])]
    raw = session.read.parquet(*files)
    raw.createOrReplaceTempView("_raw_articles")
    return session.sql(ARTICLES_SQL.format(order=f"{lake.UNIT}, {lake.POS}", source="_raw_articles"))


def link_at_scale(db: str, engine: str = "duckdb", master: str = "local[2]") -> LinkResult:
    """Link a DuckDB store or a lake folder with the SQL candidates on DuckDB or Spark; the links,
    stories, event threads and story facts replace the old ones (in the store, or as the lake's
    datasets). A lake's commitment ledger is built too when it does not cover every unit yet."""
    from newsgraph.store import lake
    from newsgraph.store.duckdb import Store, open_for_reading, open_for_writing

    is_lake = lake.is_lake(db)
    if engine == "spark":
        from newsgraph.engine.spark import spark_session

        session = spark_session(master, "newsgraph-link")
        if is_lake:
            articles = lake_articles(session, db)
        else:
            with open_for_reading(db) as store:
                _, rows = store.query("SELECT id, CAST(record AS STRING) FROM articles")
            articles = session.createDataFrame(rows, "id string, record string")
        result = link_spark(session, articles)
    else:
        with (open_for_reading(db) if is_lake else open_for_writing(db)) as store:
            result = link_duckdb(store.con)
    if is_lake:
        lake.write_links(db, result.rows, result.story_rows, result.threads, result.facts,
                         list(lake.done_parts(db)))
        if lake.ledger_stale(db):
            from newsgraph.ledger.store import build_lake

            build_lake(db)
    else:
        with Store(db) as store:
            store.replace_links(result.rows, result.story_rows, result.threads, result.facts)
    return result

