"""The ``councilplans`` command: wires extract -> normalise -> schema, nothing more."""

from __future__ import annotations

import contextlib
import csv
import fcntl
import json
import sys

import click

from councilplans import __version__
from councilplans.schema.db import DEFAULT_URL

db_option = click.option(
    "--db", "db_url", default=DEFAULT_URL, show_default=True, envvar="COUNCILPLANS_DB",
    help="SQLAlchemy database URL (sqlite:///file.db, postgresql+psycopg://...).",
)


@contextlib.contextmanager
def _schema_lock(db_url: str):
    """Serialise schema creation/upgrade between processes opening one SQLite file at once.

    SQLite runs the migrations' DDL outside a transaction, so two imports starting together
    on a new file would both create the tables and one would fail ("already exists").
    """
    from sqlalchemy.engine import make_url

    try:
        url = make_url(db_url)
        path = url.database if url.get_backend_name() == "sqlite" else None
    except Exception:
        path = None
    if not path or path == ":memory:" or path.startswith("file:"):
        yield
        return
    try:
        fh = open(path, "ab")  # noqa: SIM115 - held open for the lock's lifetime
    except OSError:
        yield  # let SQLAlchemy report why the file cannot be opened
        return
    with fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def _engine(db_url: str):
    from sqlalchemy.exc import SQLAlchemyError

    from councilplans.schema.db import make_engine

    try:
        with _schema_lock(db_url):
            return make_engine(db_url)
    except SQLAlchemyError as exc:
        raise click.ClickException(f"cannot open database {db_url}: {exc.__class__.__name__}: "
                                   f"{str(exc).splitlines()[0]}") from exc
    except ModuleNotFoundError as exc:
        raise click.ClickException(f"cannot open database {db_url}: driver missing ({exc.name});"
                                   " install it into the same environment") from exc


@click.group()
@click.version_option(__version__, prog_name="councilplans")
def main() -> None:
    """Turn council strategy documents (PDF, DOCX) into action-plan and indicator rows."""


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@db_option
@click.option("--password", help="Password for encrypted PDFs.")
@click.option("--jobs", "-j", type=int, default=None,
              help="Worker processes (default: CPUs, at most 4; 0 = no workers).")
@click.option("--timeout", type=float, default=600.0, show_default=True,
              help="Seconds allowed per file.")
@click.option("--memory-mb", type=int, default=4096, show_default=True,
              help="Memory allowed per worker, in MB.")
@click.option("--force", is_flag=True, help="Re-extract files already imported, in place.")
@click.option("--revises", metavar="DOCUMENT",
              help="The stored document (name, title or sha256) these files are revisions of.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first file that fails.")
@click.option("--quiet", "-q", is_flag=True, help="Only the final count line.")
def import_cmd(paths, db_url, password, jobs, timeout, memory_mb, force, revises, fail_fast,
               quiet):
    """Import PDF/DOCX files, or folders of them (searched recursively)."""
    from councilplans.pipeline import Options, default_jobs, find_files, import_files

    files = find_files(paths)
    if not files:
        raise click.ClickException("no .pdf or .docx files found in " + ", ".join(paths))
    engine = _engine(db_url)
    options = Options(password=password, timeout=timeout, memory_mb=memory_mb,
                      jobs=default_jobs() if jobs is None else jobs, force=force,
                      revises=revises)
    counts: dict[str, int] = {}
    n_records = 0
    bar = None
    if sys.stderr.isatty() and not quiet:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="file", file=sys.stderr)
    for report in import_files(engine, files, options):
        counts[report.status] = counts.get(report.status, 0) + 1
        n_records += report.n_records if report.status != "unchanged" else 0
        line = f"{report.path}: {report.status}: {report.message}"
        if bar is not None:
            bar.update(1)
            if report.status in ("failed", "no_text"):
                bar.write(line, file=sys.stderr)
        elif not quiet:
            click.echo(line, err=report.status in ("failed", "no_text"))
        if fail_fast and report.status in ("failed", "no_text"):
            break
    if bar is not None:
        bar.close()
    done = sum(counts.values())
    parts = [f"{counts[k]} {k}" for k in ("imported", "partial", "unchanged", "no_text", "failed")
             if counts.get(k)]
    click.echo(f"{done} documents: {', '.join(parts) or 'none'}; {n_records} records")
    failed = counts.get("failed", 0) + counts.get("no_text", 0)
    sys.exit(1 if failed or done < len(files) else 0)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True),
              help="File (default: stdout).")
@click.option("--all-versions", is_flag=True, help="Include earlier versions of documents.")
def export(db_url, fmt, out, all_versions):
    """Records of current documents, one per line (JSONL) or row (CSV)."""
    from councilplans.schema.db import make_session
    from councilplans.schema.queries import EXPORT_KEYS, export_rows

    engine = _engine(db_url)
    with make_session(engine) as session:
        rows = export_rows(session, all_versions)
    if out:
        with open(out, "w", newline="", encoding="utf-8") as fh:
            _write_rows(fh, rows, fmt, EXPORT_KEYS)
    else:
        _write_rows(sys.stdout, rows, fmt, EXPORT_KEYS)


