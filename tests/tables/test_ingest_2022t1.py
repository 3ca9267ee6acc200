"""The whole January–April 2022 report; every expected value counted by hand from the text."""

from datetime import date

TITLES_BY_LINE = {
    "L1": 13,  # UCLG-MEWA retreat … GTF joint statement (dates run 15 Feb → 4–5 Apr)
    "L2": 6,  # Webinar post pandemic cities … Five metropolitan approaches (dates restart 7 Feb)
    "L3": 2,  # UCLG SG meeting, 8M campaign (dates restart 3 Feb)
}


def test_activities(t1):
    a = t1["activities"]
    assert len(a) == 21
    assert a["activity_id"].is_unique
    assert a["action_line"].value_counts().to_dict() == TITLES_BY_LINE
    first, last = a.iloc[0], a.iloc[-1]
    assert (first.title, first.start_date.date(), first.end_date.date()) == (
        "UCLG-MEWA RETREAT", date(2022, 2, 15), date(2022, 2, 16))  # fmt: skip
    assert (last.title, last.start_date.date(), last.action_line) == (
        "8M CAMPAIGN", date(2022, 3, 8), "L3")  # fmt: skip
    by_title = a.set_index("title")
    board = by_title.loc["EXTRAORDINARY BOARD OF DIRECTORS MEETING 2022"]
    assert (board.start_date.date(), board.end_date.date()) == (date(2022, 4, 1), date(2022, 4, 25))
    call = by_title.loc["CALL FOR PROPOSALS FOR THE KNOWLEDGE EXCHANGE MECHANISM ON UF-NBS"]
    assert (call.start_date.date(), call.end_date.date()) == (date(2022, 3, 3), date(2022, 5, 11))
    # the only date outside January–April
    assert a.loc[~a["in_period"], "title"].tolist() == [
        "RETHINKING PUBLIC SPACE FOR A SUSTAINABLE METROPOLITAN FUTURE"]  # fmt: skip
    assert by_title.loc["METROTALKS: BRINGING NATURE BACK TO URBAN SPACES"].description.startswith(
        "During this episode"
    )


def test_participation(t1):
    p = t1["participation"]
    assert len(p) == 88  # 7+4+1+1+25+3+5+3+5+12+13+6+3 names under the Members labels
    assert p["member"].nunique() == 46
    assert p.loc[~p["is_member"], "name_raw"].tolist() == ["Kigali"]
    assert p.set_index("name_raw").loc["Abdijan", "member"] == "Abidjan"
    counts = p.groupby("member")["activity_id"].nunique()
    assert counts["Seoul"] == 5
    assert counts["Barcelona (metropolitan area)"] == 7
    assert counts["Medellín"] == 6
    board = t1["activities"].query("title == 'EXTRAORDINARY BOARD OF DIRECTORS MEETING 2022'")
    assert (p["activity_id"] == board["activity_id"].iloc[0]).sum() == 25


def test_roster(t1):
    m = t1["members"]
    assert len(m) == 143
    assert m.groupby("region").size().to_dict() == {
        "Africa": 25, "Asia-Pacific": 75, "Europe": 15,
        "Latin America and the Caribbean": 20, "North America": 8,
    }  # fmt: skip
    assert {"Brussels", "Mexico City", "Greater Paris", "Kathmandu", "Male'"} <= set(m["member"])


def test_codes(t1):
    o, c = t1["activity_outcomes"], t1["activity_challenges"]
    # Counted in the report's ACTIVITIES section (lines 58-825 of the markdown), not by the
    # parser: 35 outcome codes (`grep -oE '\bL[0-9]A[0-9]D[0-9]+\b'`) and 39 challenges
    # (a code such as `2.3` followed by its title), each once under its activity.
    assert len(o) == 35 and len(c) == 39
    assert sorted(o.loc[~o["known"], "code"]) == ["L3A1D4", "L3A2D2"]
    assert c["known"].all()
    plan = t1["strategic_plan"]
    assert plan["level"].value_counts().to_dict() == {"deliverable": 18, "action": 7, "line": 3}
    assert set(plan.query("level == 'deliverable'")["code"]) - set(o["code"]) == {
        "L2A2D1",
        "L2A2D7",
    }
    ch = t1["challenges"]
    assert ch["code"].tolist() == ["1.1", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3",
                                   "4.1", "4.2", "4.3"]  # fmt: skip
    assert set(ch["code"]) - set(c["code"]) == {"1.3"}


