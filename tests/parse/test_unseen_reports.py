"""Reports this parser was not written against: made-up May–August and September–December
2022 reports and a January–April 2023 holdout (written after the parser, by someone who had
not read it), each with its own quirks and hand-written expectations (expected.json)."""

import json

import pytest

from helpers.ingest import parse_report
from tests.parse.fixture_accuracy import FIXTURES, score


@pytest.mark.parametrize("fixture", ["2022-T2", "2022-T3", "2023-T1"])
def test_every_field_at_100_percent(fixture):
    accuracy = score(fixture)
    low = {k: round(v, 3) for k, v in accuracy.items() if v < 1.0}
    assert not low, f"fields under 100% in {fixture}: {low}"
    assert len(accuracy) >= 20


def _parse(fixture):
    folder = FIXTURES / fixture
    exp = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return exp, parse_report(next(folder.glob("*.md")).read_text(encoding="utf-8"), exp["period"])


def test_t2_crlf_interleaved_headers_and_quirks():
    exp, t = _parse("2022-T2")
    assert b"\r\n" in next((FIXTURES / "2022-T2").glob("*.md")).read_bytes()
    a = t["activities"]
    assert len(a) == len(exp["activities"]) == 14
    assert a["action_line"].tolist() == [e["action_line"] for e in exp["activities"]]
    assert a.loc[~a["in_period"], "title"].tolist() == exp["out_of_period_titles"]
    q = t["quality"]
    assert set(exp["fuzzy_matches"]) <= set(
        q.loc[q["kind"] == "automatic_match", "detail"].str.extract(r"'([^']+)' matched")[0]
    )


def test_t3_bunched_headers_out_of_order():
    exp, t = _parse("2022-T3")
    assert t["activities"]["action_line"].tolist() == [e["action_line"] for e in exp["activities"]]
    assert sorted(t["bilateral_meetings"]["mode"].dropna().unique()) == ["On-site", "Online"]
