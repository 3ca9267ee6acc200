"""The report's listings outside the activities: plan, challenges, roster, board,
engagement list, bilateral meetings, media mentions and social-media followers.
Each reader takes the lines under its heading and returns plain records with the
source line of every value."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from helpers.parse.dates import MONTHS
from helpers.parse.text import Line, blocks, is_upper, joined, split_items

PLAN_RE = re.compile(r"^(?P<code>L\d+(?:A\d+(?:D\d+)?)?)\b\s*[-–—:.]?\s*(?P<title>.*)$")
CHALLENGE_LINE_RE = re.compile(r"^(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.?\s+(?P<title>\S.*)$")
TERM_RE = re.compile(r"^\(?\s*(?:until|since|from|as of|till|to)\b.*\)?$", re.IGNORECASE)
FOCAL_RE = re.compile(r"^focal points?\b", re.IGNORECASE)
BOARD_RE = re.compile(r"^(?:members of the )?board of directors\b", re.IGNORECASE)
MODES = {"on site": "On-site", "onsite": "On-site", "in person": "On-site", "online": "Online",
         "virtual": "Online", "hybrid": "Hybrid"}  # fmt: skip
FOLLOWERS_RE = re.compile(r"^followers\b", re.IGNORECASE)
NOTABLE_RE = re.compile(r"notable mentions|most notable", re.IGNORECASE)
_FILLER = {"followers", "follower", "on", "in", "subscribers", "fans"}
NUMBER_RE = re.compile(r"(?P<num>\d[\d.,]*)\s*(?P<suffix>[KkMm])?(?![\w])")


@dataclass
class PlanItem:
    code: str
    title: str
    line: int


def read_plan(lines: list[Line]) -> list[PlanItem]:
    """Codes with titles (`L1A2D4 Support metropolitan leaders…`); wrapped titles joined."""
    out: list[PlanItem] = []
    for block in blocks(lines):
        last: PlanItem | None = None
        for ln in block:
            m = PLAN_RE.match(ln.item)
            if m:  # a bare code takes its title from the next line
                last = PlanItem(m["code"].upper(), m["title"].strip(), ln.no)
                out.append(last)
            elif last is not None and not is_upper(ln.text):
                last.title = f"{last.title} {ln.text}".strip()
    return [p for p in out if p.title]


def read_challenges(lines: list[Line]) -> list[PlanItem]:
    """Challenge listing lines `2.3 Climate resilience`."""
    out = []
    for ln in lines:
        m = CHALLENGE_LINE_RE.match(ln.item)
        if m:
            out.append(PlanItem(f"{int(m['a'])}.{int(m['b'])}", m["title"].strip(" ,;"), ln.no))
    return out


def before_marker(lines: list[Line], marker: re.Pattern[str]) -> list[Line]:
    for i, ln in enumerate(lines):
        if marker.match(ln.text):
            return lines[:i]
    return lines


def after_marker(lines: list[Line], marker: re.Pattern[str]) -> list[Line]:
    for i, ln in enumerate(lines):
        if marker.match(ln.text):
            return lines[i + 1 :]
    return []


def read_roster(lines: list[Line]) -> list[tuple[str, int]]:
    """Member names listed under a region heading (bullets, table cells or plain lines)."""
    head = before_marker(before_marker(lines, FOCAL_RE), BOARD_RE)
    listed = [ln for ln in head if ln.is_bullet or "|" in ln.text]
    if not listed:  # plain lines: one name each, or names separated by commas
        listed = [
            ln for ln in head
            if ("," in ln.text or len(ln.text.split()) <= 6) and not ln.text.endswith(".")
        ]  # fmt: skip
    return split_items(listed)


@dataclass
class BoardEntry:
    name: str
    role: str
    position: str
    term: str | None
    line: int


def _is_role(text: str) -> bool:
    return is_upper(text) and len(text.split()) <= 5 and not any(ch.isdigit() for ch in text)


def read_board(lines: list[Line]) -> list[BoardEntry]:
    """People under "Members of the Board of Directors": ROLE, name, (term), position."""
    out: list[BoardEntry] = []
    role = ""
    cur: BoardEntry | None = None
    for block in blocks(after_marker(lines, BOARD_RE)):
        new_block = True
        for ln in block:
            text = ln.text
            if _is_role(text):
                role, cur, new_block = text, None, False
                continue
            if TERM_RE.match(text) and cur is not None:
                cur.term = text.strip("() ")
                continue
            if cur is None or (new_block and cur.position):
                cur = BoardEntry(text, role, "", None, ln.no)
                out.append(cur)
            else:
                cur.position = f"{cur.position} {text}".strip()
            new_block = False
    return [e for e in out if e.name]


def read_engagement_list(lines: list[Line]) -> list[tuple[str, int]]:
    """Names in the "Membership engagement" list (a pipe table, bullets or commas)."""
    return split_items([ln for ln in lines if not FOCAL_RE.match(ln.text)])


def read_bilateral(lines: list[Line]) -> list[tuple[str, int, str | None]]:
    """Counterparts of bilateral meetings, with the mode heading (On-site / Online) above them."""
    from helpers.parse.activities import label_of

    out: list[tuple[str, int, str | None]] = []
    mode: str | None = None
    for ln in lines:
        key = re.sub(r"[^a-z ]", " ", ln.text.lower()).strip()
        key = re.sub(r"\s+", " ", key)
        if key in MODES:
            mode = MODES[key]
            continue
        hit = label_of(ln)
        if hit:
            if hit[1]:
                out += [(n, ln.no, mode) for n, _ in split_items([Line(ln.no, hit[1], hit[1])])]
            continue
        out += [(n, no, mode) for n, no in split_items([ln])]
    return out


@dataclass
class Mention:
    month: str
    month_number: int
    outlet: str
    item: str
    line: int


def _month_of(text: str) -> int | None:
    key = re.sub(r"[^a-z]", "", re.sub(r"\d{4}", "", text.lower()))
    return MONTHS.get(key)


def read_media(media_blocks: list[list[Line]]) -> tuple[list[Mention], list[list[Line]]]:
    """Mentions listed by month, and the blocks of the followers part (returned separately)."""
    mentions: list[Mention] = []
    month: tuple[str, int] | None = None
    for i, block in enumerate(media_blocks):
        if any(FOLLOWERS_RE.match(ln.text) for ln in block):
            return mentions, media_blocks[i:]
        if NOTABLE_RE.search(joined(block)):
            break
        if len(block) == 1 and _month_of(block[0].text) and len(block[0].text.split()) <= 2:
            num = _month_of(block[0].text)
            month = (block[0].text.split()[0].capitalize(), num or 0)
            continue
        if month is None:
            continue
        first = block[0]
        bold = re.findall(r"\*\*(.+?)\*\*", first.raw)
        if len(block) > 1 and not all(ln.is_bullet for ln in block):
            outlet, item = first.item, " ".join(ln.item for ln in block[1:])
        elif len(block) > 1:  # one mention per bullet
            for ln in block:
                outlet, item = _split_mention(ln)
                mentions.append(Mention(month[0], month[1], outlet, item, ln.no))
            continue
        elif bold and first.item != clean_bold(bold):
            outlet = clean_bold(bold).strip().rstrip("-–—:").strip()
            item = first.item[first.item.find(outlet) + len(outlet) :].strip(" -–—:")
        else:
            outlet, item = _split_mention(first)
        outlet = outlet.strip().rstrip("-–—:").strip()
        mentions.append(Mention(month[0], month[1], outlet, item.strip(), first.no))
    return mentions, []


def _split_mention(ln: Line) -> tuple[str, str]:
    """`**Outlet** – item`, `Outlet: item` or `Outlet - item` on one line."""
    bold = re.findall(r"\*\*(.+?)\*\*", ln.raw)
    if bold:
        outlet = clean_bold(bold).rstrip("-–—:").strip()
        return outlet, ln.item[ln.item.find(outlet) + len(outlet) :].strip(" -–—:")
    parts = re.split(r"\s+[–—-]\s+|:\s+", ln.item, maxsplit=1)
    return parts[0].strip(), (parts[1] if len(parts) > 1 else "").strip()


def clean_bold(bold: list[str]) -> str:
    return " ".join(b.strip() for b in bold).strip()


def parse_count(text: str) -> int | None:
    """`24.6K` → 24600, `1,250` → 1250, `8K` → 8000, `1.2M` → 1200000."""
    m = NUMBER_RE.search(text)
    if not m:
        return None
    num, suffix = m["num"].rstrip(".,"), (m["suffix"] or "").upper()
    if suffix:
        num = num.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", num) else num.replace(",", "")
    else:
        num = (
            num.replace(",", "").replace(".", "")
            if re.fullmatch(r"\d{1,3}([.,]\d{3})+", num)
            else num
        )
    try:
        value = Decimal(num) * {"": 1, "K": 1000, "M": 1_000_000}[suffix]
    except InvalidOperation:
        return None
    return int(value)


def read_followers(follower_blocks: list[list[Line]]) -> list[tuple[str, int, str, int]]:
    """(platform, followers, figure as printed, line) pairs from the followers part."""
    out: list[tuple[str, int, str, int]] = []
    number: tuple[str, int] | None = None
    platform: tuple[str, int] | None = None
    for block in follower_blocks:
        if NOTABLE_RE.search(joined(block)):
            break
        for ln in block:
            text = ln.text
            if FOLLOWERS_RE.match(text):
                continue
            m = NUMBER_RE.search(text)
            words = re.sub(r"[\d.,:]+\s*[KkMm]?\b", " ", ln.item).strip(" :-–")
            words = " ".join(w for w in words.split() if w.lower() not in _FILLER)
            if m and words and len(words.split()) <= 3:
                out.append((words, parse_count(m.group(0)) or 0, m.group(0).strip(), ln.no))
                number = platform = None
            elif m and not words:
                number = (m.group(0).strip(), ln.no)
            elif words and len(words.split()) <= 3:
                platform = (words, ln.no)
            if number and platform:
                out.append((platform[0], parse_count(number[0]) or 0, number[0], number[1]))
                number = platform = None
    return out
