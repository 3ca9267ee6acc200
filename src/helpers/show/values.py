"""How one value is written in a page: escaped (`esc`), as text (`format_value`: missing as
``—``, dates as ``15 Feb 2022``, counts with thousands separators, rates as percentages; an
activity's dates by `date_range`) and as plain JSON (`json_safe`). The tables, sentences and
cards of :mod:`helpers.show.display`, the world map, the member pages and the explorer all
write values through these."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from datetime import date, datetime
from numbers import Integral, Real
from typing import Any

import numpy as np
import pandas as pd

NA_TEXT = "—"
Format = str | Callable[[Any], str]

__all__ = [
    "NA_TEXT",
    "Format",
    "esc",
    "format_value",
    "date_range",
    "is_bool",
    "is_na",
    "json_safe",
    "sort_key",
]


def esc(value: object) -> str:
    """``str(value)`` with ``& < > " '`` escaped: safe inside element text and attributes."""
    return html.escape(str(value), quote=True)


def is_na(value: object) -> bool:
    """True for None, NaN, NaT and pd.NA (never for containers or strings)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, str | bytes | list | tuple | set | frozenset | dict):
        return False
    try:
        result = pd.isna(value)
    except (TypeError, ValueError):
        return False
    return isinstance(result, bool | np.bool_) and bool(result)


def is_bool(value: object) -> bool:
    """True for Python and numpy booleans (shown as yes/no, never as numbers)."""
    return isinstance(value, bool | np.bool_)


def _format_date(value: date | datetime | pd.Timestamp) -> str:
    if isinstance(value, datetime) and (value.hour, value.minute, value.second) != (0, 0, 0):
        return f"{value.day} {value:%b %Y %H:%M}"
    return f"{value.day} {value:%b %Y}"


def _is_rate_name(name: object) -> bool:
    text = str(name).lower()
    return text == "rate" or text.endswith(("_rate", "_share"))


def format_value(value: object, fmt: Format | None = None, *, name: object = None) -> str:
    """Plain text for one value (not yet escaped): NA as ``—``, dates as ``15 Feb 2022``,
    booleans as yes/no, integers with thousands separators, rates (``*_rate``) as percentages.

    ``fmt`` is a ``str.format`` pattern such as ``"{:.1%}"`` or a callable.
    """
    if fmt is not None and not is_na(value):
        return fmt(value) if callable(fmt) else fmt.format(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return ", ".join(format_value(v) for v in items)
    if is_na(value):
        return NA_TEXT
    if is_bool(value):
        return "yes" if value else "no"
    if isinstance(value, datetime | date):
        return _format_date(value)
    if isinstance(value, Integral):
        return f"{int(value):,}"
    if isinstance(value, Real):
        number = float(value)
        if _is_rate_name(name):
            return f"{number:.0%}"
        if number.is_integer() and abs(number) < 1e15:
            return f"{int(number):,}"
        return f"{number:,.2f}"
    return str(value)


def date_range(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """An activity's dates as every page writes them, the month and year said once:
    ``7 Feb 2022``, ``7–9 Feb 2022``, ``28 Feb – 2 Mar 2022``, ``30 Dec 2021 – 2 Jan 2022``."""
    if start == end:
        return f"{start.day} {start:%b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def sort_key(value: object) -> str | None:
    """A ``data-sort`` value for cells whose text does not sort well (numbers, dates)."""
    if is_na(value) or is_bool(value):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Real):
        return repr(float(value))
    return None


def json_safe(value: Any) -> Any:
    """``value`` with numpy/pandas scalars, dates and NaN turned into plain JSON values."""
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_safe(v) for v in value]
    if is_na(value):
        return None
    if is_bool(value):
        return bool(value)
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        return float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
