"""Activity rules, each on the lines a person reads."""

import pytest

from helpers.parse.activities import (
    LINE_RULES,
    activity_start,
    classify,
    label_of,
    parse_activities,
)
from helpers.parse.text import read_lines


def _label(text: str):
    return label_of(read_lines(text)[0])


def test_labels_with_values_on_the_same_line_without_colon():
    assert _label("Members Rabat, Tunis") == ("members", "Rabat, Tunis")
    assert _label("Outcomes L1A3D1, L2A2D3") == ("outcomes", "L1A3D1, L2A2D3")
    assert _label("Metropolitan challenges 2.3 Climate resilience") == (
        "challenges", "2.3 Climate resilience")  # fmt: skip
    assert _label("Alliances Global taskforce of Local and Regional governments")[0] == "alliances"
    assert _label("**Members:** Cairo") == ("members", "Cairo")
    assert _label("Members") == ("members", "")


def test_sentences_starting_with_a_label_word_are_prose():
    assert _label("Members of the Board approved the call.") is None
    assert _label("Cities Coalition for Digital Rights") is None  # `cities` needs a colon
    assert _label("Outcomes were discussed at length") is None


def test_date_and_wrapped_title_glued_to_their_neighbours():
    lines = read_lines(
        "17 February\nTHE METROPOLITAN GOVERNANCE IN AFRICA. PEER LEARNING\nFROM LOCAL EXPERIENCES\nIn the last webinar"
    )
    assert activity_start(lines, 0) == (
        "17 February", "THE METROPOLITAN GOVERNANCE IN AFRICA. PEER LEARNING FROM LOCAL EXPERIENCES", 3)  # fmt: skip
    assert activity_start(read_lines("17 February\nthe text goes on"), 0) is None


def test_repeated_subtitle_and_one_word_title_end():
    lines = read_lines(
        "17 March\nMETROTALKS: BRINGING NATURE BACK TO URBAN SPACES\n"
        "BRINGING NATURE BACK TO URBAN SPACES\nDuring this episode\n"
        "4 April\nHIGH-LEVEL POLITICAL FORUM: LOCAL AND REGIONAL GOVERNMENTS\nFORUM\nText."
    )
    acts = parse_activities(lines, 2022).activities
    assert [a.title for a in acts] == [
        "METROTALKS: BRINGING NATURE BACK TO URBAN SPACES",
        "HIGH-LEVEL POLITICAL FORUM: LOCAL AND REGIONAL GOVERNMENTS FORUM"]  # fmt: skip
    assert acts[0].description == "During this episode"


def test_label_values_end_at_prose_and_page_numbers_are_dropped():
    lines = read_lines(
        "3 February\nPAGE BREAKS\nMembers\nSeoul, Tehran,\n10\nCairo\n"
        "The meeting was held online and lasted two hours.\nOutcomes\nL1A2D4"
    )
    act = parse_activities(lines, 2022).activities[0]
    assert [(lv.kind, [ln.text for ln in lv.lines]) for lv in act.labels] == [
        ("members", ["Seoul, Tehran,", "Cairo"]), ("outcomes", ["L1A2D4"])]  # fmt: skip
    assert act.description == "The meeting was held online and lasted two hours."
    assert act.page_numbers == [5]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("", "blank"),
        ("12", "page_number"),
        ("ACTION LINE 2", "action_header"),
        ("L2 Capacities for metropolitan governance", "action_header"),
        ("METROPOLIS IN THE MEDIA", "media_heading"),
        ("15–16 February", "date"),
        ("15 June – UCLG WORLD COUNCIL", "date"),
        ("**Members:** Seoul", "label"),
        ("Outcomes L1A2D4", "label"),
        ("- Seoul", "list_item"),
        ("| Abidjan | Busan |", "list_item"),
        ("Abidjan      Busan      Grand Paris", "list_item"),
        ("The Retreat took place in Kocaeli.", "prose"),
        ("Members of the Board approved the call.", "prose"),
        ("15-16 February 2022 in Kocaeli, Turkey.", "prose"),
    ],
)
def test_every_line_has_one_kind(text, kind):
    assert classify(read_lines(text)[0]) == kind


def test_rules_are_tried_in_order():
    assert [k for k, _ in LINE_RULES] == [
        "blank", "page_number", "action_header", "media_heading", "date", "label", "list_item",
        "prose"]  # fmt: skip


def test_a_bold_label_wrapped_in_a_narrow_cell_is_one_label():
    lines = read_lines(
        "14 March\nCITY LAB\nText of the lab.\n\n**Metropolitan**\n**challenges:**\n2.1 Social resilience\n"
    )
    (act,) = parse_activities(lines, 2022).activities
    assert [(lv.kind, [ln.text for ln in lv.lines]) for lv in act.labels] == [
        ("challenges", ["2.1 Social resilience"])]  # fmt: skip
    assert act.description == "Text of the lab."


def test_a_description_cell_going_on_after_a_page_break_is_not_a_value():
    # a table row split by a page break: the text's cell, then the labels' cell, go on
    lines = read_lines(
        "14 December\nEXECUTIVE COMMITTEE MEETING\nThe Committee met to prepare the 2023\n\n"
        "**Members**\nGuangzhou, Tehran, Berlin,\n\n"  # the page's furniture set aside here
        "General Assembly.\n\nMontevideo, Gauteng\n"
    )
    (act,) = parse_activities(lines, 2022).activities
    assert act.description == "The Committee met to prepare the 2023 General Assembly."
    members = [ln.text for lv in act.labels for ln in lv.lines]
    assert members == ["Guangzhou, Tehran, Berlin,", "Montevideo, Gauteng"]
