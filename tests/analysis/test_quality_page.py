"""The data-quality page's parts (helpers.analysis.quality, helpers.show.display.findings_html):
the report's text around a finding's line, findings grouped by what to do, the count summary
in words, and report text shown as text, never markup."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers.analysis import quality
from helpers.ingest import ingest_period
from helpers.report.safety import live_markup
from helpers.show.display import excerpt_html, findings_html, info_findings_html
from helpers.tables.findings import Findings

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    """A project with the real 2022-T1 report ingested: tables and data/interim text."""
    from tests.conftest import new_project

    root = new_project(tmp_path_factory.mktemp("quality"))
    ingest_period("2022-T1", root=root, progress=lambda s: None)
    return root


def test_context_around_a_known_2022_t1_finding(ingested):
    # the close-spelling match of 'Abdijan' (activity 2, "THE METROPOLITAN GOVERNANCE IN
    # AFRICA"): read by hand in tests/fixtures/reports/2022-T1, the Members label sits on line 111, the
    # names on 112, the Outcomes label on 114 and L1A3D1 on 115 (110 and 113 are blank)
    from helpers.analysis.explore import load

    q = load("2022-T1", root=ingested).quality
    fuzzy = q[q["kind"] == "automatic_match"]
    assert fuzzy["source_line"].tolist() == [112]
    lines = quality.report_lines("2022-T1", root=ingested)
    around = quality.context(lines, 112)
    assert [no for no, _ in around] == [109, 111, 112, 114, 115]
    assert around[1:] == [
        (111, "Members"),
        (112, "Rabat, Tunis, Cairo, Nouakchott, Abdijan, Harare, Kigali"),
        (114, "Outcomes"),
        (115, "L1A3D1"),
    ]
    assert around[0][1].startswith("In the last webinar of the course")


def test_2022_t1_alliance_merges_are_shown_on_the_quality_page(ingested):
    # read by hand in tests/fixtures/reports/2022-T1: under Alliances, 'UCLG – MEWA' (line 99,
    # activity 1), 'Global taskforce of Local and Regional governments' (392, activity 13) and
    # 'UCLG MEWA' in the lists of lines 505 and 586 (activities 17 and 20); the shipped
    # data/reference/alliance_aliases.csv names them UCLG-MEWA and the Global Taskforce
    from helpers.analysis.explore import load

    q = load("2022-T1", root=ingested).quality
    groups = dict(quality.by_action(q[q["kind"] == "alliance_merged"]))
    merged = groups.pop("Nothing to do")
    assert groups == {}
    assert list(zip(merged["source_line"], merged["activity_id"], strict=True)) == [
        (99, "2022-T1-01"), (392, "2022-T1-13"), (505, "2022-T1-17"), (586, "2022-T1-20")]  # fmt: skip
    shown = findings_html([("Nothing to do", merged)])
    assert "counted under one name, so it counts as one alliance" in shown
    assert "alliance &#x27;UCLG – MEWA&#x27; counted as &#x27;UCLG-MEWA&#x27;" in shown
    assert "&#x27;Global Taskforce of Local and Regional Governments&#x27;" in shown


def test_context_has_its_width_and_skips_blank_lines():
    lines = ["a", "", "b", "c", "", "", "d", "e", "f"]
    assert quality.context(lines, 4) == [(1, "a"), (3, "b"), (4, "c"), (7, "d"), (8, "e")]
    assert quality.context(lines, 4, before=1, after=1) == [(3, "b"), (4, "c"), (7, "d")]
    assert quality.context(lines, 1) == [(1, "a"), (3, "b"), (4, "c")]
    assert quality.context(lines, 9) == [(7, "d"), (8, "e"), (9, "f")]
    assert quality.context(lines, 2)[1] == (2, "")  # the finding's own line, even blank


@pytest.mark.parametrize("line", [0, -1, 10, 99])
def test_no_context_for_line_zero_or_beyond_the_text(line):
    assert quality.context(["a", "b", "c", "d", "e", "f", "g", "h", "i"], line) == []


def test_no_report_text_means_no_context_and_no_crash(tmp_path):
    (tmp_path / "data").mkdir()
    assert quality.report_lines("2022-T1", root=tmp_path) == []
    assert quality.context([], 12) == []
    q = _quality(("bad_date", 12, "date 'x' cannot be read"))
    shown = findings_html(quality.by_action(quality.with_context(q, [])))
    assert "date &#x27;x&#x27; cannot be read" in shown and "<details" not in shown


def _quality(*rows: tuple[str, int, str]) -> pd.DataFrame:
    """A quality table from (kind, line, detail), through Findings as the ingest makes it."""
    q = Findings()
    for kind, line, detail in rows:
        q.add(kind, detail, line)
    return q.frame()


def test_report_text_in_the_context_is_shown_escaped():
    q = _quality(("no_outcome_code", 2, "'TITLE' has no outcome code"))
    lines = ["Members", f"{SCRIPT} TITLE", '<img src=x onerror="alert(2)">']
    shown = findings_html(quality.by_action(quality.with_context(q, lines)))
    assert "<script>" not in shown and "<img" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt; TITLE" in shown
    assert live_markup(shown) == []
    assert re.search(r"<mark[^>]*><span class=\"ln\">2</span> &lt;script&gt;", shown)


def test_an_excerpt_numbers_its_lines_marks_one_and_cuts_long_ones():
    shown = excerpt_html([(9, "before"), (10, "x" * 300), (11, "after")], 10, max_chars=50)
    assert shown.startswith('<details class="excerpt"><summary>The report&#x27;s text around')
    assert '<span class="ln"> 9</span> before' in shown
    assert re.search(r'<mark[^>]*><span class="ln">10</span> x{49}…</mark>', shown)
    assert shown.count("<mark") == 1
    assert excerpt_html([], 4) == ""


def test_findings_are_grouped_by_what_to_do_errors_first():
    q = _quality(
        ("unmatched_name", 30, "'Kigali' is not on the roster"),
        ("page_header", 2, "repeated page header ignored"),
        ("no_outcome_code", 40, "'X' has no outcome code"),
        ("bad_date", 50, "date '31 February' cannot be read"),
        ("date_outside_period", 20, "'Y' is dated '18 September'"),
        ("participant_not_in_engagement_list", 10, "'Durban' took part"),
    )
    groups = quality.by_action(q)
    assert [a for a, _ in groups] == [
        "Check a date",  # holds an error: it blocks figures
        "Tell the report's editors",
        "Add an alias",
        "Nothing to do",
    ]
    dates = dict(groups)["Check a date"]
    assert dates["kind"].tolist() == ["bad_date", "date_outside_period"]  # the error first
    editors = dict(groups)["Tell the report's editors"]
    assert editors["kind"].tolist() == ["participant_not_in_engagement_list", "no_outcome_code"]
    assert set(editors["sentence"]) >= {
        "This member took part in an activity but the report's Membership engagement list "
        "leaves it out."
    }
    shown = findings_html(groups)
    heads = re.findall(r'<h3 id="(todo-[a-z-]+)">', shown)
    assert heads == ["todo-check-a-date", "todo-tell-the-report-s-editors",
                     "todo-add-an-alias", "todo-nothing-to-do"]  # fmt: skip
    assert shown.index("31 February") < shown.index("18 September") < shown.index("Durban")


def test_a_kind_the_table_lacks_is_shown_last_to_check_by_hand():
    q = pd.DataFrame(
        {"severity": ["warning", "info"], "kind": ["<b>old_kind</b>", "page_header"],
         "activity_id": [None, None], "detail": ["d1", "d2"], "source_line": [3, 1]}
    )  # fmt: skip
    groups = quality.by_action(q)
    assert [a for a, _ in groups] == ["Check by hand", "Nothing to do"]  # warning before info
    shown = findings_html(groups)
    assert "&lt;b&gt;old_kind&lt;/b&gt;" in shown and "<b>" not in shown


def test_the_summary_counts_in_words():
    q = _quality(
        ("bad_date", 5, "d"),
        ("automatic_match", 6, "d"),
        ("unmatched_name", 7, "d"),
        ("page_header", 8, "d"),
    )
    assert quality.summary(q) == (
        "4 findings about the report: 1 error (figures that depend on it are missing), "
        "2 warnings to check and 1 for information only. To do: check a date (1); "
        "add an alias (2)."
    )
    only_info = _quality(("page_header", 8, "d"))
    assert quality.summary(only_info) == (
        "1 finding about the report: no errors (nothing blocks the figures), 0 warnings to "
        "check and 1 for information only. None of them asks anything of you."
    )
    assert quality.summary(only_info.iloc[:0]) == (
        "The report was read without a single finding: nothing to check."
    )


def test_the_page_leads_with_what_needs_an_action_and_folds_the_rest_into_one_line():
    """A PDF's dropped running headers (the issue's 2022-T1 PDF: 23 of 41 findings) and the
    other information-only findings ask nothing: they leave the action groups and fold into
    one counted line, the most frequent kind first."""
    q = _quality(
        *[
            ("page_furniture", line, f"running header dropped at line {line}")
            for line in (3, 9, 15)
        ],
        ("folded_match", 30, "'Montreal' matched to 'Montréal'"),
        ("no_outcome_code", 40, "'X' has no outcome code"),
        ("page_header", 50, "repeated page header ignored"),
        ("date_outside_period", 20, "'Y' is dated '18 September'"),
    )
    act = quality.needs_action(q)
    assert [(a, g["kind"].tolist()) for a, g in act] == [
        ("Tell the report's editors", ["no_outcome_code"]),
        ("Check a date", ["date_outside_period"]),
    ]
    info = quality.for_information(q)
    assert info["kind"].tolist() == ["page_furniture"] * 3 + ["folded_match", "page_header"]
    assert info["source_line"].tolist() == [3, 9, 15, 30, 50]
    shown = info_findings_html(quality.with_context(info, []))
    assert shown.startswith('<details class="findings info-findings"><summary class="counted">')
    summary = shown[: shown.index("</summary>")]
    assert re.sub(r"<[^>]+>", "", summary) == (
        "For information Nothing to do: 5 findings of 3 kinds, listed here for the record"
    )
    assert "<h3" not in shown  # one line, not sections of their own
    assert re.findall(r'class="count">\((\d+)\)', shown) == ["3", "1", "1"]
    assert shown.count("<li>") == 5
    assert info_findings_html(info.iloc[:0]) == ""
    assert quality.needs_action(_quality(("page_header", 8, "d"))) == []


def test_the_information_line_shows_report_text_escaped():
    q = _quality(("page_header", 1, f"header {SCRIPT} ignored"))
    shown = info_findings_html(quality.for_information(quality.with_context(q, [SCRIPT])))
    assert "<script>" not in shown and "header &lt;script&gt;" in shown
    assert live_markup(shown) == []
