"""Names as listed → roster members, with every automatic or failed match reported.

Besides one name at a time, lists need two repairs only the roster can decide: a name broken
over two lines (`Grand` / `Paris`) and a table row flattened to one line with single spaces
(`Abidjan Busan Grand Paris Kathmandu Metropolitan City`)."""

from __future__ import annotations

from helpers.tables.findings import Findings
from helpers.tables.names import Match, NameResolver

MAX_NAME_WORDS = 5


def resolve(resolver: NameResolver, name: str, q: Findings, line: int, where: str,
            activity: str | None = None, unmatched: str = "not_a_member") -> Match:  # fmt: skip
    """The member a name stands for; automatic and failed matches become findings: a close
    spelling is an `automatic_match` (a guess to confirm), a match once accents, case or
    affixes are set aside a `folded_match` (safe). No match is an `unmatched_name` (add an
    alias) only when a roster name is close to it (`NameResolver.suggestions`, the one
    threshold `SUGGEST_MIN_SIMILARITY`); otherwise it is someone who is not a member, the
    kind `unmatched` (information: nothing to do; bilateral counterparts have their own)."""
    match = resolver.resolve(name)
    if match.how == "fuzzy":
        q.add("automatic_match", f"{where}: '{match.name}' matched to '{match.member}' "
              "by close spelling: confirm, or add an alias", line, activity)  # fmt: skip
    elif match.how == "folded":
        q.add("folded_match", f"{where}: '{match.name}' matched to '{match.member}' "
              "ignoring accents, case or affixes", line, activity)  # fmt: skip
    elif match.how == "none":
        close = resolver.suggestions(match.name)
        if close:
            q.add("unmatched_name", f"{where}: '{match.name}' is not on the roster but is close "
                  f"to {' or '.join(repr(c) for c in close)}: if it is that member, add the "
                  "spelling to data/reference/member_aliases.csv", line, activity)  # fmt: skip
        else:
            q.add(unmatched, f"{where}: '{match.name}' is not on the roster and no roster name "
                  "is close to it: not a member", line, activity)  # fmt: skip
    return match


def _known(resolver: NameResolver, name: str) -> bool:
    return resolver.resolve(name).how in {"exact", "alias", "folded"}


def all_known(items: list[tuple[str, int]], resolver: NameResolver) -> bool:
    """Every item is a member's name (as spelled on the roster, in the alias table or folded)."""
    return bool(items) and all(_known(resolver, n) for n, _ in items)


def split_names(items: list[tuple[str, int]], resolver: NameResolver) -> list[tuple[str, int]]:
    """Split `Seoul and Tehran` only when every part is a member and the whole is not."""
    out = []
    for name, no in items:
        parts = [p.strip() for p in name.replace(" & ", " and ").split(" and ")]
        if (
            len(parts) > 1
            and resolver.resolve(name).how == "none"
            and all(resolver.resolve(p).is_member for p in parts)
        ):
            out += [(p, no) for p in parts]
        else:
            out.append((name, no))
    return out


def join_broken(
    items: list[tuple[str, int]], resolver: NameResolver | None = None, known=None
) -> list[tuple[str, int]]:
    """Two neighbouring items from different lines are one name when the second is no member
    but the two together are (`Grand` / `Paris`, `Kathmandu` / `Metropolitan City`,
    `Guadalajara` / `(IMEPLAN)`). `known` replaces the roster for lists of other names."""
    is_known = known or (lambda n: _known(resolver, n))
    out: list[tuple[str, int]] = []
    for name, no in items:
        if out:
            prev, pno = out[-1]
            joined = f"{prev} {name}"
            if no != pno and not is_known(name) and is_known(joined):
                out[-1] = (joined, pno)
                continue
        out.append((name, no))
    return out


def segment_row(items: list[tuple[str, int]], resolver: NameResolver) -> list[tuple[str, int]]:
    """A flattened table row (`Abidjan Busan Grand Paris`) read as the roster names it is made
    of, choosing the split that explains most words with known names; items that are one
    name already are kept."""
    out: list[tuple[str, int]] = []
    for name, no in items:
        words = name.split()
        if len(words) <= 1 or _known(resolver, name):
            out.append((name, no))
            continue
        n = len(words)
        best: list[tuple[int, list[str]] | None] = [None] * (n + 1)
        best[0] = (0, [])
        for i in range(n):
            if best[i] is None:
                continue
            score, parts = best[i]
            for j in range(i + 1, min(n, i + MAX_NAME_WORDS) + 1):
                piece = " ".join(words[i:j])
                gain = (j - i) if _known(resolver, piece) else 0
                cand = (score + gain - 0.01, [*parts, piece])
                if best[j] is None or cand[0] > best[j][0]:
                    best[j] = cand
        score, parts = best[n]
        if score > 0 and all(_known(resolver, p) for p in parts):
            out += [(p, no) for p in parts]
        else:
            out.append((name, no))
    return out
