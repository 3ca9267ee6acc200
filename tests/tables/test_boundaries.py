"""Period boundaries, reversed ranges and ranges across a year end, and the documented rule
for activities dated outside the period (docs/assumptions.md: "In period", "Activities dated
outside the period still count")."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from helpers.analysis import engagement
from helpers.ingest import parse_report
from helpers.parse.dates import parse_span
from tests.conftest import mini_report

ACTIVITY = """{date}

{title}

Text about it.

Members
{members}

Outcomes
L2A2D3
"""


def report(*acts: tuple[str, str, str]) -> str:
    return mini_report("\n\n".join(ACTIVITY.format(date=d, title=t, members=m) for d, t, m in acts))


def one_activity(date_text: str, period: str):
    t = parse_report(report((date_text, "CITY LAB", "Seoul")), period)
    a = t["activities"].iloc[0]
    kinds = set(t["quality"].loc[t["quality"]["activity_id"] == a.activity_id, "kind"])
    return a, kinds


# (period, date as written, dates read, inside the period)
BOUNDARY_DAYS = [
    ("2022-T1", "1 January", date(2022, 1, 1), True),  # first day
    ("2022-T1", "30 April", date(2022, 4, 30), True),  # last day
    ("2022-T1", "1 May", date(2022, 5, 1), False),  # the day after
    ("2022-T2", "30 April", date(2022, 4, 30), False),  # the day before
    ("2022-T2", "1 May", date(2022, 5, 1), True),
    ("2022-T2", "31 August", date(2022, 8, 31), True),
    ("2022-T2", "1 September", date(2022, 9, 1), False),
    ("2022-T3", "31 August", date(2022, 8, 31), False),
    ("2022-T3", "1 September", date(2022, 9, 1), True),
    ("2022-T3", "31 December", date(2022, 12, 31), True),
]


@pytest.mark.parametrize("period, written, day, inside", BOUNDARY_DAYS)
def test_first_and_last_day_are_inside_the_day_after_is_outside(period, written, day, inside):
    a, kinds = one_activity(written, period)
    assert (a.start_date.date(), a.end_date.date()) == (day, day)
    assert bool(a.in_period) is inside
    assert ("date_outside_period" in kinds) is (not inside)
    assert "date_beyond_period" not in kinds


def test_a_range_ending_on_the_last_day_is_inside_without_a_finding():
    a, kinds = one_activity("28–30 April", "2022-T1")
    assert bool(a.in_period) and not kinds & {"date_outside_period", "date_beyond_period"}


def test_a_range_from_the_last_day_into_the_next_period_is_in_with_an_info():
    a, kinds = one_activity("31 August – 1 September", "2022-T2")
    assert (a.start_date.date(), a.end_date.date()) == (date(2022, 8, 31), date(2022, 9, 1))
    assert bool(a.in_period) and "date_beyond_period" in kinds


def test_a_december_range_into_january_is_in_t3_and_rolls_into_the_next_year():
    a, kinds = one_activity("31 December – 2 January", "2022-T3")
    assert (a.start_date.date(), a.end_date.date()) == (date(2022, 12, 31), date(2023, 1, 2))
    assert bool(a.in_period) and "date_beyond_period" in kinds


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("28 December 2022 – 3 January 2023", date(2022, 12, 28), date(2023, 1, 3)),
        ("28 December – 3 January", date(2022, 12, 28), date(2023, 1, 3)),  # period's year
        ("28 December – 3 January 2023", date(2022, 12, 28), date(2023, 1, 3)),
        ("December 28 – January 3", date(2022, 12, 28), date(2023, 1, 3)),
        ("30 November – 2 February", date(2022, 11, 30), date(2023, 2, 2)),
    ],
)
def test_a_range_across_the_year_end_takes_the_right_years(text, start, end):
    span = parse_span(text, 2022)
    assert (span.start, span.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    ["25–20 March", "10 May – 2 April", "30 April – 1 March", "10 May – 2 April 2023",
     "August 20 – July 3"],
)  # fmt: skip
def test_a_reversed_range_is_rejected(text):
    with pytest.raises(ValueError, match="ends before it starts"):
        parse_span(text, 2022)


@pytest.mark.parametrize("text", ["25–20 March", "10 May – 2 April"])
def test_a_reversed_range_in_a_report_is_an_error_finding_not_a_date(text):
    t = parse_report(report((text, "CITY LAB", "Seoul")), "2022-T2")
    a = t["activities"].iloc[0]
    assert pd.isna(a.start_date) and pd.isna(a.end_date) and not a.in_period
    q = t["quality"]
    bad = q[q["kind"] == "bad_date"]
    assert list(bad["severity"]) == ["error"] and text in bad["detail"].iloc[0]
    assert list(t["participation"]["member"]) == ["Seoul"]  # the activity itself is kept


def test_activities_dated_outside_the_period_still_count_for_engagement():
    t = parse_report(
        report(
            ("10 March", "CITY LAB", "Kathmandu, Seoul"),
            ("18 September", "STUDY TOUR", "Kathmandu, Tehran"),  # outside 2022-T1
        ),
        "2022-T1",
    )
    acts = t["activities"].set_index("title")
    assert acts.loc["CITY LAB", "in_period"] and not acts.loc["STUDY TOUR", "in_period"]
    q = t["quality"]
    assert list(q.loc[q["kind"] == "date_outside_period", "activity_id"]) == ["2022-T1-02"]
    head = engagement.headline(t)
    assert (head["activities"], head["activities_in_period"]) == (2, 1)
    assert head["members_engaged"] == 3  # Kathmandu, Seoul, and Tehran (only outside)
    counts = engagement.per_member(t).set_index("member")["activities"].to_dict()
    assert counts == {"Kathmandu": 2, "Seoul": 1, "Tehran": 1}
    assert "Tehran" not in set(engagement.not_engaged(t)["member"])


def test_outside_activities_are_left_out_of_first_and_last_engagement(ingested_2022t1):
    """Seoul's 5 activities in 2022-T1 include the study dated 18 September (the report's
    line 423): counted, but not its last engagement date. The run's one ingest of 2022-T1
    (``ingested_2022t1``), only read."""
    from helpers.analysis.explore import member_summary

    s = member_summary("Seoul", root=ingested_2022t1).iloc[0]
    assert (s.activities, s.activities_in_period) == (5, 4)
    assert s.first_engagement >= pd.Timestamp("2022-01-01")
    assert s.last_engagement <= pd.Timestamp("2022-04-30")
