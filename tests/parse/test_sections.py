"""Sections found from lines, wherever the headings sit."""

import pytest

from helpers.parse.sections import SUBS, find_sections, heading_at, is_top_heading
from helpers.parse.text import read_lines


def _layout(text: str):
    return find_sections(read_lines(text))


def test_heading_glued_to_the_line_above():
    layout = _layout("ACTIVITIES\nsome text about the association\nWHO WE ARE\nAFRICA\n- Abidjan")
    assert [(s.top, s.sub) for s in layout.segments[1:]] == [
        ("ACTIVITIES", None), ("WHO WE ARE", None), ("WHO WE ARE", "AFRICA")]  # fmt: skip


def test_headings_wrapped_over_lines_and_marked():
    layout = _layout(
        "# WHO WE ARE\nEUROPE\nNORTH\nAMERICA\nLATIN AMERICA\nAND THE\nCARIBBEAN\n- Quito"
    )
    assert [s.sub for s in layout.top("WHO WE ARE")] == [
        None, "EUROPE", "NORTH AMERICA", "LATIN AMERICA AND THE CARIBBEAN"]  # fmt: skip
    assert [ln.text for ln in layout.segments[-1].content] == ["- Quito"]


def test_secretariat_general_among_focal_points_is_a_role():
    text = (
        "WHO WE ARE\nAFRICA\n- Abidjan\nFocal Points\nSECRETARIAT GENERAL\nTeresa Oliver\n"
        "Members of the Board of Directors\nMEMBER\nAsmaa Rhlalou\nMayor of Rabat\n"
        "SECRETARIAT GENERAL\nJordi Vaquer"
    )
    layout = _layout(text)
    assert [s.sub for s in layout.top("WHO WE ARE")] == [None, "AFRICA", "SECRETARIAT GENERAL"]
    assert "Teresa Oliver" in [ln.text for ln in layout.sub("WHO WE ARE", "AFRICA")[0].lines]


def test_a_report_pasted_twice_is_set_aside_and_reported():
    once = "NOTE FROM THE SECRETARY GENERAL\nHello\nACTIVITIES\nx\nWHO WE ARE\nAFRICA\n- Abidjan\n"
    layout = _layout(once + once)
    assert layout.repeated == [8]
    assert [s.sub for s in layout.top("WHO WE ARE")] == [None, "AFRICA"]


def test_same_heading_again_is_a_page_header():
    layout = _layout("ACTIVITIES\na\nACTIVITIES\nb")
    assert layout.page_headers == [3] and layout.repeated == []


# --------------------------------------------------------------------------------------------
# Each rule at its edges, on a few lines written here (docs/mutation.md).


def _tops(layout):
    return [(s.top, s.sub, s.line, [ln.no for ln in s.lines]) for s in layout.segments]


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("LATIN\nAMERICA AND\nTHE\nCARIBBEAN\n- Quito", ("LATIN AMERICA AND THE CARIBBEAN", 4)),
        ("LATIN\nAMERICA\nAND\nTHE\nCARIBBEAN", ("LATIN AMERICA", 2)),  # four lines at most
        ("LATIN\n\nAMERICA", None),  # a blank line ends a heading
        ("Latin America\nand the Caribbean", ("LATIN AMERICA", 1)),  # wrapped: capitals only
        ("North\nAMERICA", None),  # every line of a wrapped heading in capitals, the first too
        ("NORTH\nAmerica", None),
        ("NORTH AMERICA", ("NORTH AMERICA", 1)),
        ("North America", ("NORTH AMERICA", 1)),
        ("ASIA-PACIFIC", ("ASIA PACIFIC", 1)),
        ("EUROPEAN CITIES", None),
    ],
)
def test_a_heading_of_one_to_four_lines(text, hit):
    subs = SUBS["WHO WE ARE"]
    assert heading_at(read_lines(text), 0, subs, need_upper=False) == hit
    assert heading_at(read_lines(text), 0, subs, need_upper=True) == hit


