"""helpers.memo: pure results kept for the process, all dropped by one call (before each test)."""

from __future__ import annotations

from helpers import memo
from helpers.parse import text


def test_a_result_is_computed_once_per_argument_until_cleared():
    calls: list[int] = []

    def double(x: int) -> int:
        calls.append(x)
        return 2 * x

    kept = memo.memoized(double, maxsize=2)
    assert [kept(1), kept(1), kept(2), kept(1)] == [2, 2, 4, 2]
    assert calls == [1, 2]
    kept(3)  # past maxsize: the least recently used (2) is dropped
    kept(2)
    assert calls == [1, 2, 3, 2]
    memo.clear()
    assert kept(1) == 2
    assert calls == [1, 2, 3, 2, 1]


def test_clear_empties_the_text_caches_as_each_test_starts():
    assert text._folded.cache_info().currsize == 0  # type: ignore[attr-defined]  # conftest
    assert text.fold("Bogotá") == text.fold("Bogotá") == "bogota"
    assert text._folded.cache_info().currsize == 1  # type: ignore[attr-defined]
    memo.clear()
    assert text._folded.cache_info().currsize == 0  # type: ignore[attr-defined]


def test_once_computes_a_property_on_its_first_read_and_keeps_it_on_the_instance():
    calls: list[str] = []

    class Box:
        def __init__(self, name: str) -> None:
            self.name = name

        @memo.once
        def label(self) -> str:
            """The label."""
            calls.append(self.name)
            return self.name.upper()

    a, b = Box("a"), Box("b")
    assert [a.label, a.label, b.label, a.label] == ["A", "A", "B", "A"]
    assert calls == ["a", "b"]  # once per instance
    assert a.__dict__["label"] == "A"  # kept on the instance, as functools.cached_property
    assert isinstance(Box.label, memo.once) and Box.label.__doc__ == "The label."
