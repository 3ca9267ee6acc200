"""The report's listings outside the activities: plan, challenges, roster, board,
engagement list, bilateral meetings, media mentions and social-media followers.
Each reader takes the lines under its heading (blank lines may be there or not) and returns
plain records with the source line of every value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from helpers.parse.dates import MONTHS
from helpers.parse.sections import BOARD_RE, FOCAL_RE
from helpers.parse.text import (
    Line,
    ends_open,
    is_page_number,
    is_upper,
    join_wrapped,
    split_items,
)

PLAN_RE = re.compile(r"^(?P<code>L\d+(?:A\d+(?:D\d+)?)?)\b\s*[-–—:.]?\s*(?P<title>.*)$")
CHALLENGE_LINE_RE = re.compile(r"^(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.?\s+(?P<title>\S.*)$")
TERM_RE = re.compile(r"^\(?\s*(?:until|since|from|as of|till|to)\b.*\)?$", re.IGNORECASE)
MODES = {"on site": "On-site", "onsite": "On-site", "in person": "On-site", "online": "Online",
         "virtual": "Online", "hybrid": "Hybrid"}  # fmt: skip
FOLLOWERS_RE = re.compile(r"^followers\b", re.IGNORECASE)
NOTABLE_RE = re.compile(r"notable mentions|most notable", re.IGNORECASE)
_FILLER = {"followers", "follower", "on", "in", "subscribers", "fans"}
# `1 250` (thousands set off by a space, as in French and Spanish) is one number, not 1
NUMBER_RE = re.compile(
    r"(?P<num>(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d[\d.,]*)"
    r"\s*(?P<suffix>[KkMm])?(?![\w])"
)


@dataclass
class PlanItem:
    code: str
    title: str
    line: int
    more: list[int] = field(default_factory=list)  # the lines its title went on to


def read_plan(lines: list[Line]) -> list[PlanItem]:
    """Codes with titles (`L1A2D4 Support metropolitan leaders…`); a bare code takes its title
    from the next line; a title wrapped over several lines is joined."""
    out: list[PlanItem] = []
    last: PlanItem | None = None
    for ln in lines:
        if ln.blank:
            if last is not None and last.title:
                last = None
            continue
        m = PLAN_RE.match(ln.item)
        if m:
            last = PlanItem(m["code"].upper(), m["title"].strip(), ln.no)
            out.append(last)
        elif last is not None and not is_upper(ln.text) and not CHALLENGE_LINE_RE.match(ln.item):
            last.title = join_wrapped([last.title, ln.text])
            last.more.append(ln.no)
    return [p for p in out if p.title]


def read_challenges(lines: list[Line]) -> list[PlanItem]:
    """Challenge listing lines `2.3 Climate resilience` (a wrapped title is joined)."""
    out: list[PlanItem] = []
    last: PlanItem | None = None
    for ln in lines:
        m = CHALLENGE_LINE_RE.match(ln.item)
        if m:
            last = PlanItem(f"{int(m['a'])}.{int(m['b'])}", m["title"].strip(" ,;"), ln.no)
            out.append(last)
        elif last is not None and ln.text[:1].islower():
            last.title = join_wrapped([last.title, ln.text.strip(" ,;")])
            last.more.append(ln.no)
        else:
            last = None
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


def _merge_wrapped_bullets(lines: list[Line]) -> list[Line]:
    """In a bulleted list, a line without a bullet continues the item above it."""
    out: list[Line] = []
    for ln in lines:
        if ln.blank or is_page_number(ln.text):
            continue
        if ln.is_bullet or not out or "|" in ln.raw:
            out.append(ln)
        else:
            prev = out[-1]
            out[-1] = Line(prev.no, f"{prev.raw} {ln.raw.strip()}", f"{prev.text} {ln.text}")
    return out


def read_roster(lines: list[Line]) -> list[tuple[str, int]]:
    """Member names listed under a region heading: bullets, table cells, space-aligned
    columns, comma lists or one name per plain line."""
    head = [ln for ln in before_marker(before_marker(lines, FOCAL_RE), BOARD_RE) if not ln.blank]
    if any(ln.is_bullet for ln in head):
        first = next(i for i, ln in enumerate(head) if ln.is_bullet)
        listed = _merge_wrapped_bullets(head[first:])
    elif any("|" in ln.text for ln in head):
        listed = [ln for ln in head if "|" in ln.text]
    else:  # plain lines: one name each, names in columns, or names separated by commas
        listed = [
            ln for ln in head
            if ("," in ln.text or len(ln.text.split()) <= 6 or "  " in ln.raw.strip())
            and not ln.text.endswith(".")
        ]  # fmt: skip
    return split_items(listed)


def roster_unread(lines: list[Line]) -> list[Line]:
    """Lines of a region's bulleted roster that no reader takes: text between the region's
    heading and its first bullet (`Belo Horizonte • Bogotá • …` read apart from its bullet),
    which is neither a list item, the board nor the focal points."""
    head = before_marker(before_marker(lines, FOCAL_RE), BOARD_RE)
    first = next((i for i, ln in enumerate(head) if ln.is_bullet), None)
    if first is None:
        return []
    return [ln for ln in head[:first] if not ln.blank and not is_page_number(ln.text)]


@dataclass
class BoardEntry:
    name: str
    role: str
    position: str
    term: str | None
    line: int


# a role heading's words, in capitals: read into a person's name or office, the board's
# cards were not told apart (`CO-PRESIDENCY Ada Colau Mayor of …` on one line)
ROLE_WORDS = re.compile(r"\b(?:CO-|VICE-)?(?:PRESIDENC(?:Y|IES)|MEMBERS?|TREASURY)\b")


def _is_role(text: str) -> bool:
    return is_upper(text) and len(text.split()) <= 5 and not any(ch.isdigit() for ch in text)


_PARTICLES = {"de", "del", "la", "da", "dos", "das", "do", "van", "von", "der", "el", "al", "bin",
              "y", "e", "di", "le"}  # fmt: skip
_OFFICE_WORDS = {"mayor", "president", "head", "governor", "minister", "secretary", "councilor",
                 "councillor", "premier", "deputy", "city", "council", "government", "region",
                 "municipality", "metropolitan", "province", "area", "capital", "autonomous",
                 "executive", "governing", "former", "officer", "director", "chair", "state",
                 "of", "the", "and", "for", "vice", "regional"}  # fmt: skip


def looks_like_person(text: str) -> bool:
    """A person's name such as `Barthelemy Dias` or `José Luis Martínez-Almeida`: two to six
    capitalised words (particles allowed), no digits, commas or words of an office title."""
    words = text.split()
    if not 2 <= len(words) <= 6 or any(c.isdigit() or c in ",;:()&" for c in text):
        return False
    return (
        all(
            (w[0].isupper() and w.lower() not in _OFFICE_WORDS) or w.lower() in _PARTICLES
            for w in words
        )
        and words[0][0].isupper()
    )


_PERSON_AND_OFFICE = re.compile(
    r"^(?P<name>.+?)\s+(?P<term>\((?:until|since|from|as of)\b[^)]*\)\s+)?"
    r"(?P<office>(?:(?:Executive|Governing|Deputy|Acting|Vice)\s+)?(?:Mayor|Premier|Governor|Head"
    r"|President|Secretary|Councilor|Councillor|Minister|Chair|Lord Mayor|Alcalde|Alcaldesa|Maire"
    r"|Prefeito|Prefeita|Intendente|Jefe|Jefa|Presidente|Presidenta|Gobernador|Gobernadora)\b.*)$"
)


def _role_prefix(text: str) -> tuple[str, str]:
    """(role heading, rest) when ``text`` opens with a role heading's capitals and goes on
    with a person, and maybe an office (`MEMBER Asmaa Rhlalou Mayor of Rabat`), else
    ("", text)."""
    words = text.split()
    n = next((i for i, w in enumerate(words) if not is_upper(w)), len(words))
    head, rest = " ".join(words[:n]), " ".join(words[n:])
    merged = _PERSON_AND_OFFICE.match(rest)
    person = looks_like_person(merged["name"]) if merged else looks_like_person(rest)
    if n and ROLE_WORDS.search(head) and _is_role(head) and person:
        return head, rest  # the office on this line, or on the next one
    return "", text


def is_board_role(text: str) -> bool:
    """A Board role heading (`MEMBER`, `REGIONAL VICE-PRESIDENCY`), alone or opening a line
    that goes on with a person (`CO-PRESIDENCY David Makhura …`)."""
    return bool(_is_role(text) and ROLE_WORDS.search(text)) or bool(_role_prefix(text)[0])


def board_roles_apart(lines: list[Line]) -> list[Line]:
    """Board role headings among a region's focal points (after "Focal Points", before "Members
    of the Board of Directors"): seats of the Board read into another list, as when a grid of
    cards is read across two lists. The Board's seats after one are not read as the Board's."""
    focal = before_marker(after_marker(lines, FOCAL_RE), BOARD_RE)
    return [ln for ln in focal if not ln.blank and is_board_role(ln.text)]


def read_board(lines: list[Line]) -> list[BoardEntry]:
    """People under "Members of the Board of Directors": ROLE, name, (term), position. A
    position wrapped over lines is joined; a name after a position starts the next person."""
    out: list[BoardEntry] = []
    role = ""
    cur: BoardEntry | None = None
    for ln in after_marker(lines, BOARD_RE):
        text = ln.text
        if ln.blank:
            continue
        if _is_role(text):
            role, cur = text, None
            continue
        heading, rest = _role_prefix(text)
        if heading:  # `CO-PRESIDENCY David Makhura Premier of Gauteng Province`, one line
            role, cur, text = heading, None, rest
        if TERM_RE.match(text) and cur is not None:
            term, _, rest = text.partition(")")
            cur.term = term.strip("() ")
            if rest.strip():  # `(until 6th October) Premier of Gauteng Province`
                cur.position = join_wrapped([cur.position, rest.strip()])
            continue
        merged = _PERSON_AND_OFFICE.match(text)
        person = looks_like_person(text) or bool(merged and looks_like_person(merged["name"]))
        if cur is None or (cur.position and not ends_open(cur.position) and person):
            cur = BoardEntry(text, role, "", None, ln.no)
            out.append(cur)
            if merged and looks_like_person(merged["name"]):  # `Liu Xin Mayor of Hangzhou`
                cur.name, cur.position = merged["name"], merged["office"]
                cur.term = (merged["term"] or "").strip("() ") or None
        else:
            cur.position = join_wrapped([cur.position, text])
    return [e for e in out if e.name]


def read_engagement_list(lines: list[Line]) -> list[tuple[str, int]]:
    """Names in the "Membership engagement" list (a pipe table, bullets or commas)."""
    return split_items([ln for ln in lines if not FOCAL_RE.match(ln.text)])


def read_bilateral(lines: list[Line]) -> list[tuple[str, int, str | None]]:
    """Counterparts of bilateral meetings, with the mode heading (On-site / Online) above them;
    names wrapped over lines are joined."""
    from helpers.parse.activities import label_of

    out: list[tuple[str, int, str | None]] = []
    mode: str | None = None
    group: list[Line] = []

    def flush() -> None:
        out.extend((n, no, mode) for n, no in split_items(group))
        group.clear()

    for ln in lines:
        key = re.sub(r"\s+", " ", re.sub(r"[^a-z ]", " ", ln.text.lower())).strip()
        if key in MODES:
            flush()
            mode = MODES[key]
            continue
        hit = None if ln.blank else label_of(ln)
        if hit:
            flush()
            if hit[1]:
                group.append(Line(ln.no, hit[1], hit[1]))
            continue
        group.append(ln)
    flush()
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


def _month_line(text: str) -> tuple[str, int] | None:
    num = _month_of(text)
    if num and len(text.split()) <= 2:
        return text.split()[0].capitalize(), num
    return None


_RUN_IN_MONTH = re.compile(r"^\s*(?:[-*•]\s+)?\*\*\s*(?P<month>[A-Za-z]+)\s*\*\*\s+(?P<rest>\S.*)$")


def _split_run_in_months(lines: list[Line]) -> list[Line]:
    """A month set in bold before its first mention on one line (`**January** **El Tiempo** –
    Metropolis Blog`) becomes the month's line and the mention's line (both with its number)."""
    out: list[Line] = []
    for ln in lines:
        m = _RUN_IN_MONTH.match(ln.raw)
        if m and _month_of(m["month"]):
            rest = m["rest"]
            out += [Line(ln.no, f"**{m['month']}**", m["month"]),
                    Line(ln.no, rest, rest.replace("**", "").strip())]  # fmt: skip
        else:
            out.append(ln)
    return out


def _mentions_part(lines: list[Line]) -> list[Line]:
    """The media part's lines (a month run in split from its mention) before the followers
    and the notable mentions."""
    out: list[Line] = []
    for ln in _split_run_in_months(lines):
        if FOLLOWERS_RE.match(ln.text) or NOTABLE_RE.search(ln.text):
            break
        out.append(ln)
    return out


def media_unread(lines: list[Line]) -> list[Line]:
    """Lines of the media part before its first month and its followers part: no mention is
    read before a month heading, so their text would be lost."""
    out: list[Line] = []
    for ln in _mentions_part(lines):
        if _month_line(ln.text):
            break
        if not ln.blank and not is_page_number(ln.text):
            out.append(ln)
    return out


def media_months(lines: list[Line]) -> list[tuple[int, int]]:
    """(month number, line) of each month heading of the media part, before its followers."""
    return [(m[1], ln.no) for ln in _mentions_part(lines) if (m := _month_line(ln.text))]


def _merge_open_bold(lines: list[Line]) -> list[Line]:
    """A bold outlet wrapped over two lines (`**The Development … Local` / `Governance**`)
    becomes one line."""
    out: list[Line] = []
    for ln in lines:
        if out and out[-1].raw.count("**") % 2 == 1 and not ln.blank:
            prev = out[-1]
            out[-1] = Line(prev.no, f"{prev.raw} {ln.raw.strip()}", f"{prev.text} {ln.text}")
        else:
            out.append(ln)
    return out


def read_media(lines: list[Line]) -> tuple[list[Mention], list[Line]]:
    """Mentions listed by month, and the lines of the followers part (returned separately).

    A mention is an outlet and an item: `**Outlet** – item` or `Outlet: item` on one (bulleted)
    line, or an outlet line followed by its item. Where outlets are bold, every bold line is an
    outlet (bold lines with no blank line between them are one, wrapped); where nothing is bold, outlet and item lines alternate (a blank line closes a
    mention, a line starting in lower case continues the line above)."""
    mentions: list[Mention] = []
    content = _merge_open_bold(_split_run_in_months(lines))
    bold_outlets = any(ln.bold for ln in content)
    one_line = not bold_outlets and _mostly_one_line(content)
    month: tuple[str, int] | None = None
    cur: list = []  # [outlet, item, line] of the open mention
    whole = False  # the open mention was complete on its line: what follows is its wrapped rest

    def close() -> None:
        if cur and month is not None:
            outlet, item, no = cur
            if not item:
                outlet, item = _split_mention(Line(no, outlet, outlet))
            outlet = outlet.strip().rstrip("-–—:").strip()
            item = _LEADING_DASH.sub("", item.strip())  # `– item` set apart from its outlet
            mentions.append(Mention(month[0], month[1], outlet, item, no))
        cur.clear()

    gap = True  # a blank line came before this one
    for i, ln in enumerate(content):
        if ln.blank:
            if not (bold_outlets and cur and not cur[1]):  # a bold outlet waits for its item
                close()
            gap = True
            continue
        follows, gap = not gap, False
        if FOLLOWERS_RE.match(ln.text):
            close()
            return mentions, content[i:]
        if NOTABLE_RE.search(ln.text):
            break
        if _month_line(ln.text):
            close()
            month = _month_line(ln.text)
            continue
        if month is None:
            continue
        bold = re.findall(r"\*\*(.+?)\*\*", ln.raw)
        if ln.is_bullet or (one_line and _MENTION_SEP.search(ln.item)):
            close()
            outlet, item = _split_mention(ln)
            cur[:] = [outlet, item, ln.no]
            whole = True
            continue
        if whole and cur and not bold:
            cur[1] = join_wrapped([cur[1], ln.item])
            continue
        whole = False
        if bold and ln.item != clean_bold(bold):
            close()
            outlet = clean_bold(bold).strip().rstrip("-–—:").strip()
            cur[:] = [outlet, _after(ln.item, outlet), ln.no]
        elif bold and follows and cur and not cur[1]:
            cur[0] = join_wrapped([cur[0], ln.item])  # a bold outlet wrapped over lines
        elif bold or not cur:
            close()
            cur[:] = [ln.item, "", ln.no]
        elif bold_outlets or (cur[1] and ln.text[:1].islower()):
            cur[1] = join_wrapped([cur[1], ln.item])  # the item (or its wrapped rest)
        elif not cur[1] and ln.text[:1].islower():
            cur[0] = join_wrapped([cur[0], ln.item])  # the outlet's wrapped rest
        elif not cur[1]:
            cur[1] = ln.item
        else:
            close()
            cur[:] = [ln.item, "", ln.no]
    close()
    return mentions, []


_LEADING_DASH = re.compile(r"^[–—-]\s+")
_MENTION_SEP = re.compile(r"\s+[–—-]\s+|:\s+")


def _mostly_one_line(lines: list[Line]) -> bool:
    """Whether the mentions are written `Outlet – item`, one per line (most lines say so)."""
    body = [
        ln for ln in lines
        if not ln.blank and not _month_line(ln.text) and not FOLLOWERS_RE.match(ln.text)
        and ln.text[:1].isupper()
    ]  # fmt: skip
    return bool(body) and sum(bool(_MENTION_SEP.search(ln.item)) for ln in body) >= 0.6 * len(body)


def _split_mention(ln: Line) -> tuple[str, str]:
    """`**Outlet** – item`, `Outlet: item` or `Outlet - item` on one line."""
    bold = re.findall(r"\*\*(.+?)\*\*", ln.raw)
    if bold:
        outlet = clean_bold(bold).rstrip("-–—:").strip()
        return outlet, _after(ln.item, outlet)
    text = ln.item
    cuts = [m for m in _MENTION_SEP.finditer(text) if _name_like(text[: m.start()])]
    if not cuts:
        parts = _MENTION_SEP.split(text, maxsplit=1)
        return parts[0].strip(), (parts[1] if len(parts) > 1 else "").strip()
    cut = cuts[-1]  # `UCLG – Local4Action – Metropolis at the UN…`: the outlet is a name
    return text[: cut.start()].strip(), text[cut.end() :].strip()


def _after(item: str, outlet: str) -> str:
    """The item after its outlet and the dash or colon between them; its own last colon
    stays (`Learning from cities:` wrapped before `metropolitan food systems`)."""
    return item[item.find(outlet) + len(outlet) :].lstrip(" -–—:").rstrip()


_NAME_PARTICLES = {"de", "del", "la", "las", "los", "du", "des", "da", "do", "of", "the", "on",
                   "and", "for", "y", "e", "et", "di"}  # fmt: skip


def _name_like(text: str) -> bool:
    """An outlet's name: every word capitalised, an acronym or a particle (`Alcaldía de
    Bogotá`, `UCLG – Local4Action`), unlike an item's sentence (`Learning from cities`)."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return bool(words) and all(not w[0].islower() or w in _NAME_PARTICLES for w in words)


def clean_bold(bold: list[str]) -> str:
    return " ".join(b.strip() for b in bold).strip()


def parse_count(text: str) -> int | None:
    """`24.6K` → 24600, `1,250` → 1250, `1 250` → 1250, `8K` → 8000, `1.2M` → 1200000."""
    m = NUMBER_RE.search(text)
    if not m:
        return None
    num = re.sub(r"[ \u00a0\u202f]", "", m["num"]).rstrip(".,")
    suffix = (m["suffix"] or "").upper()
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


_PAIR_RE = re.compile(
    r"(?P<words>[^\W\d][^\W\d ]*(?: [^\W\d]+)?)\s*[–—:-]?\s*(?P<num>\d[\d.,]*\s*[KkMm]?)(?![\w])"
)


_FIGURE_FIRST_RE = re.compile(
    r"(?P<num>\d[\d.,]*\s*[KkMm]?)\s+(?P<words>[^\W\d][^\W\d ]*(?: [^\W\d]+)?)(?=\s+\d|\s*$)"
)


_FIGURE_ROW_RE = re.compile(r"(?<![\w.,])\d[\d.,]*\s?[KkMm]?(?![\w.,])")


@dataclass
class Followers:
    """The followers part: (platform, followers, figure as printed, line) pairs, and the
    figures or platform names left without their partner (a figure set apart from its name
    that could not be paired: the count is in doubt)."""

    pairs: list[tuple[str, int, str, int]] = field(default_factory=list)
    unpaired: list[tuple[str, int]] = field(default_factory=list)


_LONE_FIGURE = re.compile(r"^\**\s*\d[\d.,]*\s*[KkMm]?\s*\**$")  # `1,250`, `**7.3K**`


def read_followers(lines: list[Line]) -> Followers:
    """Platforms and their follower figures, wherever the figure is set: after the name
    (`Facebook – 8.9K`), before it on one line (`24.6K Twitter 7.3K Facebook`), on the line
    above or below it, or a row of figures over a row of names (paired in order)."""
    out = Followers()
    numbers: list[tuple[str, int]] = []
    platforms: list[tuple[str, int]] = []

    def pair() -> None:
        while numbers and platforms:
            (num, no), (name, _) = numbers.pop(0), platforms.pop(0)
            out.pairs.append((name, parse_count(num) or 0, num, no))

    for k, ln in enumerate(lines):
        if ln.blank:
            continue
        if NOTABLE_RE.search(ln.text):
            # a follower figure set alone among the mentions after this heading was read out
            # of its row of figure cards: it has no platform here (a doubt, not a mention)
            out.unpaired += [(x.text, x.no) for x in lines[k + 1 :] if _LONE_FIGURE.match(x.text)]
            break
        text = ln.text
        if FOLLOWERS_RE.match(text):
            continue
        for regex in (_PAIR_RE, _FIGURE_FIRST_RE):
            pairs = list(regex.finditer(ln.item))
            if len(pairs) >= 2 and not regex.sub("", ln.item).strip(" ,;|·•"):
                for p in pairs:  # `Facebook – 8.9K LinkedIn – 7.6K`, `24.6K Twitter 7.3K …`
                    out.pairs.append((p["words"].strip(" :-–—"), parse_count(p["num"]) or 0,
                                      p["num"].strip(), ln.no))  # fmt: skip
                break
        else:
            figures = _FIGURE_ROW_RE.findall(ln.item)
            if len(figures) >= 2 and not _FIGURE_ROW_RE.sub("", ln.item).strip(" |·•"):
                numbers += [(f.strip(), ln.no) for f in figures]  # a row of figures over names
                pair()
                continue
            names = ln.item.split()
            if len(names) >= 2 and len(names) == len(numbers) and not NUMBER_RE.search(text):
                platforms += [(n, ln.no) for n in names]  # the row of names under the figures
                pair()
                continue
            m = NUMBER_RE.search(text)
            words = re.sub(r"[\d.,:]+\s*[KkMm]?\b", " ", ln.item).strip(" :-–")
            words = " ".join(w for w in words.split() if w.lower() not in _FILLER)
            if m and words and len(words.split()) <= 3:
                out.pairs.append((words, parse_count(m.group(0)) or 0, m.group(0).strip(), ln.no))
            elif m and not words:
                numbers.append((m.group(0).strip(), ln.no))
            elif words and len(words.split()) <= 3:
                platforms.append((words, ln.no))
            pair()
    out.unpaired += numbers + platforms
    return out
