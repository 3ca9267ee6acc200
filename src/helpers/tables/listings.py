"""Builders of the tables read from the report's listings: roster, plan, challenges,
engagement list, bilateral meetings, board, media mentions and followers. Each takes the
parse records (and the name resolver and findings where names are involved)."""

from __future__ import annotations

import pandas as pd

from helpers.parse.activities import CHALLENGE_RE, OUTCOME_RE
from helpers.parse.listings import ROLE_WORDS
from helpers.parse.report import ReportRecords
from helpers.periods import Period
from helpers.tables.findings import Findings, frame
from helpers.tables.names import NameResolver, tidy
from helpers.tables.resolve import all_known, join_broken, resolve, segment_row
from helpers.tables.roles import board_role


def members(rec: ReportRecords, q: Findings, known: NameResolver | None = None) -> pd.DataFrame:
    """One row per roster member (the "Who we are" lists), in the report's order. With `known`
    (the reference data's members), a roster name it does not know that is wholly made of names
    it knows is read as those names (:func:`split_roster_name`)."""
    rows: list[dict] = []
    seen: dict[str, str] = {}
    roster = [(region, part, no) for region, name, no in rec.roster
              for part in split_roster_name(tidy(name), no, known, q)]  # fmt: skip
    for region, name, no in roster:
        if name in seen:
            if seen[name] != region:
                q.add("roster_duplicate", f"'{name}' is listed in {seen[name]} and "
                      f"{region}; kept in {seen[name]}", no)  # fmt: skip
            else:
                q.add("roster_duplicate", f"'{name}' is listed twice in {region}", no)
            continue
        seen[name] = region
        rows.append({"member": name, "region": region, "source_line": no})
    for ln in rec.roster_unread:
        q.add("roster_line_not_read", f"'{ln.text[:60]}' sits in the roster before its "
              "region's first listed member and was not read as one", ln.no)  # fmt: skip
    return frame("members", rows)


def split_roster_name(name: str, no: int, known: NameResolver | None, q: Findings) -> list[str]:
    """`name` as the members' names it is made of when `known` does not know it but knows each
    of two or more names that make it up, word for word (`Guadalajara (IMEPLAN) Puebla`: two
    cells of a roster grid whose rows are set as tight as a wrapped name's lines, read as one);
    else `[name]`. A split is a warning, naming both readings."""
    if known is None or all_known([(name, no)], known):
        return [name]
    parts = [p for p, _ in segment_row([(name, no)], known)]
    if len(parts) > 1:
        q.add("roster_name_split", f"'{name}' in the roster is read as {len(parts)} members' "
              f"names: {', '.join(repr(p) for p in parts)} (two cells of a grid read as one)", no)  # fmt: skip
    return parts


def strategic_plan(rec: ReportRecords, q: Findings) -> pd.DataFrame:
    """One row per code of the Strategic Action Plan listing (line, action, deliverable)."""
    rows, codes = [], set()
    for p in rec.plan:
        if p.code in codes:
            q.add("plan_duplicate", f"plan code {p.code} listed twice", p.line)
            continue
        codes.add(p.code)
        level = "deliverable" if "D" in p.code else "action" if "A" in p.code else "line"
        parent = p.code.rsplit("D", 1)[0] if level == "deliverable" else (
            p.code.rsplit("A", 1)[0] if level == "action" else None)  # fmt: skip
        rows.append({"code": p.code, "level": level, "parent": parent,
                     "line": p.code.split("A")[0], "title": p.title, "source_line": p.line})  # fmt: skip
    for row in rows:
        if row["parent"] and row["parent"] not in codes:
            q.add("plan_parent_missing", f"{row['code']} is listed but its parent "
                  f"{row['parent']} is not", row["source_line"])  # fmt: skip
    return frame("strategic_plan", rows)


def challenges(rec: ReportRecords, q: Findings) -> pd.DataFrame:
    """One row per metropolitan challenge listed under PROGRESS (codes read apart from their
    titles are reported: :func:`codes_apart`)."""
    codes_apart(rec, q)
    rows, codes = [], set()
    for c in rec.challenges:
        if c.code not in codes:
            codes.add(c.code)
            rows.append({"code": c.code, "title": c.title, "source_line": c.line})
    return frame("challenges", rows)


