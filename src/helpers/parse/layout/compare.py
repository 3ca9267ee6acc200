"""Two readings of one PDF compared: letters and digits its text layer holds (in stored order,
read by pypdf) that the layout reading did not place are text the reader lost. Characters,
not words, are compared: a stored-order reading may glue two words (`25.1KTwitter`)."""

from __future__ import annotations

import re
from collections import Counter

from helpers.parse.text import normalise_text

_MARK = re.compile(r"^<!-- page \d+ (?:header|footer): (.*) -->$", re.MULTILINE)
_WORD = re.compile(r"\w+")


def characters(text: str) -> Counter[str]:
    """The text's letters and digits, case folded; markup and furniture marks aside."""
    text = _MARK.sub(r"\1", normalise_text(text)).replace("**", " ")
    return Counter(c.casefold() for c in text if c.isalnum())


def lost_words(layout: str, plain: str) -> list[str]:
    """Words of the plain reading holding letters or digits the layout reading lacks, in the
    plain reading's order (each missing character counted once)."""
    missing = characters(plain) - characters(layout)
    out: list[str] = []
    for w in _WORD.findall(normalise_text(plain)):
        hit = [c for c in w.casefold() if missing.get(c, 0) > 0]
        if hit:
            out.append(w)
            for c in hit:
                missing[c] -= 1
    return out
