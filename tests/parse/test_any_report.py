"""Property tests: arbitrary text only ever fails with the documented error, and a report
generated from known content, in any of the supported layouts, is read back to that content."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.errors import UserError
from helpers.ingest import parse_report
from helpers.parse.text import clean, normalise_text
from tests.conftest import mini_report

MEMBERS = [
    "Abidjan",
    "Cairo",
    "Johannesburg",
    "Rabat",
    "Seoul",
    "Kathmandu",
    "Tehran",
    "Barcelona (city)",
    "Barcelona (metropolitan area)",
    "Brussels",
    "Greater Paris",
    "Mexico City",
    "Montréal",
]  # fmt: skip  (the roster of tests.conftest.mini_report)
OUTCOMES = ["L1A2D4", "L2A2D3"]
CHALLENGES = {"1.1": "Combating inequalities and segregation", "2.3": "Climate resilience"}
WORDS = ["FORUM", "WEBINAR", "SUMMIT", "CAMPAIGN", "URBAN", "CLIMATE", "GOVERNANCE", "LEARNING",
         "DIALOGUE", "HOUSING", "PUBLIC", "SPACE", "WORKSHOP", "RESILIENT", "FUTURE"]  # fmt: skip
MONTHS = ["January", "February", "March", "April"]
PROSE = ["The meeting brought together officials from several member cities.",
         "Participants shared their experience and agreed on next steps."]  # fmt: skip


# Lines an activity section may hold: the words, names, codes, labels and dates of a report
# and stray text, so that most generated reports pass the section guards and reach every rule.
PIECES = [*WORDS, *MEMBERS, *OUTCOMES, *CHALLENGES, *MONTHS, "Members:", "Outcomes:", "Alliances:",
          "Metropolitan challenges:", "UCLG", "•", "-", ",", "10", "28", "2022", "**",
          "ACTION LINE 1", "L1 Governance"]  # fmt: skip
LINE = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=8).map(" ".join)
BLOCK = st.tuples(
    st.integers(1, 28),
    st.sampled_from(MONTHS),
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=5).map(" ".join),
    st.lists(LINE, max_size=6),
).map(lambda b: "\n".join([f"{b[0]} {b[1]}", b[2], *b[3]]))  # a date, a title, any lines
SECTION = st.lists(st.one_of(BLOCK, LINE), min_size=1, max_size=6).map("\n".join)


def _in(word: str, text: str) -> bool:
    """`word` is in the text, as written or as the parser reads its lines (markdown marks and
    escapes taken out: `clean`), or with a word broken at a line end mended."""
    cleaned = "\n".join(clean(line) for line in text.split("\n"))
    return any(word in t or word in t.replace("-\n", "") for t in (text, cleaned))


@pytest.mark.slow  # 100 reports read
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), SECTION.map(mini_report)))
def test_any_text(text):
    """Any text is either refused with one line, or read into rows that all come from it:
    every line number points into the text, and every title, name and code read is in it."""
    try:
        tables = parse_report(text, "2022-T1")
    except UserError as exc:
        assert "\n" not in str(exc).strip()
        return
    text = normalise_text(text)  # as the parser reads it (control characters taken out)
    lines = max(len(text.splitlines()), text.count("\n") + 1)
    for name, df in tables.items():
        if "source_line" in df:
            assert df["source_line"].between(0, lines).all(), name
    read = [*tables["activities"]["title"], *tables["participation"]["name_raw"],
            *tables["activity_outcomes"]["code"], *tables["activity_challenges"]["code"]]  # fmt: skip
    for value in read:
        assert all(_in(word, text) for word in str(value).split()), value


activity = st.fixed_dictionaries(
    {
        "day": st.integers(1, 27),
        "span": st.booleans(),
        "month": st.integers(1, 4),
        "title": st.lists(st.sampled_from(WORDS), min_size=2, max_size=6).map(" ".join),
        "prose": st.lists(st.sampled_from(PROSE), max_size=2),
        "members": st.lists(st.sampled_from(MEMBERS), min_size=1, max_size=5, unique=True),
        "outcomes": st.lists(st.sampled_from(OUTCOMES), min_size=1, max_size=2, unique=True),
        "challenges": st.lists(st.sampled_from(sorted(CHALLENGES)), max_size=2, unique=True),
    }
)
layout = st.fixed_dictionaries(
    {
        "blank": st.booleans(),  # blank lines between blocks, or none at all
        "labels": st.sampled_from(["plain", "bold", "inline"]),
        "bullets": st.booleans(),  # members as bullets or as a comma list
        "footers": st.sampled_from([0, 2, 3]),  # running footers inserted between lines
        "seed": st.integers(0, 10_000),
    }
)


def _label(name: str, values: list[str], style: str, bullets: bool) -> list[str]:
    if style == "inline" and not bullets:
        return [f"{name} {', '.join(values)}"]
    head = f"**{name}:**" if style == "bold" else name
    if bullets:
        return [head, *[f"- {v}" for v in values]]
    return [head, ", ".join(values)]


def render(acts: list[dict], lay: dict) -> str:
    lines: list[str] = []
    for a in acts:
        when = f"{a['day']}–{a['day'] + 1} {MONTHS[a['month'] - 1]}" if a["span"] else (
            f"{a['day']} {MONTHS[a['month'] - 1]}")  # fmt: skip
        block = [[when], [a["title"]], *[[p] for p in a["prose"]]]
        block.append(_label("Members", a["members"], lay["labels"], lay["bullets"]))
        block.append(_label("Outcomes", a["outcomes"], lay["labels"], False))
        if a["challenges"]:
            titled = [f"{c} {CHALLENGES[c]}" for c in a["challenges"]]
            block.append(_label("Metropolitan challenges", titled, lay["labels"], False))
        for part in block:
            lines += part
            if lay["blank"]:
                lines.append("")
    n = len(lines)
    places = sorted({(lay["seed"] + k * 7919) % (n + 1) for k in range(lay["footers"])})
    for k, at in enumerate(reversed(places)):  # pages numbered in reading order
        lines.insert(at, f"Metropolis Progress Report · {len(places) - k + 1}")
    return "\n".join(lines)


@pytest.mark.slow  # 120 generated reports, each read in every layout
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(activity, min_size=1, max_size=6), layout)
def test_generated_reports_are_read_back_in_every_layout(acts, lay):
    t = parse_report(mini_report(render(acts, lay)), "2022-T1")
    got = t["activities"]
    assert got["title"].tolist() == [a["title"] for a in acts]
    assert [d.date() for d in got["start_date"]] == [
        date(2022, a["month"], a["day"]) for a in acts]  # fmt: skip
    part, outs, chals = t["participation"], t["activity_outcomes"], t["activity_challenges"]
    for aid, a in zip(got["activity_id"], acts, strict=True):  # rows by mask: .query is slow
        assert part["member"][part["activity_id"] == aid].tolist() == a["members"]
        assert outs["code"][outs["activity_id"] == aid].tolist() == a["outcomes"]
        assert chals["code"][chals["activity_id"] == aid].tolist() == a["challenges"]
    assert (t["quality"]["kind"] != "schema").all()
