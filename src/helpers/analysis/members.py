"""The member directory and the member profiles, as data: every figure counted through
:mod:`helpers.analysis.participation` (one rule for activities, first and last dates).

``tables`` are several periods stacked (``helpers.load_all``); a single period works too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from helpers.analysis import participation
from helpers.parse.dates import MONTHS
from helpers.tables.names import fold
from helpers.tables.roles import board_role

Tables = Mapping[str, pd.DataFrame]

__all__ = ["directory", "profiles", "Profile", "board_term"]

_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.I)


def board_term(term: object) -> str:
    """A board term as an officer writes it: `until 17th february` → `until 17 February`."""
    if term is None or pd.isna(term):
        return ""
    text = _ORDINAL.sub(r"\1", str(term).strip())
    return re.sub(
        r"[A-Za-z]+", lambda m: m[0].capitalize() if m[0].lower() in MONTHS else m[0], text
    )


def _board(t: Tables) -> pd.DataFrame:
    b = participation.with_period(t["board"], t)
    b = b.loc[b["member"].notna()].copy()
    b["member"] = b["member"].astype("str")
    b["role_text"] = [board_role(r) for r in b["role"]]
    b["term_text"] = [board_term(x) for x in b["term"]]
    return b


def _seat(rows: pd.DataFrame) -> str:
    """A member's board seat in its latest period: roles (with terms), people named."""
    if rows.empty:
        return ""
    latest = rows[rows["period"] == rows["period"].max()]
    parts = []
    for r in latest.itertuples():
        term = f", {r.term_text}" if r.term_text else ""
        parts.append(f"{r.role_text} ({r.name}{term})")
    return "; ".join(dict.fromkeys(parts))


def directory(t: Tables) -> pd.DataFrame:
    """One row per member on any period's roster, by name.

    Columns: member, region (latest roster), one column per period id (activities that period;
    missing when the member is not on that roster), activities (all periods), periods_engaged,
    last_engagement (latest last activity dated inside its period), board_seat (roles in the
    latest period with a board seat).
    """
    stats = participation.member_stats(t)
    ps = participation.periods(t)
    wide = stats.pivot(index="member", columns="period", values="activities")
    wide = wide.reindex(columns=ps).astype("Float64")
    region = stats.sort_values("period").drop_duplicates("member", keep="last")
    region = region.set_index("member")["region"].astype("str")
    seats = {m: _seat(rows) for m, rows in _board(t).groupby("member", sort=False)}
    out = pd.DataFrame({"member": sorted(set(stats["member"]))})
    out["region"] = out["member"].map(region)
    for p in ps:
        out[p] = out["member"].map(wide[p]).astype("Int64")
    per = stats.groupby("member")
    out["activities"] = out["member"].map(per["activities"].sum()).astype(int)
    engaged = stats.loc[stats["activities"] > 0].groupby("member")["period"].nunique()
    out["periods_engaged"] = out["member"].map(engaged).fillna(0).astype(int)
    out["last_engagement"] = pd.to_datetime(out["member"].map(per["last_activity"].max()))
    out["board_seat"] = [seats.get(m, "") for m in out["member"]]
    return out


@dataclass
class Profile:
    """One member's (or non-member participant's) profile across the periods read."""

    name: str
    member: str | None
    region: str
    periods: list[dict] = field(default_factory=list)
    activities: list[dict] = field(default_factory=list)
    alliances: list[tuple[str, int]] = field(default_factory=list)
    board: list[dict] = field(default_factory=list)
    bilateral: list[dict] = field(default_factory=list)
    not_engaged: list[str] = field(default_factory=list)

    @property
    def is_member(self) -> bool:
        return self.member is not None


def _titles(frame: pd.DataFrame) -> dict[tuple[str, str], str]:
    f = frame.loc[frame["code"].notna()]
    return {
        (str(p), str(c)): str(x) for p, c, x in zip(f["period"], f["code"], f["title"], strict=True)
    }


def _codes(links: pd.DataFrame, titles: dict[tuple[str, str], str]) -> dict:
    """(period, activity_id) → [(code, title or "")] in the report's order."""
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for p, a, c in zip(links["period"], links["activity_id"], links["code"], strict=True):
        if pd.isna(c):
            continue
        pair = (str(c), titles.get((str(p), str(c)), ""))
        items = out.setdefault((str(p), str(a)), [])
        if pair not in items:
            items.append(pair)
    return out


def _by_activity(frame: pd.DataFrame, column: str) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for p, a, v in zip(frame["period"], frame["activity_id"], frame[column], strict=True):
        if pd.isna(v):
            continue
        items = out.setdefault((str(p), str(a)), [])
        if str(v) not in items:
            items.append(str(v))
    return out


def _outside_roster(period: str, rows: list[dict]) -> dict:
    """A period's line for someone not on its roster: the activities they took part in."""
    if not rows:
        return {"period": period, "on_roster": False, "activities": 0, "in_period": 0,
                "first": pd.NaT, "last": pd.NaT}  # fmt: skip
    frame = pd.DataFrame(rows, columns=["start", "end", "in_period"])
    first, last = participation.first_last(
        frame.rename(columns={"start": "start_date", "end": "end_date"})
    )
    return {"period": period, "on_roster": False, "activities": len(rows),
            "in_period": int(frame["in_period"].sum()), "first": first, "last": last}  # fmt: skip


def _on_roster(period: str, s: dict) -> dict:
    """A period's line for a member on its roster (from member_stats)."""
    return {"period": period, "on_roster": True, "activities": int(s["activities"]),
            "in_period": int(s["activities_in_period"]),
            "first": s["first_activity"], "last": s["last_activity"]}  # fmt: skip


