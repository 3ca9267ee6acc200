"""Compare PDF libraries for reading the report by its layout.

For every word we need its box (x0, y0, x1, y1), its font size and whether it is bold.
This script times each library at getting exactly that for a whole document (opening
included, best of 3 runs) and checks the words against poppler:

- words found: the words as a multiset, per page, against ``pdftotext -bbox``;
- box: the share of poppler's words that the library gives with the same text within
  1 pt left and right and half a font size vertically;
- size correct: the share of words whose size (rounded to 0.5 pt) equals the Tf size times
  the text matrix, as pdfminer.six reads it from the content stream (so pdfminer.six
  agrees with itself by construction; on the reportlab fixtures this is also poppler's
  word height);
- bold: of the words also found by ``pdftohtml -xml``, the share whose bold flag agrees
  with poppler's ``<b>`` markup.

Run it with a throwaway environment (the libraries are not project dependencies):

    python3 -m venv /tmp/measure
    /tmp/measure/bin/pip install pypdfium2 pdfplumber pdfminer.six pypdf
    /tmp/measure/bin/python bench/compare_layout_libraries.py [--runs 3] [PDF ...]

Without PDF arguments it measures tests/fixtures/pdf/*.pdf and every PDF under
tests/fixtures/designed/. Libraries that are not installed are skipped. Needs poppler-utils
(pdftotext, pdftohtml) for the reference words.
"""

from __future__ import annotations

import argparse
import html
import importlib.metadata
import math
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|demi|extrabold|ultrabold", re.I)


def is_bold_name(fontname: str) -> bool:
    """Bold from a font name such as ``AAAAAA+DejaVuSans-Bold`` (subset prefix ignored)."""
    return bool(BOLD_NAME.search(fontname.split("+", 1)[-1]))


# --------------------------------------------------------------------------------------
# pypdfium2: per-character extraction through the raw PDFium API
# --------------------------------------------------------------------------------------


def chars(path):
    """Every character of every page as (ch, x0, y0, x1, y1, size, bold, fontname, generated).

    One list per page, in PDFium's text-page order (the order the content stream draws the
    text, with the spaces and line breaks PDFium inserts). Boxes are PDFium's "loose"
    boxes: the full line height of the font (ascent to descent), in PDF user space, in
    points, origin at the bottom left of the page (y grows upwards; the page's /Rotate and
    a CropBox offset are not applied). ``size`` is the font size times the vertical scale
    of the text object's matrix (FPDFTextObj_GetFontSize alone gives the Tf operand, 10
    for text drawn at 10 pt under a 2x scale). ``bold`` is true when the font weight is
    600 or more, the descriptor's ForceBold flag is set or the font name says
    Bold/Black/Heavy/Semibold (the name is the only sign in WeasyPrint's PDFs).
    ``generated`` marks the spaces and \\r\\n that PDFium adds between words and lines (they
    have a zero-width box and no font). A hyphen that PDFium takes for a line-end
    hyphenation comes as U+0002 from FPDFText_GetUnicode and U+FFFE from FPDFText_GetText;
    it is returned as "-".
    """
    import ctypes
    import math

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    # FPDFText_GetTextObject returning a plain int (hashable, cheap) instead of a pointer.
    get_obj = ctypes.CFUNCTYPE(ctypes.c_void_p, raw.FPDF_TEXTPAGE, ctypes.c_int)(
        ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value
    )
    get_box = raw.FPDFText_GetLooseCharBox
    rect = raw.FS_RECTF()
    prect = ctypes.byref(rect)
    fsize = ctypes.c_float()
    matrix = raw.FS_MATRIX()
    name_buf = ctypes.create_string_buffer(256)

    doc = pdfium.PdfDocument(path)
    pages = []
    try:
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            n = raw.FPDFText_CountChars(textpage)
            text = ""
            if n > 0:
                buf = ctypes.create_string_buffer((n + 1) * 2)
                raw.FPDFText_GetText(
                    textpage, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort))
                )
                # One UTF-16 unit per char index; a char outside the BMP would take two
                # units here, so fall back to GetUnicode if the lengths differ.
                text = buf.raw[: n * 2].decode("utf-16-le", errors="surrogatepass")
                if len(text) != n:
                    text = [chr(raw.FPDFText_GetUnicode(textpage, k)) for k in range(n)]
            # Per page: PDFium may free a page's fonts and objects when the page closes,
            # so an address can be reused by another page.
            obj_cache = {None: (1.0, False, "")}
            font_cache = {}  # FPDF_FONT address -> (fontname, bold)
            out = []
            append = out.append
            for k in range(n):
                obj = get_obj(textpage, k)
                info = obj_cache.get(obj)
                if info is None:
                    pobj = ctypes.cast(obj, raw.FPDF_PAGEOBJECT)
                    raw.FPDFTextObj_GetFontSize(pobj, ctypes.byref(fsize))  # Tf size only
                    raw.FPDFPageObj_GetMatrix(pobj, ctypes.byref(matrix))  # Tm x CTM
                    size = fsize.value * math.hypot(matrix.c, matrix.d)
                    font = raw.FPDFTextObj_GetFont(pobj)
                    key = ctypes.cast(font, ctypes.c_void_p).value
                    finfo = font_cache.get(key)
                    if finfo is None:
                        raw.FPDFFont_GetBaseFontName(font, name_buf, 256)
                        name = name_buf.value.decode("latin-1")
                        weight = raw.FPDFFont_GetWeight(font)  # -1 when unknown
                        flags = raw.FPDFFont_GetFlags(font)  # PDF descriptor flags
                        bold = weight >= 600 or bool(flags & (1 << 18)) or is_bold_name(name)
                        finfo = font_cache[key] = (name, bold)
                    info = obj_cache[obj] = (size, finfo[1], finfo[0])
                get_box(textpage, k, prect)
                ch = text[k]
                if ch == "\x02" or ch == "\ufffe":  # line-end hyphen (GetUnicode 2, GetText FFFE)
                    ch = "-"
                append(
                    (
                        ch,
                        rect.left,
                        rect.bottom,
                        rect.right,
                        rect.top,
                        info[0],
                        info[1],
                        info[2],
                        obj is None,
                    )
                )
            textpage.close()
            page.close()
            pages.append(out)
    finally:
        doc.close()
    return pages


