"""Builders of the activity tables: activities, participation, activity_outcomes,
activity_challenges and activity_alliances. Activity ids are `<period>-NN` in report order."""

from __future__ import annotations

import pandas as pd

from helpers.parse.activities import Activity, infer_action_lines, value_shaped
from helpers.parse.report import ReportRecords
from helpers.parse.text import letterless_items, split_items
from helpers.periods import Period
from helpers.tables.alliances import AllianceNames, canonical_names
from helpers.tables.findings import Findings, frame
from helpers.tables.names import NameResolver, fold
from helpers.tables.resolve import join_broken, resolve, split_names


def activity_ids(rec: ReportRecords, per: Period) -> list[tuple[str, Activity]]:
    """(activity_id, activity) in report order."""
    return [(f"{per.id}-{i:02d}", a) for i, a in enumerate(rec.activities.activities, 1)]


def _action_lines(rec: ReportRecords, plan: pd.DataFrame, q: Findings) -> list[int | None]:
    """Header the activity sits under, or (headers bunched together) inferred from codes."""
    acts, headers = rec.activities.activities, rec.activities.headers
    plan_lines = sorted({int(str(c)[1:]) for c in plan["line"].dropna()}) if len(plan) else []
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
            q.add("action_line_unknown", "activities before the first action-line "
                  "header have no action line", acts[0].line)  # fmt: skip
        return lines
    codes = [[c for c, _ in a.outcome_codes()] for a in acts]
    starts = [a.span.start if a.span else None for a in acts]
    inferred = infer_action_lines(codes, starts, numbers)
    if numbers:
        where = headers[0].line if headers else acts[0].line
        q.add("action_line_inferred", "action-line headers do not sit between the "
              "activities: each activity's line was taken from the run of activities it belongs to "
              "(report order L1, L2, L3; outcome codes and restarting dates mark the runs)", where)  # fmt: skip
    return inferred


def activities(rec: ReportRecords, per: Period, plan: pd.DataFrame, q: Findings) -> pd.DataFrame:
    """One row per activity: dates, action line, title, description, in the period or not."""
    rows = []
    seen: dict[tuple[str, str], int] = {}
    for (aid, act), line_no in zip(
        activity_ids(rec, per), _action_lines(rec, plan, q), strict=True
    ):
        if act.span is None:
            q.add("bad_date", f"date '{act.date_text}' cannot be read ({act.date_error})",
                  act.line, aid)  # fmt: skip
            start = end = None
            in_period = False
        else:
            start, end = act.span.start, act.span.end
            in_period = start <= per.end and end >= per.start
            if not in_period:
                q.add("date_outside_period", f"'{act.title}' is dated "
                      f"'{act.date_text}' ({start:%d %b %Y}), outside {per.id} ({per.label})",
                      act.line, aid)  # fmt: skip
            elif start < per.start or end > per.end:
                q.add("date_beyond_period", f"'{act.title}' runs {start:%d %b}–{end:%d %b %Y},"
                      f" beyond {per.label}", act.line, aid)  # fmt: skip
        key = (act.date_text, act.title)
        if key in seen:
            q.add("activity_repeated", f"'{act.title}' ({act.date_text}) is listed "
                  f"again (first at line {seen[key]})", act.line, aid)  # fmt: skip
        seen.setdefault(key, act.line)
        for lv in act.labels:
            if not lv.lines:
                q.add("empty_label", f"label '{lv.kind}' has no value", lv.line, aid)
        if not act.labels:
            q.add("activity_without_labels", f"activity '{act.title[:60]}' has no label "
                  "(Members, Outcomes, Metropolitan challenges, Alliances)", act.line, aid)  # fmt: skip
        for ln in act.titles:
            q.add("title_in_text", f"'{ln.text[:60]}' in the text of activity '{act.title[:50]}' "
                  "is set like an activity's title: another activity was probably read into "
                  "this one", ln.no, aid)  # fmt: skip
        for ln in act.unread:
            q.add("value_outside_label", f"'{ln.text[:60]}' in activity '{act.title[:50]}' "
                  "looks like a code, a challenge or a date but sits outside its labels: not read",
                  ln.no, aid)  # fmt: skip
        rows.append({
            "activity_id": aid, "period": per.id,
            "action_line": f"L{line_no}" if line_no else None,
            "start_date": start, "end_date": end, "date_text": act.date_text,
            "title": act.title, "description": act.description, "in_period": in_period,
            "source_line": act.line,
        })  # fmt: skip
    return frame("activities", rows)


