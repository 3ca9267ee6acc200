"""Turn one progress report (PDF, markdown or text export) into the contract's tables.

`parse_report(text, period)` is pure: text in, validated frames out, with every finding about
the input in the `quality` table. `parse_file(path, period)` does the same for a file.
`ingest_period(period)` reads the period's raw report, keeps its text in data/interim/, checks
that the sections the analysis stands on were found, and writes the tables atomically.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.errors import UserError
from helpers.files import check_files
from helpers.parse.cover import stated_period
from helpers.parse.extract import Extracted, extract_text
from helpers.parse.report import read_report
from helpers.parse.text import control_characters, normalise_text
from helpers.periods import (
    Period,
    find_report,
    interim_path,
    parse_period,
    processed_dir,
)
from helpers.tables import bounds
from helpers.tables.findings import Findings

if TYPE_CHECKING:
    import pandas as pd

# pandas, pandera and the table builders are imported where the tables are built, not with
# this module: a report refused before that (no report, two reports, an empty, binary or
# damaged file) is one line from `python -m helpers ingest` without their import.


def parse_report(
    text: str, period: str, *, root: Path | None = None, second_reading: str | None = None
) -> dict[str, pd.DataFrame]:
    """Every table of the contract for one report. Raises UserError when the text holds no
    activities or the report says it covers another period; every other finding goes to
    `quality` (blocking ones with severity error). `root` is the project folder whose
    data/reference/ holds the alias tables; `second_reading` is a PDF's text layer, compared
    with `text` (its layout reading)."""
    per: Period = parse_period(period)
    bounds.check_text(text)
    q = Findings()
    controls(text, q)
    rec = read_report(text, per.year)
    bounds.check_records(rec)
    stated = stated_period(rec.lines)
    if stated is not None and stated.period != per.id:
        raise UserError(
            f"the report says it covers {stated.period} (line {stated.line}: '{stated.text}') "
            f"but it is filed as {per.id}: move it to data/raw/{stated.period}/"
        )
    if not rec.activities.activities:
        from helpers.tables import checks

        raise UserError(
            f"no activities found in the report ({checks.nearby(rec, 'ACTIVITIES')}): the file "
            "is empty, truncated or not a Metropolis progress report; check it in data/raw/"
        )
    from helpers.tables.locations import load_locations
    from helpers.tables.names import NameResolver, load_affixes, load_aliases

    locations = load_locations(root)
    known = NameResolver(locations.assign(region=""), load_aliases(root), load_affixes(root))
    # imported once the reference files are read: one an officer broke costs no pandera import
    from helpers.tables import activities as act_tables
    from helpers.tables import checks, schemas
    from helpers.tables import listings as list_tables
    from helpers.tables.alliances import AllianceNames, load_alliance_aliases

    t: dict[str, pd.DataFrame] = {}
    t["members"] = list_tables.members(rec, q, known)
    resolver = NameResolver(t["members"], load_aliases(root), load_affixes(root))
    t["strategic_plan"] = list_tables.strategic_plan(rec, q)
    t["challenges"] = list_tables.challenges(rec, q)
    t["activities"] = act_tables.activities(rec, per, t["strategic_plan"], q)
    t["participation"] = act_tables.participation(rec, per, resolver, q)
    t["activity_outcomes"] = act_tables.activity_outcomes(rec, per, t["strategic_plan"], q)
    t["activity_challenges"] = act_tables.activity_challenges(rec, per, t["challenges"], q)
    alliance_names = AllianceNames(load_alliance_aliases(root))
    t["activity_alliances"] = act_tables.activity_alliances(rec, per, alliance_names, q)
    t["engagement_table"] = list_tables.engagement_table(rec, resolver, q)
    t["bilateral_meetings"] = list_tables.bilateral_meetings(rec, resolver, q)
    t["board"] = list_tables.board(rec, resolver, q)
    t["media_mentions"] = list_tables.media_mentions(rec, per, q)
    t["social_followers"] = list_tables.social_followers(rec, q)
    checks.sections(rec, t, q)
    checks.layout(rec, q)
    checks.engagement_reconciliation(t, q)
    checks.engagement_on_roster(t, q)
    checks.alliance_names(t["activity_alliances"], q)
    checks.participant_names(t["participation"], q)
    checks.action_lines(t["activities"], t["activity_outcomes"], q)
    checks.second_reading(text, second_reading, q)
    checks.member_locations(t["members"], locations, q)
    checks.known_members_off_roster(t["participation"], known, q)
    checks.merged_names(t, known, q)
    checks.heading_names(t["members"], known, q)
    checks.board_positions(t["board"], known, q)
    checks.name_fragments(t, [*t["members"]["member"], *locations["member"]], q)
    order = [n for n in schemas.TABLES if n != "quality"]
    return validate({name: t[name] for name in order}, q)


MAX_CONTROL_FINDINGS = 20  # lines with control characters named one by one; the rest summed


def controls(text: str, q: Findings) -> None:
    """A finding for each line of the report's text holding control characters, which the
    reading removes (`normalise_text`): the first `MAX_CONTROL_FINDINGS` lines one by one,
    the others in one more finding."""
    found = control_characters(text)
    for line, chars in found[:MAX_CONTROL_FINDINGS]:
        q.add("control_character", f"removed from the line: {chars}", line)
    rest = found[MAX_CONTROL_FINDINGS:]
    if rest:
        q.add("control_character", f"removed from {len(rest)} more lines (lines {rest[0][0]}–"
              f"{rest[-1][0]})", rest[0][0])  # fmt: skip


def parse_file(
    path: Path | str, period: str, *, root: Path | None = None
) -> dict[str, pd.DataFrame]:
    """The tables of a report file: `.pdf`, `.md` or `.txt` (suffix in any case)."""
    bounds.check_file(Path(path))
    extracted = extract_text(Path(path))
    return parse_report(extracted.text, period, root=root, second_reading=extracted.second_reading)


def validate(tables: dict[str, pd.DataFrame], q: Findings) -> dict[str, pd.DataFrame]:
    """Validate every table lazily (helpers.tables.validation); all failures become `error`
    rows in quality."""
    import pandera.pandas as pa

    from helpers.tables import validation

    out: dict[str, pd.DataFrame] = {}
    for name, df in tables.items():
        try:
            out[name] = validation.validate(name, df, lazy=True)
        except pa.errors.SchemaErrors as exc:
            for _, fc in exc.failure_cases.iterrows():
                q.add("schema", f"{name}.{fc['column']}: {fc['check']} failed for "
                      f"{fc['failure_case']!r}")  # fmt: skip
            out[name] = df
    out["quality"] = validation.validate("quality", q.frame(), lazy=True)
    return out


def read_report_text(path: Path) -> str:
    """The report's text (any kind of report file); a damaged file is a UserError."""
    return extract_text(path).text