def _is_plan_code(token: str) -> bool:
    return OUTCOME_RE.fullmatch(token) is not None


def _is_challenge_code(token: str) -> bool:
    return CHALLENGE_RE.fullmatch(token.rstrip(".")) is not None


def codes_apart(rec: ReportRecords, q: Findings) -> None:
    """Doubts about the plan and challenge listings, whose codes and titles are read apart when
    a layout sets them in columns of their own or splits the listing over two columns:

    - a title that holds codes of its listing (`1.1` titled `1.3 1.4 2.1 … Combating
      inequalities`), or that starts in lower case (`L1A2D4` titled `and regional agendas`, the
      end of another entry's title): ``codes_apart``;
    - a line of the PROGRESS section that is codes only, or text between a listing's entries
      that no entry took and that is no sentence (a listing's own prose comes before its first
      entry, or ends with `.` or `:`): ``listing_text_not_read``.
    """
    for items, is_code, what in ((rec.plan, _is_plan_code, "Strategic Action Plan"),
                                 (rec.challenges, _is_challenge_code, "metropolitan challenges")):  # fmt: skip
        for p in items:
            held = [w for w in p.title.split() if is_code(w)]
            if held:
                q.add("codes_apart", f"the title of {p.code} in the {what} listing holds the "
                      f"code(s) {' '.join(held[:4])}: codes set apart from their titles were "
                      "read as one entry", p.line)  # fmt: skip
            elif p.title[:1].islower():
                q.add("codes_apart", f"the title of {p.code} in the {what} listing starts in "
                      f"lower case ('{p.title[:40]}'): the end of another entry's title was "
                      "read as its title", p.line)  # fmt: skip
    read = {n for p in (*rec.plan, *rec.challenges) for n in (p.line, *p.more)}
    for seg in rec.layout.top("PROGRESS"):
        for text, no, first in _unread_paragraphs(seg.lines, read):
            if all(_is_plan_code(w) or _is_challenge_code(w) for w in text.split()):
                q.add("listing_text_not_read", f"'{text[:40]}' in the PROGRESS listings is "
                      "codes without titles and was read as no entry", no)  # fmt: skip
            elif not first and not text.rstrip(' )”’"').endswith((".", ":", "!", "?")):
                q.add("listing_text_not_read", f"'{text[:40]}' sits between the entries of a "
                      "PROGRESS listing, is no sentence and no entry took it: a title read "
                      "apart from its code", no)  # fmt: skip


def _unread_paragraphs(lines: list, read: set[int]) -> list[tuple[str, int, bool]]:
    """(text, first line, before the segment's first entry) of each run of lines, with no
    blank line between, that no entry of a listing took (`read`: their line numbers)."""
    out: list[tuple[str, int, bool]] = []
    run: list = []
    seen_entry = False
    for ln in [*lines, None]:
        if ln is not None and not ln.blank and ln.no not in read:
            run.append(ln)
            continue
        if run:
            out.append((" ".join(x.text for x in run), run[0].no, not seen_entry))
            run = []
        seen_entry = seen_entry or (ln is not None and ln.no in read)
    return out


def list_names(items: list[tuple[str, int]], resolver: NameResolver) -> list[tuple[str, int]]:
    """Names of a list with broken and flattened names repaired against the roster: a piece
    on the next line that is no name joins the item above when together they read as names
    (`Grand Lyon Kathmandu Metropolitan` / `City`)."""
    return segment_row(
        join_broken(items, known=lambda n: all_known(segment_row([(n, 0)], resolver), resolver)),
        resolver,
    )


def engagement_table(rec: ReportRecords, resolver: NameResolver, q: Findings) -> pd.DataFrame:
    """One row per name in the "Membership engagement" list."""
    rows, seen = [], set()
    for name, no in list_names(rec.engagement, resolver):
        if name in seen:
            continue
        seen.add(name)
        m = resolve(resolver, name, q, no, "membership engagement list")
        rows.append({"name_raw": m.name, "member": m.member, "is_member": m.is_member,
                     "source_line": no})  # fmt: skip
    return frame("engagement_table", rows)


