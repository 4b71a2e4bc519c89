"""Running a named query: parse its parameters, bind them, page the rows."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from newsgraph.errors import InputError
from newsgraph.queries.catalog import BY_NAME, Query
from newsgraph.queries.params import MAX_OFFSET, bounded
from newsgraph.store.duckdb import Store

_NAMED = re.compile(r"\$(\w+)")


def query(name: str) -> Query:
    found = BY_NAME.get(name)
    if found is None:
        raise InputError("query", f"no query named {name!r}; queries: {', '.join(BY_NAME)}")
    return found


def parse_values(declared: Query, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Each declared parameter's value from text (``raw`` is keyed by the parameter's name or alias)."""
    values = {}
    for param in declared.params:
        given = raw.get(param.name, raw.get(param.key))
        values[param.name] = param.value(given if given is None or isinstance(given, str) else str(given))
    return values


def _bind(declared: Query, values: dict[str, Any]) -> dict[str, Any]:
    everything = {**values, **declared.derive(values)}
    return {name: everything.get(name) for name in dict.fromkeys(_NAMED.findall(declared.sql))}


def select(store: Store, declared: Query, values: dict[str, Any], limit: int = 0,
           offset: int = 0) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and one page of rows (a limit of 0 means every row)."""
    bounded(offset, "offset", 0, MAX_OFFSET)
    page = (f" LIMIT {int(limit)}" if limit > 0 else "") + (f" OFFSET {int(offset)}" if offset > 0 else "")
    return store.query(declared.sql + page, _bind(declared, values))


def count(store: Store, declared: Query, values: dict[str, Any]) -> int:
    """How many rows the query has in all (for paging)."""
    _, rows = store.query(f"SELECT count(*) FROM ({declared.sql})", _bind(declared, values))
    return int(rows[0][0])
