"""Results of pure functions kept for the life of the process, and one switch to drop them.

`memoized(func, maxsize)` is `functools.lru_cache` of `func`, registered here; `clear()` empties
every cache so made. The tests clear them before each test (tests/conftest.py): no test is
answered from results another test computed, and under `make mutation` a mutant of a cached
function is run, never answered from the unmutated code's results.

`once` is a property computed on its first read and kept on its instance (as
``functools.cached_property``, without its lock): nothing to clear, it goes with the instance.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Generic, ParamSpec, TypeVar, cast

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


T = TypeVar("T")


class once(Generic[T]):  # noqa: N801 (used as a decorator, like functools.cached_property)
    """A property computed on its first read and kept on the instance: what
    ``functools.cached_property`` does, without the lock Python 3.11 takes on every first read
    (the layout reader's spans read their box, size and text once each, hundreds of thousands
    of times per report: about a sixth of its CPU went to that lock). The instance must have
    a ``__dict__``; the value is never recomputed (the instance's inputs must not change)."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        if instance is None:
            return self  # type: ignore[return-value]  (the descriptor, read on the class)
        value = instance.__dict__[self.name] = self.func(instance)
        return value
