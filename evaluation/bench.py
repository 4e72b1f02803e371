"""Time and peak memory of a whole import of a 120-page plan, against the raw libraries.

Every figure comes from its own fresh process, reaped with ``os.wait4`` so its peak RSS
(``ru_maxrss``, which folds in any workers it waited for) belongs to that measurement alone and
no earlier run warms a cache. "task s" is timed inside the child around the work itself,
library imports included; "process s" adds interpreter start-up. Tasks:

- import-cli: ``councilplans import PLAN --jobs 0`` into a fresh SQLite db (everything a user
  waits for, in one process so its memory is counted);
- import-default: the same with the default ``--jobs`` (CPUs, at most 4), what a user runs: one
  long PDF then has its pages read in that many processes. Its time over camelot vector's (the
  same run) is printed as a ratio; ``--vs-camelot N`` times only the two, N times in turn;
- ours-extract: ``pdf_to_document`` alone;
- pdfplumber: ``page.find_tables()`` and ``extract()`` on every page, as a naive user would;
- camelot-lattice / camelot-vector: ``read_pdf(pages="all", flavor="lattice")`` with the default
  raster+vector engine, then ``engine="vector"`` (render-free);
- pypdfium2-chars: every char's text and box, the floor any PDF reader pays.

Then a batch: ``councilplans import samples/ --jobs 2`` (every bundled sample, PDF and DOCX),
its pages/s and files/s beside the single plan's and the ratio of the two, so the fixed costs
per file and per worker show. "cpu s" is user+system time of the process and every worker it
reaped: on a shared machine wall time is noisy, CPU time much less so.

Then where the import's time goes: extract / normalise / load stages timed through
``councilplans.pipeline``, and the top functions of the import under cProfile.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from evaluation import ROOT
from evaluation.bigplan import cached_big_plan

# --- child side: one task, then one JSON line on stdout -----------------------------------


def _ours(path: Path) -> dict:
    from councilplans.extract.pdf import pdf_to_document

    doc = pdf_to_document(path)
    return {"tables": len(doc.tables), "rows": sum(t.n_rows for t in doc.tables)}


def _pdfplumber(path: Path) -> dict:
    import pdfplumber

    n_tables = n_rows = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                n_tables += 1
                n_rows += len(table.extract())
    return {"tables": n_tables, "rows": n_rows}


def _camelot(engine: str | None) -> Callable[[Path], dict]:
    def run(path: Path) -> dict:
        import warnings

        import camelot

        kwargs = {"engine": engine} if engine else {}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(str(path), pages="all", flavor="lattice",
                                      suppress_stdout=True, **kwargs)
        return {"tables": len(tables), "rows": sum(t.df.shape[0] for t in tables)}

    return run


def _pypdfium2_chars(path: Path) -> dict:
    import pypdfium2

    n_chars = 0
    pdf = pypdfium2.PdfDocument(path)
    for page in pdf:
        text = page.get_textpage()
        n = text.count_chars()
        text.get_text_range(0, n)
        for i in range(n):
            text.get_charbox(i)
        n_chars += n
        text.close()
        page.close()
    pdf.close()
    return {"chars": n_chars}


def _cli_import(path: Path, jobs: int | None = 0) -> dict:
    """The real CLI entry point, in this process: ``councilplans import PATH --jobs 0``."""
    import runpy

    db = Path(tempfile.mkdtemp(prefix="cp-bench-")) / "bench.db"
    sys.argv = ["councilplans", "import", str(path), "--db", f"sqlite:///{db}", "--quiet"]
    if jobs is not None:  # None: the CLI's default
        sys.argv += ["--jobs", str(jobs)]
    try:
        runpy.run_module("councilplans", run_name="__main__")
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise
    return {"db": str(db)}


def _cli_import_default(path: Path) -> dict:
    """``councilplans import PATH`` with the default ``--jobs``, as a user runs it."""
    from councilplans.pipeline import default_jobs

    return {**_cli_import(path, jobs=None), "jobs": default_jobs()}


BATCH_JOBS = 2


def _cli_import_batch(folder: Path) -> dict:
    """``councilplans import FOLDER --jobs 2`` in this process; pages and files it stored."""
    import sqlite3

    info = _cli_import(folder, jobs=BATCH_JOBS)
    with sqlite3.connect(info["db"]) as conn:
        files, pages = conn.execute("SELECT count(*), coalesce(sum(pages), 0) FROM documents "
                                    "WHERE status = 'imported'").fetchone()
    return {"files": files, "pages": pages, "db": info["db"]}


def _stages(path: Path) -> dict:
    """The pipeline's stages one after another, in this process (no workers)."""
    t_imports = time.perf_counter()
    import councilplans.extract.pdf  # noqa: F401  (lazy imports the stages would otherwise pay)
    import councilplans.normalise.classify  # noqa: F401
    from councilplans.extract import extract_document
    from councilplans.normalise import normalise_document
    from councilplans.pipeline import facts_for
    from councilplans.schema.db import make_engine
    from councilplans.schema.store import ImportStore
    from councilplans.status import FileStatus

    t0 = time.perf_counter()
    raw = extract_document(path)
    t1 = time.perf_counter()
    doc = normalise_document(raw)
    t2 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/stages.db")
        t3 = time.perf_counter()
        facts = facts_for(Path(path))
        stored = ImportStore(engine).store(facts.name, facts.path, facts.sha256, raw.format, doc,
                                           FileStatus.IMPORTED, pages=raw.pages)
        t4 = time.perf_counter()
        engine.dispose()
    stages = {"imports": t0 - t_imports, "extract": t1 - t0, "normalise": t2 - t1,
              "open db": t3 - t2, "load": t4 - t3}
    return {"stages": stages, "records": stored.outcome.n_records}


