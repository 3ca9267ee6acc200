"""One report's text → plain records with their line numbers (no pandas, no name resolution).

`read_report` is the parse stage as a short pipeline: number the lines, find the page
furniture, find the sections, then read each section with its own reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from helpers.parse.activities import ActivitiesSection, parse_activities
from helpers.parse.cover import stated_period
from helpers.parse.furniture import Furniture, find_furniture
from helpers.parse.listings import (
    BoardEntry,
    Followers,
    Mention,
    PlanItem,
    board_roles_apart,
    is_board_role,
    media_months,
    media_unread,
    read_bilateral,
    read_board,
    read_challenges,
    read_engagement_list,
    read_followers,
    read_media,
    read_plan,
    read_roster,
    roster_unread,
)
from helpers.parse.sections import REGIONS, Layout, find_sections, is_top_heading
from helpers.parse.text import Line, read_lines, split_inline_bullets


@dataclass
class ReportRecords:
    """Everything read from one report, each value with the line it came from."""

    lines: list[Line]
    furniture: list[Furniture]
    layout: Layout
    activities: ActivitiesSection
    plan: list[PlanItem]
    challenges: list[PlanItem]
    roster: list[tuple[str, str, int]]  # (region, name as listed, line)
    roster_unread: list[Line]  # roster lines no reader took
    board: list[tuple[str, BoardEntry]]  # (region, entry)
    board_apart: list[Line]  # Board role headings read outside the Board (focal points, staff)
    engagement: list[tuple[str, int]]
    bilateral: list[tuple[str, int, str | None]]
    mentions: list[Mention]
    media_unread: list[Line]  # text of the media part before its first month
    media_months: list[tuple[int, int]]  # (month number, line) of its month headings
    followers: Followers
    nearby: dict[str, str] = field(default_factory=dict)  # section → text seen where it should be


def read_report(text: str, year: int) -> ReportRecords:
    """Read every section of a report; `year` dates the activities."""
    lines = split_inline_bullets(read_lines(text))
    furniture = find_furniture(
        lines, is_heading=is_top_heading, states_period=lambda ln: stated_period([ln]) is not None
    )
    layout = find_sections(lines, {f.index for f in furniture})
    progress = layout.lines("PROGRESS")
    section = parse_activities(layout.lines("ACTIVITIES"), year)
    roster, board, unread, apart = [], [], [], []
    for seg in layout.top("WHO WE ARE"):
        if seg.sub in REGIONS:
            roster += [(REGIONS[seg.sub], name, no) for name, no in read_roster(seg.lines)]
            unread += roster_unread(seg.lines)
            board += [(REGIONS[seg.sub], e) for e in read_board(seg.lines)]
            apart += board_roles_apart(seg.lines)
        elif seg.sub == "SECRETARIAT GENERAL":  # the staff: no Board role among them
            apart += [ln for ln in seg.lines if not ln.blank and is_board_role(ln.text)]
    mentions, follower_lines = read_media(section.media_lines)
    return ReportRecords(
        lines=lines,
        furniture=furniture,
        layout=layout,
        activities=section,
        plan=read_plan(progress),
        challenges=read_challenges(progress),
        roster=roster,
        roster_unread=unread,
        board=board,
        board_apart=apart,
        engagement=read_engagement_list(layout.lines("ACTIVE LISTENING", "MEMBERSHIP ENGAGEMENT")),
        bilateral=read_bilateral(layout.lines("ACTIVE LISTENING", "BILATERAL MEETINGS")),
        mentions=mentions,
        media_unread=media_unread(section.media_lines),
        media_months=media_months(section.media_lines),
        followers=read_followers(follower_lines),
    )
