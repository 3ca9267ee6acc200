"""One name per partner alliance (helpers.tables.alliances): the alias table, folding within a
report, and across periods. Expected names are read off the inputs by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers.errors import UserError
from helpers.ingest import parse_report
from helpers.tables.alliances import (
    AllianceNames,
    across_periods,
    alliance_key,
    canonical_names,
    load_alliance_aliases,
)
from tests.conftest import ROOT, mini_report


def ref(root: Path, data: str) -> Path:
    folder = root / "data" / "reference"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "alliance_aliases.csv").write_text(data, encoding="utf-8")
    return root


def test_case_hyphens_dashes_and_spacing_fold_to_one_key():
    spellings = ["UCLG MEWA", "UCLG-MEWA", "UCLG – MEWA", "uclg  mewa", "UCLG—MEWA"]
    assert {alliance_key(s) for s in spellings} == {"uclg mewa"}
    assert alliance_key("UCLG Africa") != alliance_key("UCLG MEWA")
    assert alliance_key("UNHabitat") != alliance_key("UN-Habitat")  # a letter run is kept


def test_no_alias_file_is_an_empty_table(tmp_path):
    df = load_alliance_aliases(tmp_path)
    assert list(df.columns) == ["alias", "alliance"] and len(df) == 0


def test_the_shipped_table_names_the_two_alliances_2022t1_spells_otherwise():
    names = AllianceNames(load_alliance_aliases(ROOT))
    assert names.listed("UCLG – MEWA") == "UCLG-MEWA"
    assert names.listed("UCLG MEWA") == "UCLG-MEWA"
    assert names.listed("Global taskforce of Local and Regional governments") == (
        "Global Taskforce of Local and Regional Governments"
    )
    assert names.listed("UCLG Africa") is None


def test_aliases_are_tidied_and_each_alliance_stands_for_itself(tmp_path):
    ref(tmp_path, "alias,alliance,note\n CGLU ,UCLG.,French\nCGLU,UCLG,again\n")
    df = load_alliance_aliases(tmp_path)
    assert df.values.tolist() == [["CGLU", "UCLG"]]
    names = AllianceNames(df)
    assert (names.listed("cglu"), names.listed("Uclg"), names.listed("UCLG Africa")) == (
        "UCLG", "UCLG", None)  # fmt: skip


@pytest.mark.parametrize("row", ["X,", ",Y", " . , - "])
def test_blank_alias_or_alliance(tmp_path, row):
    ref(tmp_path, f"alias,alliance\nA,B\n{row}\n")
    with pytest.raises(UserError, match="every row needs both an alias and an alliance"):
        load_alliance_aliases(tmp_path)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            "UCLG MEWA,UCLG-MEWA\nuclg-mewa,UCLG Middle East",
            "alliance_aliases.csv: 'uclg-mewa' stands for two alliances ('UCLG-MEWA' and "
            "'UCLG Middle East'); keep one",
        ),
        (
            "A,UCLG-MEWA\nB,UCLG MEWA",  # two spellings of one name chosen
            "alliance_aliases.csv: 'UCLG MEWA' stands for two alliances ('UCLG-MEWA' and "
            "'UCLG MEWA'); keep one",
        ),
        (
            "CGLU,UCLG\nUCLG,UN-Habitat",  # an alliance is another row's alias
            "alliance_aliases.csv: 'UCLG' stands for two alliances ('UCLG' and 'UN-Habitat'); "
            "keep one",
        ),
    ],
)
def test_a_spelling_standing_for_two_alliances_is_one_clear_line(tmp_path, rows, message):
    ref(tmp_path, f"alias,alliance\n{rows}\n")
    with pytest.raises(UserError, match=re.escape(message)):
        load_alliance_aliases(tmp_path)


def test_within_a_report_the_most_frequent_spelling_then_the_first_written():
    written = ["UN Habitat", "UN-HABITAT", "UN Habitat", "UCLG – MEWA", "UCLG MEWA", "LSE"]
    got = {k: (m.alliance, m.how) for k, m in canonical_names(written, AllianceNames()).items()}
    assert got == {
        "UN Habitat": ("UN Habitat", "folded"),  # twice against once
        "UN-HABITAT": ("UN Habitat", "folded"),
        "UCLG – MEWA": ("UCLG – MEWA", "folded"),  # once each: the first written
        "UCLG MEWA": ("UCLG – MEWA", "folded"),
        "LSE": ("LSE", "folded"),
    }


def test_the_alias_table_wins_over_the_most_frequent_spelling():
    names = AllianceNames(pd.DataFrame({"alias": ["UCLG MEWA"], "alliance": ["UCLG-MEWA"]}))
    merges = canonical_names(["UCLG MEWA", "UCLG MEWA", "UCLG – MEWA"], names)
    assert {k: m.alliance for k, m in merges.items()} == {
        "UCLG MEWA": "UCLG-MEWA", "UCLG – MEWA": "UCLG-MEWA"}  # fmt: skip
    assert merges["UCLG MEWA"].detail() == (
        "alliance 'UCLG MEWA' counted as 'UCLG-MEWA', as "
        "data/reference/alliance_aliases.csv names it"
    )


ACTIVITIES = """15–16 February

