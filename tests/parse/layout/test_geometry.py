"""Each geometry rule of the layout reader on tiny made-up pages (words placed by hand)."""

from __future__ import annotations

from helpers.parse.layout import layout_text
from helpers.parse.layout.boxes import Rect
from helpers.parse.layout.compare import lost_words
from helpers.parse.layout.furniture import find_furniture
from helpers.parse.layout.glyphs import Page, Word
from helpers.parse.layout.order import _may_start_date, badges_first, columns, merges, reading_order
from helpers.parse.layout.spans import Span, page_spans, rows, split_row
from helpers.parse.layout.write import block_lines

EM = 10.0
EDGE = 545.0  # the text's right edge on these A4 pages (layout_text takes the report's)


def line(text: str, x: float, top: float, *, size: float = 10.0, bold: bool = False) -> list[Word]:
    """The words of `text` set from x on one baseline (6 pt per character, 3 pt spaces)."""
    out, cx = [], x
    for w in text.split():
        out.append(Word(w, cx, top, cx + 6 * len(w), top + size, size, bold))
        cx += 6 * len(w) + 3
    return out


def text_of(words: list[Word]) -> list[str]:
    spans = badges_first(page_spans(words))
    return [ln for ln in block_lines(reading_order(spans, EM, EDGE), EM) if ln]


def test_a_wide_gap_separates_two_spans_a_space_does_not():
    row = rows(line("Abidjan", 50, 100) + line("Busan Grand", 200, 100))[0]
    assert [s.text for s in split_row(row)] == ["Abidjan", "Busan Grand"]


def test_two_columns_are_read_column_by_column_whatever_the_stored_order():
    # short lines in columns 250 pt wide: none of them wraps into the next
    left = [w for i in range(4) for w in line(f"the left column line {i}", 50, 100 + 14 * i)]
    right = [w for i in range(4) for w in line(f"the right column line {i}", 320, 100 + 14 * i)]
    left += line("a left-hand line as wide as the column", 50, 156)
    right += line("a right-hand line as wide as the column", 320, 156)
    got = text_of(right + left)
    assert got == [f"the left column line {i}" for i in range(4)] + [
        "a left-hand line as wide as the column"] + [
        f"the right column line {i}" for i in range(4)] + [
        "a right-hand line as wide as the column"]  # fmt: skip


def test_a_heading_above_two_columns_comes_first_even_when_stored_last():
    body = [w for i in range(3) for w in line(f"left {i} text", 50, 130 + 14 * i)]
    body += [w for i in range(3) for w in line(f"right {i} text", 320, 130 + 14 * i)]
    heading = line("ACTIVITIES", 50, 100, size=20, bold=True)
    assert text_of(body + heading)[0] == "**ACTIVITIES**"


def test_a_date_badge_right_of_a_title_is_read_before_it():
    words = line("UCLG-MEWA RETREAT", 50, 100, bold=True) + line("15–16 February", 400, 101)
    words += line("The retreat took place in Kocaeli.", 50, 120)
    assert text_of(words)[:2] == ["15–16 February", "**UCLG-MEWA RETREAT**"]


def test_a_key_column_is_read_row_by_row():
    words = []
    for i, (code, title) in enumerate([("L1A1D1", "Policy recommendations on issues"),
                                       ("L1A1D2", "Policy debates to inform positions")]):  # fmt: skip
        words += line(code, 50, 100 + 20 * i) + line(title, 150, 100 + 20 * i)
    assert text_of(words) == [
        "L1A1D1 Policy recommendations on issues",
        "L1A1D2 Policy debates to inform positions",
    ]


def test_a_grid_is_read_cell_by_cell_and_a_name_wrapped_in_its_cell_is_joined():
    # columns 60 pt apart: `Santiago de` does not fit its cell, `de Chile` wraps under it
    words = line("Abidjan", 50, 100) + line("Santiago", 110, 100) + line("Busan", 170, 100)
    words += line("de Chile", 110, 111)
    words += line("Cairo", 50, 130) + line("Dakar", 110, 130) + line("Tunis", 170, 130)
    assert text_of(words) == ["Abidjan", "Santiago de Chile", "Busan", "Cairo", "Dakar", "Tunis"]