def _previous_roster(per: Period, root: Path | None) -> tuple[int | None, str]:
    """The previous period's roster size, counted in its members table once that table's
    bytes are checked against the SHA-256 its manifest recorded (a row count written in the
    manifest is not trusted on its own); None when there is no intact table."""
    import pyarrow.parquet as pq

    prev = per.previous()
    folder = processed_dir(prev, root)
    intact, _ = check_files(folder)
    if "members.parquet" not in intact:
        return None, prev.id
    try:
        return pq.ParquetFile(folder / "members.parquet").metadata.num_rows, prev.id
    except (OSError, ValueError):
        return None, prev.id


def _blocking(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    from helpers.tables import checks

    q = tables["quality"]
    return q[(q["severity"] == "error") & q["kind"].isin(checks.BLOCKING)]


def ingest_period(
    period: str,
    root: Path | None = None,
    progress=print,
    inputs: str | None = None,
    *,
    accept_errors: bool = False,
) -> dict[str, pd.DataFrame]:
    """Read data/raw/<period>/ (.pdf, .md or .txt), parse it and write data/processed/<period>/
    atomically. A missing, too small or repeated section stops here (UserError) unless
    `accept_errors`; then the tables are written and the finding stays in `quality`. One run
    at a time per period (a second one waits)."""
    from helpers.files import period_lock

    per = parse_period(period)
    path = find_report(per, root)
    with period_lock(processed_dir(per, root).parent, per.id, progress):
        return _ingest(per, path, root, progress, inputs, accept_errors)


def _ingest(per: Period, path: Path, root: Path | None, progress, inputs: str | None,
            accept_errors: bool) -> dict[str, pd.DataFrame]:  # fmt: skip
    """ingest_period's work, with the period's lock held."""
    progress(f"==> ingest {per.id}: reading {path.name}")
    bounds.check_file(path)
    extracted: Extracted = extract_text(path)
    text = normalise_text(extracted.text)  # as the parser reads it: every source_line's text
    tables = parse_report(
        extracted.text, per.id, root=root, second_reading=extracted.second_reading
    )  # the text as extracted, so its control characters are found and recorded
    import pandas as pd  # here, not above: a file refused by the reading costs no pandas import

    from helpers.files import write_text_atomic
    from helpers.tables import checks, schemas, validation
    from helpers.tables.storage import write_tables

    previous, label = _previous_roster(per, root)
    extra = Findings()
    checks.roster_against_previous(len(tables["members"]), previous, extra, label)
    if extra.rows:
        q = pd.concat([tables["quality"], extra.frame()], ignore_index=True)
        tables["quality"] = validation.validate("quality", q)
    errors = tables["quality"].query("kind == 'schema'")
    if len(errors):
        raise UserError(
            f"{len(errors)} schema check(s) failed for {per.id} (first: {errors['detail'].iloc[0]}); "
            "nothing was written"
        )
    blocking = _blocking(tables)
    if len(blocking) and not accept_errors:
        more = f" (and {len(blocking) - 1} more)" if len(blocking) > 1 else ""
        raise UserError(
            f"{per.id}: {blocking['detail'].iloc[0]}{more}; nothing was written. Check "
            f"{path.name}, or render anyway with: make report PERIOD={per.id} ACCEPT=1"
        )
    source = {"extractor": extracted.extractor, "extractor_version": extracted.version,
              "interim": f"data/interim/{per.id}/report.txt",
              "interim_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
              # what every page's banner says, read back without loading the tables
              "accepted_errors": checks.accepted_errors(tables["quality"])}  # fmt: skip
    out = write_tables(tables, per, path, root, inputs=inputs, source_info=source)
    write_text_atomic(interim_path(per, root), text)
    counts = tables["quality"]["severity"].value_counts()
    progress(
        f"    {len(tables['activities'])} activities, {len(tables['participation'])} participations, "
        f"{len(tables['members'])} roster members; quality: "
        + ", ".join(f"{counts.get(s, 0)} {s}" for s in schemas.SEVERITIES)
        + f" → {out.relative_to(out.parents[2])}"
    )
    if len(blocking):
        progress(f"    WARNING: accepted with {len(blocking)} blocking finding(s): every page "
                 "of this period carries a banner")  # fmt: skip
    return tables


def table_summary(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per table: its name, rows, and what one row is (the schema's grain)."""
    import pandas as pd

    return pd.DataFrame(
        [
            {"table": name, "rows": len(df), "one row per": _grain(name)}
            for name, df in tables.items()
        ]
    )


def _grain(table: str) -> str:
    from helpers.tables import schemas

    doc = (schemas.SCHEMAS[table].__doc__ or "").strip().splitlines()[0]
    return doc.removeprefix("One row per ").rstrip(".")
