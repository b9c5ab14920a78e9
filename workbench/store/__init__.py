"""The store: articles, quotes and every reviewer's work, in TinyDB files that are never
left half-written. `Store` (repository.py) is the API the command line and the TUI use."""

from .files import StoreError
from .repository import Change, Store, reviewer_name, store_path
from .reviews import STATUSES, Review, SourceNote

__all__ = ["Change", "Review", "STATUSES", "SourceNote", "Store", "StoreError", "reviewer_name",
           "store_path"]
