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
