"""Linking at scale: candidate pairs as SQL that runs unchanged on DuckDB and on Spark SQL.

The steps, each with the same code on both engines:

1. Per article (Python, in parallel on Spark): the features the existing scorer uses
   (``rewrites.features``, ``rewrites.outlet``), the MinHash band keys of its shingles (the same
   MinHash and the same bands as ``dedup.near_duplicates``' LSH), and its content-word counts.
2. SQL: **exact copies** are one article already (the id is a hash of the text; the lake keeps each id
   once). **Near-duplicates**: a banded MinHash self-join, articles sharing a band bucket; a bucket
   with more than ``BUCKET_CAP`` members (boilerplate-only pages) pairs each member only with its
   ``BUCKET_WINDOW`` neighbours in id order instead of all with all. **Rewrite candidates**: articles
   sharing a blocking key (a named entity, a figure, or one of their ``TOP_WORDS`` heaviest TF-IDF
   words; keys held by more than ``MAX_BLOCK`` articles are dropped) from different outlets,
   published within ``WINDOW_DAYS`` days of each other; their TF-IDF cosine is computed in SQL (the
   same smoothed, sublinear weights as ``rewrites._tfidf``).
3. Python: near-duplicate candidates are confirmed by the exact shingle overlap (``dedup.overlap``)
   and rewrite candidates scored by ``rewrites.score``, with the same thresholds as the local linker.
4. Stories are the connected components of the links (``stories.connected_groups``), the earliest
   article the original.

Floating-point sums may differ in their last bits between engines; cosines are rounded to 9 places
before scoring, so both engines give the same links.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date
from pathlib import Path
from typing import Any

from newsgraph.link import dedup, rewrites
from newsgraph.link.stories import connected_groups
from newsgraph.records import Article

BUCKET_CAP = 200
BUCKET_WINDOW = 20
TOP_WORDS = 8
MAX_BLOCK = 500
WINDOW_DAYS = 7
_EPOCH = date(1970, 1, 1)


def _bands() -> tuple[int, int]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=dedup.LSH_THRESHOLD, num_perm=dedup.NUM_PERM)
    return lsh.b, lsh.r


def _bucket(values: Any) -> int:
    return int.from_bytes(hashlib.blake2b(values.tobytes(), digest_size=8).digest(), "little", signed=True)


@dataclass(frozen=True)
class Tables:
    """Feature rows of a set of articles, one list per SQL table."""

    docs: list[tuple[Any, ...]]  # (id, outlet, day, published, fetched_at, body, feats JSON)
    bands: list[tuple[str, int, int]]  # (id, band, bucket)
    terms: list[tuple[str, str, int]]  # (id, word, count)
    keys: list[tuple[str, str]]  # (id, blocking key)


DOC_COLUMNS = ("id", "outlet", "day", "published", "fetched_at", "body", "feats")


def feature_rows(records: Iterable[str]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(table, row) for every article record (its full JSON): runs inside Spark tasks too."""
    b, r = _bands()
    for record in records:
        article = Article.model_validate_json(record)
        feats = rewrites.features(article)
        published = article.metadata.published
        day = (published - _EPOCH).days if published else None
        fetched = article.fetched_at.astimezone(UTC).isoformat() if article.fetched_at else None
        payload = json.dumps({"entities": sorted(feats.entities), "numbers": sorted(feats.numbers),
                              "quotes": sorted(feats.quotes)})
        yield "docs", (article.id, rewrites.outlet(article), day,
                       published.isoformat() if published else None, fetched, article.body, payload)
        shingles = dedup.shingles(article.body)
        if shingles:
            values = dedup._minhash(shingles).hashvalues
            for band in range(b):
                yield "bands", (article.id, band, _bucket(values[band * r:(band + 1) * r]))
        for word, count in feats.words.items():
            yield "terms", (article.id, word, count)
        for key in {f"e:{e}" for e in feats.entities} | {f"n:{n:g}" for n in feats.numbers}:
            yield "keys", (article.id, key)


def near_sql() -> str:
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


def weights_sql(n_docs: int) -> str:
    """Unit-length TF-IDF weights per (article, word): sublinear tf, smoothed idf + 1."""
    return f"""
WITH df AS (SELECT word, count(*) AS df FROM terms GROUP BY word),
w AS (
  SELECT t.id, t.word,
         (1 + ln(CAST(t.tf AS DOUBLE))) * (1 + ln(CAST(1 + {n_docs} AS DOUBLE) / CAST(1 + d.df AS DOUBLE))) AS w
  FROM terms t JOIN df d ON t.word = d.word),
norms AS (SELECT id, sqrt(sum(w * w)) AS norm FROM w GROUP BY id)
SELECT w.id, w.word, w.w / norms.norm AS v FROM w JOIN norms ON w.id = norms.id
"""


