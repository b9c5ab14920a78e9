"""The store: articles, quotes and every reviewer's work, in TinyDB files that are never
left half-written. `Store` (repository.py) is the API the command line and the TUI use."""

from .files import OutputExists, OutputRefused, StoreError
from .repository import Change, NotAStore, Store, is_store, reviewer_name, store_path
from .reviews import STATUSES, Review, SourceNote

__all__ = ["Change", "NotAStore", "OutputExists", "OutputRefused", "Review", "STATUSES", "SourceNote", "Store", "StoreError", "is_store",
           "reviewer_name", "store_path"]