def test_a_side_column_comes_off_before_the_table_beside_it():
    words = []
    for i, names in enumerate([("Amman", "Bangkok", "Beijing"), ("Busan", "Chengdu", "Colombo")]):
        for k, name in enumerate(names):
            words += line(name, 50 + 80 * k, 100 + 16 * i)
    words += line("Focal Points", 420, 100, bold=True) + line("Teresa Oliver", 420, 116)
    got = text_of(words)
    assert got[-2:] == ["**Focal Points**", "Teresa Oliver"]
    assert sorted(got[:-2]) == ["Amman", "Bangkok", "Beijing", "Busan", "Chengdu", "Colombo"]


def _page(n: int, words: list[Word]) -> Page:
    return Page(n, 595.0, 842.0, words)


def test_furniture_is_what_comes_back_in_the_same_band_of_the_pages():
    pages = []
    for n in range(1, 5):
        words = line(f"metropolis.org {n}", 50, 810) + line(f"Body text of page {n}", 50, 300)
        words += line("Mentioned once near the top", 50, 40) if n == 2 else []
        pages.append(_page(n, words))
    spans = [(p, page_spans(p.words)) for p in pages]
    found = find_furniture(spans)
    marked = {s.text for _, ss in spans for s in ss if id(s) in found}
    assert marked == {f"metropolis.org {n}" for n in range(1, 5)}
    text = layout_text(pages)
    assert "<!-- page 3 footer: metropolis.org 3 -->" in text
    assert "Mentioned once near the top" in text.split("\n")  # body, not furniture


def test_a_list_split_by_a_footer_is_whole_once_the_footer_is_set_aside():
    p1 = line("Metropolitan challenges", 50, 700, bold=True) + line(
        "2.1 Social resilience", 50, 715
    )
    p2 = line("2.2 Economic resilience", 50, 60) + line("4.2 Closing the gap", 50, 75)
    wide = line("A line of prose that runs the whole width of the text", 50, 300)
    pages = [_page(n, line(f"Report · {n}", 50, 810) + (p1 if n == 1 else p2 if n == 2 else
             wide)) for n in range(1, 4)]  # fmt: skip
    lines = [ln for ln in layout_text(pages).split("\n") if ln and not ln.startswith("<!--")]
    assert lines[:4] == ["**Metropolitan challenges**", "2.1 Social resilience",
                         "2.2 Economic resilience", "4.2 Closing the gap"]  # fmt: skip


def test_bold_runs_are_marked_so_a_run_in_label_is_told_from_its_values():
    span = Span(tuple(line("MEMBERS", 50, 100, bold=True) + line("Amman, Madrid,", 110, 100)))
    assert block_lines(reading_order([span], EM), EM) == ["**MEMBERS** Amman, Madrid,"]


def test_the_second_reading_names_letters_the_layout_reading_lost():
    assert lost_words("Twitter 25.1K", "25.1KTwitter") == []  # glued words are not a loss
    assert lost_words("**Members** Amman", "Members Amman, Tehran") == ["Tehran"]


def test_a_words_size_is_its_size_as_drawn_under_a_scaled_matrix(tmp_path):
    from reportlab.pdfgen import canvas

    from helpers.parse.layout.glyphs import read_pages

    pdf = tmp_path / "scaled.pdf"
    c = canvas.Canvas(str(pdf))
    c.setFont("Helvetica", 10)
    c.drawString(50, 700, "Plain")
    c.saveState()
    c.scale(2, 2)  # 5 pt text under a 2x scale is drawn 10 pt high
    c.setFont("Helvetica", 5)
    c.drawString(25, 300, "Scaled")
    c.restoreState()
    c.setFont("Helvetica-Bold", 12)
    c.drawString(50, 500, "Bold")
    c.save()
    words = {w.text: w for w in read_pages(pdf)[0].words}
    assert round(words["Plain"].size, 2) == round(words["Scaled"].size, 2) == 10
    assert words["Bold"].bold and not words["Plain"].bold