def bilateral_meetings(rec: ReportRecords, resolver: NameResolver, q: Findings) -> pd.DataFrame:
    """One row per counterpart of a bilateral meeting."""
    rows = []
    for name, no, mode in rec.bilateral:
        m = resolve(resolver, name, q, no, "bilateral meetings",
                    unmatched="bilateral_counterpart_not_member")  # fmt: skip
        rows.append({"name_raw": m.name, "member": m.member, "is_member": m.is_member,
                     "mode": mode, "source_line": no})  # fmt: skip
    return frame("bilateral_meetings", rows)


def board(rec: ReportRecords, resolver: NameResolver, q: Findings) -> pd.DataFrame:
    """One row per seat on the Board of Directors (a person, their role and member city)."""
    rows = []
    for region, e in rec.board:
        member = resolver.find_in_text(e.position) or resolver.resolve(e.name).member
        if member is None:
            q.add("board_member_unresolved", f"board member {e.name} ({e.position}): "
                  "no member city found in the office title", e.line)  # fmt: skip
        if ROLE_WORDS.search(f"{e.name} {e.position}"):
            q.add("board_entry_unclear", f"board entry '{e.name[:40]}' ({e.position[:40]}) "
                  "holds a role heading's words: the board's seats were not told apart", e.line)  # fmt: skip
        elif e.name.endswith("-") or e.position[:1].islower():
            q.add("board_entry_unclear", f"board member '{e.name}' ({e.position[:40]}): a name "
                  "broken at a line end was not made whole", e.line)  # fmt: skip
        elif len(e.name.split()) < 2:
            q.add("board_entry_unclear", f"board member '{e.name}' ({e.position[:40]}) has a "
                  "one-word name: a name wrapped in its card, read in two?", e.line)  # fmt: skip
        rows.append({"name": e.name, "role": board_role(e.role), "role_raw": e.role or None,
                     "member": member, "region": region, "position": e.position, "term": e.term,
                     "source_line": e.line})  # fmt: skip
    for ln in rec.board_apart:
        q.add("board_role_apart", f"the Board role '{ln.text[:40]}' sits among the focal points "
              "or the staff, not under Members of the Board: the seats after it were not read "
              "as the Board's", ln.no)  # fmt: skip
    return frame("board", rows)


def media_mentions(rec: ReportRecords, per: Period, q: Findings) -> pd.DataFrame:
    """One row per media mention listed by month."""
    rows = [{"month": m.month, "month_number": m.month_number, "outlet": m.outlet,
             "item": m.item, "source_line": m.line} for m in rec.mentions]  # fmt: skip
    for m in rec.mentions:
        if m.month_number not in per.months:
            q.add("media_outside_period", f"mention in {m.month}, outside {per.label}",
                  m.line)  # fmt: skip
        if not m.item.strip():
            q.add("mention_without_item", f"the media mention '{m.outlet[:60]}' ({m.month}) "
                  "has no item: an outlet's name over several lines was probably read as "
                  "several mentions", m.line)  # fmt: skip
    said = {m.month_number for m in rec.mentions}
    last = 0
    for number, no in rec.media_months:
        if number < last:
            q.add("media_months_in_doubt", f"the month heading on line {no} comes after a later "
                  "month: months set side by side were probably read out of order", no)  # fmt: skip
        elif number not in said:
            q.add("media_months_in_doubt", f"the month heading on line {no} has no mention under "
                  "it: months set side by side were probably read apart from their mentions", no)  # fmt: skip
        last = max(last, number)
    for ln in rec.media_unread:
        q.add("media_text_not_read", f"'{ln.text[:40]}' sits under METROPOLIS IN THE MEDIA "
              "before any month and was read as no mention", ln.no)  # fmt: skip
    if not rows:
        q.add("section_empty", "no media mentions found under METROPOLIS IN THE MEDIA")
    return frame("media_mentions", rows)


def social_followers(rec: ReportRecords, q: Findings) -> pd.DataFrame:
    """One row per social-media platform with its follower count."""
    rows, seen = [], set()
    for platform, count, shown, no in rec.followers.pairs:
        if platform in seen:
            continue
        seen.add(platform)
        rows.append({"platform": platform, "followers": count, "followers_text": shown,
                     "source_line": no})  # fmt: skip
    if not rows:
        q.add("section_empty", "no social-media follower figures found")
    for text, no in rec.followers.unpaired:
        q.add("follower_unpaired", f"the followers figure or platform '{text}' was read "
              "without its partner: the follower counts are in doubt", no)  # fmt: skip
    return frame("social_followers", rows)
