"""newsgraph: news articles in, structured and verifiable facts out."""

from newsgraph._version import __version__
from newsgraph.errors import InputError, NewsgraphError
from newsgraph.options import Options
from newsgraph.pipeline import Pipeline, extract
from newsgraph.records import Article, Entity, Quote, Timex

__all__ = [
    "Article",
    "Entity",
    "InputError",
    "NewsgraphError",
    "Options",
    "Pipeline",
    "Quote",
    "Timex",
    "__version__",
    "extract",
]
