"""Turn one progress report (markdown text) into the contract's tables.

`parse_report(text, period)` is pure: text in, validated frames out, with every finding
about the input in the `quality` table. `ingest_period(period)` reads the period's raw
report and writes the tables (see helpers.tables.storage).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers.errors import UserError
from helpers.parse.activities import Activity, infer_action_lines, parse_activities
from helpers.parse.listings import (
    read_bilateral,
    read_board,
    read_challenges,
    read_engagement_list,
    read_followers,
    read_media,
    read_plan,
    read_roster,
)
from helpers.parse.sections import REGIONS, Layout, find_sections
from helpers.parse.text import read_lines, split_items
from helpers.periods import Period, find_report, parse_period
from helpers.tables import schemas
from helpers.tables.names import Match, NameResolver, fold, load_affixes, load_aliases, tidy


@dataclass
class Findings:
    """Collects quality findings; every one keeps the source line it is about."""

    rows: list[dict] = field(default_factory=list)

    def add(
        self, severity: str, kind: str, detail: str, line: int = 0, activity: str | None = None
    ):
        self.rows.append(
            {"severity": severity, "kind": kind, "activity_id": activity, "detail": detail,
             "source_line": int(line)}
        )  # fmt: skip

    def frame(self) -> pd.DataFrame:
        df = pd.DataFrame(self.rows, columns=schemas.columns("quality"))
        order = {s: i for i, s in enumerate(schemas.SEVERITIES)}
        df = df.assign(_o=df["severity"].map(order)).sort_values(
            ["source_line", "_o", "kind", "detail"], kind="stable"
        )
        return df.drop(columns="_o").drop_duplicates().reset_index(drop=True)


def _frame(table: str, rows: list[dict]) -> pd.DataFrame:
    cols = schemas.columns(table)
    return pd.DataFrame(rows, columns=cols) if rows else schemas.empty_frame(table)


def _roster(layout: Layout, q: Findings) -> pd.DataFrame:
    rows: list[dict] = []
    seen: dict[str, str] = {}
    for seg in layout.top("WHO WE ARE"):
        if seg.sub not in REGIONS:
            continue
        region = REGIONS[seg.sub]
        for name, no in read_roster(seg.lines):
            name = tidy(name)
            if name in seen:
                if seen[name] != region:
                    q.add("warning", "roster_duplicate", f"'{name}' is listed in {seen[name]} and "
                          f"{region}; kept in {seen[name]}", no)  # fmt: skip
                continue
            seen[name] = region
            rows.append({"member": name, "region": region, "source_line": no})
    if not rows:
        q.add("error", "section_missing", "no member roster found under WHO WE ARE: "
              "names cannot be matched to members")  # fmt: skip
    return _frame("members", rows)


def _resolve(resolver: NameResolver, name: str, q: Findings, line: int, where: str,
             activity: str | None = None, unmatched: str = "warning") -> Match:  # fmt: skip
    match = resolver.resolve(name)
    if match.how == "fuzzy":
        q.add("warning", "automatic_match", f"{where}: '{match.name}' matched to '{match.member}' "
              "by close spelling: confirm, or add an alias", line, activity)  # fmt: skip
    elif match.how == "folded":
        q.add("info", "automatic_match", f"{where}: '{match.name}' matched to '{match.member}' "
              "ignoring accents, case or affixes", line, activity)  # fmt: skip
    elif match.how == "none":
        q.add(unmatched, "unmatched_name", f"{where}: '{match.name}' is not on the roster "
              "(not a member, or add an alias in data/reference/member_aliases.csv)",
              line, activity)  # fmt: skip
    return match


def _split_names(items: list[tuple[str, int]], resolver: NameResolver) -> list[tuple[str, int]]:
    """Split `Seoul and Tehran` only when every part is a member and the whole is not."""
    out = []
    for name, no in items:
        parts = [p.strip() for p in name.replace(" & ", " and ").split(" and ")]
        if (
            len(parts) > 1
            and resolver.resolve(name).how == "none"
            and all(resolver.resolve(p).is_member for p in parts)
        ):
            out += [(p, no) for p in parts]
        else:
            out.append((name, no))
    return out


def _action_lines(acts: list[Activity], headers, plan_lines: list[int], q: Findings) -> list:
    """Header the activity sits under, or (headers bunched together) inferred from codes."""
    numbers = sorted({h.number for h in headers}) or plan_lines
    if not acts:
        return []
    interleaved = any(
        headers and min(h.line for h in headers) < a.line < max(h.line for h in headers)
        for a in acts
    ) or (headers and any(a.line < min(h.line for h in headers) for a in acts) and len(headers) > 1)
    if headers and interleaved:
        lines = [a.header_line for a in acts]
        if any(n is None for n in lines):
            q.add("warning", "action_line_unknown", "activities before the first action-line "
                  "header have no action line", acts[0].line)  # fmt: skip
        return lines
    codes = [[c for c, _ in a.outcome_codes()] for a in acts]
    starts = [a.span.start if a.span else None for a in acts]
    inferred = infer_action_lines(codes, starts, numbers)
    if numbers:
        where = headers[0].line if headers else acts[0].line
        q.add("info", "action_line_inferred", "action-line headers do not sit between the "
              "activities: each activity's line was taken from the run of activities it belongs to "
              "(report order L1, L2, L3; outcome codes and restarting dates mark the runs)", where)  # fmt: skip
    return inferred


def _canonical_alliances(rows: list[dict]) -> None:
    """Spellings equal after folding share the most frequent one (ties: first seen)."""
    from collections import Counter

    counts = Counter(r["alliance_raw"] for r in rows)
    best: dict[str, str] = {}
    for r in rows:
        key, name = fold(r["alliance_raw"]), r["alliance_raw"]
        if key not in best or counts[name] > counts[best[key]]:
            best[key] = name
    for r in rows:
        r["alliance"] = best[fold(r["alliance_raw"])]


def parse_report(text: str, period: str, *, root: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the contract for one report. Raises UserError when the text is not
    a progress report (no activities found); all other findings go to `quality`.
    `root` is the project folder whose data/reference/ holds the alias tables."""
    per: Period = parse_period(period)
    q = Findings()
    lines = read_lines(text)
    layout = find_sections(lines)
    for top in ("ACTIVITIES", "ACTIVE LISTENING", "PROGRESS", "WHO WE ARE"):
        if not layout.found(top):
            q.add("warning", "section_missing", f"section {top} not found")
    for no in layout.page_headers:
        q.add("info", "page_header", "repeated page header ignored", no)

    members = _roster(layout, q)
    resolver = NameResolver(members, load_aliases(root), load_affixes(root))

    # plan and challenge listings (PROGRESS)
    progress = [ln for s in layout.top("PROGRESS") for ln in s.lines]
    plan_items = read_plan(progress)
    plan_rows, plan_codes = [], set()
    for p in plan_items:
        if p.code in plan_codes:
            q.add("warning", "plan_duplicate", f"plan code {p.code} listed twice", p.line)
            continue
        plan_codes.add(p.code)
        level = "deliverable" if "D" in p.code else "action" if "A" in p.code else "line"
        parent = p.code.rsplit("D", 1)[0] if level == "deliverable" else (
            p.code.rsplit("A", 1)[0] if level == "action" else None)  # fmt: skip
        plan_rows.append({"code": p.code, "level": level, "parent": parent,
                          "line": p.code.split("A")[0], "title": p.title, "source_line": p.line})  # fmt: skip
    if not plan_rows:
        q.add("warning", "section_missing", "no Strategic Action Plan listing found under "
              "PROGRESS: every outcome code will count as unknown")  # fmt: skip
    for row in plan_rows:
        if row["parent"] and row["parent"] not in plan_codes:
            q.add("info", "plan_parent_missing", f"{row['code']} is listed but its parent "
                  f"{row['parent']} is not", row["source_line"])  # fmt: skip
    chal_rows, chal_codes = [], set()
    for c in read_challenges(progress):
        if c.code not in chal_codes:
            chal_codes.add(c.code)
            chal_rows.append({"code": c.code, "title": c.title, "source_line": c.line})
    if not chal_rows:
        q.add("warning", "section_missing", "no metropolitan challenges listing found under "
              "PROGRESS: every challenge code will count as unknown")  # fmt: skip
    for seg in layout.top("PROGRESS"):
        if (
            seg.sub == "MAIN RESULTS"
            and seg.line == max(s.line for s in layout.sub("PROGRESS", "MAIN RESULTS"))
            and not any(len(ln.text.split()) > 6 for ln in seg.lines)
        ):
            q.add("info", "section_empty", "MAIN RESULTS has no figures in the export "
                  "(charts lost): nothing to read", seg.line)  # fmt: skip

    chal_titles = {fold(r["title"]): r["code"] for r in chal_rows}

    # activities
    act_blocks = [b for s in layout.top("ACTIVITIES") for b in s.blocks]
    section = parse_activities(act_blocks, per.year)
    acts = section.activities
    if not acts:
        raise UserError(
            "no activities found in the report: the file is empty, truncated or not a "
            "Metropolis progress report exported to markdown; check the file in data/raw/"
        )
    for no in section.repeated_headers:
        q.add("info", "page_header", "repeated action-line header ignored", no)
    plan_line_numbers = sorted({int(r["line"][1:]) for r in plan_rows})
    action_lines = _action_lines(acts, section.headers, plan_line_numbers, q)

    act_rows, part_rows, out_rows, ch_rows, al_rows = [], [], [], [], []
    for i, (act, line_no) in enumerate(zip(acts, action_lines, strict=True), 1):
        aid = f"{per.id}-{i:02d}"
        if act.span is None:
            q.add("error", "bad_date", f"date '{act.date_text}' cannot be read ({act.date_error})",
                  act.line, aid)  # fmt: skip
            start = end = None
            in_period = False
        else:
            start, end = act.span.start, act.span.end
            in_period = start <= per.end and end >= per.start
            if not in_period:
                q.add("warning", "date_outside_period", f"'{act.title}' is dated "
                      f"'{act.date_text}' ({start:%d %b %Y}), outside {per.id} ({per.label})",
                      act.line, aid)  # fmt: skip
            elif start < per.start or end > per.end:
                q.add("info", "date_beyond_period", f"'{act.title}' runs {start:%d %b}–{end:%d %b %Y},"
                      f" beyond {per.label}", act.line, aid)  # fmt: skip
        act_rows.append({
            "activity_id": aid, "period": per.id,
            "action_line": f"L{line_no}" if line_no else None,
            "start_date": start, "end_date": end, "date_text": act.date_text,
            "title": act.title, "description": act.description, "in_period": in_period,
            "source_line": act.line,
        })  # fmt: skip
        for lv in act.labels:
            if not lv.lines:
                q.add("warning", "empty_label", f"label '{lv.kind}' has no value", lv.line, aid)
        names = _split_names(
            split_items([ln for lv in act.values("members") for ln in lv.lines]), resolver
        )
        seen: set[str] = set()
        for name, no in names:
            m = _resolve(resolver, name, q, no, f"activity '{act.title}'", aid)
            key = m.member or m.name
            if key in seen:
                q.add("info", "duplicate_participant", f"'{name}' listed twice", no, aid)
                continue
            seen.add(key)
            part_rows.append({"activity_id": aid, "name_raw": m.name, "member": m.member,
                              "region": m.region, "is_member": m.is_member, "match": m.how,
                              "source_line": no})  # fmt: skip
        codes = act.outcome_codes()
        if not codes:
            q.add("warning", "no_outcome_code", f"'{act.title}' has no outcome code", act.line, aid)
        for code, no in codes:
            known = code in plan_codes
            if not known:
                q.add("warning", "unknown_outcome_code", f"outcome {code} is not in the plan "
                      "listing of this report", no, aid)  # fmt: skip
            out_rows.append({"activity_id": aid, "code": code, "known": known, "source_line": no})
        for code, no in act.challenge_codes(chal_titles):
            known = code in chal_codes
            if not known:
                q.add("warning", "unknown_challenge_code", f"challenge {code} is not in the "
                      "challenges listing of this report", no, aid)  # fmt: skip
            ch_rows.append({"activity_id": aid, "code": code, "known": known, "source_line": no})
        seen_al: set[str] = set()
        for name, no in split_items([ln for lv in act.values("alliances") for ln in lv.lines]):
            if name.casefold() not in seen_al:
                seen_al.add(name.casefold())
                al_rows.append(
                    {"activity_id": aid, "alliance": name, "alliance_raw": name, "source_line": no}
                )
    for blk in section.stray_blocks:
        if len(" ".join(ln.text for ln in blk).split()) > 3:
            q.add("info", "text_outside_activity", "text in ACTIVITIES before any activity: "
                  f"'{blk[0].text[:60]}'", blk[0].no)  # fmt: skip

    _canonical_alliances(al_rows)

    # active listening
    eng_segs = layout.sub("ACTIVE LISTENING", "MEMBERSHIP ENGAGEMENT")
    eng_rows, eng_seen = [], set()
    for name, no in read_engagement_list([ln for s in eng_segs for ln in s.lines]):
        if name in eng_seen:
            continue
        eng_seen.add(name)
        m = _resolve(resolver, name, q, no, "membership engagement list")
        eng_rows.append({"name_raw": m.name, "member": m.member, "is_member": m.is_member,
                         "source_line": no})  # fmt: skip
    if not eng_rows:
        q.add("warning", "section_missing", "no Membership engagement list found: "
              "participants cannot be reconciled with it")  # fmt: skip
    bil_rows = []
    for name, no, mode in read_bilateral(
        [ln for s in layout.sub("ACTIVE LISTENING", "BILATERAL MEETINGS") for ln in s.lines]
    ):
        m = _resolve(resolver, name, q, no, "bilateral meetings", unmatched="info")
        bil_rows.append({"name_raw": m.name, "member": m.member, "is_member": m.is_member,
                         "mode": mode, "source_line": no})  # fmt: skip
    alliance_segs = layout.sub("ACTIVE LISTENING", "COLLABORATION WITH ALLIANCES")
    if alliance_segs and not any(s.blocks for s in alliance_segs):
        q.add("info", "section_empty", "COLLABORATION WITH ALLIANCES has no text in the export "
              "(chart lost): alliances come from the activities", alliance_segs[-1].line)  # fmt: skip

    # reconciliation of participants with the engagement list
    if eng_rows:
        listed = {r["member"] for r in eng_rows if r["member"]}
        took_part: dict[str, int] = {}
        for r in part_rows:
            if r["member"]:
                took_part.setdefault(r["member"], r["source_line"])
        for member_name, no in sorted(took_part.items(), key=lambda kv: kv[1]):
            if member_name not in listed:
                q.add("warning", "participant_not_in_engagement_list", f"'{member_name}' took part "
                      "in an activity but is missing from the Membership engagement list", no)  # fmt: skip
        for r in eng_rows:
            if r["member"] and r["member"] not in took_part:
                q.add("warning", "listed_member_without_activity", f"'{r['member']}' is in the "
                      "Membership engagement list but took part in no activity", r["source_line"])  # fmt: skip

    # board
    board_rows = []
    for seg in layout.top("WHO WE ARE"):
        if seg.sub not in REGIONS:
            continue
        for e in read_board(seg.lines):
            member = resolver.find_in_text(e.position) or resolver.resolve(e.name).member
            if member is None:
                q.add("info", "board_member_unresolved", f"board member {e.name} ({e.position}): "
                      "no member city found in the office title", e.line)  # fmt: skip
            board_rows.append({"name": e.name, "role": e.role or "MEMBER", "member": member,
                               "region": REGIONS[seg.sub], "position": e.position,
                               "term": e.term, "source_line": e.line})  # fmt: skip

    # media
    mentions, follower_blocks = read_media(section.media_blocks)
    media_rows = [{"month": m.month, "month_number": m.month_number, "outlet": m.outlet,
                   "item": m.item, "source_line": m.line} for m in mentions]  # fmt: skip
    for m in mentions:
        if m.month_number not in per.months:
            q.add(
                "info", "media_outside_period", f"mention in {m.month}, outside {per.label}", m.line
            )
    fol_rows, fol_seen = [], set()
    for platform, count, shown, no in read_followers(follower_blocks):
        if platform in fol_seen:
            continue
        fol_seen.add(platform)
        fol_rows.append({"platform": platform, "followers": count, "followers_text": shown,
                         "source_line": no})  # fmt: skip
    if not media_rows:
        q.add("info", "section_empty", "no media mentions found under METROPOLIS IN THE MEDIA")
    if not fol_rows:
        q.add("info", "section_empty", "no social-media follower figures found")

    tables = {
        "activities": _frame("activities", act_rows),
        "participation": _frame("participation", part_rows),
        "activity_outcomes": _frame("activity_outcomes", out_rows),
        "activity_challenges": _frame("activity_challenges", ch_rows),
        "activity_alliances": _frame("activity_alliances", al_rows),
        "members": members,
        "strategic_plan": _frame("strategic_plan", plan_rows),
        "challenges": _frame("challenges", chal_rows),
        "engagement_table": _frame("engagement_table", eng_rows),
        "bilateral_meetings": _frame("bilateral_meetings", bil_rows),
        "board": _frame("board", board_rows),
        "media_mentions": _frame("media_mentions", media_rows),
        "social_followers": _frame("social_followers", fol_rows),
    }
    return validate(tables, q)


