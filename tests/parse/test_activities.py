"""Activity rules, each on the lines a person reads."""

from datetime import date

import pytest

from helpers.parse.activities import (
    LINE_RULES,
    Activity,
    LabelValue,
    _action_header,
    _continues,
    _date_start,
    _ends_open_text,
    _inline_values,
    _is_title_line,
    _repeats,
    _title_rest,
    _title_words,
    activity_start,
    classify,
    infer_action_lines,
    join_split_labels,
    label_of,
    only_codes,
    parse_activities,
    read_body,
    split_activities,
    split_trailing_dates,
    value_shaped,
)
from helpers.parse.text import Line, clean, read_lines


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


# --------------------------------------------------------------------------------------------
# The small rules at their edges, each on a line or two written here (docs/mutation.md).


def _line(text: str, no: int = 1):
    return Line(no, text, clean(text))


@pytest.mark.parametrize(
    ("text", "codes"),
    [("L1A3D1, L1A2D1", True), ("l1a2;", True), ("L1A2D4.", True), ("L1A3D1 and more", False),
     ("", False), ("Seoul", False)],
)  # fmt: skip
def test_only_codes(text, codes):
    assert only_codes(text) is codes


@pytest.mark.parametrize(
    ("text", "shaped"),
    [("2.2 Economic resilience", True), ("2.3 million inhabitants", False),
     ("L1A2D4, L1A3D1", True), ("17 February", True), ("Seoul", False)],
)  # fmt: skip
def test_value_shaped(text, shaped):
    assert value_shaped(text) is shaped


@pytest.mark.parametrize(
    ("kind", "rest", "values"),
    [
        ("outcomes", "L1A3D1, L2A2D3", True),
        ("outcomes", "were discussed", False),
        ("outcomes", "Rabat, Tunis", False),  # names are no outcome codes
        ("challenges", "- 2.3 Climate resilience", True),
        ("challenges", "• 2.3 Climate resilience in all of the metropolitan areas", True),
        ("members", "2.3 Climate resilience in the metropolitan areas", False),
        ("members", "Rabat, Amman,", True),  # the list goes on on the next line
        ("members", "Rabat, Amman, ", True),
        ("members", "Rabat, Grand Port Louis Metro Area", True),  # five words
        ("members", "Rabat, Grand Port Louis Metro Area North", False),  # six
        ("challenges", "Climate resilience of vulnerable urban areas", True),  # six words
        ("challenges", "Climate resilience of the most vulnerable areas", False),  # seven
        ("alliances", "Global Taskforce of Local and Regional Governments Network", True),  # eight
        ("alliances", "Global Taskforce of Local and Regional Governments World Network", False),
        ("alliances", "C40, 5G Alliance", True),  # a name may start with a digit
        ("members", "Rabat, the city", False),  # a name starts with a capital
        ("members", "Rabat approved the plan.", False),
        ("members", "Rabat, Tunis. ", False),
        ("members", "Seoul welcomes you!", False),
        ("members", "Who took part?", False),
    ],
)
def test_values_on_a_labels_line(kind, rest, values):
    assert _inline_values(kind, rest) is values


@pytest.mark.parametrize(
    ("text", "title"),
    [("CITY MANAGERS COMMUNITY 2023: KICK-OFF", True), ("THREE WORD TITLE", True),
     ("CITY LAB", False), ("City lab", False), ("Three word title", False),
     ("L1A2D4 OUTCOME LINES", False), ("2.3 CLIMATE RESILIENCE", False),
     ("SEOUL, TEHRAN, RABAT", False)],
)  # fmt: skip
def test_title_words(text, title):
    assert _title_words(text) is title


def test_a_subtitle_repeats_three_words_of_the_title():
    title = "METROTALKS: BRINGING NATURE BACK TO URBAN SPACES"
    assert _repeats("Bringing nature back", title)
    assert not _repeats("NATURE BACK", title) and not _repeats("URBAN SPACES TODAY", title)


