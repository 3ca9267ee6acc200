"""Writing a period's tables: parquet + CSV per table, one Excel workbook, a manifest.
Written to a temporary folder and swapped into place, so a failed run leaves the last
good output untouched. Same input → byte-identical parquet and CSV."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from helpers.files import file_sha256, swap_into_place
from helpers.periods import Period, processed_dir


def _write_excel(tables: dict[str, pd.DataFrame], path: Path) -> None:
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        for name, df in tables.items():
            out = df.copy()
            for col in out.columns:
                if pd.api.types.is_datetime64_any_dtype(out[col]):
                    out[col] = out[col].dt.date
            out.to_excel(xl, sheet_name=name[:31], index=False)
            sheet = xl.sheets[name[:31]]
            for i, col in enumerate(out.columns, 1):
                width = min(60, max([len(col)] + [len(str(v)) for v in out[col].head(200)]) + 2)
                sheet.column_dimensions[sheet.cell(1, i).column_letter].width = width
            sheet.freeze_panes = "A2"


def write_tables(
    tables: dict[str, pd.DataFrame],
    period: Period,
    source: Path,
    root: Path | None = None,
    inputs: str | None = None,
    source_info: dict[str, str] | None = None,
) -> Path:
    """Write every table of a period; returns the period's processed folder."""
    final = processed_dir(period, root)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{period.id}.tmp-", dir=final.parent))
    try:
        for name, df in tables.items():
            df.to_parquet(tmp / f"{name}.parquet", index=False, engine="pyarrow")
            df.to_csv(tmp / f"{name}.csv", index=False, lineterminator="\n", date_format="%Y-%m-%d")
        _write_excel(tables, tmp / f"{period.id}.xlsx")
        manifest = {
            "period": period.id,
            "source": source.name,
            "source_sha256": file_sha256(source),
            **(source_info or {}),
            "rows": {name: len(df) for name, df in tables.items()},
        }
        if inputs:
            manifest["inputs"] = inputs  # fingerprint of report, reference data and code
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        swap_into_place(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final
