"""The data-quality page in officers' words: each finding with its kind's plain sentence
(finding_kinds.csv), grouped by what to do, with the report's text around its source line.

The text behind every `source_line` is data/interim/<period>/report.txt, kept by the ingest.
Everything here returns data or words; the page's HTML is built from them by
helpers.show.display.findings_html, which escapes every value."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.analysis.wording import plural
from helpers.periods import Period, parse_period
from helpers.tables.contract import SEVERITIES
from helpers.tables.finding_kinds import ACTIONS, kinds

BEFORE, AFTER = 2, 2  # lines of context either side of a finding's line
UNDESCRIBED = "Check by hand"  # the group of kinds the table lacks (tables from older code)


def report_lines(period: str | Period, root: Path | None = None) -> list[str]:
    """The normalised report text a period's `source_line`s refer to, one string per line;
    empty when the period's data/interim/<period>/report.txt is missing or unreadable."""
    from helpers.periods import interim_path

    per = period if isinstance(period, Period) else parse_period(period)
    try:
        text = interim_path(per, root).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return text.split("\n")


def context(
    lines: list[str], line: int, before: int = BEFORE, after: int = AFTER
) -> list[tuple[int, str]]:
    """(line number, text) of the finding's line (1-based) with up to `before` non-blank lines
    above it and `after` below (blank lines are skipped: the numbers show the gaps); empty
    for line 0 (a finding about the whole report) or a line the text does not have."""
    line = int(line)
    if not lines or not 1 <= line <= len(lines):
        return []

    def around(numbers: range, n: int) -> list[int]:
        return [no for no in numbers if lines[no - 1].strip()][:n]

    above = around(range(line - 1, 0, -1), before)
    below = around(range(line + 1, len(lines) + 1), after)
    return [(no, lines[no - 1]) for no in [*reversed(above), line, *below]]


def described(quality: pd.DataFrame) -> pd.DataFrame:
    """The findings with their kind's `sentence` and `action`; a kind the table lacks (tables
    written by older code) keeps its id in the sentence and goes to "Check by hand"."""
    table = kinds()
    sentence = [
        table[k].sentence if k in table else f"A finding this workbench does not describe ({k})."
        for k in quality["kind"]
    ]
    action = [table[k].action if k in table else UNDESCRIBED for k in quality["kind"]]
    return quality.assign(sentence=sentence, action=action)


def with_context(quality: pd.DataFrame, lines: list[str]) -> pd.DataFrame:
    """The findings with a `context` column: the report's lines around each one (see
    :func:`context`; empty for line 0 or when the report's text is missing)."""
    return quality.assign(context=[context(lines, int(no)) for no in quality["source_line"]])


def _rank(severity: pd.Series) -> pd.Series:
    return severity.astype(str).map({s: i for i, s in enumerate(SEVERITIES)})


def by_action(quality: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """(action, its findings in report order) for every action with findings. Groups holding
    the most severe findings come first (errors block figures), ties in the order of ACTIONS;
    each group's findings are ordered by kind (most severe, then first line) and line."""
    df = described(quality).assign(_rank=lambda d: _rank(d["severity"]))
    order = [*ACTIONS, UNDESCRIBED]
    groups = []
    for action, g in df.groupby("action", sort=False):
        kind_first = g.groupby("kind")["source_line"].transform("min")
        g = g.assign(_first=kind_first).sort_values(
            ["_rank", "_first", "kind", "source_line", "detail"], kind="stable"
        )
        key = (int(g["_rank"].min()), order.index(str(action)))
        groups.append((key, str(action), g.drop(columns=["_rank", "_first"])))
    return [(action, g.reset_index(drop=True)) for _, action, g in sorted(groups)]


def severity_counts(quality: pd.DataFrame) -> dict[str, int]:
    """Findings per severity, every severity named (`{"error": 0, "warning": 9, "info": 10}`):
    the quality page's cards, the index and the board brief."""
    counts = quality["severity"].astype(str).value_counts()
    return {s: int(counts.get(s, 0)) for s in SEVERITIES}


INFO = SEVERITIES[-1]  # "info": findings for information, nothing to do


def needs_action(quality: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """The groups of :func:`by_action` without the findings for information only: what the
    quality page leads with (an empty list when nothing asks anything of the officer)."""
    return by_action(quality[quality["severity"].astype(str) != INFO])


def for_information(quality: pd.DataFrame) -> pd.DataFrame:
    """The findings for information only (severity info: nothing to do), with their kind's
    sentence, the most frequent kind first (a PDF's dropped running headers, often most of
    them), then by kind's first line and by line: the quality page folds them into one
    counted line."""
    info = described(quality[quality["severity"].astype(str) == INFO])
    count = info.groupby("kind")["kind"].transform("size")
    first = info.groupby("kind")["source_line"].transform("min")
    order = info.assign(_n=-count, _first=first).sort_values(
        ["_n", "_first", "kind", "source_line", "detail"], kind="stable"
    )
    return order.drop(columns=["_n", "_first"]).reset_index(drop=True)


def summary(quality: pd.DataFrame) -> str:
    """The findings counted in words: by severity, then by what to do."""
    if quality.empty:
        return "The report was read without a single finding: nothing to check."
    counts = quality["severity"].astype(str).value_counts()
    errors, warnings, infos = (int(counts.get(s, 0)) for s in SEVERITIES)
    first = (
        f"{plural(len(quality), 'finding')} about the report: "
        + (f"{plural(errors, 'error')} (figures that depend on {'it' if errors == 1 else 'them'}"
           " are missing), " if errors else "no errors (nothing blocks the figures), ")
        + f"{plural(warnings, 'warning')} to check and {infos} for information only."
    )  # fmt: skip
    todo = [
        f"{action[0].lower()}{action[1:]} ({len(g)})"
        for action, g in by_action(quality)
        if action != "Nothing to do"
    ]
    second = "To do: " + "; ".join(todo) + "." if todo else "None of them asks anything of you."
    return f"{first} {second}"
