"""The NLP pass: one spaCy pipeline per process, and per-Doc views the extractors share."""

from newsgraph.nlp.docs import doc_text, lower_forms, noun_chunk_at
from newsgraph.nlp.model import KNOWN_MODELS, ModelNotInstalled, load_model, load_stock_model

__all__ = ["KNOWN_MODELS", "ModelNotInstalled", "doc_text", "load_model", "load_stock_model", "lower_forms",
           "noun_chunk_at"]
