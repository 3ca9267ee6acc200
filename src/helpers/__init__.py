"""Metropolis progress workbench: progress reports into tidy tables, analyses and reports.

Officers start with::

    from helpers import load
    t = load("2022-T1")
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "load",
    "load_all",
    "member_profile",
    "member_summary",
    "find_activities",
    "not_engaged",
    "profile_html",
    "write_profile",
]


def __getattr__(name: str) -> Any:  # imported lazily: `import helpers` stays fast
    if name in ("profile_html", "write_profile"):
        from helpers.report import members

        return getattr(members, name)
    if name in __all__:
        from helpers.analysis import explore

        return getattr(explore, name)
    raise AttributeError(name)
