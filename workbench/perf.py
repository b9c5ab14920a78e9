"""Small helpers for the code that handles 100,000 records at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_gc() -> Iterator[None]:
    """Building many small objects that all stay alive (filing a batch of quotes, the rows
    of the claims list): the cycle collector would run thousands of times for nothing
    (3 s of 25 for grouping 100,000 quotes; a third of building the claims list)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
