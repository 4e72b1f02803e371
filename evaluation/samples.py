"""Score imports of the bundled samples against their expected records.

Each sample is imported through the real CLI (``councilplans import`` then ``export``) into its
own fresh SQLite database, so the figure covers extract, normalise, load and export together.

Records are scored by ``evaluation.scoring`` (the same functions the tests use).

With ``--layouts`` the table-layout samples of ``samples/layouts`` (one spec drawn as rules-only,
header-band, banded, filled-cells, first-page-header or sideways tables by Word + LibreOffice,
Chromium or reportlab) are scored too, and a summary line per layout class and producer
follows the per-file table. Class and producer come from ``samples/layouts/manifest.json``,
else from the file name ``CLASS--PRODUCER--SPEC.pdf``.

With ``--holdout`` the held-out samples of ``samples/holdout`` (plans that are not about VAWG,
from specs the import was never tuned on, in mixed layouts) get a report and a per-layout
summary of their own, apart from the development samples whose figures overstate how far the
import generalises.

Exit status is 0 whatever the scores (it is a measurement); 1 only if the CLI crashed (a Python
traceback) on some file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evaluation import ROOT
from evaluation.scoring import (
    FIELDS,
    Record,
    Score,
    key_text,
    score_document,
    score_records,
)

# --- running the CLI -------------------------------------------------------------------------


@dataclass
class FileRun:
    path: Path
    records: list[Record]
    document: dict[str, Any] | None
    seconds: float
    error: str | None = None  # the tool said the file failed, or gave no output
    crashed: bool = False  # a Python traceback: a bug, not a measurement


def _cli(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "councilplans", *args], capture_output=True,
                          text=True, cwd=ROOT)


def run_import(path: Path, workdir: Path) -> FileRun:
    """Import ``path`` into a fresh database in ``workdir``; read back records and metadata."""
    db = f"sqlite:///{workdir / (path.name + '.db')}"
    t0 = time.perf_counter()
    imp = _cli(["import", str(path), "--db", db, "--jobs", "0"])
    seconds = time.perf_counter() - t0
    crashed = "Traceback (most recent call last)" in imp.stderr
    error = None
    if imp.returncode != 0:  # the per-file line says why (stderr), else the last line at all
        lines = (imp.stderr.strip() or imp.stdout.strip() or "no output").splitlines()
        why = next((ln for ln in lines if str(path) in ln), lines[-1])
        error = f"import exit {imp.returncode}: {why.replace(str(path) + ': ', '')[:200]}"
    elif "partial" in imp.stdout:
        error = "partial: " + imp.stdout.strip().splitlines()[0].replace(str(path) + ": ", "")
    exp = _cli(["export", "--db", db, "--format", "jsonl"])
    crashed = crashed or "Traceback (most recent call last)" in exp.stderr
    records = [json.loads(line) for line in exp.stdout.splitlines() if line.strip()]
    records = [r for r in records if r.get("document") in (None, path.name)]
    if exp.returncode != 0 and error is None:
        error = f"export exit {exp.returncode}: {exp.stderr.strip()[-200:]}"
    docs = _cli(["documents", "--db", db, "--format", "json"])
    document = None
    if docs.returncode == 0:
        try:
            rows = json.loads(docs.stdout or "[]")
            document = next((r for r in rows if r.get("document") == path.name), None)
        except json.JSONDecodeError:
            document = None
    return FileRun(path, records, document, seconds, error, crashed)


def expected_path(sample: Path) -> Path:
    """X.docx, X.pdf -> X.expected.json; X-rl.pdf -> X-rl.expected.json (same rule: the stem)."""
    return sample.with_name(sample.stem + ".expected.json")


def find_samples(folder: Path, shapes: bool = False, variants: bool = False,
                 layouts: bool = False, holdout: bool = False) -> list[Path]:
    files = sorted([*folder.glob("*.docx"), *folder.glob("*.pdf")])
    for wanted, sub in ((shapes, "shapes"), (variants, "variants"), (layouts, "layouts"),
                        (holdout, HOLDOUT)):
        if wanted and (folder / sub).is_dir():
            files += sorted(p for p in (folder / sub).iterdir()
                            if p.suffix.lower() in (".pdf", ".docx"))
    return files


# --- layout classes --------------------------------------------------------------------------


LAYOUT_MANIFEST = "manifest.json"
HOLDOUT = "holdout"
"""The held-out samples' folder: plans that are not about VAWG, never used to tune the import."""
LAYOUT_CLASSES = ("rules-only", "header-band", "banded", "filled-cells", "first-page-header",
                  "sideways")
"""The issue's order of the classes, which the summary keeps."""


