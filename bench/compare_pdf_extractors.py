"""Compare PDF text extractors on the PDF fixtures of the progress report.

    .venv/bin/python bench/compare_pdf_extractors.py
    .venv/bin/python bench/compare_pdf_extractors.py --extra-python /tmp/pdfcmp-venv/bin/python
    .venv/bin/python bench/compare_pdf_extractors.py --out /tmp/extract --runs 5

Reads tests/fixtures/pdf/<period>.pdf (made by tests/fixtures/pdf/make_pdfs.py) and the
markdown each was rendered from, and prints one table per measure: time (median of
--runs, per PDF, whole document), determinism (identical text on every run), word-level
similarity to the markdown with its markup removed, share of the markdown's distinct
words found, and how the layout comes out (table rows, roster entries, blank lines, form
feeds, bullets, footers, hyphens).

Extractors that are not importable print "not installed"; pdftotext runs only if it is on
PATH. --extra-python runs the extractors missing here in another interpreter (used for
PyMuPDF, which is AGPL and must stay out of the project: install it in a throwaway venv).
--out DIR saves each extractor's text as DIR/<extractor>/<period>.txt, and the words it
missed or added as <period>.words.txt. --pdf-dir DIR measures other PDFs named <period>.pdf
(for example the published report) against the same markdown.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import importlib.metadata
import json
import re
import shutil
import statistics
import string
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PDF_DIR = ROOT / "tests" / "fixtures" / "pdf"
SOURCES = {
    "2022-T1": ROOT / "tests/fixtures/reports/2022-T1/metropolis_progress_report_2022-T1.md",
    "2022-T2": ROOT / "tests/fixtures/reports/2022-T2/metropolis_progress_report_2022-T2.md",
    "2022-T3": ROOT / "tests/fixtures/reports/2022-T3/metropolis_progress_report_2022-T3.md",
    "2023-T1": ROOT / "tests/fixtures/reports/2023-T1/metropolis_progress_report_2023-T1.md",
}
MAIN = "2022-T1"  # the real report; the others are made up
TOP_SECTIONS = ("NOTE FROM THE SECRETARY GENERAL", "ACTIVITIES", "ACTIVE LISTENING", "PROGRESS")
FOOTER_RE = re.compile(r"Metropolis Progress Report\s*·\s*(\d+)(?:\s+\1(?!\d))?")

# ------------------------------------------------------------------------ extractors
# Each returns the text of the whole document. Per-page APIs are joined with "\n" (none
# added after a page that already ends with one), so a form feed or a blank line in the
# result comes from the extractor itself.


def join_pages(pages: list[str]) -> str:
    return "".join(t if t.endswith("\n") else t + "\n" for t in pages[:-1]) + (
        pages[-1] if pages else ""
    )


def _pypdfium2(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        out = []
        for page in pdf:
            textpage = page.get_textpage()
            out.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
        return join_pages(out)
    finally:
        pdf.close()


def _pdfplumber(path: Path, layout: bool = False) -> str:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return join_pages([page.extract_text(layout=layout) or "" for page in pdf.pages])


def _pdfplumber_layout(path: Path) -> str:
    return _pdfplumber(path, layout=True)


def _pdfminer(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def _pypdf(path: Path, mode: str = "plain") -> str:
    import pypdf

    reader = pypdf.PdfReader(str(path))
    return join_pages([page.extract_text(extraction_mode=mode) for page in reader.pages])


def _pypdf_layout(path: Path) -> str:
    return _pypdf(path, "layout")


def _pymupdf(path: Path) -> str:
    import pymupdf

    with pymupdf.open(str(path)) as doc:
        return join_pages([page.get_text() for page in doc])


def _pymupdf4llm(path: Path) -> str:
    import pymupdf4llm

    return pymupdf4llm.to_markdown(str(path), show_progress=False)


def _pdftotext(path: Path, layout: bool = False) -> str:
    cmd = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(cmd, check=True, capture_output=True).stdout.decode("utf-8")


def _pdftotext_layout(path: Path) -> str:
    return _pdftotext(path, layout=True)


# name: (function, module to import, distribution for the version, licence, how it is called)
EXTRACTORS = {
    "pypdfium2": (
        _pypdfium2,
        "pypdfium2",
        "pypdfium2",
        "Apache-2.0 or BSD-3 (+ PDFium BSD-3)",
        "page.get_textpage().get_text_bounded()",
    ),
    "pdfplumber": (
        _pdfplumber,
        "pdfplumber",
        "pdfplumber",
        "MIT (+ pdfminer.six MIT)",
        "page.extract_text()",
    ),
    "pdfplumber-layout": (
        _pdfplumber_layout,
        "pdfplumber",
        "pdfplumber",
        "MIT (+ pdfminer.six MIT)",
        "page.extract_text(layout=True)",
    ),
    "pdfminer.six": (
        _pdfminer,
        "pdfminer.high_level",
        "pdfminer.six",
        "MIT",
        "high_level.extract_text() (pdfplumber's engine)",
    ),
    "pypdf": (_pypdf, "pypdf", "pypdf", "BSD-3-Clause", "page.extract_text()"),
    "pypdf-layout": (
        _pypdf_layout,
        "pypdf",
        "pypdf",
        "BSD-3-Clause",
        'page.extract_text(extraction_mode="layout")',
    ),
    "pdftotext": (
        _pdftotext,
        None,
        None,
        "GPL-2/3 (poppler, outside tool)",
        "pdftotext -enc UTF-8",
    ),
    "pdftotext-layout": (
        _pdftotext_layout,
        None,
        None,
        "GPL-2/3 (poppler, outside tool)",
        "pdftotext -layout",
    ),
    "pymupdf": (_pymupdf, "pymupdf", "pymupdf", "AGPL-3.0 or commercial", "page.get_text()"),
    "pymupdf4llm": (
        _pymupdf4llm,
        "pymupdf4llm",
        "pymupdf4llm",
        "AGPL-3.0 or commercial",
        "to_markdown()",
    ),
}


def available_here(name: str) -> tuple[bool, str]:
    """(usable in this interpreter, version or reason)."""
    _, module, dist, _, _ = EXTRACTORS[name]
    if module is None:
        exe = shutil.which("pdftotext")
        if not exe:
            return False, "not on PATH"
        out = subprocess.run([exe, "-v"], capture_output=True, text=True)
        m = re.search(r"version ([\d.]+)", out.stderr + out.stdout)
        return True, f"poppler {m.group(1) if m else '?'}"
    try:
        importlib.import_module(module)
    except Exception:
        return False, "not installed"
    return True, importlib.metadata.version(dist)


def measure(name: str, path: Path, runs: int) -> dict:
    """Extract ``runs`` times in this process: times in ms, text, all runs identical."""
    func = EXTRACTORS[name][0]
    times, texts = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        text = func(path)
        times.append((time.perf_counter() - t0) * 1000)
        texts.append(text)
    return {
        "times": times,
        "text": texts[0],
        "deterministic": all(t.encode("utf-8") == texts[0].encode("utf-8") for t in texts),
    }


def measure_elsewhere(python: str, name: str, path: Path, runs: int) -> dict | None:
    cmd = [python, __file__, "--worker", name, "--pdf", str(path), "--runs", str(runs)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    lines = out.stdout.strip().splitlines()
    if out.returncode != 0 or not lines:
        return None
    return json.loads(lines[-1])  # the library may print notices before the result


# ------------------------------------------------------------------- the markdown side

BULLET_RE = re.compile(r"^\s*[-*•]\s+(?!\|)")
HEADING_RE = re.compile(r"^\s*#{1,6}\s+")
LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")
SEP_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
PUNCT = string.punctuation + "“”‘’«»·•→—–…"


def _is_table(line: str) -> bool:
    s = line.strip()
    s = s[2:].strip() if s.startswith("- |") else s
    return s.startswith("|") and s.count("|") >= 2


def _cells(line: str) -> list[str]:
    s = line.strip()
    s = s[2:].strip() if s.startswith("- |") else s
    return [c.strip() for c in s.strip("|").split("|")]


def _plain_line(line: str) -> str:
    s = line.replace("\t", " ").replace("\u00a0", " ")
    s = HEADING_RE.sub("", s)
    s = BULLET_RE.sub("", s)
    s = LINK_RE.sub(r"\1", s)
    s = s.replace("**", "")
    s = re.sub(r"(?<![*\w])\*(?![\s*])([^*]+?)(?<![\s*])\*(?![*\w])", r"\1", s)
    return " ".join(s.split())


def words(text: str) -> list[str]:
    """Word tokens: whitespace (and pipe) separated, outer punctuation stripped."""
    text = unicodedata.normalize("NFC", text).replace("|", " ")
    out = []
    for tok in text.split():
        tok = tok.strip(PUNCT)
        if any(c.isalnum() for c in tok):
            out.append(tok)
    return out


def read_source(path: Path) -> dict:
    md = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    lines = md.split("\n")
    plain: list[str] = []  # markup removed, blank lines kept
    rows: list[list[str]] = []
    bullets = 0
    for ln in lines:
        if SEP_RE.match(ln):
            continue
        if _is_table(ln):
            cells = _cells(ln)
            if any(cells):
                rows.append([c for c in cells if c])
                plain.append(" ".join(c for c in cells if c))
            continue
        if BULLET_RE.match(ln):
            bullets += 1
        plain.append(_plain_line(ln))
    blocks: list[list[str]] = [[]]
    for ln in plain:
        if ln:
            blocks[-1].append(ln)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    gaps = len(blocks) - 1

    # Roster ("Who we are"): bullet items, and entries such as ROLE / Name / Office.
    start = next(i for i, ln in enumerate(lines) if _plain_line(ln) == "WHO WE ARE")
    roster_items, entries, cur = [], [], []
    for ln in lines[start:] + [""]:
        p = _plain_line(ln)
        if BULLET_RE.match(ln):
            roster_items.append(p)
        if p and not BULLET_RE.match(ln):
            cur.append(p)
        elif cur:
            if 2 <= len(cur) <= 4 and not all(_upper(x) for x in cur):
                entries.append(cur)
            cur = []
    table_block = [b for b in blocks if b and rows and b[0] == " ".join(rows[0])]
    # A word broken by a hyphen at the end of a source line ("metro-" / "politan"), with
    # the word before and after, to see whether an extractor keeps or joins it.
    breaks = []
    for a, b in zip(plain, plain[1:], strict=False):
        m1, m2 = re.search(r"(\S+)\s+(\w+)-$", a), re.match(r"(\w+)\s+(\S+)", b)
        if m1 and m2:
            breaks.append((m1.group(1), m1.group(2), m2.group(1), m2.group(2)))
    return {
        "plain": "\n".join(plain),
        "words": words("\n".join(plain)),
        "blocks": [b for b in blocks if b not in table_block],
        "rows": rows,
        "bullets": bullets,
        "gaps": gaps,
        "roster_items": roster_items,
        "entries": entries,
        "breaks": breaks,
    }


def _upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# ------------------------------------------------------------------------- measures


def _seq_in(needle: list[str], hay: str) -> bool:
    return ("\x1f" + "\x1f".join(needle) + "\x1f") in hay


def _norm_line(line: str) -> str:
    """A line with markdown/bullet markers and extra spaces removed (for line comparisons)."""
    s = unicodedata.normalize("NFC", line).replace("\u00a0", " ").replace("**", "")
    s = re.sub(r"^\s*(?:#{1,6}\s+|[-*•]\s*)", "", s)
    return " ".join(s.split())


def analyse(text: str, src: dict) -> dict:
    raw = text
    text = raw.replace("\r\n", "\n")
    body = FOOTER_RE.sub(" ", text)
    out_words = words(body)
    sm = difflib.SequenceMatcher(None, src["words"], out_words, autojunk=False)
    src_content = {w for w in src["words"] if any(c.isalpha() for c in w)}
    found = set(out_words)
    missing = sorted(src_content - found)
    hay = "\x1f" + "\x1f".join(out_words) + "\x1f"

    blocks_ok = sum(_seq_in(words(" ".join(b)), hay) for b in src["blocks"])
    rows = src["rows"]
    rows_contig = sum(_seq_in(words(" ".join(r)), hay) for r in rows)
    out_lines = [_norm_line(ln) for ln in body.split("\n")]
    line_words = [words(ln) for ln in out_lines]

    def on_one_line(row: list[str]) -> bool:
        firsts = [words(c)[0] for c in row]
        for lw in line_words:
            pos = 0
            for w in firsts:
                try:
                    pos = lw.index(w, pos) + 1
                except ValueError:
                    break
            else:
                return True
        return False

    rows_line = sum(on_one_line(r) for r in rows)
    ncols = max((len(r) for r in rows), default=0)
    cols_contig = sum(
        _seq_in(words(" ".join(r[c] for r in rows if c < len(r))), hay) for c in range(ncols)
    )
    who = next((i for i, ln in enumerate(out_lines) if ln == "WHO WE ARE"), 0)
    nonblank = [ln for ln in out_lines[who:] if ln]
    line_set = set(nonblank)
    items_ok = sum(_norm_line(i) in line_set for i in src["roster_items"])
    joined_lines = "\x1f" + "\x1f".join(nonblank) + "\x1f"
    entries_ok = sum(
        ("\x1f" + "\x1f".join(_norm_line(x) for x in e) + "\x1f") in joined_lines
        for e in src["entries"]
    )
    gaps = len(re.findall(r"\n[ \t]*\n(?:[ \t]*\n)*", text.strip("\n\f")))

    return {
        "similarity": sm.ratio(),
        "coverage": 1 - len(missing) / len(src_content),
        "missing": missing,
        "blocks": (blocks_ok, len(src["blocks"])),
        "rows_contig": (rows_contig, len(rows)),
        "rows_line": (rows_line, len(rows)),
        "cols_contig": (cols_contig, ncols),
        "roster_items": (items_ok, len(src["roster_items"])),
        "entries": (entries_ok, len(src["entries"])),
        "gaps": gaps,
        "formfeeds": raw.count("\f"),
        "crlf": "\r\n" in raw,
        "bullets": bullet_style(text, src),
        "spurious": sorted(found - set(src["words"])),
        "breaks": [hyphen_break(body, br) for br in src["breaks"]],
        "bullet_count": text.count("•"),
        "footer": footer_style(text),
        "ligatures": sum(raw.count(chr(c)) for c in range(0xFB00, 0xFB07)),
        "odd_chars": {
            name: raw.count(ch)
            for name, ch in (
                ("U+FFFE", "\ufffe"),
                ("U+0002", "\x02"),
                ("soft hyphen", "\u00ad"),
                ("NBSP", "\u00a0"),
                ("U+FFFD", "\ufffd"),
            )
            if raw.count(ch)
        },
        "hyphenated": hyphen_words(src, found),
    }


def bullet_style(text: str, src: dict) -> str:
    """How the roster's bullets come out: inline '• name', bullet on its own line, dropped."""
    lines = [ln.replace("\u00a0", " ") for ln in text.split("\n")]
    who = next((i for i, ln in enumerate(lines) if _norm_line(ln) == "WHO WE ARE"), 0)
    lines = lines[who:]
    seen: Counter[str] = Counter()
    for item in src["roster_items"][:40]:
        for i, ln in enumerate(lines):
            s = " ".join(ln.split())
            if s.endswith(item) and len(s) - len(item) <= 4:
                prefix = s[: len(s) - len(item)]
                if prefix.strip():
                    seen[f"{prefix!r} inline"] += 1
                elif i and lines[i - 1].strip() in ("•", "-", "*"):
                    seen[f"{lines[i - 1].strip()!r} own line"] += 1
                else:
                    seen["dropped"] += 1
                break
        else:
            several = any(item in ln and ln.count("•") > 1 for ln in lines)
            seen["several items on one line" if several else "item not found"] += 1
    return ", ".join(f"{k} ×{v}" for k, v in seen.most_common(2))