def rewrite_sql() -> str:
    """Candidate pairs (a < b) that share a blocking key, within the window, of different outlets, with
    their cosine; reads the views ``unitw`` (from weights_sql), ``keys`` and ``docs``."""
    return f"""
WITH top AS (
  SELECT id, word FROM (
    SELECT id, word, row_number() OVER (PARTITION BY id ORDER BY v DESC, word) AS k FROM unitw) ranked
  WHERE k <= {TOP_WORDS}),
blockkeys AS (SELECT id, key FROM keys UNION SELECT id, concat('w:', word) AS key FROM top),
sized AS (SELECT id, key, count(*) OVER (PARTITION BY key) AS n FROM blockkeys),
pairs AS (
  SELECT DISTINCT x.id AS a, y.id AS b
  FROM sized x JOIN sized y ON x.key = y.key AND x.id < y.id
  JOIN docs dx ON dx.id = x.id JOIN docs dy ON dy.id = y.id
  WHERE x.n <= {MAX_BLOCK}
    AND (dx.day IS NULL OR dy.day IS NULL OR abs(dx.day - dy.day) <= {WINDOW_DAYS})
    AND (dx.outlet IS NULL OR dy.outlet IS NULL OR dx.outlet <> dy.outlet))
SELECT p.a, p.b, sum(x.v * y.v) AS cosine
FROM pairs p JOIN unitw x ON x.id = p.a JOIN unitw y ON y.id = p.b AND y.word = x.word
GROUP BY p.a, p.b
HAVING sum(x.v * y.v) >= {rewrites.CANDIDATE_COSINE}
"""


def _feats(payload: str) -> rewrites.Features:
    data = json.loads(payload)
    return rewrites.Features(Counter(), set(data["entities"]), set(data["numbers"]), set(data["quotes"]))


def verify_near(rows: Iterable[tuple[str, str, str, str]]) -> Iterator[tuple[str, str, str, float]]:
    """(a, b, body a, body b) candidates → near-duplicate links, by the exact shingle overlap."""
    for a, b, body_a, body_b in rows:
        value = dedup.overlap(dedup.shingles(body_a), dedup.shingles(body_b))
        if value >= dedup.NEAR_DUPLICATE:
            yield a, b, "near_duplicate", round(value, 4)


def score_rewrites(rows: Iterable[tuple[str, str, float, str, str]]) -> Iterator[tuple[str, str, str, float]]:
    """(a, b, cosine, feats a, feats b) candidates → rewrite links, by the existing scorer."""
    for a, b, cosine, feats_a, feats_b in rows:
        value = rewrites.score(round(cosine, 9), _feats(feats_a), _feats(feats_b))
        if value >= rewrites.REWRITE:
            yield a, b, "rewrite", round(value, 4)


@dataclass
class LinkResult:
    links: int = 0
    stories: int = 0
    rows: list[tuple[str, str, str, float]] | None = None
    story_rows: list[tuple[str, str, bool, date | None]] | None = None


def story_rows(links: list[tuple[str, str, str, float]],
               when: dict[str, tuple[str | None, str | None]]) -> list[tuple[str, str, bool, date | None]]:
    """Stories as connected components; members ordered by (published, fetched, id) as link.stories does."""
    ids = sorted({x for a, b, _, _ in links for x in (a, b)})
    rows: list[tuple[str, str, bool, date | None]] = []
    for group in connected_groups(ids, [(a, b) for a, b, _, _ in links]):
        members = sorted(group, key=lambda i: (when[i][0] or "9999-12-31", when[i][1] or "~", i))
        for index, article_id in enumerate(members):
            published = when[article_id][0]
            rows.append(("s" + members[0], article_id, index == 0,
                         date.fromisoformat(published) if published else None))
    return rows


ARTICLES_SQL = """
SELECT id, record FROM (
  SELECT id, CAST(record AS STRING) AS record,
         row_number() OVER (PARTITION BY id ORDER BY {order}) AS rn
  FROM {source}) ranked
WHERE rn = 1
"""


def _finish(links: list[tuple[str, str, str, float]], when: dict[str, tuple[str | None, str | None]]) -> LinkResult:
    near = {(a, b) for a, b, kind, _ in links if kind == "near_duplicate"}
    kept = [x for x in links if x[2] == "near_duplicate" or (x[0], x[1]) not in near]
    kept.sort()
    rows = story_rows(kept, when)
    rows.sort(key=lambda r: (r[0], r[1]))
    return LinkResult(len(kept), len({r[0] for r in rows}), kept, rows)