TASKS: dict[str, Callable[[Path], dict]] = {
    "import-cli": _cli_import,
    "import-default": _cli_import_default,
    "import-batch": _cli_import_batch,
    "ours-extract": _ours,
    "pdfplumber": _pdfplumber,
    "camelot-lattice": _camelot(None),
    "camelot-vector": _camelot("vector"),
    "pypdfium2-chars": _pypdfium2_chars,
    "stages": _stages,
}


def peak_rss_mb() -> float | None:
    """This process's own high-water RSS (VmHWM), or None off Linux.

    Not ``ru_maxrss``: on Linux a fresh process inherits its parent's high-water mark across
    fork+exec, which would floor every figure at the benchmark parent's own size.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def child(task: str, path: Path) -> int:
    t0 = time.perf_counter()
    if task == "baseline":
        info: dict = {}
    else:
        info = TASKS[task](path)
    info["seconds"] = time.perf_counter() - t0
    info["peak_mb"] = peak_rss_mb()
    if task.startswith("import"):  # the workers and page readers it waited for
        import resource

        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if workers:
            info["workers peak MB"] = round(workers)
    print("BENCH " + json.dumps(info))
    return 0


# --- parent side -----------------------------------------------------------------------------


@dataclass
class Measure:
    name: str
    ok: bool
    process_s: float
    task_s: float | None
    peak_mb: float
    info: dict
    error: str = ""
    cpu_s: float = 0.0  # user + system, the process and the workers it reaped


def measure(name: str, cmd: list[str]) -> Measure:
    """Run ``cmd`` in a fresh process; wall time, peak RSS (wait4) and its BENCH line."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, cwd=ROOT, text=True)
        out = proc.stdout.read() if proc.stdout else ""
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    info: dict = {}
    for line in out.splitlines():
        if line.startswith("BENCH "):
            info = json.loads(line[6:])
    peak = info.pop("peak_mb", None) or usage.ru_maxrss / 1024  # wait4 gives KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    if proc.returncode != 0:
        last = (stderr.strip() or out.strip() or "no output").splitlines()[-1]
        return Measure(name, False, wall, None, peak, info, last[:200], cpu)
    return Measure(name, True, wall, info.pop("seconds", None), peak, info, cpu_s=cpu)