def plumber_table_rows(path: Path) -> list[list[str]]:
    """Every table row pdfplumber finds (ruling lines), cells with whitespace collapsed."""
    import pdfplumber

    rows = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows += [[" ".join((c or "").split()) for c in row if c] for row in table]
    return rows


def hyphen_break(text: str, br: tuple[str, str, str, str]) -> str:
    before, a, b, after = (re.escape(x) for x in br)
    if re.search(rf"{before}\s+{a}-[ \t]*\r?\n\s*{b}\s+{after}", text):
        return "kept"
    if re.search(rf"{before}\s+{a}-\s+{b}\s+{after}", text):
        return "kept, one line"
    if re.search(rf"{before}\s+{a}{b}\s+{after}", text):
        return "joined, hyphen dropped"
    m = re.search(rf"{before}\s+{a}([\x02\ufffe\u00ad])\s*{b}\s+{after}", text)
    if m:
        return f"joined with U+{ord(m.group(1)):04X} for the hyphen"
    if re.search(rf"{before}\s+{a}\s+{b}\s+{after}", text):
        return "hyphen lost"
    return "not found"


def footer_style(text: str) -> str:
    """How the footer of page 7 comes out, and whether footers lead or close a page."""
    lines = [" ".join(ln.split()) for ln in text.replace("\f", "\n").split("\n")]
    first = next((ln for ln in lines if ln), "")
    where = "page top" if first.startswith("Metropolis Progress Report") else "page end"
    for i, ln in enumerate(lines):
        if "Metropolis Progress Report" in ln and re.search(r"·\s*7\b", ln):
            nxt = next((x for x in lines[i + 1 : i + 4] if x), "")
            if re.fullmatch(r".*·\s*7\s+7", ln):
                return f"one line, {where}"
            if nxt == "7":
                return f"two lines, {where}"
            return f"text; number elsewhere, {where}"
    return "not found"


