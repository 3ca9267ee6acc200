"""helpers.analysis.participation computes each step once per content of the columns it reads:
the same tables give the cached result (a copy), and any change to those columns gives a
freshly computed one."""

from __future__ import annotations

from helpers.analysis import participation


def test_a_result_is_reused_for_the_same_tables_and_is_a_copy(t1):
    first = participation.member_stats(t1)
    hits = dict(participation._RESULTS)
    first.loc[:, "activities"] = -1  # a caller changing its result
    again = participation.member_stats(dict(t1))  # another mapping of the same frames
    assert participation._RESULTS.keys() == hits.keys()  # nothing computed again
    assert (again["activities"] >= 0).all()
    seoul = again.set_index("member").loc["Seoul"]
    assert seoul["activities"] == 5  # by hand: report lines of the five Seoul activities


def test_a_changed_column_is_computed_again(t1):
    before = participation.member_stats(t1).set_index("member")["activities"]
    tables = dict(t1)
    part = t1["participation"]
    tables["participation"] = part.loc[part["member"] != "Seoul"]  # Seoul took part in nothing
    after = participation.member_stats(tables).set_index("member")["activities"]
    assert before["Seoul"] == 5 and after["Seoul"] == 0
    assert after.drop("Seoul").equals(before.drop("Seoul"))
