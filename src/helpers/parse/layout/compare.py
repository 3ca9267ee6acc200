"""Two readings of one PDF compared: letters and digits its text layer holds (in stored order,
as PDFium extracts it before any layout rule) that the layout reading did not place are text
the reader lost. Characters,
not words, are compared: a stored-order reading may glue two words (`25.1KTwitter`)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from helpers.parse.furniture import unmarked
from helpers.parse.text import normalise_text

_WORD = re.compile(r"\w+")
# what is not a letter or a digit (str.isalnum): \w is exactly those and the underscore
_NOT_ALNUM = re.compile(r"[\W_]+")


def _letters(text: str) -> str:
    """``text``'s letters and digits, case folded, accents apart from their letters (`ş` and
    `s` + a cedilla drawn as its own glyph are both `s`); markup and furniture marks aside."""
    text = unicodedata.normalize("NFKD", unmarked(normalise_text(text)).replace("**", " "))
    return _NOT_ALNUM.sub("", text).casefold()  # casefold folds each character on its own


def characters(text: str) -> Counter[str]:
    """The text's letters and digits (see ``_letters``), counted."""
    return Counter(_letters(text))


def lost_words(layout: str, plain: str) -> list[str]:
    """Words of the plain reading that the layout reading lost, in the plain reading's order:
    none when the layout reading holds every letter and digit of the plain one; else the
    plain words it does not hold (or, when each sits somewhere in it, every word holding a
    missing character)."""
    missing = characters(plain) - characters(layout)
    if not missing:
        return []
    stream = _letters(layout)
    plain_words = _WORD.findall(normalise_text(plain))
    absent = [w for w in plain_words if _letters(w) not in stream]
    return absent or [w for w in plain_words if any(c in missing for c in _letters(w))]