def test_a_justified_lines_stretched_spaces_do_not_split_it_a_tables_gutters_do():
    justified = []
    x = 50.0
    for w in ["EXTRAORDINARY", "BOARD", "OF", "DIRECTORS"]:  # every space stretched to 11 pt
        justified.append(Word(w, x, 100, x + 6 * len(w), 110, 10.0))
        x += 6 * len(w) + 11
    assert [s.text for s in split_row(justified)] == ["EXTRAORDINARY BOARD OF DIRECTORS"]
    row = rows(line("Abidjan", 50, 100) + line("Busan", 150, 100) + line("Grand Paris", 230, 100))[
        0
    ]
    assert [s.text for s in split_row(row)] == ["Abidjan", "Busan", "Grand Paris"]


def test_a_bullet_in_its_hanging_indent_stays_with_its_item():
    row = rows(line("•", 50, 100) + line("Rabat, Tunis", 70, 100))[0]
    assert [s.text for s in split_row(row)] == ["• Rabat, Tunis"]


def test_a_line_that_broke_for_want_of_room_goes_on_a_short_one_does_not():
    from helpers.parse.layout.write import wraps

    above = Span(tuple(line("Members Amman, Ciudad de México,", 50, 100)))  # ends at 239
    nxt = Span(tuple(line("Madrid, Tehran", 50, 111)))
    assert wraps(above, nxt, right=260)  # `Madrid,` (42 pt) does not fit in 21 pt
    assert not wraps(above, nxt, right=400)  # it would have fitted: a line of its own
    bold = Span(tuple(line("Madrid, Tehran", 50, 111, bold=True)))
    assert not wraps(above, bold, right=260)  # another type: a label, a title


def test_a_word_broken_by_a_hyphen_is_mended_by_the_reports_own_words():
    from helpers.parse.layout.hyphens import mend, vocabulary
    from helpers.parse.layout.order import Block

    def mended(first: str, second: str, elsewhere: str) -> list[str]:
        words = line(first, 50, 100) + line(second, 50, 111)
        block = Block(
            "text", [Span(tuple(line(first, 50, 100))), Span(tuple(line(second, 50, 111)))]
        )
        mend([block], vocabulary(words + line(elsewhere, 50, 300)))
        return [s.text for s in block.spans]

    assert mended("KOCAELI METROPOLI-", "TAN MUNICIPALITY", "metropolitan") == [
        "KOCAELI METROPOLITAN", "MUNICIPALITY"]  # fmt: skip
    assert mended("the UCLG-", "MEWA Congress", "at UCLG-MEWA") == ["the UCLG-MEWA", "Congress"]
    assert mended("a city-to-", "city network", "city to") == ["a city-to-city", "network"]
    assert mended("MUNICIPALITY AP-", "PLIED TO", "nothing") == ["MUNICIPALITY APPLIED", "TO"]
    # both pieces words of the report or of English: a compound broken at its hyphen
    assert mended("the co-", "organised event", "organised") == ["the co-organised", "event"]
    assert mended("for long-", "term finance", "nothing") == ["for long-term", "finance"]
    # one piece a word, the other not: left for the text parser
    assert mended("the qz-", "organised event", "organised") == ["the qz-", "organised event"]
    # a capital after the hyphen goes on a name, not a syllable
    assert mended("José Luis Martínez-", "Almeida", "Mayor") == ["José Luis Martínez-Almeida"]


