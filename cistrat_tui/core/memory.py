"""Pausing the cyclic garbage collector while many records are built at once.

Parsing a large file or checking a 20,000-row import creates hundreds of thousands of objects;
each generation-2 collection then walks all of them, so the collections cost more the larger
the import, and the time per row grows with the size. Nothing built there is cyclic, so the
collector is paused for the duration and runs normally afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (re-entrant)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def without_collector(function: Callable[P, T]) -> Callable[P, T]:
    """Run ``function`` with the collector paused (see :func:`collector_paused`)."""
    @wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        with collector_paused():
            return function(*args, **kwargs)

    return run
