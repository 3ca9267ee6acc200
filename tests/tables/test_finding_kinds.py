"""Kinds of finding as data (helpers/tables/finding_kinds.csv): every kind the code can add has
exactly one row, one severity, an action from the fixed set and a plain sentence; a kind the
table lacks fails at once."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

from helpers.ingest import parse_report
from helpers.tables import finding_kinds
from helpers.tables.finding_kinds import ACTIONS, kinds, lookup
from helpers.tables.findings import Findings

SRC = Path(__file__).resolve().parents[2] / "src" / "helpers"
REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
# added by another branch (a roster member with no row in data/reference/member_locations.csv)
NOT_YET_IN_CODE: set[str] = set()


@functools.cache  # the code does not change during a test run: scanned once, read by three tests
def _kind_patterns() -> dict[str, str]:
    """Every kind the package's code can add, as a regex, by where it is written: the first
    argument of each `.add(...)` call that is a string or f-string (an f-string's fields match
    any word), every `unmatched=` keyword and the default of each `unmatched` parameter."""
    found: dict[str, str] = {}

    def note(node: ast.expr, where: str) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found[re.escape(node.value)] = where
        elif isinstance(node, ast.JoinedStr):
            parts = [
                re.escape(v.value) if isinstance(v, ast.Constant) else r"\w+" for v in node.values
            ]
            found["".join(parts)] = where

    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC)  # once per file, not per node (330,000 nodes)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{name}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Attribute) and func.attr == "add" and len(node.args) >= 2:
                    note(node.args[0], where)  # Findings.add(kind, detail, ...); set.add(x)
                for kw in node.keywords:
                    if kw.arg == "unmatched":
                        note(kw.value, where)
            if isinstance(node, ast.FunctionDef):
                args = node.args.args[len(node.args.args) - len(node.args.defaults) :]
                for arg, default in zip(args, node.args.defaults, strict=True):
                    if arg.arg == "unmatched":
                        note(default, where)
    return found


def test_the_scan_finds_the_kinds_it_should():
    patterns = _kind_patterns()
    assert re.escape("participant_not_in_engagement_list") in patterns
    assert r"unknown_\w+_code" in patterns  # the f-string in tables/activities.py
    assert re.escape("bilateral_counterpart_not_member") in patterns  # a keyword
    assert re.escape("unmatched_name") in patterns  # a parameter's default
    assert len(patterns) >= 30


def test_every_kind_used_in_the_code_has_a_row():
    table = set(kinds())
    missing = {
        where: pattern
        for pattern, where in _kind_patterns().items()
        if not any(re.fullmatch(pattern, k) for k in table)
    }
    assert not missing, f"kinds with no row in finding_kinds.csv: {missing}"


def test_every_row_is_a_kind_the_code_uses():
    patterns = list(_kind_patterns())
    unused = {k for k in kinds() if not any(re.fullmatch(p, k) for p in patterns)} - NOT_YET_IN_CODE
    assert not unused, f"rows of finding_kinds.csv no code adds: {sorted(unused)}"


def test_each_row_has_one_severity_an_action_and_a_plain_sentence():
    table = kinds()
    assert len(table) >= 30
    for k in table.values():
        assert k.severity in ("error", "warning", "info"), k
        assert k.action in ACTIONS, k
        assert k.sentence and k.kind not in k.sentence, k
        assert k.sentence[0].isupper() and k.sentence.endswith("."), k
    assert table["participant_not_in_engagement_list"].sentence == (
        "This member took part in an activity but the report's Membership engagement list "
        "leaves it out."
    )
    assert table["member_without_location"].action == "Add a location"
    assert {k.action for k in table.values()} == set(ACTIONS)


def test_the_blocking_kinds_are_errors_and_the_two_automatic_matches_are_apart():
    from helpers.tables.checks import BLOCKING

    assert {lookup(k).severity for k in BLOCKING} == {"error"}
    assert (lookup("automatic_match").severity, lookup("folded_match").severity) == (
        "warning",
        "info",
    )
    assert lookup("unmatched_name").severity == "warning"
    assert lookup("bilateral_counterpart_not_member").severity == "info"


def test_a_kind_missing_from_the_table_fails_loudly():
    q = Findings()
    with pytest.raises(KeyError, match="not_a_kind.*finding_kinds.csv"):
        q.add("not_a_kind", "detail", 3)
    assert q.rows == []


def test_findings_take_the_severity_of_their_kind():
    q = Findings()
    q.add("bad_date", "date 'x' cannot be read", 5, "A1")
    q.add("page_header", "repeated page header ignored", 2)
    assert [(r["kind"], r["severity"]) for r in q.rows] == [
        ("bad_date", "error"),
        ("page_header", "info"),
    ]


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "kinds.csv"
    path.write_text("kind,severity,action,sentence\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("a,info,Nothing to do,One.\na,warning,Nothing to do,Two.\n", "listed twice"),
        ("a,minor,Nothing to do,One.\n", "severity 'minor'"),
        ("a,info,Call someone,One.\n", "action 'Call someone'"),
        ("a,info,Nothing to do,\n", "no sentence"),
        ("a,info,Nothing to do,a\n", "no sentence"),
        (",info,Nothing to do,One.\n", "is empty"),
    ],
)
def test_a_bad_table_is_refused_with_its_line(tmp_path, monkeypatch, body, message):
    monkeypatch.setattr(finding_kinds, "TABLE", _write(tmp_path, body))
    kinds.cache_clear()
    try:
        with pytest.raises(ValueError, match=message):
            kinds()
    finally:
        kinds.cache_clear()


@pytest.mark.parametrize("fixture", ["2022-T2", "2022-T3", "2023-T1"])
def test_every_fixture_finding_has_its_kinds_severity(fixture, t1):
    folder = REPORTS / fixture
    period = fixture
    tables = parse_report(next(folder.glob("*.md")).read_text(encoding="utf-8"), period)
    for q in (tables["quality"], t1["quality"]):
        assert len(q)
        for kind, severity in zip(q["kind"], q["severity"], strict=True):
            assert severity == lookup(kind).severity, kind