def test_a_table_edge_cuts_the_rows_around_it_not_a_name_further_down_the_page():
    # three rows of a two-column table set their second column's edge at x=200; far below,
    # `Buenos Aires` in a roster whose `Aires` happens to start at x=200 stays one name
    words = [
        w
        for i in range(3)
        for w in line(f"Key{i}", 50, 100 + 14 * i) + line("Value", 200, 100 + 14 * i)
    ]
    words += [w for i in range(5) for w in line("A line of prose between them", 50, 160 + 14 * i)]
    words += line("Buenos", 155, 400) + line("Aires", 200, 400) + line("Lima", 400, 400)
    texts = [s.text for s in page_spans(words)]
    assert "Buenos Aires" in texts and texts.count("Value") == 3


def test_columns_with_white_space_at_one_height_in_both_are_not_interleaved():
    left = line("left column first paragraph", 50, 100) + line("left column second one", 50, 140)
    right = line("right column first paragraph", 320, 100) + line("right column second", 320, 140)
    assert text_of(right + left) == [
        "left column first paragraph", "left column second one",
        "right column first paragraph", "right column second"]  # fmt: skip


def test_a_heading_ends_the_table_above_it_and_heads_the_one_below():
    words = []
    for i in range(2):
        for k, name in enumerate(["Accra", "Bamako", "Cairo"]):
            words += line(f"{name}{i}", 50 + 120 * k, 100 + 14 * i)
    words += line("ASIA-PACIFIC", 50, 140, size=14, bold=True)
    for i in range(2):
        for k, name in enumerate(["Amman", "Busan", "Dalian", "Jinan"]):
            words += line(f"{name}{i}", 50 + 90 * k, 170 + 14 * i)
    got = text_of(words)
    heading = got.index("**ASIA-PACIFIC**")
    assert sorted(got[:heading]) == sorted(
        f"{n}{i}" for n in ["Accra", "Bamako", "Cairo"] for i in range(2)
    )
    assert len(got) - heading - 1 == 8


def test_a_dash_ending_a_bold_outlet_is_no_bullet_the_gutter_after_it_still_splits():
    row = rows(line("Ciudad de México -", 37, 100, bold=True) + line("cultural change", 312, 100))[
        0
    ]
    assert [s.text for s in split_row(row)] == ["Ciudad de México -", "cultural change"]


def test_an_accent_drawn_as_a_glyph_over_its_letter_is_one_letter(tmp_path):
    # groff draws `ş` as `s` and a spacing cedilla over it; a cedilla apart stays apart
    from reportlab.pdfgen import canvas

    from helpers.parse.layout.glyphs import read_pages

    pdf = tmp_path / "accent.pdf"
    c = canvas.Canvas(str(pdf))
    c.setFont("Helvetica", 10)
    c.drawString(50, 700, "Büyüks")
    s_at = 50 + c.stringWidth("Büyük", "Helvetica", 10)
    c.drawString(s_at + 0.5, 700, "\u00b8")  # over the `s`
    c.drawString(s_at + c.stringWidth("s", "Helvetica", 10), 700, "ehir")
    c.drawString(50, 600, "a \u00b8 b")
    c.save()
    texts = [w.text for w in read_pages(pdf)[0].words]
    assert "Büyükşehir" in texts
    assert "\u00b8" in texts  # not over a letter: left as it is
    assert lost_words("Büyükşehir", "Büyüks\u00b8ehir") == []  # the second reading agrees


def test_pdfium_generates_white_space_only_and_words_split_there(tmp_path):
    # ``glyphs`` asks PDFium for no character whether it was generated: the generated ones
    # (between two strings drawn apart, between two lines) must be white space
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from reportlab.pdfgen import canvas

    from helpers.parse.layout.glyphs import read_pages

    pdf = tmp_path / "apart.pdf"
    c = canvas.Canvas(str(pdf))
    c.setFont("Helvetica", 10)
    c.drawString(50, 700, "Abidjan")
    c.drawString(120, 700, "Busan")  # no space drawn: PDFium generates one
    c.drawString(50, 680, "Rabat")  # a line under: PDFium generates a line break
    c.save()
    doc = pdfium.PdfDocument(pdf)
    textpage = doc[0].get_textpage()
    tp = textpage.raw
    made = [
        chr(raw.FPDFText_GetUnicode(tp, i))
        for i in range(raw.FPDFText_CountChars(tp))
        if raw.FPDFText_IsGenerated(tp, i) == 1
    ]
    textpage.close()
    doc.close()
    assert made and all(ch.isspace() for ch in made)
    assert [w.text for w in read_pages(pdf)[0].words] == ["Abidjan", "Busan", "Rabat"]


