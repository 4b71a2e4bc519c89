"""A learned cue detector: which verbs attribute content to someone.

A logistic regression over parse features of a verb (lemma, dependency, its children),
trained on the PolNeAR training split by ``bench/train_attribution_cues.py`` and shipped as
a small JSON table of feature weights (``data/attribution_cue_model.json``): no pickle, no
extra runtime dependency, a dictionary lookup per feature on CPU.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

MODEL_FILE = "attribution_cue_model.json"


def cue_features(verb: Token, speech: frozenset[str], belief: frozenset[str]) -> list[str]:
    """Binary features of a candidate cue verb."""
    lemma = verb.lemma_.lower()
    deps = sorted({c.dep_ for c in verb.children})
    feats = [f"lemma={lemma}", f"tag={verb.tag_}", f"dep={verb.dep_}", f"lemma+dep={lemma}|{verb.dep_}"]
    feats += [f"child={d}" for d in deps]
    feats += [f"lemma+child={lemma}|{d}" for d in deps if d in ("ccomp", "dobj", "xcomp", "prep", "nsubj", "prt")]
    for child in verb.children:
        if child.dep_ == "prep":
            feats.append(f"prep={lemma}|{child.lower_}")
        elif child.dep_ == "nsubj":
            feats.append(f"subj={child.pos_}")
        elif child.dep_ == "ccomp" and any(g.dep_ == "mark" for g in child.children):
            feats.append("ccomp_mark")
    if verb.dep_ in ("xcomp", "advcl", "conj", "ccomp"):
        feats.append(f"head={verb.head.lemma_.lower()}|{verb.dep_}")
    feats.append("speech" if lemma in speech else "belief" if lemma in belief else "other")
    return feats


@dataclass(frozen=True)
class CueModel:
    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, features: list[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@lru_cache(maxsize=1)
def load_cue_model() -> CueModel | None:
    """The shipped model, or None when the package has none (rules alone then)."""
    path = resources.files("newsgraph.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    return CueModel(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]))
