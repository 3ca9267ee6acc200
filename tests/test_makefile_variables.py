"""Make variables never reach a shell as code (issue 18): PERIOD, JOBS, ACCEPT, FORCE and
PYTHON of an ill-formed shape are refused by the Makefile in one line before any recipe runs,
and MEMBER, a free name, reaches the command line as one argument, byte for byte.

Each test runs the real Makefile with real `make` in a copy of the project's skeleton whose
set-up is already stamped: `.venv/bin/python` is a stand-in that records its arguments, so a
recipe that runs is seen (and is fast), and a marker file shows whether a value ran a command.
The stand-in is a `sh` script, not Python: it starts in a millisecond instead of twenty (a few
hundred runs here), and records each argument's bytes as they came, ended by a NUL byte (the
one byte no argument holds), after their count; they are read back as Python reads its argv
under C.UTF-8 (UTF-8, undecodable bytes as surrogates).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RECORDER = """#!/bin/sh
printf '%s\\0' "$#" "$@" >> "${0%/*}/../../argv.nul"
"""


@dataclass(frozen=True)
class Run:
    """What one `make` did: its status and output, and every command line the stand-in saw."""

    returncode: int
    stdout: str
    stderr: str
    calls: list[list[str]]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project skeleton with the real Makefile and a stamped set-up (nothing to install)."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    (tmp_path / "uv.lock").write_text("version = 1\n", encoding="utf-8")
    version = re.search(r"^UV_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.M)
    assert version, "the Makefile names its uv version"
    uv = tmp_path / ".tools" / f"uv-{version.group(1)}" / "bin" / "uv"
    uv.parent.mkdir(parents=True)
    uv.write_text("", encoding="utf-8")
    cksum = subprocess.run(
        "cat pyproject.toml uv.lock | cksum | cut -d' ' -f1",
        shell=True, cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(RECORDER, encoding="utf-8")
    python.chmod(0o755)
    (tmp_path / ".venv" / f".installed-{cksum}").write_text("", encoding="utf-8")
    return tmp_path


def make(project: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    """Run `make ARGS` in the skeleton with a clean environment (no MAKEFLAGS of a caller)."""
    base = {"PATH": os.environ["PATH"], "HOME": str(project), "LC_ALL": "C.UTF-8"}
    done = subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=project, env={**base, **(env or {})}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    log = project / "argv.nul"
    calls = _calls(log.read_bytes()) if log.exists() else []
    log.unlink(missing_ok=True)
    return Run(done.returncode, done.stdout, done.stderr, calls)


def _calls(log: bytes) -> list[list[str]]:
    """The stand-in's record read back: per call, its argument count then its arguments, each
    ended by a NUL byte, decoded as Python decodes its argv under C.UTF-8."""
    fields = [f.decode("utf-8", "surrogateescape") for f in log.split(b"\0")[:-1]]
    calls = []
    while fields:
        count, fields = int(fields[0]), fields[1:]
        calls.append(fields[:count])
        fields = fields[count:]
    return calls


def hostile(marker: Path, prefix: str = "") -> list[str]:
    """Values that would run `touch MARKER` if any shell, or make itself, read them as code."""
    m = str(marker)
    return [
        f"{prefix}; touch {m}",
        f"{prefix}$(shell touch {m})",
        f"{prefix}`touch {m}`",
        f"{prefix}$$(touch {m})",
        f"{prefix}$(touch {m})",
        f'{prefix}"; touch {m}; echo "',
        f"{prefix}'; touch {m}; echo '",
        f"{prefix}\ntouch {m}",
        f"{prefix} && touch {m}",
        f"{prefix}|touch {m}",
        f"{prefix}$${{IFS}}x\\",
    ]


def assert_refused(run: Run, name: str, marker: Path) -> None:
    """Refused by the Makefile: one line naming the variable, no recipe run, no marker."""
    assert run.returncode == 2, run
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and run.stderr.endswith("\n"), run.stderr
    assert f"*** {name}=" in lines[0], lines[0]
    assert run.stdout == "" and run.calls == [], run
    assert not marker.exists(), f"a value of {name} ran a command"


REFUSED = [
    ("report", "PERIOD", "2022-T1"),
    ("ingest", "PERIOD", "2022-T1"),
    ("new-period", "PERIOD", "2022-T1"),
    ("report", "ACCEPT", "1"),
    ("ingest", "ACCEPT", "1"),
    ("report", "FORCE", "1"),
    ("report-all", "FORCE", "1"),
    ("report-all", "JOBS", "2"),
    ("setup", "PYTHON", "python3"),
    ("profile", "PYTHON", "python3"),
]


@pytest.mark.parametrize(("goal", "name", "good"), REFUSED)
def test_hostile_values_are_refused_in_one_line(project: Path, goal: str, name: str, good: str):
    marker = project / "marker"
    for value in hostile(marker, good) + hostile(marker):
        assert_refused(make(project, goal, f"{name}={value}"), name, marker)


@pytest.mark.parametrize(("goal", "name", "good"), REFUSED[::3])
def test_hostile_values_from_the_environment_are_refused(project: Path, goal, name, good):
    marker = project / "marker"
    for value in hostile(marker, good):
        assert_refused(make(project, goal, env={name: value}), name, marker)


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("PERIOD", ["2022-T4", "2022-T0", "22-T1", "2022-t1", "2022T1", "02022-T1", "2022-T1 "]),
        ("PERIOD", ["2022-T11", "", "2022-T1\n", "2022-T1,2"]),
        ("ACCEPT", ["0", "yes", "true", "11", " 1", "1 "]),
        ("JOBS", ["0", "01", "100", "-1", "2.5", "1e3", "four", "1 2"]),
    ],
)
def test_ill_formed_values_are_refused(project: Path, name: str, values: list[str]):
    goal = "report-all" if name == "JOBS" else "report"
    for value in values:
        run = make(project, goal, env={name: value})  # as written: make strips nothing here
        assert_refused(run, name, project / "marker")
    shown = make(project, "report", "PERIOD=2022-T1\nx").stderr
    assert "PERIOD='2022-T1\\nx' is not a period: write it like 2022-T2" in shown


def test_well_formed_values_reach_the_command_line(project: Path):
    assert make(project, "report", "PERIOD=2023-T3", "ACCEPT=1", "FORCE=1").calls == [
        ["-m", "helpers", "report", "--period=2023-T3", "--force", "--accept-errors"]
    ]
    assert make(project, "ingest", "ACCEPT=").calls == [
        ["-m", "helpers", "ingest", "--period=2022-T1"]
    ]
    assert make(project, "new-period", env={"PERIOD": "2024-T2"}).calls == [
        ["-m", "helpers", "new-period", "--period=2024-T2"]
    ]
    assert make(project, "report-all", "JOBS=99").calls == [
        ["-m", "helpers", "report-all", "--jobs=99"]
    ]
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or "2"
    assert make(project, "report-all").calls == [["-m", "helpers", "report-all", f"--jobs={cores}"]]


def test_a_member_name_reaches_the_command_line_as_one_argument(project: Path):
    marker = project / "marker"
    names = hostile(marker, "Seoul") + hostile(marker) + [
        "São Paulo", "O'Brien", 'the "Greater" Paris', "--help", "-x", "a=b", "a#b", "a$$b",
        "tab\there", "end\\", "Ciudad de México ", "\u200bzero-width", "*", "~",
    ]  # fmt: skip
    for name in names:
        # make drops the blanks that open a value given on its command line (not in the
        # environment): `make profile MEMBER=" Seoul"` asks for `Seoul`
        for run, given in ((make(project, "profile", f"MEMBER={name}"), name.lstrip()),
                           (make(project, "profile", env={"MEMBER": name}), name)):  # fmt: skip
            assert run.returncode == 0, run
            assert run.calls == [["-m", "helpers", "profile", f"--member={given}"]], name
            assert not marker.exists(), f"MEMBER={name!r} ran a command"
    assert make(project, "profile").calls == [["-m", "helpers", "profile", "--member="]]


def test_help_and_other_goals_ignore_variables_they_do_not_use(project: Path):
    marker = project / "marker"
    for value in hostile(marker, "2022-T1"):
        for run in (make(project, f"PERIOD={value}"), make(project, "help", f"MEMBER={value}")):
            assert run.returncode == 0 and "PERIOD=2022-T1 by default" in run.stdout, run
            assert not marker.exists()
    assert make(project, "setup", "PERIOD=junk", "JOBS=junk", "ACCEPT=junk").returncode == 0


def test_make_n_shows_the_values_are_read_from_the_environment(project: Path):
    run = make(project, "-n", "report", "profile", "report-all", 'MEMBER=x"; touch y')
    assert '--period="$PERIOD"' in run.stdout and '--member="$MEMBER"' in run.stdout
    assert "touch y" not in run.stdout and run.calls == []
    setup = make(project, "-n", "-B", "setup", "PYTHON=/usr/bin/python3.11").stdout
    assert '"$PYTHON" -m pip install' in setup and 'UV_PYTHON="$PYTHON"' in setup
    assert "/usr/bin/python3.11" not in setup