def glyph(ch: str, x: float, *, base: float = 110.0, size: float = 10.0, bold: bool = False):
    """One character as ``glyphs`` gives it: 5 pt wide, its box 8 pt high over ``base``."""
    return (ch, x, base - 8, x + 5, base, base, size, bold)


def test_characters_make_words_split_at_a_space_a_gap_a_baseline_or_a_weight():
    from helpers.parse.layout.glyphs import words_of

    chars = [glyph("a", 50), glyph("b", 55, base=111), None, glyph("c", 65, size=12),
             glyph("d", 72.4), glyph("e", 80), glyph("f", 85, base=113.1),
             glyph("g", 90, bold=True)]  # fmt: skip
    boxes = [(w.text, w.x0, w.top, w.x1, w.bottom, w.size, w.bold) for w in words_of(chars)]
    assert boxes == [
        ("ab", 50, 102, 60, 111, 10, False),  # a space ends it
        ("cd", 65, 102, 77.4, 110, 12, False),  # 2.4 pt apart: under 0.25 em (of d's 10 pt)
        ("e", 80, 102, 85, 110, 10, False),  # 2.6 pt apart
        ("f", 85, 105.1, 90, 113.1, 10, False),  # 3.1 pt under e's baseline
        ("g", 90, 102, 95, 110, 10, True),  # another weight
    ]
    # 3 pt under the baseline of a 10 pt word is on it; a gap of 0.25 em joins
    assert [w.text for w in words_of([glyph("h", 50), glyph("i", 55, base=113)])] == ["hi"]
    assert [w.text for w in words_of([glyph("h", 50), glyph("i", 57.5)])] == ["hi"]
    # going back before the word's start splits (0.2 em of slack: 2 pt)
    back = words_of([glyph("j", 50), glyph("k", 48), None, glyph("l", 50), glyph("m", 47.9)])
    assert [(w.text, w.x0) for w in back] == [("jk", 48), ("l", 50), ("m", 47.9)]
    assert words_of([None, None]) == [] and words_of([]) == []


def test_a_baseline_is_shared_within_0_3_of_the_larger_size_of_the_word_or_the_character():
    from helpers.parse.layout.glyphs import words_of

    def texts(*chars) -> list[str]:
        return [w.text for w in words_of(list(chars))]

    # 5 pt apart: within 0.3 × 20 pt (6 pt), whichever of the two is set at 20 pt
    assert texts(glyph("n", 50), glyph("o", 55, base=115, size=20)) == ["no"]
    assert texts(glyph("p", 50, size=20), glyph("q", 55, base=115)) == ["pq"]
    assert texts(glyph("r", 50), glyph("s", 55, base=115)) == ["r", "s"]  # both 10 pt: 3 pt


def test_a_words_box_holds_its_characters_whichever_holds_an_edge():
    """The box runs to each character's extreme edge, whichever character it is: a capital
    after a letter without one sets the top, a descender before a letter without one the
    bottom, and a letter drawn back inside the word (kerning) leaves its right edge where the
    letter before ends."""
    from helpers.parse.layout.glyphs import words_of

    g = ("g", 50, 102, 55, 112.5, 110, 10, False)  # a descender: 2.5 pt under the baseline
    t = ("T", 55, 100, 60, 110, 110, 10, False)  # a capital: 2 pt above the others
    i = ("i", 57, 102, 58, 110, 110, 10, False)  # drawn back over the T's right side
    w = words_of([g, t, i])
    assert [(x.text, x.x0, x.top, x.x1, x.bottom) for x in w] == [("gTi", 50, 100, 60, 112.5)]


