"""newsgraph: news articles in, structured and verifiable facts out."""

__version__ = "0.1.0"

from newsgraph.errors import InputError, NewsgraphError  # noqa: E402
from newsgraph.options import Options  # noqa: E402
from newsgraph.pipeline import Pipeline, extract  # noqa: E402
from newsgraph.records import Article, Entity, Quote, Timex  # noqa: E402

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
