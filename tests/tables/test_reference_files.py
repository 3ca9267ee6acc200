"""The reference tables officers edit (helpers.tables.names): member_aliases.csv and
name_affixes.csv read from a tiny project folder; every message names the file and the fix."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from helpers.errors import UserError
from helpers.tables.names import load_affixes, load_aliases, read_reference_csv


def ref(root: Path, name: str, data: bytes) -> Path:
    folder = root / "data" / "reference"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


def fails(path: Path, message: str) -> None:
    with pytest.raises(UserError, match=re.escape(message)):
        read_reference_csv(path, ("alias", "member"))


def test_windows_1252_is_named_with_its_line(tmp_path):
    path = ref(tmp_path, "member_aliases.csv", b"alias,member\nA,B\nM\xe9xico,Mexico City\n")
    fails(
        path,
        "member_aliases.csv is not UTF-8 (line 3; it looks like Windows-1252, what Excel's "
        "plain 'CSV' saves): save it as 'CSV UTF-8'",
    )


def test_unknown_encoding(tmp_path):
    path = ref(tmp_path, "member_aliases.csv", b"alias,member\n\x81x,y\n")
    fails(path, "member_aliases.csv is not UTF-8 (line 2; its encoding is not recognised)")


@pytest.mark.parametrize("data", [b"", b" , \n", b"\n"])
def test_empty_file(tmp_path, data):
    path = ref(tmp_path, "member_aliases.csv", data)
    fails(path, "member_aliases.csv is empty: it needs the header line alias,member")


def test_missing_column(tmp_path):
    path = ref(tmp_path, "member_aliases.csv", b"alias,who\n")
    fails(path, "member_aliases.csv: needs columns alias,member (missing member) in its first line")


def test_row_with_too_many_cells(tmp_path):
    path = ref(tmp_path, "member_aliases.csv", b"alias,member\nA,B\n\nC,D,E\n")
    fails(
        path,
        "member_aliases.csv line 4: 3 cells where the header has 2 (a comma inside a name "
        "needs the name in double quotes)",
    )


def test_header_is_stripped_blank_lines_skipped_and_bom_read(tmp_path):
    path = ref(tmp_path, "x.csv", "\ufeff alias , member \n\nA,B\n\nC,D\n".encode())
    df = read_reference_csv(path, ("alias", "member"))
    assert list(df.columns) == ["alias", "member"]
    assert df.values.tolist() == [["A", "B"], ["C", "D"]]


def test_header_only_is_an_empty_table_of_text(tmp_path):
    df = read_reference_csv(ref(tmp_path, "x.csv", b"alias,member\n"), ("alias", "member"))
    assert list(df.columns) == ["alias", "member"] and len(df) == 0


def test_no_alias_file_is_an_empty_table(tmp_path):
    df = load_aliases(tmp_path)
    assert list(df.columns) == ["alias", "member"] and len(df) == 0
    assert df["alias"].tolist() == [] and df["member"].tolist() == []


def test_aliases_are_tidied_and_deduplicated(tmp_path):
    ref(
        tmp_path,
        "member_aliases.csv",
        "alias,member\n  Bruxelles ,Brussels.\nBruxelles,Brussels\nSeúl,Seoul\n".encode(),
    )
    df = load_aliases(tmp_path)
    assert df.values.tolist() == [["Bruxelles", "Brussels"], ["Seúl", "Seoul"]]
    assert df.index.tolist() == [0, 1]


@pytest.mark.parametrize("row", ["X,", ",Y", " . , - "])
def test_blank_alias_or_member(tmp_path, row):
    ref(tmp_path, "member_aliases.csv", f"alias,member\nA,B\n{row}\n".encode())
    with pytest.raises(
        UserError, match="member_aliases.csv: every row needs both an alias and a member"
    ):
        load_aliases(tmp_path)


def test_the_clashing_alias_is_named(tmp_path):
    ref(tmp_path, "member_aliases.csv", b"alias,member\nA,X\na,X\nB,X\nb,Y\n")
    with pytest.raises(UserError, match="member_aliases.csv: alias 'b' points to two members"):
        load_aliases(tmp_path)


def test_no_affix_file(tmp_path):
    assert load_affixes(tmp_path) == ([], [])


def test_affixes_folded_longest_first(tmp_path):
    ref(
        tmp_path,
        "name_affixes.csv",
        b"position,text\nprefix,The\nprefix,Town of\nprefix,City Of\nsuffix,City\n"
        b"prefix,Municipality of\nsuffix,Metropolitan Area\n",
    )
    assert load_affixes(tmp_path) == (
        ["municipality of", "town of", "city of", "the"],
        ["metropolitan area", "city"],
    )


def test_affix_position_must_be_prefix_or_suffix(tmp_path):
    ref(tmp_path, "name_affixes.csv", b"position,text\nprefix,the\nmiddle,x\nend,y\n")
    with pytest.raises(
        UserError, match="name_affixes.csv: position must be prefix or suffix, not 'end'"
    ):
        load_affixes(tmp_path)


def test_each_load_reads_the_file_as_it_is_now_and_hands_out_a_copy(tmp_path):
    """The tables are kept per content of the file (helpers.tables.names.per_content): an edit
    between two loads is seen, even one keeping the file's size and modification time, and a
    caller changing what it got changes nothing for the next."""
    path = ref(tmp_path, "member_aliases.csv", b"alias,member\nA,X\n")
    first = load_aliases(tmp_path)
    first.loc[0, "member"] = "changed"
    assert load_aliases(tmp_path).to_dict("records") == [{"alias": "A", "member": "X"}]
    stamp = path.stat().st_mtime_ns
    path.write_bytes(b"alias,member\nB,Y\n")
    os.utime(path, ns=(stamp, stamp))
    assert load_aliases(tmp_path).to_dict("records") == [{"alias": "B", "member": "Y"}]
    ref(tmp_path, "name_affixes.csv", b"position,text\nprefix,The\n")
    pre, _ = load_affixes(tmp_path)
    pre.append("city of")
    assert load_affixes(tmp_path) == (["the"], [])
    ref(tmp_path, "name_affixes.csv", b"position,text\nsuffix,The\n")
    assert load_affixes(tmp_path) == ([], ["the"])


def test_an_error_is_raised_on_every_load_until_the_file_is_mended(tmp_path):
    ref(tmp_path, "member_aliases.csv", b"alias,member\nA,\n")
    for _ in range(2):
        with pytest.raises(UserError, match="every row needs both an alias and a member"):
            load_aliases(tmp_path)
    ref(tmp_path, "member_aliases.csv", b"alias,member\nA,B\n")
    assert load_aliases(tmp_path).to_dict("records") == [{"alias": "A", "member": "B"}]


@pytest.mark.parametrize(
    ("name", "load"), [("member_aliases.csv", load_aliases), ("name_affixes.csv", load_affixes)]
)
def test_a_load_names_its_file_in_the_readers_message(tmp_path, name, load):
    ref(tmp_path, name, b"")
    with pytest.raises(UserError, match=f"^{re.escape(name)} is empty: it needs the header line"):
        load(tmp_path)
