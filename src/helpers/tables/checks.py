"""Checks on the whole report: sections the analysis stands on (found, plausibly sized, not
repeated), page furniture dropped, text left outside activities, and the reconciliation of
participants with the Membership engagement list. Every result is a finding; the blocking
ones (`BLOCKING`) stop an ingest unless the officer accepts them."""

from __future__ import annotations

import re

import pandas as pd

from helpers.parse.report import ReportRecords
from helpers.parse.sections import TOP
from helpers.parse.text import is_upper
from helpers.tables.findings import Findings
from helpers.tables.names import NameResolver

MIN_ROSTER = 20  # fewer roster names than this is not a real roster
# a doubt: text the reader could not place, or two readings that disagree (not the report's
# own inconsistencies, which stay findings and let the run go on)
DOUBTS = ("reading_lost_text", "listed_name_not_on_roster", "follower_unpaired",
          "value_outside_label", "board_entry_unclear", "participation_in_doubt",
          "roster_line_not_read", "label_value_unclear", "title_in_text",
          "action_line_in_doubt", "known_member_off_roster", "names_merged",
          "mention_without_item", "codes_apart", "board_role_apart",
          "listing_text_not_read", "media_text_not_read", "heading_on_roster", "name_fragments",
          "media_months_in_doubt")  # fmt: skip
BLOCKING = ("section_missing", "section_too_small", "section_repeated", *DOUBTS)
MAX_IDLE, IDLE_SHARE = 3, 0.2  # more listed members idle than this: participants not read
MAX_UNLISTED = 2  # more engagement-list names than this off the roster: a list or roster misread
MAX_NAME_WORDS = 8  # an alliance's name longer than this is a sentence read into the label
MIN_OFF_LINE = 2  # this many activities whose codes are all off their action line: a doubt
SECTION_NAMES = {
    "ACTIVITIES": "the activities (ACTIVITIES)",
    "WHO WE ARE": "the member roster (WHO WE ARE)",
    "PLAN": "the Strategic Action Plan listing (PROGRESS)",
    "CHALLENGES": "the metropolitan challenges listing (PROGRESS)",
    "ENGAGEMENT": "the Membership engagement list (ACTIVE LISTENING)",
}


def nearby(rec: ReportRecords, top: str) -> str:
    """A short quote of what the report holds where a section should be."""
    segs = rec.layout.top(top)
    lines = [ln for s in segs for ln in s.content][:3]
    if segs and lines:
        return f"under {top} the text reads '{' / '.join(ln.text[:40] for ln in lines)}'"
    if segs:
        return f"the heading {top} (line {segs[0].line}) has nothing under it"
    found = [s for s in rec.layout.segments if s.top in TOP]
    if not found:
        return "no section heading was found at all (NOTE FROM THE SECRETARY GENERAL, ACTIVITIES …)"
    last = found[-1]
    return f"no {top} heading; the last section found is {last.top} (line {last.line})"


def sections(rec: ReportRecords, tables: dict[str, pd.DataFrame], q: Findings) -> None:
    """Blocking findings for a missing, implausibly small or repeated section."""
    for top in ("ACTIVITIES", "ACTIVE LISTENING", "PROGRESS", "WHO WE ARE"):
        if not rec.layout.found(top):
            q.add("heading_missing", f"section heading {top} not found")
    n = len(tables["members"])
    if n == 0:
        q.add("section_missing", f"no member roster found: {nearby(rec, 'WHO WE ARE')}")
    elif n < MIN_ROSTER:
        q.add("section_too_small", f"the member roster has only {n} names (fewer "
              f"than {MIN_ROSTER}): {nearby(rec, 'WHO WE ARE')}")  # fmt: skip
    plan = tables["strategic_plan"]
    if not (plan["level"] == "deliverable").any():
        q.add("section_missing", "no Strategic Action Plan listing (no deliverable "
              f"codes such as L1A2D4): {nearby(rec, 'PROGRESS')}")  # fmt: skip
    if tables["challenges"].empty:
        q.add("section_missing", "no metropolitan challenges listing (lines such as "
              f"'2.3 Climate resilience'): {nearby(rec, 'PROGRESS')}")  # fmt: skip
    if tables["engagement_table"].empty:
        q.add("section_missing", "no Membership engagement list: "
              f"{nearby(rec, 'ACTIVE LISTENING')}")  # fmt: skip
    for no in rec.layout.repeated:
        q.add("section_repeated", "the report's sections start again here (the same "
              "report pasted twice?): everything from this line on was set aside", no)  # fmt: skip


def roster_against_previous(members: int, previous: int | None, q: Findings, label: str) -> None:
    """A roster under half the previous processed period's is implausibly small."""
    if previous and members < previous / 2:
        q.add("section_too_small", f"the member roster has {members} names, under half "
              f"of {label}'s {previous}: part of the roster was probably not read")  # fmt: skip


