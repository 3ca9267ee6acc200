"""Sections found from lines, wherever the headings sit."""

from helpers.parse.sections import find_sections
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