# --------------------------------------------------------------------------------------
# Characters to words (shared by the libraries that give characters)
# --------------------------------------------------------------------------------------


def words_from_chars(seq):
    """Group (ch, x0, y0, x1, y1, size, bold) in drawing order into words.

    A word ends at whitespace, at a jump backwards, at a horizontal gap over 0.2 em or at a
    change of line. Returns (text, x0, y0, x1, y1, size, bold) with the size of the first
    character and bold when most characters are bold.
    """
    words = []
    cur = []

    def flush():
        if cur:
            text = "".join(c[0] for c in cur)
            nbold = sum(1 for c in cur if c[6])
            words.append(
                (
                    text,
                    min(c[1] for c in cur),
                    min(c[2] for c in cur),
                    max(c[3] for c in cur),
                    max(c[4] for c in cur),
                    cur[0][5],
                    nbold * 2 > len(cur),
                )
            )
            cur.clear()

    for c in seq:
        ch = c[0]
        if not ch or ch.isspace() or ch == "\x00":
            flush()
            continue
        if cur:
            p = cur[-1]
            size = max(p[5], c[5], 1.0)
            ymid, pmid = (c[2] + c[4]) / 2, (p[2] + p[4]) / 2
            if (
                abs(ymid - pmid) > 0.5 * size
                or c[1] < p[1] - 0.1 * size
                or c[1] - p[3] > 0.2 * size
            ):
                flush()
        cur.append(c)
    flush()
    return words


# --------------------------------------------------------------------------------------
# One function per library: path -> list of pages, each a list of words
# (text, x0, y0, x1, y1, size, bold)
# --------------------------------------------------------------------------------------


def words_pypdfium2_with_generated(path):
    # The same, but splitting on PDFium's own generated spaces too (the normal case).
    return [words_from_chars(c[:7] for c in page) for page in chars(path)]


def words_pdfplumber(path):
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            h = page.height
            ws = page.extract_words(extra_attrs=["fontname", "size"])
            # pdfplumber's top/bottom are measured from the top; turn them to PDF space.
            pages.append(
                [
                    (
                        w["text"],
                        w["x0"],
                        h - w["bottom"],
                        w["x1"],
                        h - w["top"],
                        w["size"],
                        is_bold_name(w["fontname"]),
                    )
                    for w in ws
                ]
            )
            page.close()
    return pages


