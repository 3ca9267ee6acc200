"""The data dictionary (docs/data_dictionary.md), generated from the schemas."""

from __future__ import annotations

from pathlib import Path

from helpers.periods import project_root
from helpers.tables import schemas


def render() -> str:
    """Markdown: one section per table with its grain and one row per column."""
    out = [
        "# Data dictionary",
        "",
        "Generated from `src/helpers/tables/schemas.py` by `make docs`; do not edit by hand.",
        "Every table is written to `data/processed/<period>/<table>.parquet` and `.csv`,",
        "and as a sheet of `data/processed/<period>/<period>.xlsx`.",
        "",
    ]
    for name, model in schemas.SCHEMAS.items():
        out += [f"## `{name}`", "", (model.__doc__ or "").strip(), ""]
        key = model.to_schema().unique
        if key:
            out += [f"Key: no two rows share ({', '.join(f'`{c}`' for c in key)}).", ""]
        out += ["| column | type | may be missing | meaning |", "|---|---|---|---|"]
        for _, row in schemas.describe_columns(name).iterrows():
            desc = row["description"].replace("|", "\\|")
            out.append(
                f"| `{row['column']}` | {row['dtype']} | {'yes' if row['nullable'] else 'no'} | {desc} |"
            )
        out.append("")
    return "\n".join(out)


def write(root: Path | None = None) -> Path:
    path = (root or project_root()) / "docs" / "data_dictionary.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(), encoding="utf-8")
    return path
