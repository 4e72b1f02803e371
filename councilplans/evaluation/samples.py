"""Score imports of the bundled samples against their expected records.

Each sample is imported through the real CLI (``councilplans import`` then ``export``) into its
own fresh SQLite database, so the figure covers extract, normalise, load and export together.

Scoring (pure functions, unit-tested):

- Texts are compared after ``norm_text``: whitespace runs (newlines too) collapsed to one space,
  bullet glyphs unified to "•", stripped, "" treated as null. Otherwise case-sensitive: a
  wrongly cased heading is a wrong value.
- Records are paired first on exact (kind, ref) where the ref is unique on both sides, then
  greedily by ``difflib`` ratio of action+outcome+indicator+lead text, best pairs first, down to
  ``THRESHOLD``.
- record recall = matched / expected, precision = matched / produced.
- field accuracy counts the 15 ``FIELDS`` over *matched pairs only*; missing and spurious records
  show in recall and precision, not here. Otherwise one missed row would blur which field is
  wrong.

With ``--layouts`` the table-layout samples of ``samples/layouts`` (one spec drawn as rules-only,
header-band, banded, filled-cells, first-page-header or sideways tables by Word + LibreOffice,
Chromium or reportlab) are scored too, and a summary line per layout class and producer
follows the per-file table. Class and producer come from ``samples/layouts/manifest.json``,
else from the file name ``CLASS--PRODUCER--SPEC.pdf``.

Exit status is 0 whatever the scores (it is a measurement); 1 only if the CLI crashed (a Python
traceback) on some file.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from councilplans.evaluation import ROOT
from councilplans.normalise.model import RECORD_FIELDS

FIELDS: tuple[str, ...] = ("kind", *RECORD_FIELDS)
KEY_FIELDS: tuple[str, ...] = ("action", "outcome", "indicator", "lead")
THRESHOLD = 0.6
DOC_FIELDS: tuple[str, ...] = ("title", "organisations", "doc_type", "period_start", "period_end")

_BULLETS = re.compile("[\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u2219\u27a2\u25ba\uf0b7\uf0a7]")
_SPACE = re.compile(r"\s+")

Record = dict[str, Any]


def norm_text(value: Any) -> str | None:
    """The comparable form of one field value (see module docstring)."""
    if value is None:
        return None
    text = _SPACE.sub(" ", _BULLETS.sub("•", str(value))).strip()
    return text or None


def _key_text(rec: Record) -> str:
    parts = [norm_text(rec.get(f)) for f in KEY_FIELDS]
    text = " ".join(p for p in parts if p)
    if not text:  # a row with none of the key fields: fall back on everything it has
        text = " ".join(p for p in (norm_text(rec.get(f)) for f in FIELDS) if p)
    return text


@dataclass
class Mismatch:
    ref: str | None
    field: str
    expected: str | None
    got: str | None


@dataclass
class Score:
    """Counts, so scores of several files add up to a micro average."""

    n_expected: int = 0
    n_produced: int = 0
    n_matched: int = 0
    field_correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    mismatches: list[Mismatch] = field(default_factory=list)
    missing: list[Record] = field(default_factory=list)  # expected, never matched
    spurious: list[Record] = field(default_factory=list)  # produced, never matched

    @property
    def recall(self) -> float:
        return self.n_matched / self.n_expected if self.n_expected else 1.0

    @property
    def precision(self) -> float:
        if not self.n_produced:  # nothing produced: perfect only if nothing was expected
            return 0.0 if self.n_expected else 1.0
        return self.n_matched / self.n_produced

    @property
    def field_accuracy(self) -> float:
        total = self.n_matched * len(FIELDS)
        return sum(self.field_correct.values()) / total if total else 0.0

    def field_rate(self, name: str) -> float:
        return self.field_correct[name] / self.n_matched if self.n_matched else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.n_expected + other.n_expected, self.n_produced + other.n_produced,
            self.n_matched + other.n_matched,
            {f: self.field_correct[f] + other.field_correct[f] for f in FIELDS},
            self.mismatches + other.mismatches, self.missing + other.missing,
            self.spurious + other.spurious,
        )


def match_records(
    expected: Sequence[Record], produced: Sequence[Record], threshold: float = THRESHOLD
) -> list[tuple[int, int]]:
    """Index pairs (expected, produced): unique (kind, ref) first, then greedy by similarity."""
    def ref_key(rec: Record) -> tuple[str | None, str | None]:
        return norm_text(rec.get("kind")), norm_text(rec.get("ref"))

    def unique(records: Sequence[Record]) -> dict[tuple, int]:
        seen: dict[tuple, list[int]] = {}
        for i, rec in enumerate(records):
            if ref_key(rec)[1] is not None:
                seen.setdefault(ref_key(rec), []).append(i)
        return {k: v[0] for k, v in seen.items() if len(v) == 1}

    exp_u, got_u = unique(expected), unique(produced)
    pairs = [(i, got_u[k]) for k, i in exp_u.items() if k in got_u]
    used_e = {i for i, _ in pairs}
    used_p = {j for _, j in pairs}
    rest_e = [i for i in range(len(expected)) if i not in used_e]
    rest_p = [j for j in range(len(produced)) if j not in used_p]
    keys_e = {i: _key_text(expected[i]) for i in rest_e}
    keys_p = {j: _key_text(produced[j]) for j in rest_p}
    candidates: list[tuple[float, int, int]] = []
    for i in rest_e:
        sm = difflib.SequenceMatcher(None, autojunk=False)
        sm.set_seq2(keys_e[i])
        for j in rest_p:
            sm.set_seq1(keys_p[j])
            if sm.real_quick_ratio() < threshold or sm.quick_ratio() < threshold:
                continue
            ratio = sm.ratio()
            if ratio >= threshold:
                candidates.append((ratio, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    for _, i, j in candidates:
        if i not in used_e and j not in used_p:
            pairs.append((i, j))
            used_e.add(i)
            used_p.add(j)
    return sorted(pairs)


def score_records(
    expected: Sequence[Record], produced: Sequence[Record], threshold: float = THRESHOLD
) -> Score:
    """Match, then count the fields of each matched pair that agree after ``norm_text``."""
    pairs = match_records(expected, produced, threshold)
    score = Score(len(expected), len(produced), len(pairs))
    for i, j in pairs:
        exp, got = expected[i], produced[j]
        for name in FIELDS:
            e, g = norm_text(exp.get(name)), norm_text(got.get(name))
            if e == g:
                score.field_correct[name] += 1
            else:
                score.mismatches.append(Mismatch(norm_text(exp.get("ref")), name, e, g))
    matched_e = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    score.missing = [r for i, r in enumerate(expected) if i not in matched_e]
    score.spurious = [r for j, r in enumerate(produced) if j not in matched_p]
    return score


def score_document(expected: dict[str, Any], got: dict[str, Any] | None) -> dict[str, bool]:
    """Which document-level facts (title, councils, type, period) came out as expected."""
    out: dict[str, bool] = {}
    for name in DOC_FIELDS:
        e = expected.get(name)
        g = got.get(name) if got else None
        if name == "organisations":
            out[name] = sorted(e or []) == sorted(g or [])
        elif isinstance(e, str) or isinstance(g, str):
            out[name] = norm_text(e) == norm_text(g)
        else:
            out[name] = e == g
    return out


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
                 layouts: bool = False) -> list[Path]:
    files = sorted([*folder.glob("*.docx"), *folder.glob("*.pdf")])
    for wanted, sub in ((shapes, "shapes"), (variants, "variants"), (layouts, "layouts")):
        if wanted and (folder / sub).is_dir():
            files += sorted(p for p in (folder / sub).iterdir()
                            if p.suffix.lower() in (".pdf", ".docx"))
    return files


# --- layout classes --------------------------------------------------------------------------


LAYOUT_MANIFEST = "manifest.json"
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
                lines.append(f"    missing {r.get('ref') or '-'}: {_cut(_key_text(r))}")
            for r in score.spurious:
                lines.append(f"    spurious {r.get('ref') or '-'}: {_cut(_key_text(r))}")
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
    ap = argparse.ArgumentParser(prog="python -m councilplans.evaluation.samples",
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
    ap.add_argument("--verbose", "-v", action="store_true", help="Print each mismatching field.")
    ap.add_argument("--json", type=Path, metavar="OUT", help="Save the results as JSON.")
    ap.add_argument("--jobs", "-j", type=int, default=2, help="Files imported in parallel.")
    args = ap.parse_args(argv)

    files = args.files or find_samples(args.samples, args.shapes, args.variants, args.layouts)
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
    print(report(results, args.verbose))
    labels = layout_labels(args.samples / "layouts")
    groups = layout_summary([(run.path, score) for run, score, _ in results], labels)
    if groups:
        print()
        print("by layout class and producer (samples/layouts):")
        print(layout_report(groups))
    if args.json:
        args.json.write_text(json.dumps(to_json(results, groups), indent=2,
                                        ensure_ascii=False))
        print(f"saved {args.json}")
    crashed = [r.path.name for r in runs if r.crashed]
    if crashed:
        print("the CLI crashed on: " + ", ".join(crashed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
