"""Word lists and tables shipped in ``newsgraph/data``, loaded once."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def word_list(name: str) -> frozenset[str]:
    """Non-comment lines of ``data/<name>``, lowercased."""
    text = resources.files("newsgraph.data").joinpath(name).read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def alias_table(name: str) -> dict[str, str]:
    """``canonical<TAB>alias|alias`` rows as {alias: canonical}."""
    text = resources.files("newsgraph.data").joinpath(name).read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, _, aliases = line.partition("\t")
        for alias in [canonical.lower(), *aliases.split("|")]:
            table[alias.strip()] = canonical.strip()
    return table


@cache
def english_verbs() -> frozenset[str]:
    """English verb lemmas, from the lemmatizer tables of newsgraph's default spaCy model (a dependency,
    so always installed, whichever model a run uses); empty if its tables cannot be found."""
    from spacy.lookups import Lookups

    from newsgraph.options import DEFAULT_MODEL

    try:
        package = resources.files(DEFAULT_MODEL)
    except ModuleNotFoundError:
        return frozenset()
    for folder in package.iterdir():  # the model's data folder, named after its version
        tables = folder / "lemmatizer" / "lookups"
        if tables.is_dir():
            return frozenset(Lookups().from_disk(str(tables)).get_table("lemma_index").get("verb", []))
    return frozenset()