def validate(tables: dict[str, pd.DataFrame], q: Findings) -> dict[str, pd.DataFrame]:
    """Validate every table lazily; all failures become `error` rows in quality."""
    out: dict[str, pd.DataFrame] = {}
    for name, df in tables.items():
        try:
            out[name] = schemas.SCHEMAS[name].validate(df, lazy=True)
        except pa.errors.SchemaErrors as exc:
            for _, fc in exc.failure_cases.iterrows():
                q.add("error", "schema", f"{name}.{fc['column']}: {fc['check']} failed for "
                      f"{fc['failure_case']!r}")  # fmt: skip
            out[name] = df
    quality = q.frame()
    out["quality"] = schemas.SCHEMAS["quality"].validate(quality, lazy=True)
    return out


def read_report_text(path: Path) -> str:
    """The report's text; an empty, binary or non-UTF-8 file is a UserError."""
    data = path.read_bytes()
    if not data.strip():
        raise UserError(f"{path.name} is empty: export the progress report to markdown again")
    if b"\x00" in data[:4096]:
        raise UserError(f"{path.name} is a binary file, not a markdown export of the report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{path.name} is not UTF-8 text (byte {exc.start}): save the markdown export as UTF-8"
        ) from None


def ingest_period(
    period: str, root: Path | None = None, progress=print, inputs: str | None = None
) -> dict[str, pd.DataFrame]:
    """Read data/raw/<period>/*.md, parse it and write data/processed/<period>/ atomically."""
    from helpers.tables.storage import write_tables

    per = parse_period(period)
    path = find_report(per, root)
    progress(f"==> ingest {per.id}: reading {path.name}")
    tables = parse_report(read_report_text(path), per.id, root=root)
    errors = tables["quality"].query("kind == 'schema'")
    if len(errors):
        raise UserError(
            f"{len(errors)} schema check(s) failed for {per.id} (first: {errors['detail'].iloc[0]}); "
            "nothing was written"
        )
    out = write_tables(tables, per, path, root, inputs=inputs)
    counts = tables["quality"]["severity"].value_counts()
    progress(
        f"    {len(tables['activities'])} activities, {len(tables['participation'])} participations, "
        f"{len(tables['members'])} roster members; quality: "
        + ", ".join(f"{counts.get(s, 0)} {s}" for s in schemas.SEVERITIES)
        + f" → {out.relative_to(out.parents[2])}"
    )
    return tables


def table_summary(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per table: its name, rows, and what one row is (the schema's grain)."""
    return pd.DataFrame(
        [
            {"table": name, "rows": len(df), "one row per": _grain(name)}
            for name, df in tables.items()
        ]
    )


def _grain(table: str) -> str:
    doc = (schemas.SCHEMAS[table].__doc__ or "").strip().splitlines()[0]
    return doc.removeprefix("One row per ").rstrip(".")