def batch_lines(single: Measure, batch: Measure, pages: int) -> list[str]:
    """The batch beside the single plan: pages/s, files/s, CPU s per page, and the ratios."""
    if not (single.ok and batch.ok):
        return [f"batch: failed: {batch.error or single.error}"]
    s_pps = pages / (single.task_s or single.process_s)
    b_time = batch.task_s or batch.process_s
    b_pps = batch.info["pages"] / b_time
    return [
        f"{'single plan':<16} {pages:>5} pages {'1':>4} file  {s_pps:6.1f} pages/s "
        f"{1 / (single.task_s or single.process_s):6.2f} files/s  "
        f"{1000 * single.cpu_s / pages:5.0f} cpu ms/page  (--jobs 0)",
        f"{'samples batch':<16} {batch.info['pages']:>5} pages {batch.info['files']:>4} files "
        f"{b_pps:6.1f} pages/s {batch.info['files'] / b_time:6.2f} files/s  "
        f"{1000 * batch.cpu_s / batch.info['pages']:5.0f} cpu ms/page  (--jobs {BATCH_JOBS})",
        f"batch / single pages/s: {b_pps / s_pps:.2f}x   cpu per page, batch / single: "
        f"{(batch.cpu_s / batch.info['pages']) / (single.cpu_s / pages):.2f}x",
    ]


def single_and_batch(plan: Path, folder: Path) -> tuple[Measure, Measure]:
    """The single plan's import, then the batch's, one right after the other."""
    single = measure("import-cli", child_cmd("import-cli", plan))
    batch = measure("import-batch", child_cmd("import-batch", folder))
    for m in (single, batch):
        if "db" in m.info:
            shutil.rmtree(Path(m.info.pop("db")).parent, ignore_errors=True)
    return single, batch


def batch_rounds(plan: Path, pages: int, folder: Path, rounds: int) -> int:
    """Single and batch in turn ``rounds`` times: on a shared machine one pair can mislead."""
    import statistics

    ratios = []
    for n in range(1, rounds + 1):
        single, batch = single_and_batch(plan, folder)
        lines = batch_lines(single, batch, pages)
        print(f"round {n}:\n  " + "\n  ".join(lines), flush=True)
        if single.ok and batch.ok:
            s_pps = pages / (single.task_s or single.process_s)
            ratios.append(batch.info["pages"] / (batch.task_s or batch.process_s) / s_pps)
    if ratios:
        print(f"batch / single pages/s over {len(ratios)} rounds: median "
              f"{statistics.median(ratios):.2f}x (min {min(ratios):.2f}x, max {max(ratios):.2f}x)")
    return 0


CAMELOT_TARGET = 0.5  # issue 12: the import in under half camelot vector's time


def camelot_ratio_line(imp: Measure, cam: Measure) -> str:
    """The import's time over camelot vector's table finding, both from the same run."""
    if not (imp.ok and cam.ok):
        return f"import / camelot vector: not measured ({imp.error or cam.error})"
    ratio = (imp.task_s or imp.process_s) / (cam.task_s or cam.process_s)
    proc = imp.process_s / cam.process_s
    verdict = "under" if ratio < CAMELOT_TARGET else "NOT under"
    return (f"import (--jobs {imp.info.get('jobs', '?')}) / camelot vector: {ratio:.2f}x task "
            f"time, {proc:.2f}x process time ({verdict} the {CAMELOT_TARGET}x target)")


def extract_ratio_line(ours: Measure, cam: Measure) -> str:
    """Our raw table extraction alone over camelot vector's table finding, same run."""
    if not (ours.ok and cam.ok):
        return f"raw extraction / camelot vector: not measured ({ours.error or cam.error})"
    ratio = (ours.task_s or ours.process_s) / (cam.task_s or cam.process_s)
    return f"raw extraction (ours-extract, one process) / camelot vector: {ratio:.2f}x task time"


def camelot_rounds(plan: Path, rounds: int) -> int:
    """The default import and camelot vector in turn ``rounds`` times; the median ratio."""
    import statistics

    ratios, cpu_ratios = [], []
    for n in range(1, rounds + 1):
        imp = measure("import-default", child_cmd("import-default", plan))
        if "db" in imp.info:
            shutil.rmtree(Path(imp.info.pop("db")).parent, ignore_errors=True)
        cam = measure("camelot-vector", child_cmd("camelot-vector", plan))
        # on a shared machine wall time follows the other users' load; CPU time much less
        print(f"round {n}: import {imp.task_s or imp.process_s:.2f} s ({imp.cpu_s:.2f} cpu s), "
              f"camelot vector {cam.task_s or cam.process_s:.2f} s ({cam.cpu_s:.2f} cpu s), "
              f"load {os.getloadavg()[0]:.1f}; {camelot_ratio_line(imp, cam)}", flush=True)
        if imp.ok and cam.ok:
            ratios.append((imp.task_s or imp.process_s) / (cam.task_s or cam.process_s))
            cpu_ratios.append(imp.cpu_s / cam.cpu_s)
    if ratios:
        print(f"import / camelot vector over {len(ratios)} rounds: median "
              f"{statistics.median(ratios):.2f}x (min {min(ratios):.2f}x, max {max(ratios):.2f}x);"
              f" cpu time median {statistics.median(cpu_ratios):.2f}x")
    return 0


