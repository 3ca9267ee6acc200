"""Results of pure functions kept for the life of the process, and one switch to drop them.

`memoized(func, maxsize)` is `functools.lru_cache` of `func`, registered here; `clear()` empties
every cache so made. The tests clear them before each test (tests/conftest.py): no test is
answered from results another test computed, and under `make mutation` a mutant of a cached
function is run, never answered from the unmutated code's results.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")

_CLEARS: list[Callable[[], None]] = []


def memoized(func: Callable[P, R], maxsize: int) -> Callable[P, R]:
    """`func` with its results kept, the least recently used dropped past `maxsize`. `func`
    must be pure (its result depends on its hashable arguments only) and its results must not
    be changed by the caller (strings, tuples; a frame is copied by the caller)."""
    cached = functools.lru_cache(maxsize=maxsize)(func)
    _CLEARS.append(cached.cache_clear)
    return cast(Callable[P, R], cached)


def clear() -> None:
    """Empty every cache `memoized` made."""
    for cache_clear in _CLEARS:
        cache_clear()
