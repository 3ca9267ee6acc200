"""A word broken at a line end with a hyphen, mended by the report's own words: `METROPOLI-`
/ `TAN` is `METROPOLITAN` when the report writes METROPOLITAN elsewhere and never
METROPOLI-TAN, and `AP-` / `PLIED` is `APPLIED` when neither piece is a word of the report
(a syllable break); `UCLG-` / `MEWA` is `UCLG-MEWA` when the report writes UCLG-MEWA, or when
both pieces are words of the report or of an English dictionary (pyspellchecker: a compound,
`city-to-` / `city`, `city-` / `to-city`, `long-` / `term`). Otherwise the lines are left as they are (the text
parser joins them by case)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from helpers.parse.layout.glyphs import Word
from helpers.parse.layout.order import Block
from helpers.parse.layout.spans import Span

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")  # letters and digits, hyphens inside


@cache
def _english() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


def is_english(word: str) -> bool:
    """A word of pyspellchecker's English dictionary (`term`, `month`, `metropolitan`): with
    the report's own words, what tells a compound broken at its hyphen from a syllable."""
    return len(word) > 1 and word.isalpha() and word in _english()


def _token(text: str) -> str:
    """A word's letters (and inner hyphens), case folded: `GENERAL’S,` → `general`."""
    m = _WORD.search(text)
    return m.group(0).casefold() if m else ""


def vocabulary(words: list[Word]) -> set[str]:
    """The report's words as written on one line (case folded, punctuation aside): neither a
    piece before a line-end hyphen nor the piece after it (the next word stored)."""
    return {
        _token(w.text)
        for before, w in zip([None, *words], words, strict=False)
        if not w.text.endswith("-") and not (before is not None and before.text.endswith("-"))
    }


def _mended(head: Span, tail: Span, vocab: set[str]) -> tuple[Span, Span | None] | None:
    """(head with the broken word made whole, tail without its first word or None when
    nothing is left), or None when the report's words do not settle it."""
    last, first = head.words[-1], tail.words[0]
    if not (last.text.endswith("-") and len(last.text) > 1 and first.text[:1].isalpha()):
        return _unhyphenated(head, tail, vocab)
    stem = last.text[:-1]
    if stem[-1:].islower() and first.text[:1].isupper():
        text = last.text + first.text  # `Martínez-` / `Almeida`: a syllable goes on in its case
    elif _token(last.text + first.text) in vocab:
        text = last.text + first.text  # written with its hyphen elsewhere: `UCLG-MEWA`
    elif _token(stem + first.text) in vocab or is_english(_token(stem + first.text)):
        text = stem + first.text  # written whole elsewhere, or a word: `METROPOLITAN`
    else:
        # the words either side of the break: `city-` / `to-city` is `city` and `to`
        pieces = _token(stem).rsplit("-", 1)[-1], _token(first.text).split("-", 1)[0]
        known = [p in vocab or is_english(p) for p in pieces]
        if all(known):
            text = last.text + first.text  # two words: `city-to-` / `city`, `long-` / `term`
        elif not any(known):
            text = stem + first.text  # two syllables: `AP-` / `PLIED`
        else:
            return None
    return _joined(head, tail, text, last.x1)


def _joined(head: Span, tail: Span, text: str, x1: float) -> tuple[Span, Span | None]:
    """(head with its last word made ``text``, ending at ``x1``; tail without its first word,
    or None when nothing is left)."""
    last = head.words[-1]
    made = Word(text, last.x0, last.top, x1, last.bottom, last.size, last.bold)
    return Span((*head.words[:-1], made)), (Span(tail.words[1:]) if tail.words[1:] else None)


def _unhyphenated(head: Span, tail: Span, vocab: set[str]) -> tuple[Span, Span | None] | None:
    """A word too long for its narrow cell, broken with no hyphen (`challen` / `ges`): made
    whole when neither piece is an English word and the whole is a word of the report or of
    English."""
    last, first = head.words[-1], tail.words[0]
    a, b = _WORD.fullmatch(last.text), _WORD.fullmatch(first.text.rstrip(":,.;"))
    if not (a and b) or last.text[-1:].isupper() != first.text[:1].isupper():
        return None
    whole = _token(last.text + first.text)
    pieces = (_token(last.text), _token(first.text))
    if any(is_english(p) for p in pieces):  # (the pieces are in the report's words: here)
        return None
    if not (whole in vocab or is_english(whole)):
        return None
    return _joined(head, tail, last.text + first.text, first.x1)


def mend(blocks: list[Block], vocab: set[str]) -> None:
    """A page's text blocks in reading order, each word broken by a hyphen at the end of a
    line made whole on that line where the report's words say it is one word (across a
    column or block break too; within a table's cell, not from one cell to the next)."""
    last: tuple[list[Span], int] | None = None  # the line before, in its block's list
    for block in blocks:
        if block.kind != "text":
            for row in block.rows:  # within a cell: `José Luis Martínez-` / `Almeida`
                for k, cell in enumerate(row):
                    inner = Block("text", list(cell))
                    mend([inner], vocab)
                    row[k] = inner.spans
            last = None
            continue
        kept: list[Span] = []
        for line in block.spans:
            fixed = _mended(last[0][last[1]], line, vocab) if last else None
            if fixed is not None:
                last[0][last[1]] = fixed[0]  # type: ignore[index]
                if fixed[1] is None:
                    continue
                line = fixed[1]
            kept.append(line)
            last = (kept, len(kept) - 1)
        block.spans = kept
