"""Writing a period's tables: parquet + CSV per table, one Excel workbook, a manifest.
Written to a temporary folder and swapped into place, so a failed run leaves the last
good output untouched. Same input → byte-identical parquet, CSV and xlsx; the manifest holds
every file's SHA-256. Text cells never become spreadsheet formulas (see `csv_safe`)."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.files import MANIFEST, file_sha256, swap_into_place
from helpers.periods import Period, processed_dir

# Cells an officer opens in Excel must never run: OWASP's CSV-injection guidance.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries carry no clock: the same tables, the same bytes
_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would read as a formula (`=HYPERLINK(…)`, `+1`, `@x`) get
    a leading apostrophe, so Excel shows them as text; numbers and dates are left alone."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object:
            out[col] = out[col].map(
                lambda v: f"'{v}" if isinstance(v, str) and v.startswith(_FORMULA_START) else v
            )
    return out


def _write_excel(tables: dict[str, pd.DataFrame], path: Path) -> None:
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        for name, df in tables.items():
            out = df.copy()
            for col in out.columns:
                if pd.api.types.is_datetime64_any_dtype(out[col]):
                    out[col] = out[col].dt.date
            out.to_excel(xl, sheet_name=name[:31], index=False)
            sheet = xl.sheets[name[:31]]
            for row in sheet.iter_rows(min_row=2):
                for cell in row:  # text is text: openpyxl would store `=…` as a formula
                    if isinstance(cell.value, str) and cell.data_type == "f":
                        cell.data_type = "s"
            for i, col in enumerate(out.columns, 1):
                width = min(60, max([len(col)] + [len(str(v)) for v in out[col].head(200)]) + 2)
                sheet.column_dimensions[sheet.cell(1, i).column_letter].width = width
            sheet.freeze_panes = "A2"
    _stable_zip(path)


def _stable_zip(path: Path) -> None:
    """Rewrite the workbook with fixed zip times and document dates: byte-identical output."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info)) for info in src.infolist()]
    tmp = path.with_name(f".{path.name}.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = _CORE_TIME.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, data)
    os.replace(tmp, path)


def write_tables(
    tables: dict[str, pd.DataFrame],
    period: Period,
    source: Path,
    root: Path | None = None,
    inputs: str | None = None,
    source_info: dict[str, Any] | None = None,
) -> Path:
    """Write every table of a period; returns the period's processed folder."""
    final = processed_dir(period, root)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{period.id}.tmp-", dir=final.parent))
    try:
        for name, df in tables.items():
            df.to_parquet(tmp / f"{name}.parquet", index=False, engine="pyarrow")
            csv_safe(df).to_csv(
                tmp / f"{name}.csv", index=False, lineterminator="\n", date_format="%Y-%m-%d"
            )
        _write_excel(tables, tmp / f"{period.id}.xlsx")
        manifest = {
            "period": period.id,
            "source": source.name,
            "source_sha256": file_sha256(source),
            **(source_info or {}),
            "rows": {name: len(df) for name, df in tables.items()},
        }
        manifest["files"] = {f.name: file_sha256(f) for f in sorted(tmp.iterdir())}
        _follow_umask(tmp)
        if inputs:
            manifest["inputs"] = inputs  # fingerprint of report, reference data and code
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        swap_into_place(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


def _follow_umask(folder: Path) -> None:
    """mkdtemp makes a folder only its owner can read; the published folder follows the umask."""
    mask = os.umask(0)
    os.umask(mask)
    folder.chmod(0o777 & ~mask)