def layout(rec: ReportRecords, q: Findings) -> None:
    """Page furniture dropped, repeated headers ignored, text outside any activity."""
    for f in rec.furniture:
        what = "page number" if f.kind == "page_number" else "running header or footer"
        q.add("page_furniture", f"{what} '{f.text}' dropped", f.line)
    for act in rec.activities.activities:
        for no in act.page_numbers:
            q.add("page_furniture", "page number inside an activity dropped", no)
    for no in rec.layout.page_headers:
        q.add("page_header", "repeated page header ignored", no)
    for no in rec.activities.repeated_headers:
        q.add("page_header", "repeated action-line header ignored", no)
    stray = [ln for ln in rec.activities.stray_lines if len(ln.text.split()) > 3]
    for ln in stray:
        q.add("text_outside_activity", "text in ACTIVITIES before any activity: "
              f"'{ln.text[:60]}'", ln.no)  # fmt: skip
    for seg in rec.layout.sub("PROGRESS", "MAIN RESULTS")[-1:]:
        if not any(len(ln.text.split()) > 6 for ln in seg.content):
            q.add("section_empty", "MAIN RESULTS has no figures in the export "
                  "(charts lost): nothing to read", seg.line)  # fmt: skip
    alliance_segs = rec.layout.sub("ACTIVE LISTENING", "COLLABORATION WITH ALLIANCES")
    if alliance_segs and not any(s.content for s in alliance_segs):
        q.add("section_empty", "COLLABORATION WITH ALLIANCES has no text in the export "
              "(chart lost): alliances come from the activities", alliance_segs[-1].line)  # fmt: skip


def engagement_reconciliation(tables: dict[str, pd.DataFrame], q: Findings) -> None:
    """Participants missing from the engagement list, and listed members with no activity."""
    eng, part = tables["engagement_table"], tables["participation"]
    if eng.empty:
        return
    listed = set(eng["member"].dropna())
    took_part: dict[str, tuple[int, str]] = {}  # member → its first (line, activity)
    for member, no, aid in zip(part["member"], part["source_line"], part["activity_id"],
                               strict=True):  # fmt: skip
        if isinstance(member, str):
            took_part.setdefault(member, (int(no), aid))
    for member, (no, aid) in sorted(took_part.items(), key=lambda kv: kv[1][0]):
        if member not in listed:
            q.add("participant_not_in_engagement_list", f"'{member}' took part "
                  "in an activity but is missing from the Membership engagement list", no, aid)  # fmt: skip
    idle = [(m, int(no)) for m, no in zip(eng["member"], eng["source_line"], strict=True)
            if isinstance(m, str) and m not in took_part]  # fmt: skip
    for member, no in idle:
        q.add("listed_member_without_activity", f"'{member}' is in the "
              "Membership engagement list but took part in no activity", no)  # fmt: skip
    if len(idle) > max(MAX_IDLE, IDLE_SHARE * len(listed)):
        q.add("participation_in_doubt", f"{len(idle)} of the {len(listed)} members of the "
              "Membership engagement list took part in no activity that was read: the "
              "activities' participants were probably not all read", idle[0][1])  # fmt: skip


def member_locations(members: pd.DataFrame, locations: pd.DataFrame, q: Findings) -> None:
    """A roster member the world map cannot place: no row in member_locations.csv."""
    from helpers.tables.locations import FILE, missing_locations

    for member, no in zip(*_columns(missing_locations(members, locations)), strict=True):
        q.add("member_without_location", f"'{member}' is on the roster but has no "
              f"coordinates, so the world map leaves it out: add a row for it to "
              f"data/reference/{FILE}", no)  # fmt: skip


def _columns(missing: pd.DataFrame) -> tuple[list[str], list[int]]:
    lines = missing["source_line"] if "source_line" in missing else [0] * len(missing)
    return list(missing["member"]), [int(n) for n in lines]


def accepted_errors(quality: pd.DataFrame) -> list[str]:
    """The blocking findings a period was ingested with (ACCEPT=1): what every page must say."""
    q = quality[(quality["severity"] == "error") & quality["kind"].isin(BLOCKING)]
    return [str(d) for d in q["detail"]]


def second_reading(text: str, plain: str | None, q: Findings) -> None:
    """Letters the PDF's text layer holds that the layout reading did not place."""
    if plain is None:
        return
    from helpers.parse.layout.compare import lost_words

    lost = lost_words(text, plain)
    if lost:
        shown = ", ".join(f"'{w}'" for w in lost[:5])
        q.add("reading_lost_text", f"the PDF's text layer holds {len(lost)} word(s) that the "
              f"reading of its layout did not place ({shown}): a figure may be missing")  # fmt: skip


