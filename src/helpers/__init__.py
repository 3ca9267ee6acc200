"""Metropolis progress workbench: progress reports into tidy tables, analyses and reports.

Officers start with::

    from helpers import load
    t = load("2022-T1")

In IPython or Jupyter a mistake such as an unknown period shows as one line, not a traceback.
"""

from __future__ import annotations

from typing import Any

from helpers.errors import install_ipython_handler

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


install_ipython_handler()  # in IPython/Jupyter, a UserError shows as one line (helpers.errors)


def __getattr__(name: str) -> Any:  # imported lazily: `import helpers` stays fast
    if name in ("profile_html", "write_profile"):
        from helpers.report import members

        return getattr(members, name)
    if name in __all__:
        from helpers.analysis import explore

        return getattr(explore, name)
    raise AttributeError(name)
