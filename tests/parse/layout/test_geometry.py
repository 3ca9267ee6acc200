"""Each geometry rule of the layout reader on tiny made-up pages (words placed by hand)."""

from __future__ import annotations

from helpers.parse.layout import layout_text
from helpers.parse.layout.compare import lost_words
from helpers.parse.layout.furniture import find_furniture
from helpers.parse.layout.glyphs import Page, Word
from helpers.parse.layout.order import badges_first, reading_order
from helpers.parse.layout.spans import Span, page_spans, rows, split_row
from helpers.parse.layout.write import block_lines

EM = 10.0


def line(text: str, x: float, top: float, *, size: float = 10.0, bold: bool = False) -> list[Word]:
    """The words of `text` set from x on one baseline (6 pt per character, 3 pt spaces)."""
    out, cx = [], x
    for w in text.split():
        out.append(Word(w, cx, top, cx + 6 * len(w), top + size, size, bold))
        cx += 6 * len(w) + 3
    return out


def text_of(words: list[Word]) -> list[str]:
    spans = badges_first(page_spans(words))
    return [ln for ln in block_lines(reading_order(spans, EM), EM) if ln]


def test_a_wide_gap_separates_two_spans_a_space_does_not():
    row = rows(line("Abidjan", 50, 100) + line("Busan Grand", 200, 100))[0]
    assert [s.text for s in split_row(row)] == ["Abidjan", "Busan Grand"]


def test_two_columns_are_read_column_by_column_whatever_the_stored_order():
    left = [w for i in range(4) for w in line(f"left line number {i}", 50, 100 + 14 * i)]
    right = [w for i in range(4) for w in line(f"right line number {i}", 320, 100 + 14 * i)]
    assert text_of(right + left) == [f"left line number {i}" for i in range(4)] + [
        f"right line number {i}" for i in range(4)
    ]


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


def test_a_grid_is_read_cell_by_cell_and_a_name_wrapped_in_lower_case_is_joined():
    words = line("Abidjan", 50, 100) + line("Busan", 200, 100) + line("Santiago", 350, 100)
    words += line("de Chile", 350, 111)
    words += line("Cairo", 50, 130) + line("Dakar", 200, 130) + line("Tunis", 350, 130)
    assert text_of(words) == ["Abidjan", "Busan", "Santiago de Chile", "Cairo", "Dakar", "Tunis"]


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
    pages = [_page(n, line(f"Report · {n}", 50, 810) + (p1 if n == 1 else p2 if n == 2 else
             line("More", 50, 300))) for n in range(1, 4)]  # fmt: skip
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