@pytest.mark.parametrize(
    ("kind", "prev", "text", "after_blank", "goes_on"),
    [
        ("outcomes", "L1A3D1", "L1A2D4, L1A3D1", False, True),
        ("outcomes", "L1A3D1", "L1A2D4 one two three", False, True),  # three more words
        ("outcomes", "L1A3D1", "L1A2D4 and three more words", False, False),
        ("outcomes", "L1A3D1", "Seoul", False, False),
        ("challenges", "2.3 Climate resilience", "2.1 Social resilience", True, True),
        ("members", "Seoul", "2.5 million people took part.", False, False),
        ("members", "Seoul, Tehran,", "Cairo", True, True),  # left open: on after a blank
        ("members", "Barcelona (", "Cairo", True, False),  # an open bracket is no list
        ("members", "Madrid –", "Cairo", True, False),
        ("members", "Seoul", "- Cairo", True, True),  # after a blank: a bullet only
        ("members", "Seoul", "Cairo", True, False),
        ("members", "Seoul", "- Cairo hosted it.", True, False),
        ("members", "Seoul", "- Cairo hosted it!", True, False),
        ("members", "Seoul", "- Who came?", True, False),
        ("challenges", "1.1 Combating inequalities and", "segregation", False, True),
        ("challenges", "2.3 Climate resilience", "eGovernment and digital rights", False, True),
        ("challenges", "2.3 Climate resilience", "Climate resilience is key for cities.",
         False, False),
        ("challenges", "2.3 Climate resilience", "Social Resilience", False, True),
        ("challenges", "2.3 Climate resilience", "Resilience of the most vulnerable areas today",
         False, False),  # seven words
        ("challenges", "2.3 Climate resilience", "(see above)", False, False),
        ("challenges", "2.3 Climate resilience", "Resilience of vulnerable urban areas today",
         False, True),  # six words
        ("challenges", "2.3 Climate resilience", "Climate resilience matters!", False, False),
        ("challenges", "2.3 Climate resilience", "Is it resilience?", False, False),
        ("members", "Seoul", "Greater Amman Municipality of Jordan, City of Buenos Aires",
         False, True),  # nine words, two names
        ("members", "Seoul", "Seoul, Tehran, Rabat, Cairo, Lima, Quito, Accra", False, True),
        ("members", "Seoul", "Seoul Tehran Rabat Cairo Lima Quito", False, True),  # six words
        ("members", "Seoul", "Seoul Tehran Rabat Cairo Lima Quito Accra", False, False),
        ("members", "Seoul", "The meeting was held online.", False, False),
        ("members", "Seoul", "Participants included:", False, False),
        ("members", "Seoul", "Who came?", False, False),
        ("members", "Seoul", "Welcome!", False, False),
    ],
)  # fmt: skip
def test_a_labels_values_go_on(kind, prev, text, after_blank, goes_on):
    assert _continues(kind, _line(prev), _line(text), after_blank=after_blank) is goes_on


def test_values_go_on_unless_a_blank_line_is_said():
    assert _continues("members", _line("Seoul"), _line("Cairo"))


@pytest.mark.parametrize(
    ("paragraphs", "text", "ends"),
    [
        ([["The Committee met to prepare the 2023"]], "General Assembly.", True),
        ([["The Committee met to prepare the 2023"], []], "General Assembly!", True),
        ([["The Committee met to prepare the 2023"]], "Why?", True),
        ([["It met."]], "General Assembly.", False),
        ([["It met. "]], "General Assembly.", False),
        ([["It met!"]], "General Assembly.", False),
        ([["Did it?"]], "General Assembly.", False),
        ([["Agenda:"]], "General Assembly.", False),
        ([["The Committee met to prepare the 2023"]], "General Assembly", False),
        ([["The Committee met to prepare the 2023"]], "Seoul, Tehran.", False),
        ([["The Committee met to prepare the 2023"]], "- General Assembly.", False),
        ([[]], "General Assembly.", False),
        ([], "General Assembly.", False),
    ],
)
def test_a_description_left_open_ends_on_a_later_line(paragraphs, text, ends):
    assert _ends_open_text(paragraphs, _line(text)) is ends


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("#### Members", ("members", "")),
        ("- Members: Seoul", ("members", "Seoul")),
        ("Participants: Rabat", ("members", "Rabat")),
        ("Partners: UCLG", ("alliances", "UCLG")),
        ("In collaboration with: UN-Habitat", ("alliances", "UN-Habitat")),
        ("Outcome codes: L1A2D4", ("outcomes", "L1A2D4")),
        ("**Metropolitan challenges**: 2.3", ("challenges", "2.3")),
        ("__Alliances:__ UCLG", ("alliances", "UCLG")),
        ("**MEMBER OF METROPOLIS PROGRAMME**", None),  # a bold title's first word
        ("**CITIES: HOW CAN METROPOLISES LEAD?**", None),
        ("members Rabat, Tunis", None),  # an inline label is capitalised
        ("Membership engagement", None),
    ],
)
def test_label_forms(text, label):
    assert _label(text) == label