def test_alliances(t1):
    al = t1["activity_alliances"]
    # The eight Alliances labels of ACTIVITIES, read by hand: UCLG – MEWA; UCLG Africa; UNDP;
    # UCLG, LSE; UN-Habitat; Global taskforce of Local and Regional governments; and twice the
    # six of "UCLG, UCLG Africa, UCLG ASPAC, UCLG Eurasia, UCLG MEWA, UCLG CCRE / CEMR":
    # 1 + 1 + 1 + 2 + 1 + 1 + 6 + 6 = 19.
    assert len(al) == 19
    assert al["alliance"].value_counts()["UCLG"] == 3


def test_engagement_list_and_bilateral(t1):
    e = t1["engagement_table"]
    assert len(e) == 44 and e["is_member"].all()
    took_part = set(t1["participation"]["member"].dropna())
    assert took_part - set(e["member"]) == {"Durban", "Casablanca"}
    b = t1["bilateral_meetings"]
    assert b["name_raw"].tolist()[:4] == ["Amman", "Madrid", "Buenos Aires", "Tehran"]
    assert sorted(b.loc[~b["is_member"], "name_raw"]) == [
        "Gèneva City Hub", "Mercociudades", "UCLG - Africa", "UITP"]  # fmt: skip


def test_board(t1):
    b = t1["board"]
    assert len(b) == 34
    assert b.groupby("region").size().to_dict() == {
        "Africa": 6, "Asia-Pacific": 12, "Europe": 7,
        "Latin America and the Caribbean": 7, "North America": 2,
    }  # fmt: skip
    dakar = b[b["member"] == "Dakar"]
    assert dakar["name"].tolist() == ["Soham El Wardini", "Barthelemy Dias"]
    assert b.set_index("name").loc["Horacio Rodríguez Larreta", "member"] == "Buenos Aires"
    assert b["member"].notna().all()


def test_media_and_followers(t1):
    m = t1["media_mentions"]
    assert m.groupby("month_number").size().to_dict() == {1: 2, 2: 3, 3: 3, 4: 2}
    assert m.iloc[0][["outlet", "item"]].tolist() == ["El Tiempo", "Metropolis Blog"]
    f = t1["social_followers"].set_index("platform")["followers"].to_dict()
    assert f == {"Twitter": 24600, "Facebook": 7300, "LinkedIn": 5700, "YouTube": 465}


def test_quality_findings(t1):
    q = t1["quality"]
    assert not (q["severity"] == "error").any()
    kinds = q["kind"].value_counts().to_dict()
    assert kinds["unknown_outcome_code"] == 2
    assert kinds["date_outside_period"] == 1
    assert kinds["no_outcome_code"] == 1  # the Kocaeli membership application
    assert kinds["participant_not_in_engagement_list"] == 2
    missing = q[q["kind"] == "participant_not_in_engagement_list"]  # Durban, Casablanca
    assert missing["activity_id"].tolist() == ["2022-T1-18", "2022-T1-19"]  # where they took part
    fuzzy = q[(q["kind"] == "automatic_match") & (q["severity"] == "warning")]
    assert len(fuzzy) == 1 and "Abdijan" in fuzzy["detail"].iloc[0]
    assert (q["source_line"] > 0).sum() >= len(q) - 1


def test_every_row_traces_to_a_source_line(t1, text_2022t1):
    lines = text_2022t1.split("\n")
    p = t1["participation"]
    for name, no in zip(p["name_raw"], p["source_line"], strict=True):
        assert name.split(" ")[0] in lines[no - 1], (name, no)
    for code, no in zip(
        t1["activity_outcomes"]["code"], t1["activity_outcomes"]["source_line"], strict=True
    ):
        assert code in lines[no - 1]
