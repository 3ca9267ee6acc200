"""Board roles are worded one way everywhere (``helpers.tables.roles.board_role``); the board
table keeps the report's heading in ``role_raw``. Examples read by hand from the 2022-T1
report's "Members of the Board of Directors" lists."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.analysis.engagement import board_participation
from helpers.tables.roles import board_role

# person: (heading printed above them in the 2022-T1 report, role as every page shows it)
HAND_READ = {
    "David Makhura": ("CO-PRESIDENCY", "Co-presidency"),  # Africa, line "CO-PRESIDENCY"
    "Robert Beugré Mambe": ("REGIONAL VICE-PRESIDENCY", "Regional vice-presidency"),
    "Guo Yonghang": ("PRESIDENCY", "Presidency"),  # Asia-Pacific, "since 28th January"
    "Oh Se-Hoon": ("REGIONAL VICE-PRESIDENCIES", "Regional vice-presidency"),  # plural, one man
    "Pascal Smet": ("REGIONAL VICE-PRESIDENCIES", "Regional vice-presidency"),
    "Jean-Luc Vanraes": ("TREASURY", "Treasury"),
    "Pablo Javkin": ("REGIONAL VICE-PRESIDENCY", "Regional vice-presidency"),
    "Mpho Phalatse": ("MEMBER", "Member"),
    "Claudia Sheinbaum": ("MEMBER", "Member"),
}


@pytest.mark.parametrize(
    ("printed", "worded"),
    [
        ("REGIONAL VICE-PRESIDENCIES", "Regional vice-presidency"),
        ("REGIONAL VICE-PRESIDENCY", "Regional vice-presidency"),
        ("Regional Vice-Presidency", "Regional vice-presidency"),
        ("  REGIONAL   VICE-PRESIDENCY: ", "Regional vice-presidency"),
        ("Regional vice-presidency", "Regional vice-presidency"),  # already worded: unchanged
        ("CO-PRESIDENCY", "Co-presidency"),
        ("PRESIDENCY", "Presidency"),
        ("TREASURY", "Treasury"),
        ("MEMBER", "Member"),
        ("MEMBERS", "Member"),
        ("HONORARY PRESIDENTS", "Honorary president"),
        ("CO-CHAIRS.", "Co-chair"),
        ("STATUS", "Status"),  # -us, -ss and -is are no plurals
        ("ACCESS", "Access"),
        ("BASIS", "Basis"),
        ("VICE-PRESIDENT FOR TAX", "Vice-president for tax"),  # only punctuation is trimmed
        (7, "7"),  # a value that is not text is worded as text
        ("", "Member"),
        (" .: ", "Member"),
        (float("nan"), "Member"),
        (None, "Member"),
        (pd.NA, "Member"),
    ],
)
def test_board_role_wording(printed, worded):
    assert board_role(printed) == worded


def test_board_table_of_the_real_report(t1):
    board = t1["board"].set_index("name")
    got = {n: (board.at[n, "role_raw"], board.at[n, "role"]) for n in HAND_READ}
    assert got == HAND_READ
    assert set(board["role"]) == {
        "Presidency", "Co-presidency", "Regional vice-presidency", "Treasury", "Member"}  # fmt: skip
    assert (board["role"] == board["role_raw"].map(board_role)).all()  # one function, no other


def test_board_participation_words_a_printed_role(t1):
    tables = dict(t1)
    board = t1["board"].copy()
    board["role"] = board["role_raw"]  # a board table made before roles were worded
    tables["board"] = board
    shown = board_participation(tables).set_index("name")["role"]
    assert shown["Oh Se-Hoon"] == "Regional vice-presidency"
    assert shown["Jean-Luc Vanraes"] == "Treasury"
    assert set(shown) == set(t1["board"]["role"])


def test_member_profile_names_the_board_seat_in_the_same_words(tmp_root):
    from helpers.ingest import ingest_period
    from helpers.report.members import profile_html

    ingest_period("2022-T1", tmp_root, progress=lambda s: None)

    def words(name: str) -> str:
        return " ".join(re.sub(r"<[^>]+>", "", profile_html(name, root=tmp_root)).split())

    seoul = words("Seoul")
    assert "Regional vice-presidency: Oh Se-Hoon, Mayor of Seoul (2022-T1)" in seoul
    dakar = words("Dakar")  # two mayors in the period, both members, one after the other
    assert "Member: Soham El Wardini, Mayor of Dakar (until 17 February) (2022-T1)" in dakar
    assert "Member: Barthelemy Dias, Mayor of Dakar (since 17 February) (2022-T1)" in dakar
    assert "Board of Directors" not in words("Kigali")  # not a member: no seat