def child_cmd(task: str, plan: Path) -> list[str]:
    return [sys.executable, "-m", "evaluation.bench", "--child", task, str(plan)]


def import_cmd(plan: Path, db: Path, profile: Path | None = None) -> list[str]:
    pre = ["-m", "cProfile", "-o", str(profile)] if profile else []
    return [sys.executable, *pre, "-m", "councilplans", "import", str(plan), "--db",
            f"sqlite:///{db}", "--jobs", "0", "--quiet"]


def cli_available() -> str | None:
    """None if the CLI and its PDF reader import; else why not."""
    probe = subprocess.run(
        [sys.executable, "-c", "import councilplans.cli, councilplans.pipeline, "
         "councilplans.extract.pdf, councilplans.normalise"],  # also warms the .pyc caches
        capture_output=True, text=True, cwd=ROOT)
    if probe.returncode == 0:
        return None
    return (probe.stderr.strip().splitlines() or ["import failed"])[-1]


def measure_import(name: str, plan: Path, show: Callable[[Measure], None]) -> Measure:
    """Time one import of the plan, print it, then check its records and drop its database."""
    m = measure(name, child_cmd(name, plan))
    show(m)
    if "db" in m.info:
        db = Path(m.info.pop("db"))
        print("  " + check_import(plan, db))
        shutil.rmtree(db.parent, ignore_errors=True)
    return m


def check_import(plan: Path, db: Path) -> str:
    """The benchmark import's records scored against the plan's expected.json, if it has one."""
    from evaluation.samples import expected_path
    from evaluation.scoring import score_records

    exp = expected_path(plan)
    if not exp.is_file():
        return "(no expected records to check the import against)"
    got = subprocess.run([sys.executable, "-m", "councilplans", "export", "--db",
                          f"sqlite:///{db}", "--format", "jsonl"],
                         capture_output=True, text=True, cwd=ROOT)
    produced = [json.loads(line) for line in got.stdout.splitlines() if line.strip()]
    s = score_records(json.loads(exp.read_text(encoding="utf-8"))["records"], produced)
    return (f"import check: {s.n_produced} records for {s.n_expected} expected, recall "
            f"{s.recall:.1%}, precision {s.precision:.1%}, field accuracy {s.field_accuracy:.1%}")


def fmt_row(m: Measure, pages: int) -> str:
    if not m.ok:
        return f"{m.name:<16} failed: {m.error}"
    task = f"{m.task_s:8.2f}" if m.task_s is not None else f"{'-':>8}"
    pps = "-" if m.name == "python baseline" else f"{pages / (m.task_s or m.process_s):.1f}"
    extra = ", ".join(f"{k} {v}" for k, v in m.info.items()
                      if not isinstance(v, dict) and k != "db")
    return (f"{m.name:<16} {task} {m.process_s:9.2f} {pps:>9} {m.peak_mb:8.0f}  {extra}")


_WRAPPERS = ("<frozen runpy>", "click/core.py", "<string>", "councilplans/__main__.py",
             "builtins.exec", "cProfile")


