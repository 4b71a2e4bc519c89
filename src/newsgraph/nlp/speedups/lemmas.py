"""spaCy's rule lemmatizer, remembered per word form: the same lemmas, without the per-token work.

The English lemmatizer visits every token as a Token object and, for the many words it treats as
base forms ("the", singular nouns, infinitives), reads the token's morphology into a dict each
time; only the other results are cached. A token's lemma depends on its form, part of speech and
morphology alone, so here the lemma is remembered under those three values, read for the whole
Doc at once, and written back in one call. spaCy's own ``lemmatize`` still computes every lemma
the first time a (form, POS, morphology) is seen, so the lemmas are spaCy's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from newsgraph.nlp.speedups.standin import StandIn, replace_component

_MEMO_SIZE = 500_000  # (form, POS, morphology) lemmas remembered; cleared when full


class RememberingLemmatizer(StandIn):
    """The rule or lookup lemmatizer, remembering each (form, POS, morphology) lemma."""

    def __init__(self, lemmatizer: Any) -> None:
        super().__init__(lemmatizer)
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.component
        if not getattr(lemmatizer, "_validated", False):  # spaCy checks its tables on first use
            return lemmatizer(doc)  # type: ignore[no-any-return]
        try:
            return _lemmatize(lemmatizer, doc, self.memo)
        except Exception as error:  # noqa: BLE001 - spaCy's own error handling, as in Pipe.pipe
            return lemmatizer.get_error_handler()(lemmatizer.name, lemmatizer, [doc], error)  # type: ignore[no-any-return]

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)


def remember_lemmas(nlp: Language) -> bool:
    """Stand a remembering lemmatizer in for the pipeline's rule or lookup one; False when it keeps spaCy's."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode not in ("rule", "lookup"):
        return False
    return replace_component(nlp, "lemmatizer", RememberingLemmatizer(lemmatizer))


def _lemmatize(lemmatizer: Any, doc: Doc, memo: dict[tuple[int, int, int], int]) -> Doc:
    rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
    lemmas = rows[:, 3].copy()
    strings, overwrite = doc.vocab.strings, lemmatizer.overwrite
    for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
        if overwrite or lemma == 0:  # a lemma the attribute ruler set is kept, as spaCy does
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                value = memo[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = value
    doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]  # uint64, as to_array gave it
    return doc