def words_pdfplumber_chars(path):
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            seq = [
                (
                    c["text"],
                    c["x0"],
                    c["y0"],
                    c["x1"],
                    c["y1"],
                    c["size"],
                    is_bold_name(c["fontname"]),
                )
                for c in page.chars
            ]
            pages.append(words_from_chars(seq))
            page.close()
    return pages


def _pdfminer_chars(item, out):
    from pdfminer.layout import LTChar

    for sub in item:
        if isinstance(sub, LTChar):
            out.append(
                (
                    sub.get_text(),
                    sub.x0,
                    sub.y0,
                    sub.x1,
                    sub.y1,
                    sub.size,
                    is_bold_name(sub.fontname),
                )
            )
        elif hasattr(sub, "__iter__"):
            _pdfminer_chars(sub, out)
            if type(sub).__name__.startswith("LTTextLine"):
                out.append((" ", 0, 0, 0, 0, 0, False))  # line end
    return out


def words_pdfminer_raw(path):
    from pdfminer.high_level import extract_pages

    return [
        words_from_chars(_pdfminer_chars(page, [])) for page in extract_pages(path, laparams=None)
    ]


def words_pdfminer_laparams(path):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    return [
        words_from_chars(_pdfminer_chars(page, []))
        for page in extract_pages(path, laparams=LAParams())
    ]


def words_pypdf(path):
    """pypdf gives text runs (text, cm, tm, font dict, font size), not characters. The word
    boxes are computed from the run's origin and the font's /Widths (pypdf's private Font
    class), so they are approximate: no kerning, no Tc/Tw/Tz."""
    from pypdf import PdfReader

    try:
        from pypdf.generic._font import Font
    except ImportError:  # older pypdf
        Font = None

    reader = PdfReader(path)
    fonts = {}
    pages = []

    def font_info(fd):
        key = id(fd)
        info = fonts.get(key)
        if info is None:
            name = str(fd.get("/BaseFont", ""))
            desc = fd.get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            if "/DescendantFonts" in fd:
                d0 = fd["/DescendantFonts"][0].get_object()
                desc = d0.get("/FontDescriptor", {})
                desc = desc.get_object() if desc else {}
            flags = int(desc.get("/Flags", 0)) if desc else 0
            weight = float(desc.get("/FontWeight", 0)) if desc else 0
            bold = weight >= 600 or bool(flags & (1 << 18)) or is_bold_name(name)
            width = None
            if Font is not None:
                try:
                    f = Font.from_font_resource(fd)
                    width = f.get_text_width
                except Exception:
                    width = None
            info = fonts[key] = (bold, width, fd)  # keep fd alive so id() stays unique
        return info

    for page in reader.pages:
        out = []

        def visit(text, cm, tm, fd, fs, out=out):
            if not text or not text.strip() or fd is None:
                return
            # Text space to user space: tm x cm.
            a = tm[0] * cm[0] + tm[1] * cm[2]
            b = tm[0] * cm[1] + tm[1] * cm[3]
            c = tm[2] * cm[0] + tm[3] * cm[2]
            d = tm[2] * cm[1] + tm[3] * cm[3]
            e = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            f = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            sx, sy = math.hypot(a, b), math.hypot(c, d)
            size = fs * sy
            bold, width, _ = font_info(fd)
            x = e
            for line in text.split("\n"):
                for m in re.finditer(r"\S+|\s+", line):
                    tok = m.group()
                    w = (width(tok) / 1000 * fs * sx) if width else 0.5 * size * len(tok)
                    if not tok.isspace():
                        out.append((tok, x, f - 0.2 * size, x + w, f + 0.8 * size, size, bold))
                    x += w

        page.extract_text(visitor_text=visit)
        pages.append(out)
    return pages


def pypdfium2_chars_to_words(pages):
    return [words_from_chars(c[:7] for c in page) for page in pages]


