"""discourse: analysis of news discourse, an article and the reader-comment thread under it."""

from discourse._version import __version__
from discourse.datasets import load_seed
from discourse.model import Article, Comment, Corpus, Span, Thread

__all__ = ["__version__", "Article", "Comment", "Corpus", "Span", "Thread", "load_seed"]