def test_an_inline_label_only_where_one_may_stand():
    line = read_lines("Members Rabat, Tunis")[0]
    assert label_of(line) == ("members", "Rabat, Tunis")
    assert label_of(line, inline=False) is None
    assert label_of(read_lines("Members: Rabat")[0], inline=False) == ("members", "Rabat")


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("15–16 February", ("15–16 February", "")),
        ("15 June – UCLG WORLD COUNCIL", ("15 June", "UCLG WORLD COUNCIL")),
        ("15 June | CITY LAB", ("15 June", "CITY LAB")),
        ("15 June CITY", None),  # a title has two words or more
        ("15 June in Rabat", None),
        ("The 15 June meeting", None),
    ],
)
def test_a_date_line_with_or_without_its_title(text, start):
    assert _date_start(read_lines(text)[0]) == start


@pytest.mark.parametrize(
    ("text", "title"),
    [("CITY LAB", True), ("AB", False), ("A B C", True), ("MEMBERS", False),
     ("ACTION LINE 2", False), ("L2 CAPACITIES FOR GOVERNANCE", False),
     ("METROPOLIS IN THE MEDIA", False), ("15 JUNE", False), ("City lab", False)],
)  # fmt: skip
def test_a_title_line(text, title):
    assert _is_title_line(read_lines(text)[0]) is title


@pytest.mark.parametrize(
    ("text", "rest"),
    [("#3", True), ("2022", True), ("FORUM", True), ("12", False), ("Two words", False),
     ("THREE WORDS HERE", False), ("L1A2D4", False), ("17 MARCH", False), ("", False)],
)  # fmt: skip
def test_the_short_end_of_a_title(text, rest):
    assert _title_rest(read_lines(text)[0]) is rest


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("17 February\n\nCITY LAB\nText", ("17 February", "CITY LAB", 3)),
        ("17 March\nMETROTALKS\n#3\nText", ("17 March", "METROTALKS #3", 3)),
        ("17 March\n# THE FIRST PART\n\n# OF THE TITLE\nText",
         ("17 March", "THE FIRST PART OF THE TITLE", 4)),
        ("17 March\nTHE FIRST PART\n\nOF THE TITLE", ("17 March", "THE FIRST PART", 2)),
        ("17 March\n# THE FIRST PART\n\nText", ("17 March", "THE FIRST PART", 2)),
        ("21 June – CITY LAB\nCITY LAB", ("21 June", "CITY LAB", 1)),
        ("17 February", None),
        ("17 February\n\n", None),
        ("Text\nCITY LAB", None),
    ],
)  # fmt: skip
def test_where_an_activity_starts_and_how_many_lines_it_takes(text, start):
    assert activity_start(read_lines(text), 0) == start


def test_an_activity_start_further_down_the_lines():
    lines = read_lines("Text\n\n17 February\nCITY LAB\nMore")
    assert activity_start(lines, 2) == ("17 February", "CITY LAB", 2)


@pytest.mark.parametrize(
    ("text", "header"),
    [
        ("ACTION LINE 2: Capacities", (2, "Capacities")),
        ("ACTION LINE 2", (2, "")),
        ("Action line 3 – Knowledge", (3, "Knowledge")),
        ("ACTION LINE 1 " + " ".join(["word"] * 11), (1, " ".join(["word"] * 11))),  # 14 words
        ("ACTION LINE 1 " + " ".join(["word"] * 12), None),
        (
            "L2 Capacities for metropolitan governance",
            (2, "L2 Capacities for metropolitan governance"),
        ),
        ("L2 Capacities for governance.", None),
        ("L2 " + " ".join(["Word"] * 13), (2, "L2 " + " ".join(["Word"] * 13))),  # 14 words
        ("L2 " + " ".join(["Word"] * 14), None),
        ("L2A1D3 Learning", None),
    ],
)
def test_action_line_headers(text, header):
    assert _action_header(read_lines(text)[0]) == header


