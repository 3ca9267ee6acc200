"""The activity tables built from a few activities written here: ids, dates against the
period, action lines, participants, outcome and challenge codes, alliances, and the finding
each doubt or slip gives (helpers.tables.activities)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from helpers.parse.report import read_report
from helpers.periods import parse_period
from helpers.tables import activities as tab
from helpers.tables.alliances import AllianceNames
from helpers.tables.findings import Findings, frame
from helpers.tables.names import NameResolver, load_affixes, load_aliases

T1 = parse_period("2022-T1")
NO_PLAN = frame("strategic_plan", [])


def _found(q: Findings) -> list[tuple]:
    return [(r["kind"], r["detail"], r["source_line"], r["activity_id"]) for r in q.rows]


DATES = (
    "ACTIVITIES\n"  # 1
    "17 February\nCITY LAB ONE\nText.\nMembers: Seoul\n"  # 2-5
    "25 April – 3 May\nFORUM TWO\nText.\nMembers: Seoul\n"  # 6-9: runs past April
    "3 June\nLATE FORUM\nText.\nMembers: Seoul\n"  # 10-13: after the period
    "31 February\nBROKEN DATE\nText.\nMembers: Seoul\n"  # 14-17
    "1 March\nNO LABELS HERE\nJust text.\n2.2 Economic resilience\n"  # 18-21
    "17 February\nCITY LAB ONE\nAgain.\nMembers:"  # 22-25: listed again, Members empty
)


def test_activity_rows_dates_against_the_period_and_their_findings():
    q = Findings()
    df = tab.activities(read_report(DATES, 2022), T1, NO_PLAN, q)
    cols = ["activity_id", "start_date", "end_date", "date_text", "title", "in_period",
            "source_line"]  # fmt: skip
    feb17, mar1 = date(2022, 2, 17), date(2022, 3, 1)
    assert [tuple(r) for r in df[cols].itertuples(index=False)] == [
        ("2022-T1-01", feb17, feb17, "17 February", "CITY LAB ONE", True, 2),
        ("2022-T1-02", date(2022, 4, 25), date(2022, 5, 3), "25 April – 3 May", "FORUM TWO",
         True, 6),
        ("2022-T1-03", date(2022, 6, 3), date(2022, 6, 3), "3 June", "LATE FORUM", False, 10),
        ("2022-T1-04", None, None, "31 February", "BROKEN DATE", False, 14),
        ("2022-T1-05", mar1, mar1, "1 March", "NO LABELS HERE", True, 18),
        ("2022-T1-06", feb17, feb17, "17 February", "CITY LAB ONE", True, 22),
    ]  # fmt: skip
    assert df["period"].tolist() == ["2022-T1"] * 6
    assert df["action_line"].isna().all()
    assert df["description"].tolist()[4] == "Just text. 2.2 Economic resilience"
    assert _found(q) == [
        ("date_beyond_period", "'FORUM TWO' runs 25 Apr–03 May 2022, beyond January–April 2022",
         6, "2022-T1-02"),
        ("date_outside_period", "'LATE FORUM' is dated '3 June' (03 Jun 2022), outside 2022-T1 "
         "(January–April 2022)", 10, "2022-T1-03"),
        ("bad_date", "date '31 February' cannot be read (day is out of range for month)", 14,
         "2022-T1-04"),
        ("activity_without_labels", "activity 'NO LABELS HERE' has no label (Members, Outcomes, "
         "Metropolitan challenges, Alliances)", 18, "2022-T1-05"),
        ("value_outside_label", "'2.2 Economic resilience' in activity 'NO LABELS HERE' looks "
         "like a code, a challenge or a date but sits outside its labels: not read", 21,
         "2022-T1-05"),
        ("activity_repeated", "'CITY LAB ONE' (17 February) is listed again (first at line 2)",
         22, "2022-T1-06"),
        ("empty_label", "label 'members' has no value", 25, "2022-T1-06"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("dates", "in_period", "kind"),
    [
        ("25 April – 3 May", True, "date_beyond_period"),  # starts before May
        ("3 May – 31 August", True, None),
        ("30 August – 2 September", True, "date_beyond_period"),
        ("1 – 30 April", False, "date_outside_period"),
        ("1 September", False, "date_outside_period"),
        ("1 May", True, None),  # the period's first day
        ("31 August", True, None),  # and its last
        ("1 – 3 May", True, None),
    ],
)
def test_an_activity_is_in_the_period_when_its_days_meet_it(dates, in_period, kind):
    q = Findings()
    text = f"ACTIVITIES\n{dates}\nFORUM TWO\nText.\nMembers: Seoul"
    df = tab.activities(read_report(text, 2022), parse_period("2022-T2"), NO_PLAN, q)
    assert df["in_period"].tolist() == [in_period]
    assert [r["kind"] for r in q.rows] == ([kind] if kind else [])


def test_long_titles_and_lines_are_quoted_by_their_beginning():
    title = "A VERY LONG TITLE OF AN ACTIVITY THAT GOES ON AND ON FOR MORE THAN SIXTY LETTERS"
    codes = "L1A2D4, L1A3D1, L2A2D3, L2A1D1, L3A1D1, L3A2D1, L1A1D1, L1A1D2, L1A1D3"
    inner = "**CITY MANAGERS COMMUNITY 2023: KICK-OFF OF THE NEW CYCLE OF EXCHANGES AND VISITS**"
    text = f"ACTIVITIES\n17 February\n{title}\nText.\n{codes}\n{inner}\nMore text."
    q = Findings()
    tab.activities(read_report(text, 2022), T1, NO_PLAN, q)
    shown = inner.strip("*")
    assert [r["detail"] for r in q.rows] == [
        f"activity '{title[:60]}' has no label (Members, Outcomes, Metropolitan challenges, "
        "Alliances)",
        f"'{shown[:60]}' in the text of activity '{title[:50]}' is set like an activity's title: "
        "another activity was probably read into this one",
        f"'{codes[:60]}' in activity '{title[:50]}' looks like a code, a challenge or a date but "
        "sits outside its labels: not read",
    ]  # fmt: skip


def test_an_activity_title_set_inside_another_ones_text_is_a_finding():
    text = (
        "ACTIVITIES\n17 February\nCITY LAB ONE\nText of the lab.\n"
        "**CITY MANAGERS COMMUNITY 2023: KICK-OFF**\nMembers: Seoul"
    )
    q = Findings()
    tab.activities(read_report(text, 2022), T1, NO_PLAN, q)
    assert _found(q) == [
        ("title_in_text", "'CITY MANAGERS COMMUNITY 2023: KICK-OFF' in the text of activity "
         "'CITY LAB ONE' is set like an activity's title: another activity was probably read "
         "into this one", 5, "2022-T1-01")]  # fmt: skip


# --------------------------------------------------------------------------- action lines


def _lines(text: str, plan: pd.DataFrame = NO_PLAN) -> tuple[list, list]:
    q = Findings()
    df = tab.activities(read_report(text, 2022), T1, plan, q)
    return df["action_line"].fillna("-").tolist(), [(r["kind"], r["source_line"]) for r in q.rows]


def test_activities_before_the_first_interleaved_header_have_no_line():
    text = (
        "ACTIVITIES\n10 March\nCITY LAB\nOutcomes: L2A2D3\n"  # 1-4
        "ACTION LINE 1\n11 March\nFORUM ONE\nOutcomes: L1A2D4\n"  # 5-8
        "ACTION LINE 2\n12 March\nFORUM TWO\nOutcomes: L2A2D3"  # 9-12
    )
    assert _lines(text) == (["-", "L1", "L2"], [("action_line_unknown", 2)])
    q = Findings()
    tab.activities(read_report(text, 2022), T1, NO_PLAN, q)
    assert q.rows[0]["detail"] == (
        "activities before the first action-line header have no action line"
    )


def test_bunched_headers_lines_inferred_from_the_codes():
    text = (
        "ACTIVITIES\nACTION LINE 1\nACTION LINE 2\n"  # 1-3
        "10 March\nCITY LAB\nOutcomes: L1A2D4\n11 March\nFORUM ONE\nOutcomes: L2A2D3"
    )
    assert _lines(text) == (["L1", "L2"], [("action_line_inferred", 2)])
    q = Findings()
    tab.activities(read_report(text, 2022), T1, NO_PLAN, q)
    assert q.rows[0]["detail"] == (
        "action-line headers do not sit between the activities: each activity's line was taken "
        "from the run of activities it belongs to (report order L1, L2, L3; outcome codes and "
        "restarting dates mark the runs)"
    )


def test_bunched_headers_a_codeless_activity_goes_with_the_run_its_date_starts():
    head = "ACTIVITIES\nACTION LINE 1\nACTION LINE 2\n"
    acts = ("10 January\nCITY LAB\nOutcomes: L1A2D4\n{second}\nFORUM\nText.\n"
            "1 February\nSUMMIT\nOutcomes: L2A2D3")  # fmt: skip
    restart = head + acts.format(second="5 January")  # the dates start again: line 2 begins
    assert _lines(restart)[0] == ["L1", "L2", "L2"]
    assert _lines(head + acts.format(second="20 January"))[0] == ["L1", "L1", "L2"]


def test_one_header_after_the_activities_is_no_interleaving():
    text = "ACTIVITIES\n10 March\nCITY LAB\nOutcomes: L1A2D4\nACTION LINE 2"
    assert _lines(text) == (["L2"], [("action_line_inferred", 5)])


def test_two_headers_after_every_activity_leave_them_without_a_line():
    text = "ACTIVITIES\n10 March\nCITY LAB\nOutcomes: L1A2D4\nACTION LINE 1\nACTION LINE 2"
    assert _lines(text) == (["-"], [("action_line_unknown", 2)])


def test_without_headers_the_plans_lines_are_the_runs():
    text = "ACTIVITIES\n10 March\nCITY LAB\nOutcomes: L3A1D1"
    plan = pd.DataFrame({"line": ["L1", "L3", None, "L3"]})
    assert _lines(text, plan) == (["L3"], [("action_line_inferred", 2)])
    assert _lines(text) == (["-"], [])  # no header, no plan: no line


def test_no_activities_no_lines():
    q = Findings()
    assert tab.activities(read_report("ACTIVITIES\nText.", 2022), T1, NO_PLAN, q).empty
    assert q.rows == []


# --------------------------------------------------------------------------- participation


def _resolver() -> NameResolver:
    roster = pd.DataFrame(
        {"member": ["Seoul", "Tehran", "Rabat"],
         "region": ["Asia-Pacific", "Asia-Pacific", "Africa"]}
    )  # fmt: skip
    return NameResolver(roster, load_aliases(), load_affixes())


def test_participants_each_once_with_how_they_were_matched():
    text = (
        "ACTIVITIES\n17 February\nCITY LAB ONE\nText.\nMembers\n"  # 1-5
        "Seoul, Tehran, Seoul, —\n"  # 6: Seoul twice, a dash
        "2.3 Climate resilience\n"  # 7: a challenge read as a name
        "Nowhere City\n"  # 8
        "3 March\nFORUM TWO\nText.\nMembers: Seoul and Rabat"  # 9-12: two members
    )
    q = Findings()
    df = tab.participation(read_report(text, 2022), T1, _resolver(), q)
    cols = ["activity_id", "name_raw", "member", "region", "is_member", "match", "source_line"]
    rows = [tuple(r) for r in df[cols].fillna("-").itertuples(index=False)]
    assert rows == [
        ("2022-T1-01", "Seoul", "Seoul", "Asia-Pacific", True, "exact", 6),
        ("2022-T1-01", "Tehran", "Tehran", "Asia-Pacific", True, "exact", 6),
        ("2022-T1-01", "2.3 Climate resilience", "-", "-", False, "none", 7),
        ("2022-T1-01", "Nowhere City", "-", "-", False, "none", 8),
        ("2022-T1-02", "Seoul", "Seoul", "Asia-Pacific", True, "exact", 12),
        ("2022-T1-02", "Rabat", "Rabat", "Africa", True, "exact", 12),
    ]
    found = _found(q)
    assert ("list_item_without_letters", "'—' under Members is not a name: left out", 6,
            "2022-T1-01") in found  # fmt: skip
    assert ("duplicate_participant", "'Seoul' listed twice", 6, "2022-T1-01") in found
    assert ("value_outside_label", "'2.3 Climate resilience' under Members of activity 'CITY "
            "LAB ONE' looks like a code, a challenge or a date: its labels were not read apart",
            7, "2022-T1-01") in found  # fmt: skip
    assert ("not_a_member", "activity 'CITY LAB ONE': 'Nowhere City' is not on the roster and "
            "no roster name is close to it: not a member", 8, "2022-T1-01") in found  # fmt: skip


def test_a_long_code_list_under_members_is_quoted_by_its_beginning():
    title = "A VERY LONG TITLE OF AN ACTIVITY THAT GOES ON FOR MORE THAN FIFTY LETTERS"
    codes = "L1A2D4 L1A3D1 L2A2D3 L2A1D1 L3A1D1 L3A2D1 L1A1D1 L1A1D2 L1A1D3"
    text = f"ACTIVITIES\n17 February\n{title}\nText.\nMembers:\n{codes}"
    q = Findings()
    tab.participation(read_report(text, 2022), T1, _resolver(), q)
    assert q.rows[0]["detail"] == (
        f"'{codes[:60]}' under Members of activity '{title[:50]}' looks like a code, a challenge "
        "or a date: its labels were not read apart"
    )


# --------------------------------------------------------------------------- codes


CODES = (
    "ACTIVITIES\n17 February\nCITY LAB ONE\nText.\n"  # 1-4
    "Outcomes: L1A2D4, L1A9D9\n"  # 5
    "Metropolitan challenges\nClimate resilience\n9.9 Unknown challenge\n"  # 6-8
    "3 March\nFORUM TWO\nText.\nMembers: Seoul"  # 9-12: no outcome code
)


def test_outcome_codes_known_or_not_and_activities_without_one():
    q = Findings()
    plan = pd.DataFrame({"code": ["L1", "L1A2", "L1A2D4"]})
    df = tab.activity_outcomes(read_report(CODES, 2022), T1, plan, q)
    assert [tuple(r) for r in df.itertuples(index=False)] == [
        ("2022-T1-01", "L1A2D4", True, 5), ("2022-T1-01", "L1A9D9", False, 5)]  # fmt: skip
    assert _found(q) == [
        ("unknown_outcome_code", "outcome L1A9D9 is not in the plan listing of this report", 5,
         "2022-T1-01"),
        ("no_outcome_code", "'FORUM TWO' has no outcome code", 9, "2022-T1-02"),
    ]  # fmt: skip


def test_challenge_codes_by_number_or_by_the_listings_title():
    q = Findings()
    listed = pd.DataFrame({"code": ["2.3", "1.1"],
                           "title": ["Climate resilience", "Combating inequalities"]})  # fmt: skip
    df = tab.activity_challenges(read_report(CODES, 2022), T1, listed, q)
    assert [tuple(r) for r in df.itertuples(index=False)] == [
        ("2022-T1-01", "2.3", True, 7), ("2022-T1-01", "9.9", False, 8)]  # fmt: skip
    assert _found(q) == [
        ("unknown_challenge_code", "challenge 9.9 is not in the challenges listing of this "
         "report", 8, "2022-T1-01")]  # fmt: skip


def test_no_codes_no_rows():
    q = Findings()
    listed = pd.DataFrame({"code": [], "title": []})
    text = "ACTIVITIES\n17 February\nCITY LAB ONE\nText.\nMembers: Seoul"
    assert tab.activity_challenges(read_report(text, 2022), T1, listed, q).empty
    assert q.rows == []


# --------------------------------------------------------------------------- alliances


ALLIANCES = (
    "ACTIVITIES\n17 February\nCITY LAB ONE\nText.\n"  # 1-4
    "Alliances: UCLG, Cities Alliance, uclg\n"  # 5: the same alliance twice
    "3 March\nFORUM TWO\nText.\nAlliances\nUCLG\nCCRE / CEMR\n"  # 6-11: broken over two lines
    "4 March\nFORUM THREE\nText.\nAlliances: UCLG CCRE / CEMR, Cities alliance, UCLG\n"  # 12-15
)


def test_alliances_once_per_activity_joined_and_named_as_most_often_written():
    q = Findings()
    df = tab.activity_alliances(read_report(ALLIANCES, 2022), T1, AllianceNames(), q)
    assert [tuple(r) for r in df.itertuples(index=False)] == [
        ("2022-T1-01", "UCLG", "UCLG", 5),
        ("2022-T1-01", "Cities Alliance", "Cities Alliance", 5),
        ("2022-T1-02", "UCLG CCRE / CEMR", "UCLG CCRE / CEMR", 10),
        ("2022-T1-03", "UCLG CCRE / CEMR", "UCLG CCRE / CEMR", 15),
        ("2022-T1-03", "Cities Alliance", "Cities alliance", 15),
        ("2022-T1-03", "UCLG", "UCLG", 15),
    ]
    assert _found(q) == [
        ("alliance_merged", "alliance 'Cities alliance' counted as 'Cities Alliance', the "
         "report's most frequent spelling (spellings that differ only in case, accents, "
         "hyphens, dashes or spacing are one alliance)", 15, "2022-T1-03")]  # fmt: skip


def test_an_alliance_broken_over_two_lines_is_joined_when_the_alias_table_lists_it():
    # a narrow box breaks the name once, and no other activity writes it whole
    text = (
        "ACTIVITIES\n17 February\nCITY LAB ONE\nText.\nAlliances\n"  # 1-5
        "Global\nTaskforce of Local and Regional Governments\nUCLG\n"  # 6-8
    )
    aliases = pd.DataFrame({"alias": ["GTF"], "alliance": [
        "Global Taskforce of Local and Regional Governments"]})  # fmt: skip
    q = Findings()
    df = tab.activity_alliances(read_report(text, 2022), T1, AllianceNames(aliases), q)
    assert df["alliance"].tolist() == ["Global Taskforce of Local and Regional Governments", "UCLG"]
    # without the table, the two lines stay two names (nothing says they are one)
    df = tab.activity_alliances(read_report(text, 2022), T1, AllianceNames(), Findings())
    assert df["alliance"].tolist()[:2] == ["Global", "Taskforce of Local and Regional Governments"]


def test_two_spellings_of_one_alliance_in_one_activity_are_one_row():
    q = Findings()
    text = "ACTIVITIES\n17 February\nCITY LAB ONE\nText.\nAlliances: UCLG, UCLG–MEWA, UCLG MEWA"
    df = tab.activity_alliances(read_report(text, 2022), T1, AllianceNames(), q)
    assert df["alliance"].tolist() == ["UCLG", "UCLG–MEWA"]
    assert len(q.rows) == 1
    assert q.rows[0]["detail"].startswith("alliance 'UCLG MEWA' counted as 'UCLG–MEWA', the")
