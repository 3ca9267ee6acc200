"""Board roles written one way everywhere: ``Regional vice-presidency``, not the report's
``REGIONAL VICE-PRESIDENCIES``.

The report prints a role as an upper-case heading above one or more people, sometimes in the
plural (``REGIONAL VICE-PRESIDENCIES`` over a single person, Asia-Pacific and Europe in
2022-T1). The board table keeps that text in ``role_raw`` and the wording of
:func:`board_role` in ``role``; every page shows ``role``.
"""

from __future__ import annotations

import re

import pandas as pd

DEFAULT_ROLE = "Member"  # a person listed under no role heading sits on the board as a member
_PLURAL = re.compile(r"(?<=[a-z])(?:ies|s)$")

__all__ = ["DEFAULT_ROLE", "board_role"]


def _singular(word: str) -> str:
    """``presidencies`` → ``presidency``, ``members`` → ``member`` (``-ss``/``-us`` kept)."""
    if word.endswith(("ss", "us", "is")):
        return word
    return _PLURAL.sub(lambda m: "y" if m.group(0) == "ies" else "", word)


def board_role(text: object) -> str:
    """One seat's role in sentence case, singular: ``REGIONAL VICE-PRESIDENCIES`` →
    ``Regional vice-presidency``, ``CO-PRESIDENCY`` → ``Co-presidency``, ``TREASURY`` →
    ``Treasury``; missing or blank → ``Member``. Already-normalised text is returned as is."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return DEFAULT_ROLE
    words = " ".join(str(text).split()).strip(" .,:;-–—").lower().split()
    if not words:
        return DEFAULT_ROLE
    words[-1] = _singular(words[-1])
    phrase = " ".join(words)
    return phrase[:1].upper() + phrase[1:]