def engagement_on_roster(tables: dict[str, pd.DataFrame], q: Findings) -> None:
    """The engagement list names members: several of its names off the roster that was read
    mean the roster or the list was not read whole (a doubt, not the report's own slip)."""
    eng = tables["engagement_table"]
    off = eng[eng["member"].isna()]
    if len(off) > MAX_UNLISTED and len(tables["members"]):  # no roster: already blocking
        names = ", ".join(f"'{n}'" for n in off["name_raw"].head(4))
        q.add("listed_name_not_on_roster", f"{len(off)} names of the Membership engagement "
              f"list are not on the roster read ({names}): the roster or the list was not "
              "read whole", int(off["source_line"].iloc[0]))  # fmt: skip


def _values_read_as_text(
    frame: pd.DataFrame, column: str, reads_as_text, where: str, q: Findings
) -> None:
    """A label_value_unclear doubt for each value of ``frame[column]`` that ``reads_as_text``:
    the activity's text was probably read into its labels."""
    for row in frame.itertuples():
        name = getattr(row, column)
        if reads_as_text(row, name):
            q.add("label_value_unclear", f"'{name[:60]}' {where} reads like text, not a name: "
                  "the activity's text was probably read into its labels",
                  row.source_line, row.activity_id)  # fmt: skip


def participant_names(participation: pd.DataFrame, q: Findings) -> None:
    """A doubt for a participant off the roster whose name reads like text, not a name: past
    MAX_NAME_WORDS words, or ending a sentence or a question (`HOW CAN METROPOLISES FINANCE
    THEIR CLIMATE TRANSITION?`: a title's line read as a label's value)."""
    _values_read_as_text(participation, "name_raw", lambda row, name: not row.is_member and (
        len(name.split()) > MAX_NAME_WORDS or name.rstrip().endswith(("?", "!", "."))),
        "among an activity's members", q)  # fmt: skip


def alliance_names(alliances: pd.DataFrame, q: Findings) -> None:
    """A doubt for an alliance that reads like the activity's text rather than a name: it
    starts in lower case, or runs past MAX_NAME_WORDS words (`to generate better livelihoods
    for food workers …`: a line of the description read after the Alliances label)."""
    _values_read_as_text(alliances, "alliance_raw", lambda row, name: (
        name[:1].islower() or len(name.split()) > MAX_NAME_WORDS),
        "under an activity's Alliances", q)  # fmt: skip


def action_lines(activities: pd.DataFrame, outcomes: pd.DataFrame, q: Findings) -> None:
    """A doubt when MIN_OFF_LINE activities or more name none of their own action line's
    outcomes, whatever their share (the four reports have none): the action-line headings
    were probably read out of place (a grid of action-line tiles read out of order)."""
    codes = outcomes.groupby("activity_id")["code"].agg(list)
    off = [
        row for row in activities.itertuples()
        if row.activity_id in codes.index and isinstance(row.action_line, str)
        and not any(str(c).startswith(row.action_line) for c in codes[row.activity_id])
    ]  # fmt: skip
    if len(off) >= MIN_OFF_LINE:
        q.add("action_line_in_doubt", f"{len(off)} of {len(codes)} activities name none of "
              f"their action line's outcomes (first: '{off[0].title[:50]}' under "
              f"{off[0].action_line}): the action-line headings were probably read out of place",
              int(off[0].source_line), off[0].activity_id)  # fmt: skip


def known_members_off_roster(participation: pd.DataFrame, known: NameResolver, q: Findings) -> None:
    """A doubt when more than MAX_UNLISTED participants off this roster are members the
    reference data knows (member_locations.csv, through the alias table: `Ciudad de México`,
    `Berlin`): the roster was probably not read whole (a wrapped cell merged with its
    neighbour)."""
    if participation["is_member"].astype(bool).sum() == 0:
        return  # no roster at all: section_missing says so
    off = participation.loc[~participation["is_member"].astype(bool), "name_raw"].unique()
    known_off = sorted({m for n in off if (m := known.resolve(n).member) is not None})
    if len(known_off) > MAX_UNLISTED:
        q.add("known_member_off_roster", f"{len(known_off)} members that took part are not on "
              f"the roster that was read ({', '.join(known_off[:5])}): the roster was "
              "probably not read whole")  # fmt: skip


