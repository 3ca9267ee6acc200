"""Resolve names as written in a report to the roster's own spelling.

Order: exact roster spelling → curated alias table (data/reference) → folded (accents,
case, punctuation and administrative affixes such as "City of") → close spelling with
rapidfuzz (strict: unique, same first letter, one edit from 6 letters, two from 10).
Everything after the alias table is an automatic match that the caller reports.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from helpers.errors import UserError
from helpers.memo import memoized
from helpers.parse.text import fold
from helpers.periods import project_root

_SPACE_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"\w+")
# A suggestion ("did you mean …?") needs this similarity (0-100, see name_similarity): one or
# two slips in a name score 80-92 (Teheran/Tehran 92, Barcleona/Barcelona 89, Soeul/Seoul 80),
# names with only letters in common 55-68 (Atlantis/Tunis 62, Gotham/Bogota 67).
SUGGEST_MIN_SIMILARITY = 75.0
_NOTE_RE = re.compile(r"^(.+?)\s*\([^()]*\)$")


def name_similarity(query: str, name: str) -> float:
    """How alike two names are, 0-100: rapidfuzz's ``fuzz.ratio`` of the folded spellings, or
    of the shorter one against the run of as many words of the longer one (``Paris`` is 100 to
    ``Greater Paris``, ``Barcleona`` 89 to ``Barcelona (city)``), whichever is higher."""
    q, n = fold(query), fold(name)
    best = fuzz.ratio(q, n)
    short, long_ = sorted((_WORD_RE.findall(q), _WORD_RE.findall(n)), key=len)
    width = len(short)
    if 0 < width < len(long_):
        target = " ".join(short)
        for i in range(len(long_) - width + 1):
            best = max(best, fuzz.ratio(target, " ".join(long_[i : i + width])))
    return float(best)


def close_names(
    query: str, choices: dict[str, str], limit: int = 3, cutoff: float = SUGGEST_MIN_SIMILARITY
) -> list[str]:
    """Names to suggest for ``query``: the values of ``choices`` (spelling → name to suggest)
    whose spelling is at least ``cutoff`` alike (:func:`name_similarity`), most alike first,
    each once, at most ``limit``. A name nowhere near any choice gets none."""
    scored = [(name_similarity(query, spelling), i, name)
              for i, (spelling, name) in enumerate(choices.items())]  # fmt: skip
    out: list[str] = []
    for score, _, name in sorted(scored, key=lambda s: (-s[0], s[1])):
        if score < cutoff or len(out) >= limit:
            break
        if name not in out:
            out.append(name)
    return out


def tidy(name: str) -> str:
    """Whitespace-normalised name as written (trailing commas, dots and bullets removed; a
    typographic apostrophe written `'`, so `Xi’an` from a typeset PDF is the roster's `Xi'an`)."""
    text = _SPACE_RE.sub(" ", str(name).replace("\u00a0", " ").replace("’", "'")).strip()
    return text.strip(" ,;.·•*-–—").strip()


def reference_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "data" / "reference"


def read_reference_csv(path: Path, needed: tuple[str, ...]) -> pd.DataFrame:
    """A reference table officers edit (often in Excel), read as text. Every mistake is a
    UserError naming the file, the line and what to do: not UTF-8 (Excel's plain "CSV" is
    Windows-1252), empty, a missing column, a row with too many or too few cells."""
    return reference_frame(path.name, path.read_bytes(), needed)


T = TypeVar("T")


def per_content(read: Callable[[str, bytes], T], path: Path) -> T:
    """`read(file name, file's bytes)` of a reference file, made once per content of the file
    in a process (`memoized`; a file edited since is read again). The result is shared: the
    caller hands out a copy."""
    return _read_once(read, path.name, path.read_bytes())


def _read_with(read: Callable[[str, bytes], T], name: str, data: bytes) -> T:
    return read(name, data)


_read_once = memoized(_read_with, 32)


def reference_frame(name: str, data: bytes, needed: tuple[str, ...]) -> pd.DataFrame:
    """`read_reference_csv` of the bytes of the file `name`."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            data.decode("cp1252")
            guess = "it looks like Windows-1252, what Excel's plain 'CSV' saves"
        except UnicodeDecodeError:
            guess = "its encoding is not recognised"
        raise UserError(
            f"{name} is not UTF-8 (line {line}; {guess}): save it as 'CSV UTF-8'"
        ) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise UserError(f"{name} is empty: it needs the header line {','.join(needed)}")
    header = [h.strip() for h in rows[0]]
    missing = [c for c in needed if c not in header]
    if missing:
        raise UserError(
            f"{name}: needs columns {','.join(needed)} (missing {', '.join(missing)}) "
            "in its first line"
        )
    for no, row in enumerate(rows[1:], 2):
        if row and len(row) != len(header):
            raise UserError(
                f"{name} line {no}: {len(row)} cells where the header has {len(header)} "
                "(a comma inside a name needs the name in double quotes)"
            )
    body = [r for r in rows[1:] if r]
    return pd.DataFrame(body, columns=header, dtype=str) if body else pd.DataFrame(
        {c: pd.Series([], dtype=str) for c in header})  # fmt: skip


def load_aliases(root: Path | None = None) -> pd.DataFrame:
    """One row per alias: alias, member (roster spelling). Validated: no blanks, no clashes."""
    path = reference_dir(root) / "member_aliases.csv"
    if not path.exists():
        return pd.DataFrame({"alias": pd.Series([], dtype=str), "member": pd.Series([], dtype=str)})
    return per_content(_aliases, path).copy()


def _aliases(name: str, data: bytes) -> pd.DataFrame:
    df = reference_frame(name, data, ("alias", "member"))
    df = df.assign(alias=df["alias"].map(tidy), member=df["member"].map(tidy))
    if (df["alias"] == "").any() or (df["member"] == "").any():
        raise UserError(f"{name}: every row needs both an alias and a member")
    keys = df["alias"].map(fold)
    clash = df[keys.duplicated(keep=False)].groupby(keys)["member"].nunique()
    if (clash > 1).any():
        raise UserError(f"{name}: alias '{clash[clash > 1].index[0]}' points to two members")
    return df[["alias", "member"]].drop_duplicates().reset_index(drop=True)


def load_affixes(root: Path | None = None) -> tuple[list[str], list[str]]:
    """Prefixes and suffixes (folded) that do not change which member a name means."""
    path = reference_dir(root) / "name_affixes.csv"
    if not path.exists():
        return [], []
    pre, suf = per_content(_affixes, path)
    return list(pre), list(suf)


def _affixes(name: str, data: bytes) -> tuple[list[str], list[str]]:
    df = reference_frame(name, data, ("position", "text"))
    bad = set(df["position"]) - {"prefix", "suffix"}
    if bad:
        raise UserError(f"{name}: position must be prefix or suffix, not {sorted(bad)[0]!r}")
    longest_first = df.assign(text=df["text"].map(fold)).sort_values(
        "text", key=lambda s: -s.str.len(), kind="stable"
    )
    pre = longest_first.loc[longest_first["position"] == "prefix", "text"].tolist()
    suf = longest_first.loc[longest_first["position"] == "suffix", "text"].tolist()
    return pre, suf


@dataclass(frozen=True)
class Match:
    """The outcome of resolving one name."""

    name: str
    member: str | None
    region: str | None
    how: str  # exact | alias | folded | fuzzy | none

    @property
    def is_member(self) -> bool:
        return self.member is not None

    @property
    def automatic(self) -> bool:
        return self.how in ("folded", "fuzzy")


class NameResolver:
    """Resolves names against one roster (members, region) and the alias table."""

    def __init__(
        self,
        roster: pd.DataFrame,
        aliases: pd.DataFrame | None = None,
        affixes: tuple[list[str], list[str]] | None = None,
    ) -> None:
        self.region = dict(zip(roster["member"], roster["region"], strict=True))
        self.members = list(self.region)
        self._exact = {tidy(m): m for m in self.members}
        aliases = aliases if aliases is not None else pd.DataFrame(columns=["alias", "member"])
        self._alias = {
            fold(a): m
            for a, m in zip(aliases["alias"], aliases["member"], strict=True)
            if m in self.region
        }
        self._prefixes, self._suffixes = affixes if affixes is not None else ([], [])
        folded: dict[str, set[str]] = {}
        for m in self.members:
            for key in {fold(m), self._strip(fold(m))}:
                folded.setdefault(key, set()).add(m)
        # a folded form shared by two members is ambiguous: it never matches
        self._folded = {k: next(iter(v)) for k, v in folded.items() if len(v) == 1 and k}
        self._fuzzy_keys = {fold(m): m for m in self.members}
        self._fuzzy_keys.update(self._alias)

    def _strip(self, key: str) -> str:
        changed = True
        while changed:
            changed = False
            for p in self._prefixes:
                if key.startswith(p + " ") and len(key) > len(p) + 2:
                    key, changed = key[len(p) + 1 :], True
            for s in self._suffixes:
                if key.endswith(" " + s) and len(key) > len(s) + 2:
                    key, changed = key[: -len(s) - 1], True
        return key

    def _match(self, raw: str, member: str | None, how: str) -> Match:
        return Match(raw, member, self.region.get(member) if member else None, how)

    def resolve(self, name: str) -> Match:
        """Resolve one name; `how` says which rule matched ("none" when nothing did)."""
        raw = tidy(name)
        if raw in self._exact:
            return self._match(raw, self._exact[raw], "exact")
        key = fold(raw)
        if key in self._alias:
            return self._match(raw, self._alias[key], "alias")
        for k in (key, self._strip(key)):
            if k in self._folded:
                return self._match(raw, self._folded[k], "folded")
            if k in self._alias:
                return self._match(raw, self._alias[k], "folded")
        fuzzy = self._fuzzy(key)
        if fuzzy:
            return self._match(raw, fuzzy, "fuzzy")
        note = _NOTE_RE.match(raw)  # "Seoul (online)": the member without the note
        if note:
            inner = self.resolve(note.group(1))
            if inner.member:
                how = "folded" if inner.how in ("exact", "alias", "folded") else inner.how
                return self._match(raw, inner.member, how)
        return self._match(raw, None, "none")

    def _fuzzy(self, key: str) -> str | None:
        """Close spelling: unique best, same first letter, one edit from 6 letters, two from 10."""
        if len(key) < 6 or not self._fuzzy_keys:
            return None
        limit = 2 if len(key) >= 10 else 1
        hits = process.extract(
            key,
            list(self._fuzzy_keys),
            scorer=DamerauLevenshtein.distance,
            score_cutoff=limit + 1,
            limit=None,
        )
        if not hits:
            return None
        best = min(score for _, score, _ in hits)
        if best > limit:
            return None
        winners = {self._fuzzy_keys[k] for k, score, _ in hits if score == best}
        runners = {self._fuzzy_keys[k] for k, score, _ in hits if score == best + 1} - winners
        if len(winners) != 1 or runners:
            return None
        member = winners.pop()
        keys_of_member = [k for k, m in self._fuzzy_keys.items() if m == member]
        if not any(k[:1] == key[:1] for k in keys_of_member):
            return None
        return member

    def suggestions(self, name: str, limit: int = 3) -> list[str]:
        """Roster names close to ``name`` for error messages (:func:`close_names`): none when
        nothing is really alike (``Atlantis`` is not ``Tunis``)."""
        return close_names(name, self._fuzzy_keys, limit)

    def find_in_text(self, text: str) -> str | None:
        """The member named inside a longer text ("Mayor of Dakar" → Dakar): earliest, longest."""
        hay = f" {fold(text)} "
        best: tuple[int, int, str] | None = None
        for k, m in self._fuzzy_keys.items():  # every member's folded name and alias
            if len(k) < 3:
                continue
            pos = hay.find(f" {k} ")
            if pos >= 0:
                cand = (pos, -len(k), m)
                if best is None or cand < best:
                    best = cand
        return best[2] if best else None
