"""The store: articles, quotes and every reviewer's work, in TinyDB files that are never
left half-written — persistence only (the use cases are in `workbench.services`)."""

from .files import OutputExists, OutputRefused, StoreError
from .repository import NotAStore, Store, is_store, reviewer_name, store_path
from .reviews import ChangedSince, Review, ReviewerNameError, SourceNote

__all__ = ["ChangedSince", "NotAStore", "OutputExists", "OutputRefused", "Review", "ReviewerNameError",
           "SourceNote", "Store", "StoreError", "is_store", "reviewer_name", "store_path"]
