"""Named queries over the store, declared once and served by the CLI, the API and the web UI."""

from newsgraph.queries.articles import article, article_links
from newsgraph.queries.catalog import BY_NAME, QUERIES, Query
from newsgraph.queries.params import MAX_LIMIT, MAX_OFFSET, Param
from newsgraph.queries.run import count, parse_values, query, select
from newsgraph.queries.stories import story

__all__ = ["BY_NAME", "MAX_LIMIT", "MAX_OFFSET", "QUERIES", "Param", "Query", "article", "article_links", "count",
           "parse_values", "query", "select", "story"]
