"""One small whole report read into its records, each value with the line it came from
(helpers.parse.report.read_report): every section reaches its reader, furniture set aside."""

from __future__ import annotations

from helpers.parse.report import read_report

TEXT = """METROPOLIS PROGRESS REPORT
January —> April 2022

ACTIVITIES
17 February
CITY LAB
Text.
Members: Seoul
METROPOLIS IN THE MEDIA
March
El País – Barcelona hosts
Followers on social media
Twitter 24.6K
ACTIVE LISTENING
MEMBERSHIP ENGAGEMENT
Seoul, Tehran
BILATERAL MEETINGS
Online
Rabat
9
PROGRESS
METROPOLITAN CHALLENGES
2.3 Climate resilience
STRATEGIC ACTION PLAN
L1A2D4 Support leaders
WHO WE ARE
AFRICA
Intro
- Rabat
Members of the Board of Directors
MEMBER
Asmaa Rhlalou
Mayor of Rabat
ASIA-PACIFIC
- Seoul
January —> April 2022
- Tehran"""


def test_every_section_reaches_its_reader_with_its_lines():
    rec = read_report(TEXT, 2022)
    # the cover's period again (a running header) and a page number above a heading
    assert [(f.line, f.kind, f.text) for f in rec.furniture] == [
        (20, "page_number", "9"), (36, "running_header", "January —> April 2022")]  # fmt: skip
    assert [(a.line, a.title, a.span.start.isoformat()) for a in rec.activities.activities] == [
        (5, "CITY LAB", "2022-02-17")]  # fmt: skip
    assert [(m.month, m.outlet, m.item, m.line) for m in rec.mentions] == [
        ("March", "El País", "Barcelona hosts", 11)]  # fmt: skip
    assert rec.followers.pairs == [("Twitter", 24600, "24.6K", 13)]
    assert rec.engagement == [("Seoul", 16), ("Tehran", 16)]
    assert rec.bilateral == [("Rabat", 19, "Online")]
    assert [(p.code, p.title, p.line) for p in rec.plan] == [("L1A2D4", "Support leaders", 25)]
    assert [(p.code, p.title, p.line) for p in rec.challenges] == [
        ("2.3", "Climate resilience", 23)]  # fmt: skip
    assert rec.roster == [("Africa", "Rabat", 29), ("Asia-Pacific", "Seoul", 35),
                          ("Asia-Pacific", "Tehran", 37)]  # fmt: skip
    assert [ln.no for ln in rec.roster_unread] == [28]  # Africa's, though Asia-Pacific has none
    assert [(region, e.name, e.role, e.position, e.line) for region, e in rec.board] == [
        ("Africa", "Asmaa Rhlalou", "MEMBER", "Mayor of Rabat", 32)]  # fmt: skip
    assert [ln.no for ln in rec.lines][-1] == 37 and rec.nearby == {}
    assert rec.layout.found("WHO WE ARE")


def test_lines_holding_several_bulleted_items_are_read_apart():
    rec = read_report("WHO WE ARE\nAFRICA\n• Abidjan • Accra • Cairo", 2022)
    assert rec.roster == [("Africa", "Abidjan", 3), ("Africa", "Accra", 3), ("Africa", "Cairo", 3)]


def test_the_year_dates_the_activities():
    rec = read_report("ACTIVITIES\n17 February\nCITY LAB\nText.", 2023)
    assert rec.activities.activities[0].span.start.isoformat() == "2023-02-17"
