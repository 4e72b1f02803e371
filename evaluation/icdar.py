"""Raw table extraction on the ICDAR 2013 table competition files: ours vs pdfplumber, camelot.

Measure: the competition's cell adjacency relations. For every non-empty cell of a table, the
pairs (cell text, text of the nearest non-empty cell to its right, "r") and (..., below, "b"),
texts reduced to lower-case alphanumerics (a cell that reduces to "" counts as empty). It is
text-based, so no coordinates are compared and an extractor is not punished for a slightly
different box, only for splitting, merging or misplacing cells. A spanning cell is adjacent to
the neighbour of each row / column it spans (counted once per distinct neighbour).

Per document: each extracted table is assigned to the ground-truth table it shares most pairs
with (a table split over pages may feed one GT table from two pieces). correct = pairs of each
GT table found among its assigned tables' pairs (multiset intersection); recall = correct / all
GT pairs (GT tables nothing matched count as misses), precision = correct / all extracted pairs
(tables that match no GT table count against precision). Overall = mean of the documents'
P/R/F1 and the micro figure over all pairs.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from evaluation import ROOT

ICDAR = ROOT.parent / "shared" / "real" / "icdar2013"
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")

Pair = tuple[str, str, str]
GridCell = tuple[int, int, int, int, str]
"""(row0, col0, row1, col1, text): a cell covering rows row0..row1 and cols col0..col1."""


def norm(text: str | None) -> str:
    return _NOT_ALNUM.sub("", (text or "").lower())


def adjacency(cells: Sequence[GridCell]) -> Counter[Pair]:
    """Adjacency pairs of one table given its cells with their spans (see module docstring)."""
    owner: dict[tuple[int, int], int] = {}
    texts = [norm(c[4]) for c in cells]
    n_rows = n_cols = 0
    for k, (r0, c0, r1, c1, _) in enumerate(cells):
        n_rows, n_cols = max(n_rows, r1 + 1), max(n_cols, c1 + 1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                owner.setdefault((r, c), k)
    pairs: Counter[Pair] = Counter()
    for k, (r0, c0, r1, c1, _) in enumerate(cells):
        if not texts[k]:
            continue
        found: set[tuple[int, str]] = set()
        for r in range(r0, r1 + 1):
            for c in range(c1 + 1, n_cols):
                j = owner.get((r, c))
                if j is not None and j != k and texts[j]:
                    found.add((j, "r"))
                    break
        for c in range(c0, c1 + 1):
            for r in range(r1 + 1, n_rows):
                j = owner.get((r, c))
                if j is not None and j != k and texts[j]:
                    found.add((j, "b"))
                    break
        for j, direction in found:
            pairs[(texts[k], texts[j], direction)] += 1
    return pairs


def grid_cells(rows: Sequence[Sequence[str | None]]) -> list[GridCell]:
    """A plain grid (pdfplumber, camelot): each position its own cell; None means empty."""
    return [(r, c, r, c, t or "") for r, row in enumerate(rows) for c, t in enumerate(row)]


def raw_table_cells(table) -> list[GridCell]:
    """A councilplans RawTable: covering cells carry their spans; covered positions are skipped."""
    out: list[GridCell] = []
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            if cell.origin is None:
                out.append((r, c, r + max(1, cell.row_span) - 1, c + max(1, cell.col_span) - 1,
                            cell.text))
    return out


def gt_tables(str_xml: Path) -> list[Counter[Pair]]:
    """Ground truth: one adjacency multiset per <table> (its regions each a grid of their own)."""
    from defusedxml import ElementTree

    root = ElementTree.parse(str_xml).getroot()
    out = []
    for table in root.iter("table"):
        pairs: Counter[Pair] = Counter()
        for region in table.iter("region"):
            cells = []
            for cell in region.iter("cell"):
                r0, c0 = int(cell.get("start-row")), int(cell.get("start-col"))
                r1 = int(cell.get("end-row", r0))
                c1 = int(cell.get("end-col", c0))
                content = cell.find("content")
                cells.append((r0, c0, r1, c1, content.text if content is not None else ""))
            pairs += adjacency(cells)
        out.append(pairs)
    return out


@dataclass
class DocScore:
    correct: int = 0
    n_gt: int = 0
    n_found: int = 0
    seconds: float = 0.0
    error: str | None = None
    n_tables: tuple[int, int] = (0, 0)  # (tables found, GT tables)

    @property
    def precision(self) -> float:
        return self.correct / self.n_found if self.n_found else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.n_gt if self.n_gt else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_document(gt: Sequence[Counter[Pair]], found: Sequence[Counter[Pair]]) -> DocScore:
    """Assign each found table to its best GT table, then count shared pairs (module docstring)."""
    assigned: list[Counter[Pair]] = [Counter() for _ in gt]
    for table in found:
        overlaps = [sum((g & table).values()) for g in gt]
        if overlaps and max(overlaps) > 0:
            assigned[overlaps.index(max(overlaps))] += table
    correct = sum(sum((g & a).values()) for g, a in zip(gt, assigned, strict=True))
    return DocScore(correct, sum(sum(g.values()) for g in gt),
                    sum(sum(t.values()) for t in found), n_tables=(len(found), len(gt)))


# --- extractors: path -> one adjacency multiset per table ------------------------------------


def ours(path: Path) -> list[Counter[Pair]]:
    from councilplans.extract.pdf import pdf_to_document

    return [adjacency(raw_table_cells(t)) for t in pdf_to_document(path).tables]


def pdfplumber_default(path: Path) -> list[Counter[Pair]]:
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            out += [adjacency(grid_cells(t)) for t in page.extract_tables()]
            page.close()
    return out


def camelot_flavor(flavor: str, **kwargs) -> Callable[[Path], list[Counter[Pair]]]:
    def run(path: Path) -> list[Counter[Pair]]:
        import warnings

        import camelot

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(str(path), pages="all", flavor=flavor,
                                      suppress_stdout=True, **kwargs)
        return [adjacency(grid_cells(t.df.values.tolist())) for t in tables]

    return run


EXTRACTORS: dict[str, Callable[[Path], list[Counter[Pair]]]] = {
    "ours": ours,
    "pdfplumber": pdfplumber_default,
    "camelot-lattice": camelot_flavor("lattice"),
    "camelot-stream": camelot_flavor("stream"),
    "camelot-hybrid": camelot_flavor("hybrid"),
    "camelot-network": camelot_flavor("network"),
}


DEFAULT = "ours,pdfplumber,camelot-lattice,camelot-stream,camelot-hybrid"


@dataclass
class Results:
    docs: list[str] = field(default_factory=list)
    scores: dict[str, list[DocScore]] = field(default_factory=dict)


def evaluate(folder: Path, names: Sequence[str]) -> Results:
    res = Results(scores={n: [] for n in names})
    for pdf in sorted(folder.glob("*.pdf")):
        str_xml = pdf.with_name(pdf.stem + "-str.xml")
        if not str_xml.is_file():
            continue
        gt = gt_tables(str_xml)
        res.docs.append(pdf.stem)
        for name in names:
            t0 = time.perf_counter()
            try:
                found = EXTRACTORS[name](pdf)
                score = score_document(gt, found)
            except Exception as exc:  # report and carry on: one extractor failing is a finding
                score = DocScore(0, sum(sum(g.values()) for g in gt), 0,
                                 error=f"{type(exc).__name__}: {str(exc)[:160]}")
            score.seconds = time.perf_counter() - t0
            res.scores[name].append(score)
    return res


def report(res: Results, verbose: bool = False) -> str:
    names = list(res.scores)
    head = f"{'document':<10}" + "".join(f" {n[:17]:>17}" for n in names)
    lines = ["P/R/F1 of cell adjacency relations (ICDAR 2013 measure)", head]
    for i, doc in enumerate(res.docs):
        cells = []
        for n in names:
            s = res.scores[n][i]
            cells.append("   error" if s.error else f"{s.precision:.2f}/{s.recall:.2f}/{s.f1:.2f}")
        lines.append(f"{doc:<10}" + "".join(f" {c:>17}" for c in cells))
        if verbose:  # tables found / GT tables, pairs right / found / GT
            info = [f"{s.n_tables[0]}/{s.n_tables[1]}t {s.correct}/{s.n_found}/{s.n_gt}"
                    for s in (res.scores[n][i] for n in names)]
            lines.append(f"{'':<10}" + "".join(f" {c:>17}" for c in info))
    k = max(1, len(res.docs))
    means = [[sum(getattr(s, m) for s in res.scores[n]) / k for m in ("precision", "recall", "f1")]
             for n in names]
    lines.append(f"{'mean':<10}" + "".join(f" {p:.2f}/{r:.2f}/{f:.2f}".rjust(18)
                                           for p, r, f in means))
    micro = []
    for n in names:
        tot = DocScore(*(sum(getattr(s, a) for s in res.scores[n])
                         for a in ("correct", "n_gt", "n_found")))
        micro.append(f"{tot.precision:.2f}/{tot.recall:.2f}/{tot.f1:.2f}")
    lines.append(f"{'micro':<10}" + "".join(f" {c:>17}" for c in micro))
    secs = [f"{sum(s.seconds for s in res.scores[n]):.1f}s" for n in names]
    lines.append(f"{'time':<10}" + "".join(f" {c:>17}" for c in secs))
    for n in names:  # one line per distinct error, naming the documents it hit
        errors: dict[str, list[str]] = {}
        for doc, s in zip(res.docs, res.scores[n], strict=True):
            if s.error:
                errors.setdefault(s.error, []).append(doc)
        for error, docs in errors.items():
            where = "all documents" if len(docs) == len(res.docs) else ", ".join(docs)
            lines.append(f"! {n} on {where}: {error}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m evaluation.icdar",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=ICDAR, help="Folder of ICDAR 2013 files.")
    ap.add_argument("--extractors", default=DEFAULT,
                    help=f"Comma-separated, among: {', '.join(EXTRACTORS)}.")
    ap.add_argument("--verbose", "-v", action="store_true",
                    help="Per document also tables found/GT and pairs right/found/GT.")
    args = ap.parse_args(argv)
    if not args.dir.is_dir():
        print(f"skipped: {os.path.relpath(args.dir, ROOT)} not found")
        return 0
    names = [n.strip() for n in args.extractors.split(",") if n.strip()]
    unknown = [n for n in names if n not in EXTRACTORS]
    if unknown:
        ap.error(f"unknown extractor(s): {', '.join(unknown)}")
    print(report(evaluate(args.dir, names), args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
