"""Shared fixtures: the real 2022-T1 report, parsed once, and a builder of small reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORT_2022T1 = ROOT / "data" / "raw" / "2022-T1" / "metropolis_progress_report_2022-T1.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def text_2022t1() -> str:
    return REPORT_2022T1.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def t1(text_2022t1):
    from helpers.ingest import parse_report

    return parse_report(text_2022t1, "2022-T1")


ROSTER = """WHO WE ARE

AFRICA

- Abidjan
- Cairo
- Johannesburg
- Rabat

Members of the Board of Directors

MEMBER
Asmaa Rhlalou
Mayor of Rabat

ASIA-PACIFIC

- Seoul
- Kathmandu
- Tehran

EUROPE

- Barcelona (city)
- Barcelona (metropolitan area)
- Brussels
- Greater Paris

NORTH AMERICA

- Mexico City
- Montréal
"""

PROGRESS = """PROGRESS

METROPOLITAN CHALLENGES

1.1 Combating inequalities and segregation

2.3 Climate resilience

IMPLEMENTATION OF THE STRATEGIC ACTION PLAN

L1 Strengthen global leadership

L1A2 Metropolitan perspective in global agendas

L1A2D4 Support metropolitan leaders

L2 Build adaptive capacities

L2A2 Support for governance structures

L2A2D3 Learning and capacity-building activities
"""


def mini_report(activities: str, *, progress: str = PROGRESS, roster: str = ROSTER) -> str:
    """A small but complete report around the given ACTIVITIES text."""
    return f"METROPOLIS PROGRESS REPORT.\n\nACTIVITIES\n\n{activities}\n\n{progress}\n\n{roster}\n"


@pytest.fixture
def tmp_root(tmp_path: Path) -> Path:
    """A project root in a tmp folder with the 2022-T1 raw report and the reference data."""
    (tmp_path / "data" / "raw" / "2022-T1").mkdir(parents=True)
    shutil.copy(REPORT_2022T1, tmp_path / "data" / "raw" / "2022-T1" / REPORT_2022T1.name)
    shutil.copytree(ROOT / "data" / "reference", tmp_path / "data" / "reference")
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    return tmp_path


def built_project(root: Path) -> Path:
    """A project in ``root`` with the real 2022-T1 report, the reference data and the
    notebooks, ingested and rendered by the build (pages, index, trends)."""
    from helpers.build import build_period

    shutil.copytree(ROOT / "data" / "raw" / "2022-T1", root / "data" / "raw" / "2022-T1")
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    build_period("2022-T1", root=root, progress=lambda s: None)
    return root