def _write_rows(fh, rows: list[dict], fmt: str, keys: tuple[str, ...]) -> None:
    if fmt == "jsonl":
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        writer = csv.DictWriter(fh, fieldnames=list(keys))
        writer.writeheader()
        writer.writerows(rows)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--all-versions", is_flag=True, help="Include earlier versions of documents.")
def documents(db_url, fmt, all_versions):
    """Each document: title, councils, type, period, status and counts."""
    from councilplans.schema.db import make_session
    from councilplans.schema.queries import document_rows

    engine = _engine(db_url)
    with make_session(engine) as session:
        rows = document_rows(session, all_versions)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(_table(rows))


def _table(rows: list[dict]) -> str:
    cols = ["document", "status", "n_tables", "n_records", "doc_type", "period", "organisations",
            "title"]
    lines = []
    for r in rows:
        period = "-".join(str(p) for p in (r["period_start"], r["period_end"]) if p)
        lines.append([
            r["document"], r["status"], str(r["n_tables"]), str(r["n_records"]),
            r["doc_type"] or "", period, ", ".join(r["organisations"]),
            (r["title"] or "")[:60] + (f"  [{r['error']}]" if r["error"] else ""),
        ])
    widths = [max([len(c)] + [len(line[i]) for line in lines]) for i, c in enumerate(cols)]
    widths[-1] = 0

    def fmt_row(vals: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(vals, widths, strict=True)).rstrip()

    return "\n".join([fmt_row(cols)] + [fmt_row(line) for line in lines])


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option("--password", help="Password for encrypted PDFs.")
def tables(file, fmt, password):
    """The raw tables found in FILE, for debugging and comparison with other extractors."""
    from councilplans.errors import CouncilPlansError
    from councilplans.extract import extract_document

    try:
        raw = extract_document(file, password=password)
    except CouncilPlansError as exc:
        raise click.ClickException(f"{file}: {exc}") from exc
    out = [
        {"page": t.page, "bbox": list(t.bbox) if t.bbox else None, "evidence": t.evidence,
         "rows": [[c.text for c in row] for row in t.rows]}
        for t in raw.tables
    ]
    click.echo(json.dumps(out, ensure_ascii=False, indent=2))


@main.command("history")
@click.argument("document")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def history_cmd(document, db_url, fmt):
    """The versions of DOCUMENT (file name, title or sha256) with dates, hashes and counts."""
    from councilplans.schema.db import make_session
    from councilplans.schema.revisions import UnknownDocument, history

    with make_session(_engine(db_url)) as session:
        try:
            rows = history(session, document)
        except UnknownDocument as exc:
            raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        mark = "*" if r["current"] else " "
        click.echo(f"{mark} v{r['version']}  {r['imported_at']}  {r['sha256'][:12]}  "
                   f"{r['status']:<8} {r['n_records']:>5} records  {r['document']}")


@main.command("diff")
@click.argument("document")
@db_option
@click.option("--from", "from_v", type=int, help="Older version number (default: previous).")
@click.option("--to", "to_v", type=int, help="Newer version number (default: latest).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def diff_cmd(document, db_url, from_v, to_v, fmt):
    """Records added, removed and changed between two versions of DOCUMENT."""
    from councilplans.schema.db import make_session
    from councilplans.schema.diff import diff_records
    from councilplans.schema.queries import records_of
    from councilplans.schema.revisions import UnknownDocument, versions_of

    with make_session(_engine(db_url)) as session:
        try:
            versions = {d.version: d for d in versions_of(session, document)}
        except UnknownDocument as exc:
            raise click.ClickException(str(exc)) from exc
        numbers = sorted(versions)
        to_v = to_v or numbers[-1]
        earlier = [n for n in numbers if n < to_v]
        from_v = from_v or (earlier[-1] if earlier else None)
        if from_v not in versions or to_v not in versions:
            have = ", ".join(f"v{n}" for n in numbers)
            raise click.ClickException(f"{document}: versions to compare not found (have {have})")
        result = diff_records(records_of(session, versions[from_v]),
                              records_of(session, versions[to_v]))
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(f"{document}: v{from_v} -> v{to_v}: {len(result['added'])} added, "
               f"{len(result['removed'])} removed, {len(result['changed'])} changed")
    for label, sign in (("added", "+"), ("removed", "-")):
        for r in result[label]:
            text = r.get("action") or r.get("indicator") or r.get("outcome") or ""
            click.echo(f"{sign} {r.get('ref') or '-'}  {text[:90]}")
    for c in result["changed"]:
        click.echo(f"~ {c.get('ref') or c.get('text')}")
        for field, (old, new) in c["fields"].items():
            click.echo(f"    {field}: {old!r} -> {new!r}")


@main.group("db")
def db_group() -> None:
    """Database maintenance."""


@db_group.command("upgrade")
@db_option
def db_upgrade(db_url):
    """Migrate the database schema to this release's (also done on every open)."""
    from councilplans.schema.migrate import current_revision, head_revision

    engine = _engine(db_url)
    click.echo(f"{db_url}: schema at revision {current_revision(engine)} (head {head_revision()})")


if __name__ == "__main__":  # pragma: no cover
    main()
