"""Field-by-field accuracy of the parser against a fixture's hand-written expectations."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pandas as pd

from helpers.parse.text import normalise_text
from tests.conftest import REPORTS
from tests.fixture_reads import parsed_fixture

FIXTURES = REPORTS


def _norm(s) -> str:
    return " ".join(normalise_text(str(s)).split()) if s is not None and s == s else ""


def _overlap(expected: list, got: list) -> tuple[int, int]:
    """(matched items, items compared) for two multisets."""
    e, g = Counter(map(_norm, expected)), Counter(map(_norm, got))
    return sum((e & g).values()), max(sum(e.values()), sum(g.values()))


def score(fixture: str, report: Path | None = None) -> dict[str, float]:
    """Accuracy per field, 0–1, for one fixture folder under tests/fixtures/reports, read from
    its markdown export or from `report` (another layout of the same report, or its PDF; a
    committed file, read and parsed once per test process: tests/fixture_reads.py)."""
    folder = FIXTURES / fixture
    exp = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    t = parsed_fixture(report or next(folder.glob("*.md")), exp["period"])
    acts = t["activities"].reset_index(drop=True)
    tallies: dict[str, list[int]] = {}

    def add(field: str, hit: int, total: int) -> None:
        tallies.setdefault(field, [0, 0])
        tallies[field][0] += hit
        tallies[field][1] += total

    per_act = {
        kind: t[table].groupby("activity_id")[col].apply(list).to_dict()
        for kind, table, col in [
            ("members_raw", "participation", "name_raw"),
            ("members", "participation", "member"),
            ("outcomes", "activity_outcomes", "code"),
            ("challenges", "activity_challenges", "code"),
            ("alliances", "activity_alliances", "alliance"),
        ]
    }
    for i, ea in enumerate(exp["activities"]):
        got = acts.iloc[i] if i < len(acts) else None
        for f in ["title", "date_text", "action_line", "in_period"]:
            add(f, int(got is not None and _norm(got[f]) == _norm(ea[f])), 1)
        for f in ["start_date", "end_date"]:
            ok = got is not None and pd.notna(got[f]) and str(got[f].date()) == ea[f]
            add(f, int(ok), 1)
        for f in per_act:
            values = per_act[f].get(got["activity_id"], []) if got is not None else []
            add(f, *_overlap(ea.get(f) or [], values))
    add(
        "activities", min(len(acts), len(exp["activities"])), max(len(acts), len(exp["activities"]))
    )

    roster = t["members"].groupby("region")["member"].apply(list).to_dict()
    for region, names in exp["roster"].items():
        add("roster", *_overlap(names, roster.get(region, [])))
    plan = dict(zip(t["strategic_plan"]["code"], t["strategic_plan"]["title"], strict=True))
    add("strategic_plan", *_overlap([f"{k} {v}" for k, v in exp["strategic_plan"].items()],
                                    [f"{k} {v}" for k, v in plan.items()]))  # fmt: skip
    ch = dict(zip(t["challenges"]["code"], t["challenges"]["title"], strict=True))
    add("challenges", *_overlap([f"{k} {v}" for k, v in exp["challenges"].items()],
                                [f"{k} {v}" for k, v in ch.items()]))  # fmt: skip
    add("engagement_table", *_overlap(exp["engagement_table"], t["engagement_table"]["name_raw"]))
    add(
        "bilateral_meetings",
        *_overlap(exp["bilateral_meetings"], t["bilateral_meetings"]["name_raw"]),
    )
    alternatives = exp.get("ambiguities", {}).get("board_member_alternatives", {})
    board = [f"{r['name']}|{r['role']}|{r['member']}|{r['region']}" for r in exp["board"]]
    got_board = []
    for r in t["board"].itertuples():
        member = r.member if pd.notna(r.member) else None
        if member in alternatives.get(r.name, []):  # a documented ambiguity: any listed reading
            member = next(e["member"] for e in exp["board"] if e["name"] == r.name)
        printed = r.role_raw if pd.notna(r.role_raw) else "MEMBER"  # expected.json: as printed
        got_board.append(f"{r.name}|{printed}|{member}|{r.region}")
    add("board", *_overlap(board, got_board))
    media = [f"{m['month']}|{m['outlet']}|{m['item']}" for m in exp["media_mentions"]]
    got_media = [f"{r.month}|{r.outlet}|{r.item}" for r in t["media_mentions"].itertuples()]
    add("media_mentions", *_overlap(media, got_media))
    fol = [f"{k}={v}" for k, v in exp["social_followers"].items()]
    got_fol = [f"{r.platform}={r.followers}" for r in t["social_followers"].itertuples()]
    add("social_followers", *_overlap(fol, got_fol))
    o, c = t["activity_outcomes"], t["activity_challenges"]
    add("unknown_codes", *_overlap(
        exp["unknown_outcome_codes"] + exp["unknown_challenge_codes"],
        sorted(set(o.loc[~o["known"], "code"])) + sorted(set(c.loc[~c["known"], "code"]))))  # fmt: skip
    p = t["participation"]
    add(
        "non_members",
        *_overlap(exp["non_members"], sorted(set(p.loc[~p["is_member"], "name_raw"]))),
    )
    return {k: (h / n if n else 1.0) for k, (h, n) in tallies.items()}