def hyphen_words(src: dict, found: set[str]) -> tuple[int, int]:
    hy = {w for w in src["words"] if re.search(r"\w-\w", w)}
    return (len(hy & found), len(hy))


# ------------------------------------------------------------------------------ main


def odd_chars(r: dict) -> str:
    c: Counter[str] = Counter()
    for res in r.values():
        c.update(res["odd_chars"])
    return ", ".join(f"{k} ×{v}" for k, v in sorted(c.items())) or "-"


def frac(t: tuple[int, int]) -> str:
    return f"{t[0]}/{t[1]}"


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) + " |")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=5, help="extractions per PDF (median time)")
    ap.add_argument("--out", type=Path, help="save texts as OUT/<extractor>/<period>.txt")
    ap.add_argument("--extra-python", help="interpreter for extractors not installed here")
    ap.add_argument("--only", nargs="*", help="extractor names to run")
    ap.add_argument(
        "--pdf-dir",
        type=Path,
        default=PDF_DIR,
        help="folder with <period>.pdf (default: the fixtures; e.g. a folder with the real PDF)",
    )
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--pdf", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:  # run inside --extra-python: measure one extractor on one PDF
        ok, version = available_here(args.worker)
        if not ok:
            return 3
        res = measure(args.worker, args.pdf, args.runs) if args.runs else {}
        res["version"] = version
        print(json.dumps(res))
        return 0

    pdf_dir = args.pdf_dir
    periods = [p for p in SOURCES if (pdf_dir / f"{p}.pdf").exists()]
    if not periods:
        print(f"no PDFs in {pdf_dir}: run tests/fixtures/pdf/make_pdfs.py first")
        return 2
    sources = {p: read_source(SOURCES[p]) for p in periods}
    names = args.only or list(EXTRACTORS)

    results: dict[str, dict] = {}
    status: dict[str, str] = {}
    for name in names:
        ok, version = available_here(name)
        where = "here"
        if not ok and args.extra_python and EXTRACTORS[name][1]:
            probe = measure_elsewhere(args.extra_python, name, pdf_dir / f"{periods[0]}.pdf", 0)
            if probe is not None:
                ok, version, where = True, probe["version"], "extra"
        if not ok:
            status[name] = version
            print(f"{name}: {version}", flush=True)
            continue
        status[name] = version + (" (--extra-python)" if where == "extra" else "")
        results[name] = {}
        for p in periods:
            pdf = pdf_dir / f"{p}.pdf"
            if where == "here":
                res = measure(name, pdf, args.runs)
            else:
                res = measure_elsewhere(args.extra_python, name, pdf, args.runs)
            res.update(analyse(res["text"], sources[p]))
            results[name][p] = res
            if args.out:
                d = args.out / name
                d.mkdir(parents=True, exist_ok=True)
                (d / f"{p}.txt").write_bytes(res["text"].encode("utf-8"))
                (d / f"{p}.words.txt").write_text(
                    "# source words not found\n"
                    + "".join(w + "\n" for w in res["missing"])
                    + "# words not in the source\n"
                    + "".join(w + "\n" for w in res["spurious"]),
                    encoding="utf-8",
                )
        print(f"{name}: {status[name]} measured", flush=True)

    if not results:
        print(
            "no extractor available: pip install pypdf pypdfium2 pdfplumber (or put pdftotext on PATH)"
        )
        return 0
    main_p = MAIN if MAIN in periods else periods[0]
    pages = {
        p: len(re.findall(rb"/Type\s*/Page(?!s)", (pdf_dir / f"{p}.pdf").read_bytes()))
        for p in periods
    }

    print_table(
        f"Time, median of {args.runs} (ms, whole document; pages: "
        + ", ".join(f"{p} {pages[p] or '?'}" for p in periods)
        + ")",
        ["extractor", "version", *periods, "deterministic"],
        [
            [
                n,
                status[n],
                *(f"{statistics.median(r[p]['times']):.0f}" for p in periods),
                "yes" if all(r[p]["deterministic"] for p in periods) else "NO",
            ]
            for n, r in results.items()
        ],
    )
    print_table(
        "Text fidelity vs. the markdown with markup removed (word similarity / distinct words found)",
        ["extractor", *periods, "mean sim", "mean found"],
        [
            [
                n,
                *(f"{r[p]['similarity']:.3f} / {r[p]['coverage']:.1%}" for p in periods),
                f"{statistics.mean(r[p]['similarity'] for p in periods):.3f}",
                f"{statistics.mean(r[p]['coverage'] for p in periods):.1%}",
            ]
            for n, r in results.items()
        ],
    )

    def total(r: dict, key: str) -> tuple[int, int]:
        return (sum(r[p][key][0] for p in periods), sum(r[p][key][1] for p in periods))

    print_table(
        "Reading order, all PDFs (k/n kept intact). Blocks: the words of each markdown block"
        " come out together and in order. Table row in order: a row's cells, wrapped parts"
        " included, come out one after the other; on one line: the first word of every cell"
        " is on one output line. Roster: each 'Who we are' list item is a line of its own;"
        " each ROLE / Name / Office entry comes out as those lines, in order.",
        [
            "extractor",
            "blocks in order",
            "table rows in order",
            "table row on one line",
            "table columns in order",
            "roster items own line",
            "roster entries",
            "words not in source",
            "line-end hyphen",
        ],
        [
            [
                n,
                frac(total(r, "blocks")),
                frac(total(r, "rows_contig")),
                frac(total(r, "rows_line")),
                frac(total(r, "cols_contig")),
                frac(total(r, "roster_items")),
                frac(total(r, "entries")),
                sum(len(r[p]["spurious"]) for p in periods),
                ", ".join(b for p in periods for b in r[p]["breaks"]) or "-",
            ]
            for n, r in results.items()
        ],
    )
    s = sources[main_p]
    print_table(
        f"Layout details, {main_p} (source: {s['gaps']} blank-line gaps, {s['bullets']} bullets)",
        [
            "extractor",
            "blank-line gaps",
            "form feeds",
            "CRLF",
            "bullets (•)",
            "bullet style",
            "footer",
            "hyphenated words",
            "ligatures",
            "odd characters (all PDFs)",
        ],
        [
            [
                n,
                r[main_p]["gaps"],
                r[main_p]["formfeeds"],
                "yes" if r[main_p]["crlf"] else "no",
                r[main_p]["bullet_count"],
                r[main_p]["bullets"],
                r[main_p]["footer"],
                frac(r[main_p]["hyphenated"]),
                r[main_p]["ligatures"],
                odd_chars(r),
            ]
            for n, r in results.items()
        ],
    )
    if "pdfplumber" in results:
        table_rows = []
        for p in periods:
            times, exact = [], 0
            for _ in range(args.runs):
                t0 = time.perf_counter()
                got = plumber_table_rows(pdf_dir / f"{p}.pdf")
                times.append((time.perf_counter() - t0) * 1000)
            want = [[" ".join(c.split()) for c in r] for r in sources[p]["rows"]]
            exact = sum(r in got for r in want)
            table_rows.append([p, f"{exact}/{len(want)}", f"{statistics.median(times):.0f}"])
        print_table(
            "Membership table through a table API: pdfplumber page.extract_tables()"
            " (rows whose cells all come back exactly, wrapped names rejoined)",
            ["period", "rows exact", "ms (whole document)"],
            table_rows,
        )
    print_table(
        "Licence and call",
        ["extractor", "version", "licence", "call"],
        [[n, status[n], EXTRACTORS[n][3], EXTRACTORS[n][4]] for n in names],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