RETREAT

Text.

Members
Seoul

Outcomes
L1A2D4

Alliances
UCLG – MEWA, UN Habitat

10 March

STATEMENT

Text.

Members
Rabat

Outcomes
L2A2D3

Alliances
UCLG MEWA, UN-Habitat, UN Habitat
"""


def merged(t) -> list[tuple[str, str]]:
    q = t["quality"]
    rows = q[q["kind"] == "alliance_merged"]
    assert set(rows["severity"]) <= {"info"}
    return list(zip(rows["activity_id"], rows["detail"], strict=True))


def test_a_report_with_the_shipped_table_names_and_reports_every_merge():
    t = parse_report(mini_report(ACTIVITIES), "2022-T1", root=ROOT)
    al = t["activity_alliances"]
    assert al[["activity_id", "alliance", "alliance_raw"]].values.tolist() == [
        ["2022-T1-01", "UCLG-MEWA", "UCLG – MEWA"],
        ["2022-T1-01", "UN Habitat", "UN Habitat"],
        ["2022-T1-02", "UCLG-MEWA", "UCLG MEWA"],
        ["2022-T1-02", "UN Habitat", "UN-Habitat"],  # UN Habitat written twice, UN-Habitat once
    ]  # the second "UN Habitat" of activity 2 is the same alliance again: one row
    table = "as data/reference/alliance_aliases.csv names it"
    folded = ("the report's most frequent spelling (spellings that differ only in case, "
              "accents, hyphens, dashes or spacing are one alliance)")  # fmt: skip
    assert merged(t) == [
        ("2022-T1-01", f"alliance 'UCLG – MEWA' counted as 'UCLG-MEWA', {table}"),
        ("2022-T1-02", f"alliance 'UCLG MEWA' counted as 'UCLG-MEWA', {table}"),
        ("2022-T1-02", f"alliance 'UN-Habitat' counted as 'UN Habitat', {folded}"),
    ]


def test_without_a_table_the_report_s_own_spelling_counts(tmp_path):
    ref(tmp_path, "alias,alliance\n")
    t = parse_report(mini_report(ACTIVITIES), "2022-T1", root=tmp_path)
    assert t["activity_alliances"]["alliance"].tolist() == [
        "UCLG – MEWA", "UN Habitat", "UCLG – MEWA", "UN Habitat"]  # fmt: skip
    assert [d.split(",")[0] for _, d in merged(t)] == [
        "alliance 'UCLG MEWA' counted as 'UCLG – MEWA'",
        "alliance 'UN-Habitat' counted as 'UN Habitat'",
    ]


def test_a_name_written_alike_everywhere_is_no_finding(tmp_path):
    ref(tmp_path, "alias,alliance\n")
    acts = ACTIVITIES.replace("UCLG – MEWA, UN Habitat", "UCLG").replace(
        "UCLG MEWA, UN-Habitat, UN Habitat", "UCLG"
    )
    t = parse_report(mini_report(acts), "2022-T1", root=tmp_path)
    assert t["activity_alliances"]["alliance"].tolist() == ["UCLG", "UCLG"]
    assert merged(t) == []


def stacked(rows: list[tuple[str, str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["period", "activity_id", "alliance", "source_line"]).assign(
        alliance_raw=lambda d: d["alliance"])  # fmt: skip


def test_across_periods_the_earliest_period_s_name_counts():
    df = stacked([
        ("2022-T1", "2022-T1-01", "UCLG MEWA", 5),
        ("2022-T1", "2022-T1-01", "UNDP", 5),
        ("2022-T2", "2022-T2-01", "UCLG-MEWA", 7),
        ("2022-T2", "2022-T2-02", "Medcities", 9),
        ("2022-T3", "2022-T3-01", "MedCities", 4),
        ("2022-T3", "2022-T3-01", "uclg – mewa", 4),
    ])  # fmt: skip
    out, found = across_periods(df)
    assert out["alliance"].tolist() == [
        "UCLG MEWA", "UNDP", "UCLG MEWA", "Medcities", "Medcities", "UCLG MEWA"]  # fmt: skip
    assert out["alliance_raw"].tolist() == df["alliance_raw"].tolist()
    assert [(f["period"], f["activity_id"], f["source_line"]) for f in found] == [
        ("2022-T2", "2022-T2-01", 7), ("2022-T3", "2022-T3-01", 4),
        ("2022-T3", "2022-T3-01", 4)]  # fmt: skip
    assert found[0]["detail"] == (
        "alliance 'UCLG-MEWA' counted as 'UCLG MEWA', as 2022-T1 writes it (spellings that "
        "differ only in case, accents, hyphens, dashes or spacing are one alliance across periods)"
    )
    assert found[1]["detail"].startswith("alliance 'MedCities' counted as 'Medcities', as 2022-T2")


def test_across_periods_nothing_to_join():
    df = stacked([("2022-T1", "a", "UCLG", 1), ("2022-T2", "b", "UCLG", 2)])
    out, found = across_periods(df)
    assert out["alliance"].tolist() == ["UCLG", "UCLG"] and found == []
    empty, none = across_periods(df.iloc[:0])
    assert empty.empty and none == []


def test_the_most_frequent_spelling_wins_over_the_first_written_and_says_how():
    merges = canonical_names(["uclg", "UCLG", "UCLG", "UNDP"], AllianceNames())
    assert {w: (m.alliance, m.how) for w, m in merges.items()} == {
        "uclg": ("UCLG", "folded"), "UCLG": ("UCLG", "folded"), "UNDP": ("UNDP", "folded")}  # fmt: skip
    listed = AllianceNames(pd.DataFrame({"alias": ["uclg"], "alliance": ["UCLG World"]}))
    assert canonical_names(["uclg"], listed)["uclg"].how == "alias"


def test_across_periods_keeps_the_stacked_rows_index_and_the_alliances_type():
    df = stacked([("2022-T1", "a", "UCLG MEWA", 1), ("2022-T2", "b", "UCLG-MEWA", 2)])
    df = df.set_axis([10, 20]).astype({"alliance": "category"})
    out, _ = across_periods(df)
    assert list(out.index) == [10, 20] and out["alliance"].tolist() == ["UCLG MEWA", "UCLG MEWA"]
    assert isinstance(out["alliance"].dtype, pd.CategoricalDtype)


def test_no_alias_file_is_an_empty_table_of_text(tmp_path):
    df = load_alliance_aliases(tmp_path)
    assert df.empty and list(df.columns) == ["alias", "alliance"]
    assert all(pd.api.types.is_string_dtype(df[c]) and df[c].dtype != object for c in df.columns)