def layout_labels(folder: Path) -> dict[str, tuple[str, str]]:
    """File name -> (layout class, producer) for the samples in ``folder`` (its manifest)."""
    manifest = folder / LAYOUT_MANIFEST
    if not manifest.is_file():
        return {}
    entries = json.loads(manifest.read_text(encoding="utf-8")).get("samples", [])
    return {e["file"]: (e["class"], e["producer"]) for e in entries}


def layout_label(path: Path, labels: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """(class, producer) of a layout sample: the manifest's word, else the name's first two
    ``--`` fields; None for a file that is not a layout sample."""
    if path.name in labels:
        return labels[path.name]
    parts = path.stem.split("--")
    return (parts[0], parts[1]) if len(parts) >= 3 else None


@dataclass
class LayoutGroup:
    layout: str
    producer: str
    files: int
    score: Score


def layout_summary(
    scored: Sequence[tuple[Path, Score]], labels: dict[str, tuple[str, str]]
) -> list[LayoutGroup]:
    """Scores added up per (layout class, producer): the known classes in ``LAYOUT_CLASSES``
    order, others after them as they first appear; producers alphabetically."""
    groups: dict[tuple[str, str], LayoutGroup] = {}
    for path, score in scored:
        label = layout_label(path, labels)
        if label is None:
            continue
        group = groups.setdefault(label, LayoutGroup(*label, 0, Score()))
        group.files += 1
        group.score = group.score + score
    order = [*LAYOUT_CLASSES, *dict.fromkeys(layout for layout, _ in groups)]
    return sorted(groups.values(), key=lambda g: (order.index(g.layout), g.producer))


def layout_report(groups: Sequence[LayoutGroup]) -> str:
    lines = [f"{'layout class':<18} {'producer':<10} {'files':>5} {'exp':>5} {'got':>5} "
             f"{'match':>5} {'recall':>6} {'prec':>6} {'fields':>6}"]
    for g in groups:
        s = g.score
        lines.append(f"{g.layout:<18} {g.producer:<10} {g.files:>5} {s.n_expected:>5} "
                     f"{s.n_produced:>5} {s.n_matched:>5} {_pct(s.recall)} {_pct(s.precision)} "
                     f"{_pct(s.field_accuracy)}")
    return "\n".join(lines)


# --- report ----------------------------------------------------------------------------------


def _cut(text: str | None, width: int = 70) -> str:
    if text is None:
        return "null"
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _cut_pair(e: str | None, g: str | None, width: int = 70) -> tuple[str, str]:
    """Both values, cut to ``width`` around where they first differ so the difference shows."""
    if e is None or g is None:
        return _cut(e, width), _cut(g, width)
    k = len(os.path.commonprefix([e, g]))
    start = max(0, k - 20) if k > width - 20 else 0
    pre = "…" if start else ""
    return pre + _cut(e[start:], width), pre + _cut(g[start:], width)


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def _row(name: str, s: Score, docs: str, secs: str, width: int = 44) -> str:
    return (f"{name[:width]:<{width}} {s.n_expected:>5} {s.n_produced:>5} {s.n_matched:>5} "
            f"{_pct(s.recall)} {_pct(s.precision)} {_pct(s.field_accuracy)} {docs:>5} {secs:>6}")


def report(results: list[tuple[FileRun, Score, dict[str, bool]]], verbose: bool) -> str:
    width = min(72, max([44, *(len(run.path.name) for run, _, _ in results)]))
    lines = [f"{'sample':<{width}} {'exp':>5} {'got':>5} {'match':>5} {'recall':>6} {'prec':>6} "
             f"{'fields':>6} {'meta':>5} {'secs':>6}"]
    total = Score()
    meta_ok = meta_n = 0
    for run, score, meta in results:
        total = total + score
        meta_ok += sum(meta.values())
        meta_n += len(meta)
        lines.append(_row(run.path.name, score, f"{sum(meta.values())}/{len(meta)}",
                          f"{run.seconds:.1f}", width))
        if run.error:
            lines.append(f"    ! {run.error}")
        if verbose:
            for m in score.mismatches:
                e, g = _cut_pair(m.expected, m.got)
                lines.append(f"    {m.ref or '-'} {m.field}: expected {e} got {g}")
            for r in score.missing:
                lines.append(f"    missing {r.get('ref') or '-'}: {_cut(key_text(r))}")
            for r in score.spurious:
                lines.append(f"    spurious {r.get('ref') or '-'}: {_cut(key_text(r))}")
            for k, ok in meta.items():
                if not ok:
                    got = run.document.get(k) if run.document else None
                    lines.append(f"    document {k}: got {got!r}")
    secs = sum(r.seconds for r, _, _ in results)
    lines.append(_row("OVERALL (micro)", total, f"{meta_ok}/{meta_n}", f"{secs:.1f}", width))
    lines.append("")
    lines.append("field accuracy over matched records, worst first:")
    if not total.n_matched:
        lines.append("  (no matched records)")
    for name in sorted(FIELDS, key=lambda f: (total.field_rate(f), f)) if total.n_matched else ():
        wrong = total.n_matched - total.field_correct[name]
        lines.append(f"  {name:<10} {_pct(total.field_rate(name))}  ({wrong} wrong)")
    return "\n".join(lines)


def to_json(results: list[tuple[FileRun, Score, dict[str, bool]]],
            layouts: Sequence[LayoutGroup] = ()) -> dict[str, Any]:
    def one(s: Score) -> dict[str, Any]:
        return {"expected": s.n_expected, "produced": s.n_produced, "matched": s.n_matched,
                "recall": s.recall, "precision": s.precision, "field_accuracy": s.field_accuracy,
                "fields": {f: s.field_rate(f) for f in FIELDS}}

    total = sum((s for _, s, _ in results), Score())
    files = []
    for run, s, meta in results:
        entry = one(s) | {"file": str(run.path.relative_to(ROOT) if run.path.is_relative_to(ROOT)
                                      else run.path),
                          "seconds": run.seconds, "error": run.error, "document": meta,
                          "mismatches": [m.__dict__ for m in s.mismatches]}
        files.append(entry)
    out: dict[str, Any] = {"overall": one(total), "files": files}
    if layouts:
        out["layouts"] = [{"class": g.layout, "producer": g.producer, "files": g.files}
                          | one(g.score) for g in layouts]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m evaluation.samples",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, help="Sample files (default: all in samples/).")
    ap.add_argument("--samples", type=Path, default=ROOT / "samples", help="Samples folder.")
    ap.add_argument("--shapes", action="store_true", help="Also samples/shapes/*.")
    ap.add_argument("--variants", action="store_true",
                    help="Also samples/variants/*: the seed documents with borderless and "
                         "banded tables.")
    ap.add_argument("--layouts", action="store_true",
                    help="Also samples/layouts/*: the table layouts of issue 9 (rules-only, "
                         "header-band, banded, filled-cells, first-page-header, sideways), "
                         "with a summary per layout class and producer.")
    ap.add_argument("--holdout", action="store_true",
                    help="Also samples/holdout/*: plans that are not about VAWG (community "
                         "safety, ICB metrics, climate, police, housing, children's services, "
                         "health), in mixed layouts; scored in a summary of their own.")
    ap.add_argument("--verbose", "-v", action="store_true", help="Print each mismatching field.")
    ap.add_argument("--json", type=Path, metavar="OUT", help="Save the results as JSON.")
    ap.add_argument("--jobs", "-j", type=int, default=2, help="Files imported in parallel.")
    args = ap.parse_args(argv)

    files = args.files or find_samples(args.samples, args.shapes, args.variants, args.layouts,
                                       args.holdout)
    work = []
    for f in files:
        exp = expected_path(f)
        if exp.is_file():
            work.append((f.resolve(), json.loads(exp.read_text(encoding="utf-8"))))
        else:
            print(f"skipped {f.name}: no {exp.name}")
    if not work:
        print(f"no samples with expected records found in {args.samples}")
        return 0
    with tempfile.TemporaryDirectory(prefix="cp-eval-") as tmp, \
            ThreadPoolExecutor(max(1, args.jobs)) as pool:
        runs = list(pool.map(lambda w: run_import(w[0], Path(tmp)), work))
    results = [(run, score_records(exp.get("records", []), run.records),
                score_document(exp.get("document", {}), run.document))
               for run, (_, exp) in zip(runs, work, strict=True)]
    holdout_dir = (args.samples / HOLDOUT).resolve()  # reported apart: its own figures
    held = [r for r in results if r[0].path.parent == holdout_dir]
    results = [r for r in results if r[0].path.parent != holdout_dir]
    if results:
        print(report(results, args.verbose))
    labels = layout_labels(args.samples / "layouts")
    groups = layout_summary([(run.path, score) for run, score, _ in results], labels)
    if results and held:
        print()
    if held:
        print(f"held-out set ({HOLDOUT}/: not about VAWG, never used for tuning):")
        print(report(held, args.verbose))
        print()
        print("held-out set by layout class and producer:")
        print(layout_report(layout_summary([(run.path, score) for run, score, _ in held],
                                           layout_labels(holdout_dir))))
    if groups:
        print()
        print("by layout class and producer (samples/layouts):")
        print(layout_report(groups))
    if args.json:
        args.json.write_text(json.dumps(to_json(results + held, groups), indent=2,
                                        ensure_ascii=False))
        print(f"saved {args.json}")
    crashed = [r.path.name for r in runs if r.crashed]
    if crashed:
        print("the CLI crashed on: " + ", ".join(crashed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
