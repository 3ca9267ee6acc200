"""Small helpers for the one-sentence interpretations: counts, lists of names, rates."""

from __future__ import annotations


def plural(n: int, word: str, plural_form: str | None = None) -> str:
    """`1 member`, `3 members` (or the given plural form)."""
    return f"{n} {word if n == 1 else (plural_form or word + 's')}"


def join_names(names: list[str], limit: int = 5, conj: str = "and") -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C, D, E and 3 others'."""
    names = [str(n) for n in names]
    if len(names) > limit:
        rest = len(names) - limit
        names = names[:limit] + [plural(rest, "other")]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {conj} " + names[-1]


def pct(x: float) -> str:
    """A share as a whole percentage: 0.3217 → `32%`."""
    return f"{x:.0%}"