def profile_top(prof: Path, n: int = 15) -> str:
    """Top ``n`` functions by cumulative time, minus the runpy / click call chain above them."""
    import pstats

    stats = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
    rows = []
    for (file, line, func), (_, ncalls, tottime, cumtime, _) in stats.items():
        where = f"{file}:{line}({func})" if line else func
        if any(w in where for w in _WRAPPERS):
            continue
        for marker in ("site-packages/", str(ROOT) + "/", "/lib/python3"):
            if marker in where:
                where = where.split(marker, 1)[1]
        rows.append((cumtime, tottime, ncalls, where))
    rows.sort(reverse=True)
    out = [f"{'cum s':>7} {'own s':>7} {'calls':>8}  function"]
    out += [f"{c:7.2f} {t:7.2f} {k:>8}  {w[:110]}" for c, t, k, w in rows[:n]]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m evaluation.bench",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=120, help="Size of the generated plan.")
    ap.add_argument("--pdf", type=Path, help="Benchmark this PDF instead of the generated plan.")
    ap.add_argument("--skip-camelot", action="store_true", help="Camelot is the slow one.")
    ap.add_argument("--no-profile", action="store_true", help="Skip stages and cProfile.")
    ap.add_argument("--json", type=Path, metavar="OUT", help="Save the figures as JSON.")
    ap.add_argument("--batch", type=Path, default=ROOT / "samples",
                    help="Folder for the batch run (default: the bundled samples).")
    ap.add_argument("--batch-only", type=int, metavar="N", default=0,
                    help="Only the single plan and the batch, N times in turn; the median ratio.")
    ap.add_argument("--vs-camelot", type=int, metavar="N", default=0,
                    help="Only the default import and camelot vector, N times in turn; the "
                         "median ratio.")
    ap.add_argument("--child", nargs=2, metavar=("TASK", "PDF"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child(args.child[0], Path(args.child[1]))

    plan = args.pdf or cached_big_plan(args.pages)
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(plan))
    print(f"{plan.relative_to(ROOT) if plan.is_relative_to(ROOT) else plan}: {pages} pages, "
          f"{plan.stat().st_size / 1e6:.1f} MB\n")
    print(f"{'measurement':<16} {'task s':>8} {'process s':>9} {'pages/s':>9} {'peak MB':>8}")
    results: list[Measure] = []

    def show(m: Measure) -> None:
        results.append(m)
        print(fmt_row(m, pages), flush=True)

    show(measure("python baseline", child_cmd("baseline", plan)))
    why_not = cli_available()
    if args.batch_only:
        return batch_rounds(plan, pages, args.batch, args.batch_only)
    if args.vs_camelot:
        return camelot_rounds(plan, args.vs_camelot)
    with tempfile.TemporaryDirectory(prefix="cp-bench-") as tmp:
        if why_not:
            print(f"{'import-cli':<16} import: not available ({why_not})")
        else:
            m = measure_import("import-cli", plan, show)
            measure_import("import-default", plan, show)
            batch = measure("import-batch", child_cmd("import-batch", args.batch))
            results.append(batch)
            if "db" in batch.info:
                shutil.rmtree(Path(batch.info.pop("db")).parent, ignore_errors=True)
            print(f"\nbatch: {args.batch} (every PDF and DOCX under it), right after the "
                  "single plan above:")
            for line in batch_lines(m, batch, pages):
                print("  " + line)
            print()
        tasks = ["ours-extract", "pdfplumber", "pypdfium2-chars"]
        if not args.skip_camelot:
            tasks[2:2] = ["camelot-lattice", "camelot-vector"]
        for task in tasks:
            show(measure(task, child_cmd(task, plan)))
        by_name = {r.name: r for r in results}
        if "import-default" in by_name and "camelot-vector" in by_name:
            print("\n" + camelot_ratio_line(by_name["import-default"], by_name["camelot-vector"]))
        if "ours-extract" in by_name and "camelot-vector" in by_name:
            print(extract_ratio_line(by_name["ours-extract"], by_name["camelot-vector"]))
        if not args.no_profile and not why_not:
            stages = measure("stages", child_cmd("stages", plan))
            results.append(stages)
            print("\nwhere the import's time goes (stages, one process):")
            if stages.ok:
                for k, v in stages.info.get("stages", {}).items():
                    print(f"  {k:<10} {v:7.2f} s")
            else:
                print(f"  stages failed: {stages.error}")
            prof = Path(tmp) / "import.prof"
            run = measure("import-profiled", import_cmd(plan, Path(tmp) / "prof.db", prof))
            if prof.is_file():
                print(f"\nimport under cProfile ({run.process_s:.1f} s with profiling), "
                      "top 15 by cumulative time:")
                print(profile_top(prof))
            else:
                print(f"  cProfile run failed: {run.error}")
    if args.json:
        args.json.write_text(json.dumps({"pdf": str(plan), "pages": pages,
                                         "results": [m.__dict__ for m in results]}, indent=2))
        print(f"saved {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
