"""Speed-ups of spaCy's pipeline that leave every annotation as spaCy makes it.

Three components get a faster stand-in (``standin.py``): the entity recognizer steps its
transition loop from Python (``parsers.py``), the attribute ruler finds its patterns through an
index (``ruler.py``), the lemmatizer remembers lemmas (``lemmas.py``). They reach into spaCy's
internals, so they are applied only on the exact spaCy and thinc versions they were checked on
(``bench/nlp_equivalence.py`` and ``tests/nlp``); on any other version, or with
``NEWSGRAPH_SPACY_SPEEDUPS=0``, the stock pipeline runs.
"""

from __future__ import annotations

import os
import sys
from importlib.metadata import PackageNotFoundError, version

from spacy.language import Language

from newsgraph.nlp.speedups.lemmas import remember_lemmas
from newsgraph.nlp.speedups.parsers import step_parsers_in_python
from newsgraph.nlp.speedups.ruler import index_attribute_ruler

SWITCH_ENV = "NEWSGRAPH_SPACY_SPEEDUPS"
VERIFIED = {"spacy": "3.8.18", "thinc": "8.3.14"}
"""The versions the speed-ups were checked identical on; any other version runs the stock pipeline."""

_noticed = False


def switched_off() -> bool:
    return os.environ.get(SWITCH_ENV, "1").strip().lower() in ("0", "off", "false", "no")


def version_mismatch() -> str | None:
    """What differs from the verified versions, or None when they are the ones installed."""
    for package, wanted in VERIFIED.items():
        try:
            found = version(package)
        except PackageNotFoundError:
            found = "none"
        if found != wanted:
            return f"{package} {found} (checked on {wanted})"
    return None


def _notice(message: str) -> None:
    global _noticed
    if not _noticed:
        _noticed = True
        sys.stderr.write(f"newsgraph: spaCy speed-ups off: {message}; the stock pipeline runs\n")


def apply_speedups(nlp: Language) -> list[str]:
    """Stand the faster components in where they apply; the names of the components replaced."""
    if switched_off():
        return []
    mismatch = version_mismatch()
    if mismatch:
        _notice(mismatch)
        return []
    applied = []
    if index_attribute_ruler(nlp):  # same annotations, a sixth less time per article
        applied.append("attribute_ruler")
    if remember_lemmas(nlp):  # same lemmas, a few ms less per article
        applied.append("lemmatizer")
    applied += step_parsers_in_python(nlp)  # the same entities in about half the recognizer's time
    return applied
