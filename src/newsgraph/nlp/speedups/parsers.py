"""spaCy's entity recognizer (or parser), stepped from Python: the same moves, far less locking.

spaCy's greedy parse runs its transition loop in compiled code with the GIL released. In the
spaCy 3.8.18 wheels (built with Cython 3), the inline state checks that loop calls for every
candidate move of every state (``entity_is_open``, ``buffer_length``...) are each followed by
taking and releasing the GIL again (``PyGILState_Ensure``/``Release``): about a third of the entity
recognizer's time went to mutex locking (perf). While the thread holds the GIL, that same check
costs next to nothing. So here the loop is stepped from Python, as spaCy's own beam search does:
spaCy's step model scores the states (the same compiled feature sums and BLIS products) and
spaCy's ``transition_states`` validates and applies the best move, holding the GIL. The
annotations are spaCy's own, checked identical on thousands of texts (``bench/reports/ingest.md``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.pipeline.transition_parser import Parser
from spacy.tokens import Doc
from spacy.util import minibatch
from thinc.api import set_dropout_rate

from newsgraph.nlp.speedups.standin import StandIn, replace_component

_SUB_BATCH = 32  # docs parsed together: more steps shared per Python round, bounded memory


class SteppedParser(StandIn):
    """A greedy transition-based component (parser or NER) whose parse loop runs in Python.

    Everything but ``__call__`` and ``pipe`` (labels, model, serialization) is the wrapped
    component's own."""

    def __call__(self, doc: Doc, **_: Any) -> Doc:
        try:
            self.annotate([doc])
        except Exception as error:  # noqa: BLE001 - spaCy's own error handling, as in Parser.__call__
            self.component.get_error_handler()(self.component.name, self.component, [doc], error)
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        error_handler = self.component.get_error_handler()
        for batch in minibatch(docs, size=batch_size):
            batch = list(batch)
            try:
                by_length = sorted(batch, key=len)
                for start in range(0, len(by_length), _SUB_BATCH):
                    self.annotate(by_length[start:start + _SUB_BATCH])
                yield from batch
            except Exception as error:  # noqa: BLE001 - as spaCy's Parser.pipe
                error_handler(self.component.name, self.component, batch, error)

    def annotate(self, docs: list[Doc]) -> None:
        self.component.set_annotations(docs, self.parse(docs))

    def parse(self, docs: list[Doc]) -> list[Any]:
        """spaCy's ``greedy_parse`` with the step loop in Python: states, scores and moves are spaCy's."""
        parser = self.component
        if not any(len(doc) for doc in docs):
            return parser.moves.init_batch(docs)  # type: ignore[no-any-return]
        parser._ensure_labels_are_added(docs)
        set_dropout_rate(parser.model, 0.0)
        batch = parser.moves.init_batch(docs)
        step_model = parser.model.predict(docs)
        states = [state for state in batch if not state.is_final()]
        while states:
            states = parser.transition_states(states, step_model.predict(states))
        step_model.clear_memory()
        return batch  # type: ignore[no-any-return]


def step_parsers_in_python(nlp: Language,
                           kinds: tuple[type[Parser], ...] = (EntityRecognizer,)) -> list[str]:
    """Wrap the pipeline's greedy components of these transition-based kinds (``EntityRecognizer``,
    ``DependencyParser``); the names of those wrapped.

    By default the entity recognizer only: stepped, it takes 55 instead of 85 ms per aeb body one
    document at a time and 43 instead of 80 in batches, with the same entities. The dependency
    parser's loop loses less to the GIL and makes twice as many steps, so one Python round per step
    costs it more than it saves (67 against 47 ms one document at a time; about even at four and more).
    Beam-search components and pipelines whose component list cannot be reached keep spaCy's."""
    wrapped = []
    for name, component in list(nlp.pipeline):
        if isinstance(component, kinds) and component.cfg.get("beam_width") == 1:
            if replace_component(nlp, name, SteppedParser(component)):
                wrapped.append(name)
    return wrapped
