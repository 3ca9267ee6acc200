"""Implausible sizes are refused with one line, before any work that grows with them, in
bounded memory (helpers.tables.bounds)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers.errors import UserError
from helpers.ingest import parse_report
from helpers.tables import bounds
from tests.conftest import ROOT, mini_report

ACTIVITY = "10 March\n\nCITY LAB\n\nText.\n\nMembers\n{members}\n\nOutcomes\nL2A2D3\n"


def test_many_names_under_members_are_refused_in_one_line():
    names = ", ".join(f"Nowhere {i}" for i in range(bounds.MAX_PARTICIPATIONS + 1))
    with pytest.raises(UserError) as err:
        parse_report(mini_report(ACTIVITY.format(members=names)), "2022-T1")
    assert "\n" not in str(err.value) and "names under the activities' Members" in str(err.value)


def test_a_name_past_its_bound_is_refused_and_a_real_one_is_read():
    with pytest.raises(UserError, match="a name of 600 characters"):
        parse_report(mini_report(ACTIVITY.format(members="A" * 600)), "2022-T1")
    t = parse_report(mini_report(ACTIVITY.format(members="Abidjan, Cairo")), "2022-T1")
    assert sorted(t["participation"]["member"]) == ["Abidjan", "Cairo"]


def test_a_text_or_file_past_its_bound_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(bounds, "MAX_TEXT_CHARS", 1000)
    with pytest.raises(UserError, match="characters of text"):
        parse_report("x" * 1001, "2022-T1")
    big = tmp_path / "report.md"
    big.write_bytes(b"x" * 2048)
    monkeypatch.setattr(bounds, "MAX_REPORT_BYTES", 1024)
    with pytest.raises(UserError, match="bytes"):
        bounds.check_file(big)


HOSTILE = """
import resource, sys
from helpers.errors import UserError
from helpers.ingest import parse_report
from tests.conftest import mini_report
names = ", ".join(f"Nowhere {i}" for i in range(200_000))
text = mini_report("10 March\\n\\nCITY LAB\\n\\nText.\\n\\nMembers\\n" + names + "\\n")
try:
    parse_report(text, "2022-T1")
except UserError as exc:
    print("refused:", str(exc)[:60])
print("peak MB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


@pytest.mark.slow  # a subprocess, to measure its own peak memory
def test_a_hostile_report_is_refused_within_bounded_memory():
    # 200,000 unmatched names under Members: before, 200,008 warnings and a 14 GB worker
    r = subprocess.run([sys.executable, "-c", HOSTILE], capture_output=True, text=True,
                       cwd=ROOT, env={"PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}, check=True)  # fmt: skip
    refused, peak = r.stdout.splitlines()
    assert refused.startswith("refused: the report holds 200,000 names")
    assert int(peak.split()[-1]) < 1024  # MB: the text, its lines and the modules, not more


# --------------------------------------------------------------------------------------------
# Each bound at its edge, with the bounds lowered to a few items (docs/mutation.md).

REPORT = (
    "ACTIVITIES\n"
    "10 March\nCITY LAB\nText.\nMembers: Seoul, Tehran\n"
    "11 March\nFORUM\nText.\nMembers: Rabat\n"
    "ACTIVE LISTENING\nMEMBERSHIP ENGAGEMENT\nSeoul, Rabat\nBILATERAL MEETINGS\nLima\n"
    "WHO WE ARE\nAFRICA\n- Rabat\n- Abidjan\n- Cairo\n"
    "Members of the Board of Directors\nMEMBER\nAsmaa Rhlalou\nMayor of Rabat\n"
)  # 2 activities, 3 roster names, 3 participants, 2 + 1 + 1 listed names


def _refused(what: str, n: int, limit: int) -> str:
    return (
        f"the report holds {n} {what}, more than the {limit} any real report comes near: it is "
        "not a Metropolis progress report, or it is damaged; nothing was read"
    )


@pytest.mark.parametrize(
    ("bound", "what", "n"),
    [
        ("MAX_ACTIVITIES", "activities", 2),
        ("MAX_ROSTER", "roster names", 3),
        ("MAX_PARTICIPATIONS", "names under the activities' Members", 3),
        ("MAX_LISTED", "names in the engagement list, meetings and board", 4),
    ],
)
def test_a_list_past_its_bound_is_refused_one_at_it_is_read(monkeypatch, bound, what, n):
    from helpers.parse.report import read_report

    rec = read_report(REPORT, 2022)
    monkeypatch.setattr(bounds, bound, n)
    bounds.check_records(rec)  # at the bound: read
    monkeypatch.setattr(bounds, bound, n - 1)
    with pytest.raises(UserError) as err:
        bounds.check_records(rec)
    assert str(err.value) == _refused(what, n, n - 1)


@pytest.mark.parametrize(
    ("where", "text"),
    [
        ("roster", REPORT.replace("- Cairo", "- Cairo Metropolitan Area")),
        ("members", REPORT.replace("Members: Rabat", "Members: Cairo Metropolitan Area")),
        ("engagement", REPORT.replace("Seoul, Rabat", "Seoul, Cairo Metropolitan Area")),
    ],
)
def test_a_name_past_its_bound_wherever_it_is_listed(monkeypatch, where, text):
    from helpers.parse.report import read_report

    rec = read_report(text, 2022)
    name = "Cairo Metropolitan Area"  # 23 characters
    monkeypatch.setattr(bounds, "MAX_NAME_CHARS", 23)
    bounds.check_records(rec)
    monkeypatch.setattr(bounds, "MAX_NAME_CHARS", 22)
    with pytest.raises(UserError) as err:
        bounds.check_records(rec)
    assert str(err.value) == (
        f"a name of 23 characters ('{name}…'), more than the 22 any real name comes near: the "
        "report is damaged; nothing was read"
    )


def test_a_long_name_is_quoted_by_its_first_forty_characters(monkeypatch):
    from helpers.parse.report import read_report

    name = "Cairo Metropolitan Area of the Greater Cairo Region"
    rec = read_report(REPORT.replace("- Cairo", f"- {name}"), 2022)
    monkeypatch.setattr(bounds, "MAX_NAME_CHARS", 10)
    with pytest.raises(UserError, match=f"a name of {len(name)} characters \\('{name[:40]}…'\\)"):
        bounds.check_records(rec)


@pytest.mark.parametrize(("size", "refused"), [(1024, False), (1025, True)])
def test_a_file_or_text_at_its_bound_is_read_past_it_refused(tmp_path, monkeypatch, size, refused):
    monkeypatch.setattr(bounds, "MAX_REPORT_BYTES", 1024)
    monkeypatch.setattr(bounds, "MAX_TEXT_CHARS", 1024)
    path = tmp_path / "report.md"
    path.write_bytes(b"x" * size)
    if refused:
        with pytest.raises(UserError) as err:
            bounds.check_file(path)
        assert str(err.value).startswith(f"the report holds {size:,} bytes, more than the 1,024 ")
        with pytest.raises(UserError, match=f"holds {size:,} characters of text"):
            bounds.check_text("x" * size)
    else:
        bounds.check_file(path)
        bounds.check_text("x" * size)
    bounds.check_file(tmp_path / "missing.md")  # the reader says it is missing, in its words
