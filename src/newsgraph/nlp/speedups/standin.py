"""A faster stand-in for one spaCy pipeline component: everything it does not redo is the original's.

Stand-ins replace the component in the pipeline's list (``Language._components``, the one private
name the speed-ups touch). They pickle as "this stand-in around that component", so a pipeline
holding them can be pickled and sent to spawned processes (``nlp.pipe(n_process=2)``).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language


class StandIn:
    """Wraps ``component``; attribute reads it does not define go to the wrapped component."""

    def __init__(self, component: Any) -> None:
        self.component = component

    def __getattr__(self, name: str) -> Any:
        if name == "component":  # not set yet (e.g. half-built while unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.component, name)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return type(self), (self.component,)


def replace_component(nlp: Language, name: str, stand_in: StandIn) -> bool:
    """Put ``stand_in`` where the component ``name`` is; False when the pipeline's list cannot be reached."""
    components = getattr(nlp, "_components", None)
    if not isinstance(components, list):
        return False
    for i, (found, _) in enumerate(components):
        if found == name:
            components[i] = (name, stand_in)
            return True
    return False


def stock_component(component: Any) -> Any:
    """The spaCy component behind a stand-in (or the component itself)."""
    return component.component if isinstance(component, StandIn) else component