def _board_by_member(t: Tables) -> dict[str, list[dict]]:
    """Member → its board seats: period, person, role, office, term."""
    board: dict[str, list[dict]] = {}
    for r in _board(t).to_dict("records"):
        board.setdefault(r["member"], []).append({
            "period": str(r["period"]), "name": str(r["name"]), "role": r["role_text"],
            "position": "" if pd.isna(r["position"]) else str(r["position"]),
            "term": r["term_text"],
        })  # fmt: skip
    return board


def _bilateral_by_member(meetings: pd.DataFrame) -> dict[str, list[dict]]:
    """Member → its bilateral meetings: period, mode, name as written, report line."""
    out: dict[str, list[dict]] = {}
    for r in meetings.loc[meetings["member"].notna()].to_dict("records"):
        out.setdefault(str(r["member"]), []).append({
            "period": str(r["period"]), "mode": "" if pd.isna(r["mode"]) else str(r["mode"]),
            "as_written": str(r["name_raw"]), "line": int(r["source_line"]),
        })  # fmt: skip
    return out


def _alliance_counts(rows: list[dict]) -> list[tuple[str, int]]:
    """Alliances named in these activities, most frequent first (ties by name)."""
    counts: dict[str, int] = {}
    for r in rows:
        for name in r["alliances"]:
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


class _Activities:
    """Every activity of the periods read, with its codes (and their titles) and alliances,
    looked up by (period, activity_id)."""

    def __init__(self, w: dict[str, pd.DataFrame]) -> None:
        acts = w["activities"].drop_duplicates(["period", "activity_id"])
        self.acts = {(str(r["period"]), str(r["activity_id"])): r for r in acts.to_dict("records")}
        self.outcomes = _codes(w["activity_outcomes"], _titles(w["strategic_plan"]))
        self.challenges = _codes(w["activity_challenges"], _titles(w["challenges"]))
        self.alliances = _by_activity(w["activity_alliances"], "alliance")

    def rows(self, keys: list[tuple[str, str]]) -> list[dict]:
        """One dict per activity, by period, start date and id."""
        rows = []
        for key in keys:
            a = self.acts[key]
            start = pd.Timestamp(a["start_date"])
            end = pd.Timestamp(a["end_date"]) if pd.notna(a["end_date"]) else start
            rows.append({
                "period": key[0], "activity_id": key[1], "start": start, "end": end,
                "title": str(a["title"]), "in_period": bool(a["in_period"]),
                "line": "" if pd.isna(a["action_line"]) else str(a["action_line"]),
                "outcomes": self.outcomes.get(key, []),
                "challenges": self.challenges.get(key, []),
                "alliances": self.alliances.get(key, []),
            })  # fmt: skip
        return sorted(rows, key=lambda r: (r["period"], r["start"], r["activity_id"]))


def _member_profiles(t: Tables, w: dict[str, pd.DataFrame], acts: _Activities) -> list[Profile]:
    """A profile for every member on any period's roster, by name."""
    ps = participation.periods(t)
    board, bilateral = _board_by_member(t), _bilateral_by_member(w["bilateral_meetings"])
    pairs: dict[str, list[tuple[str, str]]] = {}
    for p, a, m in participation.took_part(t)[["period", "activity_id", "member"]].itertuples(
        index=False
    ):
        pairs.setdefault(str(m), []).append((str(p), str(a)))
    by_member: dict[str, dict[str, dict]] = {}
    for rec in participation.member_stats(t).to_dict("records"):
        by_member.setdefault(str(rec["member"]), {})[str(rec["period"])] = rec
    out = []
    for member in sorted(by_member):
        on = by_member[member]
        rows = acts.rows(list(dict.fromkeys(pairs.get(member, []))))
        periods = [_on_roster(p, on[p]) if p in on else _outside_roster(p, []) for p in ps]
        out.append(
            Profile(
                name=member,
                member=member,
                region=str(on[max(on)]["region"]),
                periods=periods,
                activities=rows,
                alliances=_alliance_counts(rows),
                board=board.get(member, []),
                bilateral=bilateral.get(member, []),
                not_engaged=[
                    q["period"] for q in periods if q["on_roster"] and not q["activities"]
                ],
            )
        )
    return out


def _participant_profiles(
    t: Tables, w: dict[str, pd.DataFrame], acts: _Activities
) -> list[Profile]:
    """A profile for every non-member who took part, grouped by folded spelling and named by
    the most frequent one."""
    ps = participation.periods(t)
    part = w["participation"]
    others = part.loc[part["member"].isna() & part["name_raw"].notna()]
    out = []
    for _, grp in others.groupby(others["name_raw"].map(fold), sort=True):
        name = str(grp["name_raw"].value_counts().index[0])
        keys = list(dict.fromkeys(zip(grp["period"], grp["activity_id"], strict=True)))
        rows = acts.rows([(str(p), str(a)) for p, a in keys])
        out.append(
            Profile(
                name=name, member=None, region="",
                periods=[_outside_roster(p, [r for r in rows if r["period"] == p]) for p in ps],
                activities=rows, alliances=_alliance_counts(rows),
            )
        )  # fmt: skip
    return out


def profiles(t: Tables) -> list[Profile]:
    """A profile for every member on any roster and every non-member who took part, by name."""
    w = {name: participation.with_period(t[name], t) for name in (
        "activities", "participation", "activity_outcomes", "activity_challenges",
        "activity_alliances", "strategic_plan", "challenges", "bilateral_meetings")}  # fmt: skip
    acts = _Activities(w)
    return _member_profiles(t, w, acts) + _participant_profiles(t, w, acts)