def test_an_accent_over_the_letter_before_joins_it_and_the_word_is_composed():
    from helpers.parse.layout.glyphs import words_of

    over = words_of([glyph("s", 50), glyph("\u00b8", 53), glyph("e", 55)])
    assert [w.text for w in over] == ["\u015fe"]  # `ş` composed (NFC), one word
    assert over[0].x1 == 60
    apart = words_of([glyph("s", 50), glyph("\u00b8", 55)])  # beside the letter, not over it
    assert [w.text for w in apart] == ["s\u00b8"]
    assert [w.text for w in words_of([glyph("\u00b8", 50)])] == ["\u00b8"]


def test_a_badge_over_a_labels_box_is_still_read_before_its_title():
    # `7 October 2022` right of the title, over a box whose first line is in capitals
    # (`OUTCOMES L2A1D1`) that is not flush with it: the badge is the activity's date
    words = (line("METROTALKS: HOUSING", 50, 100, bold=True) + line("7 October 2022", 440, 100)
             + line("In this new episode", 50, 120) + line("OUTCOMES L2A1D1", 400, 116))  # fmt: skip
    assert text_of(words)[:2] == ["7 October 2022", "**METROTALKS: HOUSING**"]


def test_a_name_broken_in_a_table_cell_is_mended_in_its_cell():
    from helpers.parse.layout.hyphens import mend, vocabulary
    from helpers.parse.layout.order import Block

    cell = [Span(tuple(line("Martínez-", 50, 100))), Span(tuple(line("Almeida", 50, 111)))]
    block = Block("table", rows=[[cell, [Span(tuple(line("Mayor", 300, 100)))]]])
    mend([block], vocabulary([w for s in cell for w in s.words]))
    assert [s.text for s in block.rows[0][0]] == ["Martínez-Almeida"]