def participation(
    rec: ReportRecords, per: Period, resolver: NameResolver, q: Findings
) -> pd.DataFrame:
    """One row per (activity, participant) from the Members labels."""
    rows = []
    for aid, act in activity_ids(rec, per):
        items = [it for lv in act.values("members") for it in split_items(lv.lines)]
        for text, no in [x for lv in act.values("members") for x in letterless_items(lv.lines)]:
            q.add("list_item_without_letters", f"'{text}' under Members is not a name: "
                  "left out", no, aid)  # fmt: skip
        names = split_names(join_broken(items, resolver), resolver)
        seen: set[str] = set()
        for name, no in names:
            if value_shaped(name):
                q.add("value_outside_label", f"'{name[:60]}' under Members of activity "
                      f"'{act.title[:50]}' looks like a code, a challenge or a date: its "
                      "labels were not read apart", no, aid)  # fmt: skip
            m = resolve(resolver, name, q, no, f"activity '{act.title}'", aid)
            key = m.member or m.name
            if key in seen:
                q.add("duplicate_participant", f"'{name}' listed twice", no, aid)
                continue
            seen.add(key)
            rows.append({"activity_id": aid, "name_raw": m.name, "member": m.member,
                         "region": m.region, "is_member": m.is_member, "match": m.how,
                         "source_line": no})  # fmt: skip
    return frame("participation", rows)


def activity_outcomes(
    rec: ReportRecords, per: Period, plan: pd.DataFrame, q: Findings
) -> pd.DataFrame:
    """One row per (activity, SAP outcome code); `known` when the plan listing has it."""
    codes_listed = set(plan["code"])
    rows = []
    for aid, act in activity_ids(rec, per):
        codes = act.outcome_codes()
        if not codes:
            q.add("no_outcome_code", f"'{act.title}' has no outcome code", act.line, aid)
        rows += _code_links(aid, codes, codes_listed, "outcome", "the plan listing", q)
    return frame("activity_outcomes", rows)


def activity_challenges(
    rec: ReportRecords, per: Period, listed: pd.DataFrame, q: Findings
) -> pd.DataFrame:
    """One row per (activity, metropolitan challenge); `known` when the listing has it."""
    by_title = {fold(t): c for c, t in zip(listed["code"], listed["title"], strict=True)}
    codes_listed = set(listed["code"])
    rows = []
    for aid, act in activity_ids(rec, per):
        rows += _code_links(
            aid,
            act.challenge_codes(by_title),
            codes_listed,
            "challenge",
            "the challenges listing",
            q,
        )
    return frame("activity_challenges", rows)


def _code_links(aid: str, codes: list[tuple[str, int]], listed: set[str], what: str,
                listing: str, q: Findings) -> list[dict]:  # fmt: skip
    """Link rows of one activity's codes; a code its listing lacks is `known` False and a
    warning (`unknown_outcome_code`, `unknown_challenge_code`)."""
    rows = []
    for code, no in codes:
        known = code in listed
        if not known:
            q.add(f"unknown_{what}_code", f"{what} {code} is not in {listing} of "
                  "this report", no, aid)  # fmt: skip
        rows.append({"activity_id": aid, "code": code, "known": known, "source_line": no})
    return rows


def activity_alliances(
    rec: ReportRecords, per: Period, names: AllianceNames, q: Findings
) -> pd.DataFrame:
    """One row per (activity, alliance), named as :func:`helpers.tables.alliances.canonical_names`
    says (the alias table, else the most frequent of the spellings equal once folded); every
    spelling counted under another name is an `alliance_merged` finding. A name broken over
    two lines (`UCLG` / `CCRE / CEMR`, `Global` / `Taskforce of Local and Regional Governments`)
    is joined when the report writes it whole elsewhere or the alias table lists it."""
    rows = []
    lists = {
        aid: [it for lv in act.values("alliances") for it in split_items(lv.lines)]
        for aid, act in activity_ids(rec, per)
    }
    written: dict[str, set[str]] = {}  # folded name → activities that write it on one line
    for aid, items in lists.items():
        for n, _ in items:
            written.setdefault(fold(n), set()).add(aid)
    for aid, items in lists.items():
        seen: set[str] = set()

        def elsewhere(name: str, aid: str = aid) -> bool:
            return bool(written.get(fold(name), set()) - {aid}) or names.listed(name) is not None

        for name, no in join_broken(items, known=elsewhere):
            if name.casefold() not in seen:
                seen.add(name.casefold())
                rows.append({"activity_id": aid, "alliance": name, "alliance_raw": name,
                             "source_line": no})  # fmt: skip
    merges = canonical_names([r["alliance_raw"] for r in rows], names)
    for r in rows:
        merge = merges[r["alliance_raw"]]
        r["alliance"] = merge.alliance
        if merge.alliance != merge.written:
            q.add("alliance_merged", merge.detail(), r["source_line"], r["activity_id"])
    pairs: set[tuple[str, str]] = set()
    kept = []
    for r in rows:  # two spellings of one alliance in one activity are one row
        if (r["activity_id"], r["alliance"]) not in pairs:
            pairs.add((r["activity_id"], r["alliance"]))
            kept.append(r)
    return frame("activity_alliances", kept)