LIBRARIES = [
    # label, distribution, timed function, untimed conversion to words
    ("pypdfium2 chars() only", "pypdfium2", chars, pypdfium2_chars_to_words),
    ("pypdfium2 chars() + words", "pypdfium2", words_pypdfium2_with_generated),
    ("pdfplumber extract_words", "pdfplumber", words_pdfplumber),
    ("pdfplumber page.chars", "pdfplumber", words_pdfplumber_chars),
    ("pdfminer.six, no layout", "pdfminer.six", words_pdfminer_raw),
    ("pdfminer.six, LAParams", "pdfminer.six", words_pdfminer_laparams),
    ("pypdf visitor_text", "pypdf", words_pypdf),
]


# --------------------------------------------------------------------------------------
# Poppler reference
# --------------------------------------------------------------------------------------


def norm(word: str) -> str:
    return word.replace("\x02", "-").replace("\ufffe", "-").strip()


def ref_words(path):
    """pdftotext -bbox: per page, a list of (word, height, x0, x1, y_middle), y upwards."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for chunk in out.split("<page ")[1:]:
        ws = []
        height = float(re.match(r'width="[\d.]+" height="([\d.]+)"', chunk).group(1))
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
            r'yMax="([\d.]+)">(.*?)</word>',
            chunk,
        ):
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            ws.append((norm(html.unescape(m.group(5))), y1 - y0, x0, x1, height - (y0 + y1) / 2))
        pages.append(ws)
    return pages


def ref_bold(path):
    """pdftohtml -xml: per page, a list of (word, bold)."""
    out = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-zoom", "1", "-stdout", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = []
    for chunk in out.split("<page ")[1:]:
        ws = []
        for m in re.finditer(r"<text [^>]*>(.*?)</text>", chunk):
            bold = 0
            flags = []
            for part in re.split(r"(<[^>]+>)", m.group(1)):
                if part.startswith("<"):
                    tag = part.strip("</>").split()[0].lower()
                    if tag == "b":
                        bold += -1 if part.startswith("</") else 1
                    continue
                for ch in html.unescape(part):
                    flags.append((ch, bold > 0))
            word = []
            for ch, b in flags + [(" ", False)]:
                if ch.isspace():
                    if word:
                        ws.append(
                            (
                                norm("".join(c for c, _ in word)),
                                sum(1 for _, x in word if x) * 2 > len(word),
                            )
                        )
                        word = []
                else:
                    word.append((ch, b))
        pages.append(ws)
    return pages


def overlap(a: Counter, b: Counter) -> int:
    return sum((a & b).values())


def half(x: float) -> float:
    return round(x * 2) / 2


def ref_sizes(path, ref_pages):
    """Per page, a list of (word, size): the Tf size times the text matrix as pdfminer.six
    computes it from the content stream; without pdfminer.six, poppler's word height (equal
    to the font size only for fonts whose ascent minus descent is one em, like DejaVu Sans
    in reportlab's PDFs, not for the WeasyPrint ones)."""
    try:
        return [[(norm(w[0]), w[5]) for w in page] for page in words_pdfminer_raw(str(path))]
    except ImportError:
        return [[(w[0], w[1]) for w in page] for page in ref_pages]


def score(lib_pages, ref_pages, bold_pages, size_pages):
    found = total = box_ok = size_ok = size_n = bold_ok = bold_n = lib_bold = ref_bold_n = 0
    for i, ref in enumerate(ref_pages):
        lib = lib_pages[i] if i < len(lib_pages) else []
        lt = Counter(norm(w[0]) for w in lib)
        rt = Counter(w[0] for w in ref)
        m = overlap(lt, rt)
        found += m
        total += sum(rt.values())
        st = size_pages[i] if i < len(size_pages) else []
        size_n += overlap(lt, Counter(w for w, _ in st))
        size_ok += overlap(
            Counter((norm(w[0]), half(w[5])) for w in lib), Counter((w, half(h)) for w, h in st)
        )
        # Boxes: a poppler word counts when a library word with the same text lies within
        # 1 pt of it on the left and right and within half a font size vertically.
        by_text = {}
        for w in lib:
            by_text.setdefault(norm(w[0]), []).append(w)
        for w in ref:
            for cand in by_text.get(w[0], ()):
                if (
                    abs(cand[1] - w[2]) <= 1
                    and abs(cand[3] - w[3]) <= 1
                    and abs((cand[2] + cand[4]) / 2 - w[4]) <= w[1] / 2
                ):
                    box_ok += 1
                    break
        if i < len(bold_pages):
            bt = Counter(w for w, _ in bold_pages[i])
            bold_n += overlap(lt, bt)
            bold_ok += overlap(
                Counter((norm(w[0]), bool(w[6])) for w in lib), Counter(bold_pages[i])
            )
            ref_bold_n += sum(1 for _, b in bold_pages[i] if b)
        lib_bold += sum(1 for w in lib if w[6])
    return dict(
        found=found,
        total=total,
        box_ok=box_ok,
        size_ok=size_ok,
        size_n=size_n,
        bold_ok=bold_ok,
        bold_n=bold_n,
        lib_bold=lib_bold,
        ref_bold=ref_bold_n,
    )