def test_a_grid_of_cards_is_read_row_by_row():
    # two rows of two cards, close together: across each row (a card without a role after a
    # card with one comes right after it), not down each column
    cards = [("MEMBER", "Soham Wardini"), ("VICE-PRESIDENCY", "Robert Mambe"),
             ("", "Barthelemy Dias"), ("MEMBER", "Mpho Phalatse")]  # fmt: skip
    words: list[Word] = []
    rects = []
    for n, (role, name) in enumerate(cards):
        x, top = 60 + 250 * (n % 2), 100 + 50 * (n // 2)
        words += line(role, x, top, bold=True) + line(name, x, top + 14)
        rects.append(Rect(x - 5, top - 5, x + 225, top + 40))
    blocks = reading_order(badges_first(page_spans(words, rects)), EM, EDGE, rects)
    assert [ln for ln in block_lines(blocks, EM) if ln] == [
        "**MEMBER**", "Soham Wardini", "**VICE-PRESIDENCY**", "Robert Mambe",
        "Barthelemy Dias", "**MEMBER**", "Mpho Phalatse"]  # fmt: skip


def test_a_badges_date_over_two_lines_is_read_before_the_title():
    # `21` centred over `September` in a badge right of a two-line title
    words = (line("INTERNATIONAL DAY", 50, 100, bold=True) + line("OF PEACE", 50, 112, bold=True)
             + line("21", 194, 100, size=6, bold=True) + line("September", 176, 107, size=6, bold=True)
             + line("On that day the mayors spoke.", 50, 130))  # fmt: skip
    assert text_of(words) == ["**21 September**", "**INTERNATIONAL DAY**", "**OF PEACE**",
                              "On that day the mayors spoke."]  # fmt: skip


def test_only_a_short_line_with_a_day_or_a_month_may_start_a_date_broken_over_two():
    def line(text: str) -> Span:
        return Span(
            tuple(Word(w, 10 * i, 0, 10 * i + 8, 10, 10) for i, w in enumerate(text.split()))
        )

    assert _may_start_date(line("21")) and _may_start_date(line("September"))
    assert _may_start_date(line("1–25 apr."))
    assert not _may_start_date(line("Members"))  # no day, no month
    assert not _may_start_date(line("21 of the 25 members took part"))  # a sentence


def test_badges_under_a_heading_under_a_bold_line_stay_with_their_titles():
    # under two columns, a bold kicker over a large heading (the kicker heads the heading,
    # not the columns), then two activities side by side, each a date over its title (a
    # badge already moved above it) and text: activity by activity, each date heading its
    # own column, not the two dates one line under the heading
    above = [["end of one", "end one"], ["end of two", "end two"]]
    words = [w for k, col in enumerate(above) for i, t in enumerate(col)
             for w in line(t, 50 + 200 * k, 60 + 14 * i)]  # fmt: skip
    words += line("ACTION LINE 2", 50, 100, bold=True)
    words += line("L2 Capacities for metropolitan governance", 50, 114, size=15, bold=True)
    words += line("17 January", 50, 145) + line("7 March", 250, 145)
    words += line("LEARNING FROM CITIES", 50, 157, bold=True)
    words += line("CITY MANAGERS", 250, 157, bold=True)
    left, right = ["left", "left one", "left one two"], ["right", "right one", "right one two"]
    words += [w for i, t in enumerate(left) for w in line(t, 50, 171 + 14 * i)]
    words += [w for i, t in enumerate(right) for w in line(t, 250, 171 + 14 * i)]
    assert text_of(words) == [
        *above[0], *above[1], "**ACTION LINE 2**",
        "**L2 Capacities for metropolitan governance**",
        "17 January", "**LEARNING FROM CITIES**", *left,
        "7 March", "**CITY MANAGERS**", *right]  # fmt: skip


def test_columns_joined_merge_when_a_line_of_one_region_runs_across_a_gutter_of_the_other():
    # above, two columns; below, a wide line across their gutter and a narrow one far right:
    # together still two columns, but the wide line has merged the two above
    above = page_spans(line("left text", 50, 100) + line("right text", 250, 100)
                       + line("left again", 50, 114) + line("right again", 250, 114))  # fmt: skip
    below = page_spans(line("a wide line across the gutter of the two", 50, 140)
                       + line("aside", 420, 140))  # fmt: skip
    cols = [columns(part, EM) for part in (above, below)]
    joined = columns(above + below, EM)
    assert [len(c) for c in (*cols, joined)] == [2, 2, 2]
    assert merges(joined, *cols)
    # under the left column only, a line keeps both columns apart
    short = page_spans(line("left more", 50, 140) + line("aside", 420, 140))
    assert not merges(columns(above + short, EM), cols[0], columns(short, EM))


def test_three_columns_of_flowing_items_are_read_column_by_column_not_as_a_table():
    # a month heading and its items flow down each of three columns (CSS columns): the items
    # are as tall as their text, so February's heading has nothing level with it; an outlet
    # wraps in its column although its next word would fit before the next column's start
    cols = {
        50: [("January", 100, True), ("El Tiempo", 118, True), ("Metropolis Blog", 130, False),
             ("February", 148, True), ("The Development Partner", 166, True),
             ("Network on Decentralisation", 178, True), ("Emergency Initiative", 190, False)],
        230: [("March", 100, True), ("Cities Rights", 118, True), ("Metropolis Blog", 130, False),
              ("Perspective", 160, True), ("A comparative study", 172, False)],
        410: [("April", 100, True), ("Internacional", 118, True), ("EGI", 130, False)],
    }  # fmt: skip
    words = [w for x, rows in cols.items() for t, top, bold in rows
             for w in line(t, x, top, bold=bold)]  # fmt: skip
    assert text_of(words) == [
        "**January**", "**El Tiempo**", "Metropolis Blog", "**February**",
        "**The Development Partner Network on Decentralisation**", "Emergency Initiative",
        "**March**", "**Cities Rights**", "Metropolis Blog", "**Perspective**",
        "A comparative study", "**April**", "**Internacional**", "EGI"]  # fmt: skip