def test_the_section_split_into_activities_headers_media_and_stray_lines():
    lines = read_lines(
        "ACTION LINE 1\n"  # 1
        "L1 Strengthen global leadership\n"  # 2: the same header's title
        "17 February\nCITY LAB ONE\nText one.\n"  # 3-5
        "ACTION LINE 1\n"  # 6: a page header repeating it
        "More text.\n"  # 7
        "METROPOLIS IN THE MEDIA\nMarch\nEl País – x\n"  # 8-10
        "ACTION LINE 2: Capacities\n"  # 11
        "Stray line before any activity.\n"  # 12
        "2 March\nCITY LAB TWO"  # 13-14
    )
    s = split_activities(lines)
    assert [(a.line, a.title, a.header_line, [b.no for b in a.body]) for a in s.activities] == [
        (3, "CITY LAB ONE", 1, [5, 7]), (13, "CITY LAB TWO", 2, [])]  # fmt: skip
    assert [(h.number, h.line, h.title) for h in s.headers] == [
        (1, 1, "L1 Strengthen global leadership"), (2, 11, "Capacities")]  # fmt: skip
    assert [ln.no for ln in s.media_lines] == [9, 10]
    assert [ln.no for ln in s.stray_lines] == [12]
    assert s.repeated_headers == [6]


def test_the_media_heading_wrapped_in_a_narrow_column_opens_the_media():
    s = split_activities(read_lines(
        "17 February\nCITY LAB ONE\nText one.\n"  # 1-3
        "**METROPOLIS IN**\n**THE MEDIA**\nMarch\nEl País – x"  # 4-7
    ))  # fmt: skip
    assert [(a.title, [b.no for b in a.body]) for a in s.activities] == [("CITY LAB ONE", [3])]
    assert [ln.no for ln in s.media_lines] == [6, 7]
    # two lines that are not both capitals are no heading: the activity's text goes on
    s = split_activities(read_lines("17 February\nCITY LAB ONE\nMetropolis in\nTHE MEDIA"))
    assert s.media_lines == [] and [b.no for b in s.activities[0].body] == [3, 4]


def test_a_header_named_again_far_below_is_one_header_unless_it_brings_a_line_title():
    gap = "\n" * 13
    s = split_activities(read_lines(f"ACTION LINE 1{gap}ACTION LINE 1"))
    assert [(h.number, h.line) for h in s.headers] == [(1, 1)]
    s = split_activities(read_lines(f"ACTION LINE 1{gap}L1 Global leadership"))  # line 14
    assert [(h.number, h.line, h.title) for h in s.headers] == [
        (1, 1, ""), (1, 14, "L1 Global leadership")]  # fmt: skip
    s = split_activities(read_lines("ACTION LINE 1" + "\n" * 12 + "L1 Global leadership"))
    assert [(h.number, h.line, h.title) for h in s.headers] == [(1, 1, "L1 Global leadership")]
    s = split_activities(read_lines("ACTION LINE 1: Leadership\nL1 Global leadership"))
    assert [(h.number, h.title) for h in s.headers] == [(1, "Leadership")]


def test_an_activitys_body_read_into_labels_description_and_doubts():
    body = read_lines(
        "NATURE CITY LAB\n"  # 1: a subtitle repeating the title
        "The lab met in Seoul.\n"  # 2
        "2.2 Economic resilience\n"  # 3: a value outside its label
        "\n"  # 4
        "**CITY MANAGERS COMMUNITY 2023: KICK-OFF**\n"  # 5: set like a title
        "7\n"  # 6: a page number
        "Members:\n"  # 7
        "Seoul, Tehran,\n"  # 8
        "\n"  # 9
        "Cairo\n"  # 10: the list left open goes on
        "Outcomes L1A2D4\n"  # 11
        "L2A2D3\n"  # 12
        "Alliances:\n"  # 13
        "Members Alliance, UCLG\n"  # 14: the awaited value, not a label
        "The event closed the year.\n"  # 15
    )
    act = Activity(1, "17 March", None, None, "URBAN NATURE CITY LAB", body=body)
    read_body(act)
    assert [(lv.kind, lv.line, [ln.no for ln in lv.lines]) for lv in act.labels] == [
        ("members", 7, [8, 10]), ("outcomes", 11, [11, 12]), ("alliances", 13, [14])]  # fmt: skip
    assert [ln.text for ln in act.labels[1].lines] == ["L1A2D4", "L2A2D3"]
    assert act.description == (
        "The lab met in Seoul. 2.2 Economic resilience\n\n"
        "CITY MANAGERS COMMUNITY 2023: KICK-OFF\n\nThe event closed the year."
    )
    assert [ln.no for ln in act.unread] == [3]
    assert [ln.no for ln in act.titles] == [5]
    assert act.page_numbers == [6]