def best_of(fn, path, runs):
    best = math.inf
    result = None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn(str(path))
        best = min(best, time.perf_counter() - t0)
    return best, result


def version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--per-pdf", action="store_true", help="also print one line per PDF")
    args = ap.parse_args(argv)

    pdfs = args.pdfs or (
        sorted((ROOT / "tests/fixtures/pdf").glob("*.pdf"))
        + sorted((ROOT / "tests/fixtures/designed").rglob("*.pdf"))
    )
    if not pdfs:
        print("no PDFs found", file=sys.stderr)
        return 1
    refs = {}
    for p in pdfs:
        words = ref_words(p)
        refs[p] = (words, ref_bold(p), ref_sizes(p, words))
    t1 = next((p for p in pdfs if p.stem == "2022-T1"), pdfs[0])
    print(
        f"{len(pdfs)} PDFs, {sum(len(r[0]) for r in refs.values())} pages, "
        f"{sum(len(w) for r in refs.values() for w in r[0])} pdftotext words; "
        f"best of {args.runs} runs",
        flush=True,
    )

    rows = []
    for label, dist, fn, *post in LIBRARIES:
        ver = version(dist)
        if ver is None:
            print(f"skip {label}: {dist} not installed", file=sys.stderr)
            continue
        if dist == "pypdfium2":
            import pypdfium2

            ver += f" (PDFium {pypdfium2.version.PDFIUM_INFO.build})"
        tot = Counter()
        secs = pages = 0.0
        t1_ms = None
        for p in pdfs:
            try:
                s, result = best_of(fn, p, args.runs)
            except Exception as exc:  # a library failing on a PDF is a finding, not a crash
                print(f"{label} failed on {p.name}: {exc!r}", file=sys.stderr)
                continue
            if post:
                result = post[0](result)
            ref, bold, sizes = refs[p]
            sc = score(result, ref, bold, sizes)
            tot.update(sc)
            secs += s
            pages += len(ref)
            if p == t1:
                t1_ms = s * 1000
            if args.per_pdf:
                print(
                    f"  {label:26} {p.relative_to(ROOT) if p.is_relative_to(ROOT) else p}: "
                    f"{s * 1000:7.0f} ms, words {sc['found']}/{sc['total']}, "
                    f"size {sc['size_ok']}/{sc['size_n']}, bold {sc['bold_ok']}/{sc['bold_n']} "
                    f"(bold words {sc['lib_bold']} vs poppler {sc['ref_bold']})",
                    flush=True,
                )
        per30 = secs / pages * 30 * 1000 if pages else math.nan
        rows.append((label, ver, t1_ms, per30, tot))

    head = (
        "library",
        "version",
        f"{t1.stem} ms",
        "ms / 30 pages",
        "words found",
        "box ±1 pt",
        "bold agrees",
        "bold words (poppler)",
        "size correct",
    )
    print()
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for label, ver, t1_ms, per30, t in rows:

        def pct2(a, b, t=t):
            return f"{100 * t[a] / t[b]:.2f}%" if t[b] else "n/a"

        def pct(a, b, t=t):
            return f"{100 * t[a] / t[b]:.1f}%" if t[b] else "n/a"

        print(
            f"| {label} | {ver} | {t1_ms:.0f} | {per30:.0f} | {pct2('found', 'total')} | {pct('box_ok', 'total')} | "
            f"{pct('bold_ok', 'bold_n')} | {t['lib_bold']} ({t['ref_bold']}) | "
            f"{pct('size_ok', 'size_n')} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