# --- DuckDB -------------------------------------------------------------------------------------
def link_duckdb(con: Any, source: str = "articles", order: str = "id") -> LinkResult:
    """Links over the articles of ``source`` (a table or view with id and record) on a DuckDB connection."""
    import duckdb

    work = duckdb.connect()  # the feature tables live apart from the (maybe read-only) store
    tables: dict[str, list[tuple[Any, ...]]] = {"docs": [], "bands": [], "terms": [], "keys": []}
    cursor = con.execute(ARTICLES_SQL.format(order=order, source=source))
    while chunk := cursor.fetchmany(5000):
        for table, row in feature_rows(r[1] for r in chunk):
            tables[table].append(row)
    schemas = {"docs": "id VARCHAR, outlet VARCHAR, day BIGINT, published VARCHAR, fetched_at VARCHAR, "
                       "body VARCHAR, feats VARCHAR",
               "bands": "id VARCHAR, band BIGINT, bucket BIGINT", "terms": "id VARCHAR, word VARCHAR, tf BIGINT",
               "keys": "id VARCHAR, key VARCHAR"}
    for table, schema in schemas.items():
        work.execute(f"CREATE TABLE {table} ({schema})")
        rows = tables.pop(table)
        if rows:
            columns = [list(c) for c in zip(*rows, strict=True)]
            types = [part.split()[1] for part in schema.split(", ")]
            casts = ", ".join(f"UNNEST(${i + 1}::{t}[])" for i, t in enumerate(types))
            work.execute(f"INSERT INTO {table} SELECT {casts}", columns)
    n_docs = int(work.execute("SELECT count(*) FROM docs").fetchone()[0])  # type: ignore[index]
    work.execute(f"CREATE TABLE unitw AS {weights_sql(n_docs)}")
    near = work.execute(f"SELECT c.a, c.b, x.body, y.body FROM ({near_sql()}) c "
                        "JOIN docs x ON x.id = c.a JOIN docs y ON y.id = c.b").fetchall()
    links = list(verify_near(near))
    cands = work.execute(f"SELECT c.a, c.b, c.cosine, x.feats, y.feats FROM ({rewrite_sql()}) c "
                         "JOIN docs x ON x.id = c.a JOIN docs y ON y.id = c.b").fetchall()
    links += score_rewrites(cands)
    ids = sorted({x for a, b, _, _ in links for x in (a, b)})
    when = {r[0]: (r[1], r[2]) for r in work.execute(
        "SELECT id, published, fetched_at FROM docs WHERE list_contains(?, id)", [ids]).fetchall()} if ids else {}
    work.close()
    return _finish(links, when)


# --- Spark --------------------------------------------------------------------------------------
def link_spark(session: Any, articles: Any) -> LinkResult:
    """Links over a Spark DataFrame of (id, record), with the same SQL as on DuckDB."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    features = articles.rdd.mapPartitions(lambda rows: feature_rows(r[1] for r in rows)).cache()
    schemas = {
        "docs": StructType([StructField("id", StringType()), StructField("outlet", StringType()),
                            StructField("day", LongType()), StructField("published", StringType()),
                            StructField("fetched_at", StringType()), StructField("body", StringType()),
                            StructField("feats", StringType())]),
        "bands": StructType([StructField("id", StringType()), StructField("band", LongType()),
                             StructField("bucket", LongType())]),
        "terms": StructType([StructField("id", StringType()), StructField("word", StringType()),
                             StructField("tf", LongType())]),
        "keys": StructType([StructField("id", StringType()), StructField("key", StringType())]),
    }
    cached = []
    for table, schema in schemas.items():
        rows = features.filter(lambda kv, t=table: kv[0] == t).map(lambda kv: kv[1])
        frame = session.createDataFrame(rows, schema).cache()  # computed once, then read by every query
        frame.createOrReplaceTempView(table)
        cached.append(frame)
    n_docs = session.sql("SELECT count(*) FROM docs").collect()[0][0]
    unitw = session.sql(weights_sql(n_docs)).cache()
    unitw.createOrReplaceTempView("unitw")
    cached.append(unitw)
    near = session.sql(f"SELECT c.a, c.b, x.body, y.body FROM ({near_sql()}) c "
                       "JOIN docs x ON x.id = c.a JOIN docs y ON y.id = c.b")
    links = near.rdd.mapPartitions(lambda rows: verify_near(tuple(r) for r in rows)).collect()
    cands = session.sql(f"SELECT c.a, c.b, c.cosine, x.feats, y.feats FROM ({rewrite_sql()}) c "
                        "JOIN docs x ON x.id = c.a JOIN docs y ON y.id = c.b")
    links += cands.rdd.mapPartitions(lambda rows: score_rewrites(tuple(r) for r in rows)).collect()
    links = [tuple(x) for x in links]
    ids = sorted({x for a, b, _, _ in links for x in (a, b)})
    when: dict[str, tuple[str | None, str | None]] = {}
    if ids:
        session.createDataFrame([(i,) for i in ids], "id string").createOrReplaceTempView("linked_ids")
        for r in session.sql("SELECT d.id, d.published, d.fetched_at FROM docs d "
                             "JOIN linked_ids l ON d.id = l.id").collect():
            when[r[0]] = (r[1], r[2])
    for frame in cached:
        frame.unpersist()
    features.unpersist()
    return _finish(links, when)  # type: ignore[arg-type]


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
    """Link a DuckDB store or a lake folder with the SQL candidates on DuckDB or Spark; the links and
    stories replace the old ones (in the store, or as the lake's links/stories datasets)."""
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
    assert result.rows is not None and result.story_rows is not None
    if is_lake:
        lake.write_links(db, result.rows, result.story_rows, list(lake.done_parts(db)))
    else:
        with Store(db) as store:
            store.replace_links(result.rows, result.story_rows)
    return result
