"""Small hand-made cases for rules of the pure core that the other unit tests leave open
(found by `make mutation`): name resolution details, table writing, fingerprints, trends."""

from __future__ import annotations

import datetime as dt
import json
import os
import zipfile

import nbformat
import pandas as pd
import pyarrow.parquet as pq
import pytest

from helpers import cache
from helpers.analysis import trends
from helpers.errors import UserError
from helpers.periods import parse_period
from helpers.report.notebooks import _read_notebooks
from helpers.tables import storage
from helpers.tables.findings import Findings
from helpers.tables.names import (
    NameResolver,
    load_affixes,
    load_aliases,
    read_reference_csv,
    tidy,
)
from helpers.tables.resolve import resolve, segment_row
from helpers.tables.storage import csv_safe, write_tables


def roster(*pairs: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame({"member": [m for m, _ in pairs], "region": [r for _, r in pairs]})


def aliases(**pairs: str) -> pd.DataFrame:
    return pd.DataFrame({"alias": list(pairs), "member": list(pairs.values())})


BASIC = NameResolver(
    roster(("Seoul", "Asia"), ("Brussels", "Europe"), ("Johannesburg", "Africa"),
           ("Montréal", "Americas"), ("Lisbon", "Europe"), ("Manchester", "Europe")),
    pd.DataFrame({"alias": ["Bruxelles", "Joburg"], "member": ["Brussels", "Johannesburg"]}),
    (["the", "city of"], ["metro", "city"]),
)  # fmt: skip


# --------------------------------------------------------------------------- tidy, reference files


def test_tidy_turns_a_non_breaking_space_into_a_space():
    assert tidy("Seoul\u00a0City") == "Seoul City"


def test_read_reference_csv_names_every_missing_column(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("other\nx\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"missing alias, member\)"):
        read_reference_csv(path, ("alias", "member"))


def test_read_reference_csv_without_rows_is_text(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("alias,member\n", encoding="utf-8")
    df = read_reference_csv(path, ("alias", "member"))
    assert list(df.columns) == ["alias", "member"] and len(df) == 0
    assert df["alias"].dtype == "str" and df["member"].dtype == "str"


def test_load_aliases_without_a_file_is_an_empty_text_table(tmp_path):
    df = load_aliases(tmp_path)
    assert list(df.columns) == ["alias", "member"] and len(df) == 0
    assert df["alias"].dtype == "str" and df["member"].dtype == "str"


def test_load_affixes_longest_first_and_equal_lengths_in_file_order(tmp_path):
    # 26 prefixes: enough for a sort that is not stable to reorder the equal lengths
    longs = [f"abcd{c}" for c in "acegikmoqsuwy"]
    shorts = [f"ab{c}" for c in "bdfhjlnprtvxz"]
    rows = [t for pair in zip(longs, shorts, strict=True) for t in pair]  # interleaved
    (tmp_path / "data" / "reference").mkdir(parents=True)
    (tmp_path / "data" / "reference" / "name_affixes.csv").write_text(
        "position,text\n" + "".join(f"prefix,{t}\n" for t in rows), encoding="utf-8"
    )
    assert load_affixes(tmp_path) == (longs + shorts, [])


# --------------------------------------------------------------------------- NameResolver.resolve


def test_resolve_keeps_the_name_as_written_and_gives_the_region():
    m = BASIC.resolve("  Seoul ")
    assert (m.name, m.member, m.region, m.how) == ("Seoul", "Seoul", "Asia", "exact")
    m = BASIC.resolve("Bruxelles")
    assert (m.name, m.member, m.region, m.how) == ("Bruxelles", "Brussels", "Europe", "alias")
    m = BASIC.resolve("Kigali")
    assert (m.name, m.member, m.region, m.how) == ("Kigali", None, None, "none")


def test_an_alias_behind_an_affix_is_a_folded_match():
    m = BASIC.resolve("City of Joburg")
    assert (m.name, m.member, m.region, m.how) == (
        "City of Joburg", "Johannesburg", "Africa", "folded")  # fmt: skip


def test_a_note_in_brackets_is_dropped_and_the_match_is_automatic():
    m = BASIC.resolve("Seoul (online)")  # exact inside
    assert (m.name, m.member, m.region, m.how) == ("Seoul (online)", "Seoul", "Asia", "folded")
    m = BASIC.resolve("Bruxelles (hybrid)")  # alias inside
    assert (m.name, m.member, m.how) == ("Bruxelles (hybrid)", "Brussels", "folded")
    m = BASIC.resolve("Montreal (hybrid)")  # folded inside
    assert (m.member, m.how) == ("Montréal", "folded")
    m = BASIC.resolve("Johannesberg (online)")  # close spelling inside stays fuzzy
    assert (m.name, m.member, m.how) == ("Johannesberg (online)", "Johannesburg", "fuzzy")
    m = BASIC.resolve("Kigali (online)")
    assert (m.name, m.member, m.how) == ("Kigali (online)", None, "none")


def test_affixes_are_stripped_repeatedly_from_both_ends():
    # "city of" uncovers "the", and "city" uncovers "metro": each needs a second pass
    assert BASIC._strip("city of the seoul") == "seoul"
    assert BASIC._strip("seoul metro city") == "seoul"
    assert BASIC.resolve("City of the Seoul").member == "Seoul"
    assert BASIC.resolve("Seoul Metro City").how == "folded"


def test_an_affix_is_stripped_only_when_two_letters_are_left():
    assert BASIC._strip("city of ab") == "ab"
    assert BASIC._strip("city of a") == "city of a"
    assert BASIC._strip("ab city") == "ab"
    assert BASIC._strip("a city") == "a city"


def test_a_member_named_with_an_affix_is_found_with_and_without_it():
    one = NameResolver(roster(("City of Cape Town", "Africa")), None, (["city of"], []))
    assert one.resolve("Cape Town").how == "folded"
    assert one.resolve("Cape Town").member == "City of Cape Town"
    # with a second member "Cape Town" the short form is ambiguous, the long one is not
    two = NameResolver(
        roster(("City of Cape Town", "Africa"), ("Cape Town", "Africa")), None, (["city of"], [])
    )
    m = two.resolve("CITY OF CAPE TOWN")
    assert (m.member, m.how) == ("City of Cape Town", "folded")
    m = two.resolve("CAPE TOWN")  # not a folded match (two members share it): spelling only
    assert (m.member, m.how) == ("Cape Town", "fuzzy")


# --------------------------------------------------------------------------- NameResolver._fuzzy


def test_close_spelling_from_six_letters_one_edit():
    assert (BASIC.resolve("Lisbin").member, BASIC.resolve("Lisbin").how) == ("Lisbon", "fuzzy")
    assert BASIC.resolve("Lisbxx").how == "none"  # two edits on six letters


def test_close_spelling_from_ten_letters_two_edits():
    m = BASIC.resolve("Manshestar")  # two substitutions, ten letters
    assert (m.member, m.how) == ("Manchester", "fuzzy")
    assert BASIC.resolve("Mxnshestar").how == "none"  # three edits


def test_close_spelling_needs_no_runner_up_one_edit_further():
    r = NameResolver(roster(("Lisbon", "Europe"), ("Lisbun", "Europe")))
    # lisboq: one edit from lisbon, two from lisbun
    assert r.resolve("Lisboq").how == "none"
    assert r.resolve("Lisbon").how == "exact"


def test_close_spelling_counts_a_runner_up_behind_many_keys_of_the_winner():
    five = {f"Lisbo{c}": "Lisbon" for c in "xyzwv"}  # five aliases one edit from lisbor
    r = NameResolver(roster(("Lisbon", "Europe"), ("Lixbar", "Europe")), aliases(**five))
    assert r.resolve("Lisbor").how == "none"  # lixbar is two edits away: a runner-up


# --------------------------------------------------------------------------- suggestions, find_in_text


def _abidjan_with(n_aliases: int) -> NameResolver:
    extra = {f"Abidjan {c}": "Abidjan" for c in "abcde"[:n_aliases]}
    return NameResolver(
        roster(("Abidjan", "Africa"), ("Abuja", "Africa"), ("Seoul", "Asia")), aliases(**extra)
    )


def test_suggestions_are_each_member_once_and_only_the_alike():
    # Abidjan's five spellings give Abidjan once; Abuja and Seoul share only letters with it
    assert _abidjan_with(4).suggestions("Abidjan", limit=2) == ["Abidjan"]
    assert _abidjan_with(5).suggestions("Abidjan Plateau") == ["Abidjan"]


def test_suggestions_are_the_closest_distinct_members():
    r = NameResolver(
        roster(("Seoul", "Asia"), ("Abuja", "Africa"), ("Accra", "Africa"),
               ("Abidjan", "Africa"), ("Taipei", "Asia")),
        aliases(**{"Abidjan Plateau": "Abidjan"}),
    )  # fmt: skip
    assert r.suggestions("Abidjn") == ["Abidjan"]  # Abuja (55) and Accra are not alike
    assert r.suggestions("Atlantis") == []
    many = NameResolver(roster(("Lisbon", "Europe"), ("Lisbun", "Europe"), ("Lisboa", "Europe")))
    # Lisbon and Lisboa tie at 83 (roster order), Lisbun is two edits away (67): left out
    assert many.suggestions("Lisbom") == ["Lisbon", "Lisboa"]
    assert many.suggestions("Lisbom", limit=1) == ["Lisbon"]


def test_find_in_text_earliest_then_longest():
    r = NameResolver(
        roster(("Ba", "Africa"), ("Ulm", "Europe"), ("Dakar", "Africa"), ("Seoul", "Asia"),
               ("Santo", "Americas"), ("Santo Domingo", "Americas")),
    )  # fmt: skip
    assert r.find_in_text("Dakar") == "Dakar"  # at the very start
    assert r.find_in_text("Mayor of Dakar") == "Dakar"
    assert r.find_in_text("Seoul and Dakar and Seoul") == "Seoul"
    assert r.find_in_text("Mayor of Santo Domingo") == "Santo Domingo"
    assert r.find_in_text("Mayor of Ulm") == "Ulm"  # three letters are enough
    assert r.find_in_text("Mayor of Ba") is None  # two are not


# --------------------------------------------------------------------------- resolve.py


def test_a_folded_match_finding_names_the_activity():
    q = Findings()
    resolve(BASIC, "MONTREAL", q, 12, "Participants", activity="A7")
    assert len(q.rows) == 1
    row = q.rows[0]
    assert (row["severity"], row["kind"], row["activity_id"], row["source_line"]) == (
        "info", "folded_match", "A7", 12)  # fmt: skip


SEG = NameResolver(
    roster(("Abidjan", "Africa"), ("Seoul", "Asia"), ("Lisbon", "Europe"),
           ("Santo", "Americas"), ("Santo Domingo", "Americas"), ("Domingo Este", "Americas"),
           ("Este", "Americas")),
)  # fmt: skip


def test_segment_row_splits_two_names_and_keeps_the_others():
    items = [("Seoul", 1), ("Abidjan Lisbon", 2), ("Kigali Seoul", 3)]
    assert segment_row(items, SEG) == [("Seoul", 1), ("Abidjan", 2), ("Lisbon", 2),
                                       ("Kigali Seoul", 3)]  # fmt: skip


def test_segment_row_of_equal_splits_keeps_the_first_found():
    # Santo + Domingo Este and Santo Domingo + Este explain the same three words
    assert segment_row([("Santo Domingo Este", 4)], SEG) == [("Santo", 4), ("Domingo Este", 4)]


# --------------------------------------------------------------------------- storage


def test_csv_safe_reads_mixed_object_columns():
    out = csv_safe(pd.DataFrame({"a": pd.Series(["=x", 1], dtype=object)}))
    assert out["a"].tolist() == ["'=x", 1]


def _source(tmp_path):
    source = tmp_path / "report.md"
    source.write_text("R\n", encoding="utf-8")
    return source


def test_write_tables_parquet_csv_without_index_and_dates_without_time(tmp_path):
    df = pd.DataFrame(
        {"a": ["x", "y"], "day": pd.to_datetime(["2022-01-10 13:30", "2022-02-01 08:00"])},
        index=[5, 7],
    )
    final = write_tables({"t": df}, parse_period("2022-T1"), _source(tmp_path), root=tmp_path)
    assert final == tmp_path / "data" / "processed" / "2022-T1"
    assert pq.read_table(final / "t.parquet").column_names == ["a", "day"]
    assert (final / "t.csv").read_bytes() == b"a,day\nx,2022-01-10\ny,2022-02-01\n"


def test_write_tables_works_in_a_hidden_folder_next_to_the_output(tmp_path, monkeypatch):
    seen = []
    real = storage._write_excel

    def spy(tables, path):
        seen.append(path.parent)
        real(tables, path)

    monkeypatch.setattr(storage, "_write_excel", spy)
    final = write_tables(
        {"t": pd.DataFrame({"a": [1]})}, parse_period("2022-T1"), _source(tmp_path), tmp_path
    )
    assert seen[0].parent == final.parent
    assert seen[0].name.startswith(".2022-T1.tmp-")


def test_a_failure_after_the_folder_went_away_raises_the_failure(tmp_path, monkeypatch):
    import shutil

    def broken(tmp, final):
        shutil.rmtree(tmp)
        raise RuntimeError("disk full")

    monkeypatch.setattr(storage, "swap_into_place", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        write_tables(
            {"t": pd.DataFrame({"a": [1]})}, parse_period("2022-T1"), _source(tmp_path), tmp_path
        )


def test_workbook_entries_are_owner_read_write(tmp_path):
    final = write_tables(
        {"t": pd.DataFrame({"a": [1]})}, parse_period("2022-T1"), _source(tmp_path), tmp_path
    )
    with zipfile.ZipFile(final / "2022-T1.xlsx") as z:
        infos = z.infolist()
    assert infos and all(i.external_attr == 0o600 << 16 for i in infos)
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)


# --------------------------------------------------------------------------- cache


def _notebooks(folder, body="x = 1"):
    params = nbformat.v4.new_code_cell('period = "2000-T1"')
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Trends"), params, nbformat.v4.new_code_cell(body)]
    nbformat.write(nb, folder / "trends.ipynb")
    return _read_notebooks(folder, ["trends"])


def test_ingest_fingerprint_follows_the_raw_file_mtime(tmp_root):
    period = parse_period("2022-T1")
    before = cache.ingest_fingerprint(period, tmp_root)
    raw = next((tmp_root / "data" / "raw" / "2022-T1").iterdir())
    st = raw.stat()
    os.utime(raw, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert cache.ingest_fingerprint(period, tmp_root) != before


def test_page_fingerprint_ignores_key_order_and_reads_any_value(tmp_path):
    nbs = _notebooks(tmp_path)
    a = cache.page_fingerprint({"a": 1, "b": 2}, nbs, "k")
    assert cache.page_fingerprint({"b": 2, "a": 1}, nbs, "k") == a
    day = cache.page_fingerprint({"day": dt.date(2022, 1, 10)}, nbs, "k")
    assert day == cache.page_fingerprint({"day": "2022-01-10"}, nbs, "k")


def test_page_fingerprint_follows_the_code_and_the_template(tmp_path, monkeypatch):
    nbs = _notebooks(tmp_path)
    pkg, tpl = tmp_path / "pkg", tmp_path / "tpl"
    (pkg / "sub").mkdir(parents=True)
    (tpl / "css").mkdir(parents=True)
    (pkg / "sub" / "m.py").write_text("x = 1\n")
    (tpl / "css" / "page.css").write_text("a {}\n")
    monkeypatch.setattr(cache, "PACKAGE", pkg)
    monkeypatch.setattr(cache, "TEMPLATE_DIR", tpl)
    first = cache.page_fingerprint({}, nbs, "k")
    (pkg / "sub" / "m.py").write_text("x = 2\n")
    code = cache.page_fingerprint({}, nbs, "k")
    assert code != first
    (tpl / "css" / "page.css").write_text("a { color: red }\n")
    assert cache.page_fingerprint({}, nbs, "k") != code


def test_trends_fingerprint_is_the_page_fingerprint_of_the_period_tables(tmp_path):
    nbs = _notebooks(tmp_path)
    tables = {"2022-T1": "aa", "2022-T2": None}
    expected = cache.page_fingerprint(
        {"periods": ["2022-T1", "2022-T2"], "tables_sha256": {"2022-T1": "aa", "2022-T2": None}},
        nbs,
        "k",
    )
    assert cache.trends_fingerprint(tables, nbs, "k") == expected
    assert cache.trends_fingerprint({"2022-T1": "ab", "2022-T2": None}, nbs, "k") != expected
    assert json.dumps(tables)  # the tables are plain text, no path objects


# --------------------------------------------------------------------------- trends


def _plan_tables():
    plan = pd.DataFrame(
        {"period": ["2022-T1", "2022-T1", "2022-T2"], "level": ["deliverable"] * 3,
         "code": ["1.1", "1.2", "1.1"]}
    )  # fmt: skip
    outcomes = pd.DataFrame({"period": ["2022-T1"], "code": ["1.1"], "activity_id": ["A1"]})
    return {
        "strategic_plan": plan,
        "activity_outcomes": outcomes,
        "activities": pd.DataFrame({"period": ["2022-T1", "2022-T2"]}),
        "members": pd.DataFrame({"period": ["2022-T1", "2022-T2"]}),
    }


def test_coverage_matrix_is_a_float_table():
    m = trends.coverage_matrix(_plan_tables())
    assert list(m.dtypes) == ["float64", "float64"]
    assert m.loc["1.1", "2022-T1"] == 1.0 and m.loc["1.2", "2022-T1"] == 0.0
    assert m.loc["1.1", "2022-T2"] == 0.0 and pd.isna(m.loc["1.2", "2022-T2"])


def test_interpret_challenges_lists_every_unaddressed_challenge():
    matrix = pd.DataFrame({"2022-T1": [3, 0, 0]}, index=pd.Index(["1.1", "1.2", "2.1"]))
    text = trends.interpret_challenges(matrix)
    assert text == (
        "Challenge 1.1 was addressed most often (3 activities over the periods that list it); "
        "1.2 and 2.1 by no activity in any period that lists them."
    )


def test_interpret_changes_in_period_order():
    df = pd.DataFrame(
        {"period": ["2022-T3", "2022-T2"], "compared_with": ["2022-T2", "2022-T1"],
         "member": ["Seoul", "Lisbon"], "region": ["Asia", "Europe"],
         "status": ["lapsed", "newly engaged"]}
    )  # fmt: skip
    assert trends.interpret_changes(df) == (
        "2022-T2 against 2022-T1: 1 newly engaged, 0 lapsed; "
        "2022-T3 against 2022-T2: 0 newly engaged, 1 lapsed."
    )


def _totals(engaged: list[int], size: int) -> pd.DataFrame:
    return pd.DataFrame(
        {"period": [f"2022-T{i + 1}" for i in range(len(engaged))],
         "region": ["All regions"] * len(engaged), "roster_size": [size] * len(engaged),
         "engaged": engaged, "engagement_rate": [e / size for e in engaged]}
    )  # fmt: skip


def test_interpret_engagement_half_a_point_is_steady():
    # 0 → 1 of 200 is a change of exactly 0.005: held steady, both ways
    assert "held steady" in trends.interpret_engagement(_totals([0, 1], 200))
    assert "held steady" in trends.interpret_engagement(_totals([1, 0], 200))
    assert "rose" in trends.interpret_engagement(_totals([0, 2], 200))
    assert "fell" in trends.interpret_engagement(_totals([2, 0], 200))
