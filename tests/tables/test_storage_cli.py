"""Writing tables, determinism, atomic swaps and the one-line errors of the command line."""

import pandas as pd
import pytest

from helpers.errors import UserError
from helpers.ingest import ingest_period
from helpers.tables import schemas
from tests.conftest import ROOT, digests, run_cli


def test_ingest_writes_every_table_and_is_byte_identical(tmp_root):
    ingest_period("2022-T1", tmp_root, progress=lambda s: None)
    out = tmp_root / "data" / "processed" / "2022-T1"
    for table in schemas.TABLES:
        assert (out / f"{table}.parquet").exists() and (out / f"{table}.csv").exists()
    xl = pd.ExcelFile(out / "2022-T1.xlsx")
    assert sorted(xl.sheet_names) == sorted(schemas.TABLES)
    first = digests(out)
    ingest_period("2022-T1", tmp_root, progress=lambda s: None)
    assert digests(out) == first
    back = pd.read_parquet(out / "activities.parquet")
    assert (
        str(back["start_date"].dtype).startswith("datetime64") and back["in_period"].dtype == bool
    )


def test_failed_run_keeps_the_last_good_output(tmp_root):
    ingest_period("2022-T1", tmp_root, progress=lambda s: None)
    out = tmp_root / "data" / "processed" / "2022-T1"
    before = digests(out)
    raw = next((tmp_root / "data" / "raw" / "2022-T1").glob("*.md"))
    raw.write_text(raw.read_text(encoding="utf-8")[:2000], encoding="utf-8")  # truncated
    with pytest.raises(UserError, match="no activities"):
        ingest_period("2022-T1", tmp_root, progress=lambda s: None)
    assert digests(out) == before
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]


@pytest.mark.slow  # a subprocess per case
@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "binary"),
        (b"\xff\xfe\xfa not utf8 \xff", "not UTF-8"),
        (b"METROPOLIS PROGRESS REPORT.\n\nACTIVITIES\n\n15\xe2\x80\x93", "no activities found"),
    ],
)
def test_bad_files_give_one_line_and_nonzero_exit(tmp_root, content, message):
    raw = next((tmp_root / "data" / "raw" / "2022-T1").glob("*.md"))
    raw.write_bytes(content)
    r = run_cli("ingest", "--period", "2022-T1", root=tmp_root)
    assert r.returncode == 2
    assert message in r.stderr and r.stderr.startswith("error:")
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


@pytest.mark.slow  # a subprocess per case
@pytest.mark.parametrize(
    "period, message", [("2022-T4", "not a period id"), ("22-T1", "not a period id"),
                        ("2031-T2", "no report for 2031-T2")],
)  # fmt: skip
def test_bad_periods(tmp_root, period, message):
    r = run_cli("ingest", "--period", period, root=tmp_root)
    assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr


def test_data_dictionary_is_up_to_date():
    from helpers.tables.datadict import render

    assert (ROOT / "docs" / "data_dictionary.md").read_text(encoding="utf-8") == render(), (
        "run `make docs`"
    )


def test_environment_yml_mirrors_pyproject_pins():
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = project["dependencies"] + project["optional-dependencies"]["dev"]
    env = (ROOT / "environment.yml").read_text()
    listed = {
        m.group(1).lower(): m.group(2) for m in re.finditer(r"-\s+([A-Za-z0-9_.-]+)==([^\s]+)", env)
    }
    for pin in pins:
        name, version = pin.split("==")
        assert listed.get(name.lower()) == version, f"environment.yml should pin {pin}"


def test_uv_lock_holds_every_direct_pin():
    """`make setup` installs uv.lock: it must be re-resolved (`make lock`) after a pin changes."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = project["dependencies"] + project["optional-dependencies"]["dev"]
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    locked = {p["name"]: p["version"] for p in lock["package"]}
    assert len(locked) > len(pins)  # the whole resolved environment, not only the direct pins
    for pin in pins:
        name, version = pin.split("==")
        key = name.lower().replace("_", "-").replace(".", "-")
        assert locked.get(key) == version, f"uv.lock lacks {pin}: run make lock"