def merged_names(tables: dict[str, pd.DataFrame], known: NameResolver, q: Findings) -> None:
    """A doubt for each roster name, and each engagement-list name off the roster, that the
    reference data does not know and that holds another member's name with more words around it
    (`Guadalajara (IMEPLAN) Puebla`, `Barcelona (metropolitan Berlin area)`): two cells of a
    grid read as one name."""
    roster = NameResolver(tables["members"])
    members, eng = tables["members"], tables["engagement_table"]
    unknown = [(m, int(no), "the roster") for m, no in
               zip(members["member"], members["source_line"], strict=True)
               if not _known_name(known, m)]  # fmt: skip
    unknown += [(n, int(no), "the Membership engagement list") for n, m, no in
                zip(eng["name_raw"], eng["member"], eng["source_line"], strict=True)
                if not isinstance(m, str) and not _known_name(known, n)]  # fmt: skip
    for name, no, where in unknown:
        inner = _inner_name(name, (known, roster))
        if inner is not None:
            q.add("names_merged", f"'{name}' in {where} holds '{inner}', the name of another "
                  "member, with more words around it: two names were probably read as one", no)  # fmt: skip


_WEB = re.compile(r"@|\b[\w-]+\.(?:org|com|net|int|gov|edu|info)\b|https?:|www\.", re.IGNORECASE)


def heading_names(members: pd.DataFrame, known: NameResolver, q: Findings) -> None:
    """A doubt for each roster name set in capitals that the reference data does not know
    (`NORTH`, `AND THE CARIBBEAN`): members' names are not set in capitals, a heading or a
    tile's line is (a region's tile read as the start of its roster)."""
    for name, no in zip(members["member"], members["source_line"], strict=True):
        if is_upper(name) and not _known_name(known, name):
            q.add("heading_on_roster", f"'{name[:40]}' on the roster is set in capitals like a "
                  "heading and no member is so named: a heading or a tile was probably read "
                  "as a member", int(no))  # fmt: skip
        elif _WEB.search(name):
            q.add("heading_on_roster", f"'{name[:40]}' on the roster is a web or mail address: "
                  "a page's footer was probably read as a member", int(no))  # fmt: skip


def board_positions(board: pd.DataFrame, known: NameResolver, q: Findings) -> None:
    """A doubt for each Board seat whose office names two members or more (`Head of Government
    of Mexico City Monterrey`, `Mayor of Rabat Dakar Durban`): names from a neighbouring list or
    column read into the office."""
    for name, pos, no in zip(board["name"], board["position"], board["source_line"], strict=True):
        found = _names_in(str(pos), known)
        if len(set(found)) > 1:
            q.add("board_entry_unclear", f"the office of board member '{name[:40]}' names "
                  f"{len(set(found))} members ({', '.join(found[:4])}): names of another list "
                  "were probably read into it", int(no))  # fmt: skip


def _names_in(text: str, known: NameResolver) -> list[str]:
    """The members' names `text` holds, longest first from left to right (a name is one to
    six words starting with a capital that `known` knows as spelled, an alias or folded)."""
    words, out, i = text.split(), [], 0
    while i < len(words):
        for j in range(min(len(words), i + 6), i, -1):
            piece = " ".join(words[i:j]).strip(",.;:()")
            if piece[:1].isupper() and _known_name(known, piece):
                out.append(piece)
                i = j
                break
        else:
            i += 1
    return out


def name_fragments(t: dict[str, pd.DataFrame], names: list[str], q: Findings) -> None:
    """A doubt for each name of the engagement list or of the participants matched to no
    member that is a run of a member's name's words other than its first (`Metropolitan City`
    or `Metropolitan` of `Kathmandu Metropolitan City`): a wrapped cell's later line read as a
    name of its own. `names`: the members' names of the roster and of the reference data."""
    ends = {" ".join(w[k:j]).casefold(): n for n in names if len(w := n.split()) > 1
            for k in range(1, len(w)) for j in range(k + 1, len(w) + 1)}  # fmt: skip
    for table in ("engagement_table", "participation"):
        df = t[table]
        off = df.loc[df["member"].isna(), ["name_raw", "source_line"]].drop_duplicates("name_raw")
        for raw, no in zip(off["name_raw"], off["source_line"], strict=True):
            whole = ends.get(str(raw).casefold())
            if whole is not None:
                q.add("name_fragments", f"'{raw}' is matched to no member and is part of "
                      f"'{whole}': a name wrapped over lines was probably read as several", int(no))  # fmt: skip


def _known_name(resolver: NameResolver, name: str) -> bool:
    return resolver.resolve(name).how in ("exact", "alias", "folded")


def _inner_name(name: str, resolvers: tuple[NameResolver, ...]) -> str | None:
    """The longest run of words of `name`, shorter than it, that one of `resolvers` knows as a
    member's name (as spelled, an alias or folded), else None."""
    words = name.split()
    for width in range(len(words) - 1, 0, -1):
        for i in range(len(words) - width + 1):
            piece = " ".join(words[i : i + width])
            if any(_known_name(r, piece) for r in resolvers):
                return piece
    return None