def test_a_date_glued_to_the_line_above_goes_back_on_its_own_line():
    lines = read_lines("Members: Seoul, UCLG CCRE / CEMR 21 March\n\nCITY LAB TWO\nText")
    out = split_trailing_dates(lines)
    assert [(ln.no, ln.raw, ln.text) for ln in out[:2]] == [
        (1, "Members: Seoul, UCLG CCRE / CEMR", "Members: Seoul, UCLG CCRE / CEMR"),
        (1, "21 March", "21 March")]  # fmt: skip
    assert [ln.no for ln in out] == [1, 1, 2, 3, 4]
    for text in ("The meeting on 21 March\nwas online", "21 March\nCITY LAB", "Seoul 21 March"):
        assert split_trailing_dates(read_lines(text)) == read_lines(text)


def test_bold_label_pieces_join_only_into_a_label():
    out = join_split_labels(read_lines("x\n**Metropolitan**\n**challenges:**"))
    assert [(ln.no, ln.raw, ln.text) for ln in out] == [
        (1, "x", "x"), (2, "**Metropolitan challenges:**", "Metropolitan challenges:")]  # fmt: skip
    for text in ("**Members:**\n**Seoul**", "**CITY**\n**LAB**", "Metropolitan\n**challenges:**"):
        assert join_split_labels(read_lines(text)) == read_lines(text)


def test_a_date_that_cannot_be_read_is_kept_with_its_reason():
    (act,) = parse_activities(read_lines("31 February\nCITY LAB\nText."), 2022).activities
    assert act.span is None and act.date_error == "day is out of range for month"
    (act,) = parse_activities(read_lines("3 March\nCITY LAB\nText."), 2023).activities
    assert (act.span.start, act.span.end, act.date_error) == (date(2023, 3, 3),) * 2 + (None,)


def _act(outcomes: str = "", challenges: str = "") -> Activity:
    act = Activity(1, "3 March", None, None, "CITY LAB")
    for kind, text in (("outcomes", outcomes), ("challenges", challenges)):
        if text:
            act.labels.append(LabelValue(kind, 10, read_lines(text)))
    return act


def test_outcome_codes_upper_case_once_each_with_their_line():
    assert _act(outcomes="L1a2d4, L1A2D4\nL2A2D3 and L1A2D4").outcome_codes() == [
        ("L1A2D4", 1), ("L2A2D3", 2)]  # fmt: skip


def test_challenge_codes_by_number_else_by_the_listings_titles():
    by_title = {"climate resilience": "2.3", "social resilience": "2.1"}
    act = _act(challenges="2.3 Climate resilience, 02.01\n- Social resilience, Climate resilience")
    assert act.challenge_codes(by_title) == [("2.3", 1), ("2.1", 1)]
    act = _act(challenges="Social resilience, Climate resilience")
    assert act.challenge_codes(by_title) == [("2.1", 1), ("2.3", 1)]
    act = _act(challenges="Climate resilience Social resilience")  # titles run together
    assert act.challenge_codes(by_title) == [("2.3", 1), ("2.1", 1)]
    assert act.challenge_codes({}) == [] and act.challenge_codes() == []
    assert _act(challenges="Economic resilience").challenge_codes(by_title) == []


def test_action_lines_inferred_from_codes_and_restarting_dates():
    jan10, jan5, feb1 = date(2022, 1, 10), date(2022, 1, 5), date(2022, 2, 1)
    codes = [["L1A2D4"], ["L1A1D1"], ["L2A2D3"], ["L2A1D1"]]
    assert infer_action_lines(codes, [jan10] * 4, [1, 2]) == [1, 1, 2, 2]
    # the codeless second activity goes with the run its date belongs to
    gap = [["L1A2D4"], [], ["L2A2D3"]]
    assert infer_action_lines(gap, [jan10, jan5, feb1], [1, 2]) == [1, 2, 2]
    assert infer_action_lines(gap, [jan10, feb1, jan5], [1, 2]) == [1, 1, 2]
    assert infer_action_lines(gap, [None, jan5, None], [1, 2]) == [1, 1, 2]
    assert infer_action_lines([["L1A1D1"], ["L3A1D1"]], [None, None], [1, 2, 3]) == [1, 3]
    assert infer_action_lines([["L2"]], [None], [1, 2]) == [2]  # a bare line code
    assert infer_action_lines([[]], [None], [1, 2]) == [1]  # a tie: the first line
    # the runs never go back to an earlier line: one code disagrees either way, and the
    # earlier line wins the near-tie
    assert infer_action_lines([["L2A1D1"], ["L1A1D1"]], [None, None], [1, 2]) == [1, 1]
    assert infer_action_lines([], [], [1, 2]) == []
    assert infer_action_lines([["L1A1D1"]], [None], []) == [None]
