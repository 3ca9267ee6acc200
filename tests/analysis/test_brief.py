"""The board brief's figures: on two tiny hand-made periods (every expectation counted from
the rows written below), then on the real 2022-T1 report (hand counts from its markdown)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analysis.brief import board_brief, members_to_call, regions_to_work_on
from tests.conftest import REPORT_2022T1

T1, T2 = "2022-T1", "2022-T2"
JAN, MAY, SEP = (pd.Timestamp(f"2022-{m}-10") for m in ("01", "05", "09"))
ACTS = ["activity_id", "title", "start_date", "end_date", "in_period"]


def _frame(period: str, rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame([(period, *r) for r in rows], columns=["period", *columns])


def two_periods(t2_roster: list[tuple[str, str]] | None = None) -> dict[str, pd.DataFrame]:
    """2022-T1: roster Seoul, Busan (Asia-Pacific), Rabat, Dakar (Africa); activities a1
    (Seoul, Rabat), a2 (Seoul, Dakar; dated outside the period); alliance UCLG on a1; plan
    deliverables L1A1D1 (a1), L1A1D2 (none); challenges 2.3 (a1), 1.3 (none); one board seat
    (Ms Kim, Busan); findings: one warning, one info.
    2022-T2: the same roster unless given; activity b1 (Seoul); deliverable L1A1D1 (b1);
    challenge 2.3 (b1); no alliance; the same board seat; no finding."""
    t1_roster = [("Seoul", "Asia-Pacific"), ("Busan", "Asia-Pacific"), ("Rabat", "Africa"),
                 ("Dakar", "Africa")]  # fmt: skip
    t2_roster = t2_roster or t1_roster
    frames = {
        "members": [_frame(T1, t1_roster, ["member", "region"]),
                    _frame(T2, t2_roster, ["member", "region"])],
        "activities": [
            _frame(T1, [("a1", "A", JAN, JAN, True), ("a2", "B", SEP, SEP, False)], ACTS),
            _frame(T2, [("b1", "C", MAY, MAY, True)], ACTS),
        ],
        "participation": [
            _frame(T1, [("a1", "Seoul", "Seoul", "Asia-Pacific", True),
                        ("a1", "Rabat", "Rabat", "Africa", True),
                        ("a2", "Seoul", "Seoul", "Asia-Pacific", True),
                        ("a2", "Dakar", "Dakar", "Africa", True)],
                   ["activity_id", "name_raw", "member", "region", "is_member"]),
            _frame(T2, [("b1", "Seoul", "Seoul", "Asia-Pacific", True)],
                   ["activity_id", "name_raw", "member", "region", "is_member"]),
        ],
        "activity_alliances": [_frame(T1, [("a1", "UCLG")], ["activity_id", "alliance"]),
                               _frame(T2, [], ["activity_id", "alliance"])],
        "strategic_plan": [
            _frame(p, [("L1", "line", None, "Leadership"), ("L1A1", "action", "L1", "Narrative"),
                       ("L1A1D1", "deliverable", "L1A1", "Policy recommendations"),
                       ("L1A1D2", "deliverable", "L1A1", "Policy debates")],
                   ["code", "level", "parent", "title"])
            for p in (T1, T2)
        ],
        "activity_outcomes": [_frame(T1, [("a1", "L1A1D1", True)], ["activity_id", "code", "known"]),
                              _frame(T2, [("b1", "L1A1D1", True)], ["activity_id", "code", "known"])],
        "challenges": [_frame(p, [("1.3", "Advancing mobility"), ("2.3", "Climate resilience")],
                              ["code", "title"]) for p in (T1, T2)],
        "activity_challenges": [_frame(T1, [("a1", "2.3", True)], ["activity_id", "code", "known"]),
                                _frame(T2, [("b1", "2.3", True)], ["activity_id", "code", "known"])],
        "board": [_frame(p, [("Ms Kim", "Member", "Busan", "Asia-Pacific")],
                         ["name", "role", "member", "region"]) for p in (T1, T2)],
        "quality": [
            _frame(T1, [("warning", "date_outside_period", "a2", "dated in September", 9),
                        ("info", "folded_match", "a1", "Montreal", 3)],
                   ["severity", "kind", "activity_id", "detail", "source_line"]),
            _frame(T2, [], ["severity", "kind", "activity_id", "detail", "source_line"]),
        ],
    }  # fmt: skip
    return {name: pd.concat(parts, ignore_index=True) for name, parts in frames.items()}


def test_first_period_has_figures_and_nothing_to_compare():
    t = {n: df[df["period"] == T1] for n, df in two_periods().items()}
    b = board_brief(t, T1)
    assert b.previous is None
    shown = {f.label: (f.value, f.before, f.change) for f in b.figures}
    assert shown == {
        "Activities": ("2", "", ""),
        "Members taking part": ("3 of 4", "", ""),  # Seoul, Rabat, Dakar
        "Engagement rate": ("75%", "", ""),
        "Alliances worked with": ("1", "", ""),
        "Deliverables served": ("1 of 2", "", ""),
        "Challenges addressed": ("1 of 2", "", ""),
        "Board members whose city took part": ("0 of 1", "", ""),  # Busan took part in nothing
    }
    assert b.figures[0].note == "1 dated inside the period"
    assert b.deliverables == [("L1A1D2", "Policy debates")]
    assert b.challenges == [("1.3", "Advancing mobility")]
    # Asia-Pacific 1 of 2 (50%) is below the whole roster's 75%; Africa 2 of 2 is not
    assert [r["region"] for r in b.regions] == ["Asia-Pacific"]
    assert b.regions[0] == {"region": "Asia-Pacific", "engaged": 1, "roster": 2,
                            "not_engaged": 1, "rate": "50%"}  # fmt: skip
    assert b.board == [{"name": "Ms Kim", "role": "Member", "member": "Busan",
                        "region": "Asia-Pacific"}]  # fmt: skip
    assert b.lapsed == [] and b.like_for_like == ""
    assert b.severities == {"error": 0, "warning": 1, "info": 1}
    assert [(f["kind"], f["count"]) for f in b.findings] == [("date_outside_period", 1)]


def test_change_since_the_previous_period_on_the_same_roster():
    b = board_brief(two_periods(), T2)
    assert b.previous == T1
    shown = {f.label: (f.value, f.before, f.change) for f in b.figures}
    assert shown["Activities"] == ("1", "2", "\u22121")
    assert shown["Members taking part"] == ("1 of 4", "3 of 4", "\u22122")  # Seoul only
    assert shown["Engagement rate"] == ("25%", "75%", "\u221250 points")
    assert shown["Alliances worked with"] == ("0", "1", "\u22121")
    assert shown["Deliverables served"] == ("1 of 2", "1 of 2", "0")
    assert b.like_for_like == ""  # the same four members on both rosters
    # Rabat and Dakar took part in 2022-T1, not in 2022-T2
    assert b.lapsed == [{"member": "Dakar", "region": "Africa"},
                        {"member": "Rabat", "region": "Africa"}]  # fmt: skip
    assert b.findings == [] and b.severities["warning"] == 0


def test_a_roster_changed_by_more_than_10_percent_is_compared_like_for_like():
    # 2022-T2's roster: Seoul and Rabat stay, Busan and Dakar left, Tunis joined: of the 5
    # members on either roster, 3 are on one only (60%)
    b = board_brief(two_periods([("Seoul", "Asia-Pacific"), ("Rabat", "Africa"),
                                 ("Tunis", "Africa")]), T2)  # fmt: skip
    shown = {f.label: (f.value, f.before, f.change) for f in b.figures}
    # on the whole rosters: 3 of 4 then 1 of 3; on Seoul and Rabat: both, then Seoul alone
    assert shown["Members taking part"] == ("1 of 3", "3 of 4", "\u22121 like for like")
    assert shown["Engagement rate"] == ("33%", "75%", "\u221250 points like for like")
    assert shown["Activities"][2] == "\u22121"  # counts are not affected
    assert b.like_for_like == (
        "The roster changed from 4 members in 2022-T1 to 3 in 2022-T2 (60% of the members are "
        "on one roster only), so members taking part and the engagement rate are compared like "
        "for like, on the 2 members on both rosters: 2 took part in 2022-T1 (100%), 1 in "
        "2022-T2 (50%)."
    )
    assert b.lapsed == [{"member": "Rabat", "region": "Africa"}]  # Dakar left the roster


def test_regions_to_work_on_are_those_below_the_overall_rate_lowest_first():
    by_region = pd.DataFrame(
        {"region": ["Africa", "Asia-Pacific", "Europe", "North America"],
         "roster_size": [10, 10, 10, 0], "engaged": [2, 5, 1, 0], "not_engaged": [8, 5, 9, 0],
         "engagement_rate": [0.2, 0.5, 0.1, float("nan")]}
    )  # fmt: skip
    # overall 8 of 30 (27%): Europe 10% and Africa 20% are below it; an empty region is not
    assert regions_to_work_on(by_region, 8 / 30)["region"].tolist() == ["Europe", "Africa"]
    assert regions_to_work_on(by_region, 0.1).empty


def test_members_to_call_in_the_first_period_are_the_board_seats_only():
    t = {n: df[df["period"] == T1] for n, df in two_periods().items()}
    board, lapsed = members_to_call(t, T1)
    assert board["member"].tolist() == ["Busan"] and lapsed.empty


@pytest.fixture(scope="module")
def report_2022t1() -> dict[str, pd.DataFrame]:
    from helpers.ingest import parse_report

    tables = parse_report(REPORT_2022T1.read_text(encoding="utf-8"), T1)
    return {n: df.assign(period=T1) if "period" not in df else df for n, df in tables.items()}


def test_the_2022t1_brief_against_the_report(report_2022t1):
    b = board_brief(report_2022t1, T1)
    shown = {f.label: f.value for f in b.figures}
    assert shown == {
        "Activities": "21",  # 20 dated in the period, one on 18 September
        "Members taking part": "46 of 143",
        "Engagement rate": "32%",
        # UCLG MEWA, UCLG Africa, UNDP, UCLG, LSE, UN-Habitat, the Global taskforce, UCLG
        # ASPAC, UCLG Eurasia, UCLG CCRE / CEMR
        "Alliances worked with": "10",
        "Deliverables served": "16 of 18",
        "Challenges addressed": "11 of 12",
        "Board members whose city took part": "33 of 34",  # all but San Salvador's mayor
    }
    assert b.figures[0].note == "20 dated inside the period"
    assert [c for c, _ in b.deliverables] == ["L2A2D1", "L2A2D7"]
    assert b.challenges == [("1.3", "Advancing mobility")]
    # by region (hand counts of tests/e2e/test_browser.py): only Asia-Pacific, 16 of 75
    # (21%), is below the roster's 46 of 143 (32%)
    assert b.regions == [{"region": "Asia-Pacific", "engaged": 16, "roster": 75,
                          "not_engaged": 59, "rate": "21%"}]  # fmt: skip
    assert [(s["member"], s["name"]) for s in b.board] == [("San Salvador", "Mario Durán")]
    # Abdijan (a close spelling), Kocaeli's application (no label, no outcome), 18 September,
    # Durban and Casablanca (not in the engagement list), L3A1D4 and L3A2D2 (not in the plan
    # listing): 8 warnings, no error (Kigali, like no roster name, is not a member: for
    # information)
    assert b.severities["error"] == 0 and b.severities["warning"] == 8
    assert sum(int(f["count"]) for f in b.findings) == 8  # the 8 warnings limit the figures
    assert b.findings[0]["count"] == 2  # the kinds found twice come first