def test_a_heading_further_down():
    lines = read_lines("- Quito\nNORTH\nAMERICA\n- Toronto")
    assert heading_at(lines, 1, SUBS["WHO WE ARE"], need_upper=False) == ("NORTH AMERICA", 2)
    assert heading_at(lines, 0, SUBS["WHO WE ARE"], need_upper=False) is None


@pytest.mark.parametrize(
    ("text", "heading"),
    [("WHO WE ARE", True), ("Main results", True), ("AFRICA", True), ("Who we are.", True),
     ("Something", False), ("AFRICAN CITIES", False)],
)  # fmt: skip
def test_a_line_that_is_a_heading_by_itself(text, heading):
    assert is_top_heading(read_lines(text)[0]) is heading


def test_title_case_headings_in_order_and_a_word_of_an_earlier_one_is_text():
    layout = _layout("intro\nActivities\nx\n\nProgress\nActivities\nMain results\ny\nWho we are")
    assert _tops(layout) == [
        (None, None, 1, [1]),
        ("ACTIVITIES", None, 2, [3, 4]),
        ("PROGRESS", None, 5, [6]),  # `Activities` again, in title case: a word of the text
        ("PROGRESS", "MAIN RESULTS", 7, [8]),
        ("WHO WE ARE", None, 9, []),
    ]
    assert layout.found("PROGRESS") and not layout.found("ACTIVE LISTENING")
    assert [ln.no for ln in layout.lines("PROGRESS")] == [6, 8]
    assert [ln.no for ln in layout.lines("PROGRESS", "MAIN RESULTS")] == [8]
    assert [ln.no for ln in layout.segments[1].content] == [3]


def test_an_earlier_heading_in_capitals_or_marked_sets_the_rest_aside():
    for again in ("ACTIVITIES", "# Activities"):
        layout = _layout(f"ACTIVITIES\nx\nWHO WE ARE\n{again}\nAFRICA\n- Abidjan")
        assert layout.repeated == [4]
        assert _tops(layout)[-1] == ("REPEATED", None, 4, [5, 6])
        assert not layout.sub("WHO WE ARE", "AFRICA")


def test_a_sub_heading_counts_under_its_own_top_heading_only():
    layout = _layout("ACTIVITIES\nMAIN RESULTS\nPROGRESS\nMAIN RESULTS\nSTRATEGIC ACTION PLAN")
    assert [(s.top, s.sub) for s in layout.segments[1:]] == [
        ("ACTIVITIES", None), ("PROGRESS", None), ("PROGRESS", "MAIN RESULTS"),
        ("PROGRESS", "STRATEGIC ACTION PLAN")]  # fmt: skip
    assert [ln.text for ln in layout.lines("ACTIVITIES")] == ["MAIN RESULTS"]


def test_focal_points_end_at_the_board_or_the_next_region():
    text = (
        "WHO WE ARE\nAFRICA\n- Abidjan\nFocal point\nSECRETARIAT GENERAL\n"  # 1-5: a role
        "EUROPE\n- Berlin\nSECRETARIAT GENERAL\nJordi Vaquer"  # 6-9: a heading again
    )
    layout = _layout(text)
    assert [(s.sub, s.line) for s in layout.top("WHO WE ARE")] == [
        (None, 1), ("AFRICA", 2), ("EUROPE", 6), ("SECRETARIAT GENERAL", 8)]  # fmt: skip
    text = "WHO WE ARE\nAFRICA\nFocal Points\nBoard of Directors\nSECRETARIAT GENERAL\nJordi"
    assert [s.sub for s in _layout(text).top("WHO WE ARE")] == [
        None, "AFRICA", "SECRETARIAT GENERAL"]  # fmt: skip


def test_lines_set_aside_as_furniture_are_left_out():
    lines = read_lines("ACTIVITIES\n7\nx\nACTIVITIES PAGE 8\ny")
    layout = find_sections(lines, {1, 3})
    assert [ln.no for ln in layout.lines("ACTIVITIES")] == [3, 5]
    assert find_sections(lines).lines("ACTIVITIES")[0].no == 2
