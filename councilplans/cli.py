"""The ``councilplans`` command: wires extract -> normalise -> schema, nothing more."""

from __future__ import annotations

import json
import signal
import sys
import threading

import click

from councilplans import __version__
from councilplans.schema.urls import DEFAULT_URL
from councilplans.status import FileStatus

ENV_HELP = ("The database may also be set in the environment: COUNCILPLANS_DB="
            "sqlite:///plans.db (a plain path such as plans.db means SQLite).")


def _db_url(_ctx, _param, value: str) -> str:
    from councilplans.schema.urls import database_url

    return database_url(value)


db_option = click.option(
    "--db", "db_url", default=DEFAULT_URL, show_default=True, envvar="COUNCILPLANS_DB",
    show_envvar=True, callback=_db_url,
    help="Database: a SQLAlchemy URL (sqlite:///file.db, postgresql+psycopg://...) or a "
         "plain path to a SQLite file.",
)


def _format_option(*choices: str, default: str):
    """One --format option for every command, its choices named alike (jsonl json csv table)."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=default,
                         show_default=True, help="Output format.")


class MissingDatabase(click.ClickException):
    """A read command pointed at a database that is not there: a usage mistake (exit 2)."""

    exit_code = 2


def _engine(db_url: str, create: bool = False):
    """An engine on the user's database; only ``import`` (create=True) may make a new one."""
    from sqlalchemy.exc import SQLAlchemyError

    from councilplans.schema.db import NoDatabase, make_engine, masked, open_existing

    shown = masked(db_url)
    try:
        return make_engine(db_url) if create else open_existing(db_url)
    except NoDatabase as exc:
        raise MissingDatabase(f"{exc}: run `councilplans import FILES --db {shown}` to make one"
                              " (check the --db value or COUNCILPLANS_DB)") from exc
    except SQLAlchemyError as exc:
        first = str(exc).splitlines()[0].replace(db_url, shown)
        if not create and "does not exist" in first:
            raise MissingDatabase(f"no database at {shown}: {first}") from exc
        raise click.ClickException(f"cannot open database {shown}: {exc.__class__.__name__}: "
                                   f"{first}") from exc
    except OSError as exc:  # the lock file for a SQLite database in a missing folder
        raise click.ClickException(f"cannot open database {shown}: "
                                   f"{exc.strerror or exc}") from exc
    except ModuleNotFoundError as exc:
        raise click.ClickException(f"cannot open database {shown}: driver missing ({exc.name});"
                                   " install it into the same environment") from exc


def _check_executor(ctx, param, value: str) -> str:
    from councilplans.executors import executor_for

    try:
        executor_for(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    return value


def _check_engine(ctx, param, value: str) -> str:
    from councilplans.extract.engines import EngineMissing, engine_reader

    try:
        engine_reader(value)
    except EngineMissing as exc:
        raise click.ClickException(str(exc)) from exc
    return value


engine_option = click.option(
    "--engine", "extract_engine", type=click.Choice(["native", "pdfplumber", "camelot"]),
    default="native", show_default=True, callback=_check_engine,
    help="PDF table reader: native (pdfium), or pdfplumber / camelot (councilplans[engines]).",
)


def _executor_errors(reports, error_type):
    """An executor that cannot run at all (no scheduler, a missing extra) is one clear error."""
    try:
        yield from reports
    except error_type as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=ENV_HELP)
@click.version_option(__version__, prog_name="councilplans")
def main() -> None:
    """Turn council strategy documents (PDF, DOCX) into action-plan and indicator rows."""


@main.command("import", epilog=ENV_HELP)
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
              help="The stored document (name, path, title or sha256) these files are "
                   "revisions of.")
@click.option("--new-document", is_flag=True,
              help="Store the files as documents of their own, never as revisions.")
@click.option("--dry-run", is_flag=True,
              help="Read the files and say what would be imported or superseded; write nothing.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first file that fails.")
@click.option("--quiet", "-q", is_flag=True, help="Only the final count line.")
@click.option("--executor", default="local", show_default=True, callback=_check_executor,
              help="Where files run: local (worker processes here), dask (a Dask cluster on this"
                   " machine) or dask://HOST:PORT (a Dask scheduler; needs councilplans[dask]).")
@click.option("--shared-path", is_flag=True,
              help="Dask workers read the files at the same paths instead of getting bytes.")
@engine_option
def import_cmd(paths, db_url, password, jobs, timeout, memory_mb, force, revises, new_document,
               dry_run, fail_fast, quiet, executor, shared_path, extract_engine):
    """Import PDF/DOCX files, or folders of them (searched recursively).

    A file joins a stored document as its next version when it is the same plan: same
    council(s), same title once version and date words are set aside, same format. Its line
    then says which version it replaces. Ctrl-C stops after the files in progress; press it
    again to stop at once.
    """
    from councilplans.executors import ExecutorError
    from councilplans.pipeline import (
        Options,
        default_jobs,
        find_files,
        import_files,
        start_reading,
    )

    if revises and new_document:
        raise click.UsageError("--revises and --new-document contradict each other")
    files = find_files(paths)
    if not files:
        raise click.ClickException("no .pdf or .docx files found in " + ", ".join(paths))
    options = Options(password=password, timeout=timeout, memory_mb=memory_mb,
                      jobs=default_jobs() if jobs is None else jobs, force=force,
                      revises=revises, new_document=new_document, dry_run=dry_run,
                      executor=executor, shared_path=shared_path, engine=extract_engine)
    started = start_reading(files, options)  # a long plan alone: read while the db opens
    try:
        engine = _dry_run_engine(db_url) if dry_run else _engine(db_url, create=True)
        if revises:
            _check_revises(engine, revises)
    except BaseException:
        if started is not None:
            started.close()
        raise
    counts: dict[str, int] = {}
    n_records = 0
    bar = None
    if sys.stderr.isatty() and not quiet:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="file", file=sys.stderr)
    stop = threading.Event()
    previous_handler = signal.signal(signal.SIGINT, _interrupt_handler(stop, bar))
    tag = " (dry run)" if dry_run else ""
    results = None
    try:
        reading = (lambda path: bar.set_postfix_str(_short(path), refresh=True)) if bar else None
        results = import_files(engine, files, options, stop=stop, on_read=reading,
                               started=started)
        for result in _executor_errors(results, ExecutorError):
            counts[result.status] = counts.get(result.status, 0) + 1
            n_records += result.n_records if result.status != FileStatus.UNCHANGED else 0
            message, warned = _file_message(result)
            line = f"{result.path}: {result.status}{tag}: {message}"
            bad = result.status.is_failure
            if bar is not None:
                bar.update(1)
                if bad or warned:
                    bar.write(line, file=sys.stderr)
            elif not quiet:
                click.echo(line, err=bad)
            if fail_fast and bad:
                break
    except KeyboardInterrupt:
        if bar is not None:
            bar.close()
        done = sum(counts.values())
        click.echo(f"stopped: {done} of {len(files)} files done and kept; the file being stored "
                   "was not written", err=True)
        sys.exit(130)
    finally:
        # Once stopping, a further press while the summary prints still means "stop now"
        # (exit 130), not Python's default KeyboardInterrupt traceback.
        signal.signal(signal.SIGINT, _exit_stopped if stop.is_set() else previous_handler)
        # --fail-fast (or Ctrl-C) left the results unread: end the workers and the store now,
        # not when the generator is collected at exit
        if results is not None:
            results.close()
        if started is not None:
            started.close()
    if bar is not None:
        bar.close()
    done = sum(counts.values())
    parts = [f"{counts[k]} {k}" for k in FileStatus if counts.get(k)]
    summary = f"{done} documents: {', '.join(parts) or 'none'}; {n_records} records"
    if dry_run:
        summary += "; dry run, nothing written"
    if stop.is_set():
        summary += f"; stopped by Ctrl-C, {len(files) - done} files not read"
    click.echo(summary)
    failed = sum(n for status, n in counts.items() if status.is_failure)
    if stop.is_set():
        sys.exit(130)
    sys.exit(1 if failed or done < len(files) else 0)


def _exit_stopped(_signum, _frame) -> None:
    sys.exit(130)


def _file_message(result) -> tuple[str, bool]:
    """What one file's ``import`` line says after its status, and whether it is a warning
    (a progress bar shows warnings and failures only)."""
    if result.known is not None:
        return (f"already imported as {result.known.name} v{result.known.version}",
                False)
    outcome = result.stored.outcome if result.stored is not None else None
    if outcome is not None and result.status == FileStatus.UNCHANGED:
        return f"imported meanwhile as v{outcome.version}", False
    if outcome is None or not result.status.has_records:
        return result.error or result.status, False
    msg = f"{outcome.n_records} records from {result.n_tables} plan table(s)"
    warned = False
    if outcome.n_records == 0:
        msg += ": no plan tables found"
        warned = True
    if outcome.superseded:
        msg += (f"; version {outcome.version} of {result.stored.series}, replacing "
                f"{outcome.superseded}")
    if result.error:
        msg += f"; {result.error}"
        warned = True
    return msg, warned


def _short(path: str, width: int = 40) -> str:
    name = path.rsplit("/", 1)[-1]
    return name if len(name) <= width else "..." + name[-(width - 3):]


def _interrupt_handler(stop: threading.Event, bar):
    """First Ctrl-C: finish the files in progress, then stop. Second: stop now."""

    def handler(_signum, _frame):
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        message = ("stopping after the files in progress (finished files are kept; "
                   "press again to stop now)")
        if bar is not None:
            bar.write(message, file=sys.stderr)
        else:
            click.echo(message, err=True)

    return handler


def _dry_run_engine(db_url: str):
    """The user's database if it exists (read, never written), else an empty one in memory."""
    from councilplans.schema.db import make_engine, sqlite_path

    path = sqlite_path(db_url)
    if path is not None and not path.is_file():
        return make_engine("sqlite://")
    try:
        return _engine(db_url)
    except MissingDatabase:  # a server database import has not filled yet
        return make_engine("sqlite://")


def _check_revises(engine, revises: str) -> None:
    from councilplans.schema.db import make_session
    from councilplans.schema.revisions import UnknownDocument, find_document

    with make_session(engine) as session:
        try:
            find_document(session, revises)
        except UnknownDocument as exc:
            raise click.ClickException(f"--revises: {exc}") from exc


# --- read commands (researchers): filters and output options shared by every one -----------

def filter_options(func):
    """The filters every read command takes, defined once (see schema.filters.Filters)."""
    options = [
        click.option("--council", multiple=True, help="Council (name or alias: LBTH); repeatable."),
        click.option("--document", multiple=True,
                     help="Document file name, sha256 or words of its title; repeatable."),
        click.option("--kind", multiple=True, type=click.Choice(["action", "indicator"]),
                     help="Record kind; repeatable."),
        click.option("--theme", multiple=True, help="Theme key or label (domestic_abuse)."),
        click.option("--organisation", multiple=True,
                     help="Linked organisation: canonical name or alias (MPS, Kent Police)."),
        click.option("--lead", help="Text in the lead column (case-insensitive)."),
        click.option("--rag", multiple=True, help="RAG rating (red, amber, green, ...)."),
        click.option("--status", multiple=True, help="Text in the printed status (Delayed)."),
        click.option("--due-before", type=click.DateTime(["%Y-%m-%d"]), help="Due before DATE."),
        click.option("--due-after", type=click.DateTime(["%Y-%m-%d"]), help="Due after DATE."),
        click.option("--overdue", is_flag=True,
                     help="Due date passed and status not complete-like."),
        click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]),
                     help="The date --overdue compares with (default: today)."),
        click.option("--search", "search_text", metavar="TEXT",
                     help="Full-text search over every text field."),
        click.option("--all-versions", is_flag=True, help="Include earlier versions of documents."),
        click.option("--all-formats", is_flag=True,
                     help="Both files of a plan published as DOCX and PDF (default: the DOCX "
                          "only)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


_FILTER_KEYS = ("council", "document", "kind", "theme", "organisation", "lead", "rag", "status",
                "due_before", "due_after", "overdue", "as_of", "search_text", "all_versions",
                "all_formats")


def _filters(kwargs: dict):
    """Pop the filter options out of a command's keyword arguments into a Filters."""
    from councilplans.schema.filters import Filters

    values = {k: kwargs.pop(k) for k in _FILTER_KEYS}
    values["search"] = values.pop("search_text")
    values["today"] = values.pop("as_of")
    for k in ("due_before", "due_after", "today"):
        values[k] = values[k].date() if values[k] else None
    filters = Filters(**{k: tuple(v) if isinstance(v, list | tuple) else v
                         for k, v in values.items()})
    from councilplans.schema.filters import unknown_themes

    unknown = unknown_themes(filters.theme)
    if unknown:
        from councilplans.normalise.themes import taxonomy

        raise click.BadParameter(f"unknown theme {', '.join(map(repr, unknown))}; themes are: "
                                 + ", ".join(t.key for t in taxonomy()), param_hint="--theme")
    return filters


def _output(rows, fmt, out, keys, bom=False, extra_sheets=None) -> None:
    from councilplans.schema.export import write_rows

    try:
        write_rows(out, rows, fmt, keys, bom=bom, extra_sheets=extra_sheets)
    except (ValueError, RuntimeError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc


def _text_out(text: str, out: str | None) -> None:
    """A table for reading: on stdout, or whole into --out."""
    if not out:
        click.echo(text)
        return
    from councilplans.output import OutputError, atomic_output

    try:
        with atomic_output(out) as fh:
            fh.write(text + "\n")
    except OutputError as exc:
        raise click.ClickException(str(exc)) from exc


def _default_format(fmt: str | None) -> str:
    return fmt or ("table" if sys.stdout.isatty() else "jsonl")


out_option = click.option("--out", type=click.Path(dir_okay=False),
                          help="File (default: stdout); written whole or not at all.")


@main.command(epilog=ENV_HELP)
@db_option
@filter_options
@click.option("--format", "fmt",
              type=click.Choice(["jsonl", "json", "csv", "xlsx", "parquet", "sqlite"]),
              default="jsonl", show_default=True,
              help="sqlite: a copy of the whole database in one file (filters do not apply).")
@click.option("--bom", is_flag=True, help="CSV: start with a UTF-8 byte order mark (for Excel).")
@out_option
def export(db_url, fmt, bom, out, **kwargs):
    """Records of current documents as JSON lines, JSON, CSV, Excel or Parquet."""
    from councilplans.schema.db import make_session
    from councilplans.schema.queries import EXPORT_KEYS, document_rows, export_rows

    filters = _filters(kwargs)
    if fmt == "sqlite":
        _copy_to_sqlite(db_url, out)
        return
    with make_session(_engine(db_url)) as session:
        rows = export_rows(session, filters=filters)
        sheets = None
        if fmt == "xlsx":
            docs = document_rows(session, filters=filters)
            keys = list(docs[0]) if docs else ["document"]
            sheets = {"documents": (keys, docs)}
    _output(rows, fmt, out, EXPORT_KEYS, bom=bom, extra_sheets=sheets)


def _copy_to_sqlite(db_url: str, out: str | None) -> None:
    from pathlib import Path

    from councilplans.schema.copy import copy_to_sqlite

    if not out:
        raise click.ClickException("--format sqlite needs --out FILE")
    if Path(out).exists():
        raise click.ClickException(f"{out} exists; choose a new file for the copy")
    counts = copy_to_sqlite(_engine(db_url), Path(out))
    click.echo(f"{out}: {counts['documents']} documents, {counts['records']} records")


RECORD_TABLE_COLUMNS = ("document", "page", "ref", "kind", "due_date", "rag", "status", "lead",
                        "text")


@main.command(epilog=ENV_HELP)
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "json"]),
              help="Default: table on a terminal, JSON lines otherwise.")
@out_option
def records(db_url, fmt, out, **kwargs):
    """The records the filters keep, as a readable table (or CSV / JSON)."""
    from councilplans.schema.db import make_session
    from councilplans.schema.queries import EXPORT_KEYS, export_rows, main_text

    filters = _filters(kwargs)
    with make_session(_engine(db_url)) as session:
        rows = export_rows(session, filters=filters)
    fmt = _default_format(fmt)
    if fmt == "table":
        rows = [{**r, "text": main_text(r)} for r in rows]
        _text_out(_records_table(rows), out)
        click.echo(f"{len(rows)} records", err=True)
        return
    _output(rows, fmt, out, EXPORT_KEYS)


def _records_table(rows) -> str:
    from councilplans.schema.terminal import text_table

    return text_table(rows, RECORD_TABLE_COLUMNS)


@main.command(epilog=ENV_HELP)
@db_option
@filter_options
@_format_option("table", "json", "jsonl", "csv", default="table")
@click.option("--wide", is_flag=True, help="One line per document, titles never wrapped.")
@click.option("--details", is_flag=True,
              help="List each document's import notes and the tables not taken as plans, "
                   "with the reason (the table view counts them otherwise).")
@out_option
def documents(db_url, fmt, wide, details, out, **kwargs):
    """Each document: title, councils, type, period, status and counts.

    A plan published as DOCX and as PDF shows as twins; under each document the table view
    counts its import notes and the tables not taken as plans (--details lists them, with the
    reason). With record filters, only the documents holding a record they keep.
    """
    from councilplans.schema.db import make_session
    from councilplans.schema.queries import document_rows
    from councilplans.schema.rejected import rejected_tables
    from councilplans.schema.twins import twins

    filters = _filters(kwargs)
    with make_session(_engine(db_url)) as session:
        rows = document_rows(session, filters=filters)
        pairs = twins(session)
        rejected = rejected_tables(session, [r["sha256"] for r in rows])
    for r in rows:
        r["twin"] = pairs.get(r["sha256"])
        r["rejected_tables"] = rejected.get(r["sha256"], [])
    if fmt == "table":
        from councilplans.views import documents_table

        _text_out(documents_table(rows, filters.all_versions, wide, details), out)
        return
    if fmt == "json" and not out:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    _output(rows, fmt, out, list(rows[0]) if rows else ["document"])


@main.command("search", epilog=ENV_HELP)
@click.argument("text")
@db_option
@filter_options
@click.option("--limit", type=int, default=20, show_default=True, help="Best N matches.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "json"]),
              help="Default: table on a terminal, JSON lines otherwise.")
@out_option
def search_cmd(text, db_url, limit, fmt, out, **kwargs):
    """Full-text search over every text field of the records, best matches first."""
    from dataclasses import asdict

    from councilplans.schema.db import make_session
    from councilplans.schema.search import search

    filters = _filters(kwargs)
    with make_session(_engine(db_url)) as session:
        hits = [asdict(h) for h in search(session, text, filters, limit)]
    fmt = _default_format(fmt)
    if fmt == "table":
        from councilplans.schema.terminal import text_table

        _text_out(text_table(hits, ("document", "page", "ref", "snippet")), out)
        return
    _output(hits, fmt, out, ("record_id", "document", "page", "ref", "kind", "snippet", "rank"))


@main.command("compare", epilog=ENV_HELP)
@db_option
@filter_options
@click.option("--by", "by", required=True,
              type=click.Choice(["theme", "organisation", "due-year", "rag", "status", "kind"]),
              help="What the columns count.")
@click.option("--rows", "rows_by", type=click.Choice(["council", "document"]), default="council",
              show_default=True)
@click.option("--share", is_flag=True, help="Each row's percentages instead of counts.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@out_option
def compare_cmd(db_url, by, rows_by, share, fmt, out, **kwargs):
    """A matrix of record counts: councils (or documents) by theme, organisation, year ..."""
    from councilplans.schema.compare import compare
    from councilplans.schema.db import make_session
    from councilplans.schema.queries import export_rows

    filters = _filters(kwargs)
    with make_session(_engine(db_url)) as session:
        matrix = compare(export_rows(session, filters=filters), by, rows_by)
    rows = matrix.as_rows(share)
    keys = [rows_by, "records", *matrix.columns]
    if fmt == "table":
        from councilplans.schema.terminal import text_table

        _text_out(text_table(rows, keys, width=10_000), out)
        return
    _output(rows, fmt, out, keys)


@main.command("report", epilog=ENV_HELP)
@db_option
@filter_options
@click.option("--out", type=click.Path(dir_okay=False, writable=True), required=True,
              help="The HTML file to write (self-contained: opens with no network).")
@click.option("--title", help="Heading of the report.")
@click.option("--format", "fmt", type=click.Choice(["html", "pdf"]), default="html",
              show_default=True, help="pdf is printed by a local Chromium.")
def report_cmd(db_url, out, title, fmt, **kwargs):
    """One HTML file: documents, coverage heatmap, due timeline, RAG/status, overdue list."""
    from councilplans.schema.db import make_session

    try:
        from councilplans.report import build_report

        with make_session(_engine(db_url)) as session:
            html = build_report(session, _filters(kwargs), title)
    except ModuleNotFoundError as exc:
        raise click.ClickException(f"report needs {exc.name}: pip install "
                                   "'councilplans[report]'") from exc
    if fmt == "pdf":
        from councilplans.output import OutputError, atomic_output
        from councilplans.report.pdf import NoBrowser, html_to_pdf

        try:
            data = html_to_pdf(html)
            with atomic_output(out, "wb") as fh:
                fh.write(data)
        except (NoBrowser, OutputError) as exc:
            raise click.ClickException(str(exc)) from exc
    else:
        _text_out(html.rstrip("\n"), out)
    click.echo(f"{out}: report written")


@main.command("browse", epilog=ENV_HELP)
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8001, show_default=True)
@click.option("--open/--no-open", "open_browser", default=True,
              help="Open a web browser on the current_records view.")
@click.option("--metadata-out", type=click.Path(dir_okay=False, writable=True),
              help="Only write the generated Datasette metadata to this file.")
def browse_cmd(db_url, host, port, open_browser, metadata_out):
    """Open the SQLite database in Datasette: facets, full-text search, described columns."""
    import tempfile
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from councilplans import browse

    url = make_url(db_url)
    if url.get_backend_name() != "sqlite" or not url.database:
        raise click.ClickException(
            f"browse needs a SQLite file; {url.get_backend_name()} databases can be copied "
            f"into one: councilplans export --db '{db_url}' --format sqlite --out copy.db, "
            "then councilplans browse --db sqlite:///copy.db")
    _engine(db_url).dispose()  # a missing database says so; the schema (views, search) is
    db_path = Path(url.database)  # brought up to date
    if metadata_out:
        browse.write_metadata(db_path, Path(metadata_out))
        click.echo(f"{metadata_out}: metadata written")
        return
    with tempfile.TemporaryDirectory() as tmp:
        meta = browse.write_metadata(db_path, Path(tmp) / "metadata.json")
        start = f"http://{host}:{port}/{db_path.stem}/current_records"
        click.echo(f"Datasette on {start} (Ctrl-C stops it)")
        if open_browser:
            import threading
            import webbrowser

            threading.Timer(2.0, webbrowser.open, [start]).start()
        try:
            code = browse.serve(db_path, meta, host, port)
        except KeyboardInterrupt:
            code = 0
    if code:
        raise click.ClickException("datasette did not start; is the browse extra installed? "
                                   "pip install 'councilplans[browse]'")


# --- end of read commands block ------------------------------------------------------------


@main.command(epilog=ENV_HELP)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@_format_option("table", "json", default="table")
@click.option("--password", help="Password for encrypted PDFs.")
@engine_option
def tables(file, fmt, password, extract_engine):
    """The tables found in FILE: index, page, size, whether each is a plan and why.

    JSON adds each table's cells, for debugging and comparison with other extractors.
    """
    from councilplans.errors import CouncilPlansError
    from councilplans.extract import extract_document
    from councilplans.normalise import normalise_document

    try:
        raw = extract_document(file, password=password, engine=extract_engine)
        reports = {t.table_index: t for t in normalise_document(raw, tag=False).tables}
    except CouncilPlansError as exc:
        raise click.ClickException(f"{file}: {exc}") from exc
    merged_into = {i: t.table_index for t in reports.values() for i in t.merged_from}
    out = []
    for t in raw.tables:
        report = reports.get(t.index) or reports.get(merged_into.get(t.index, -1))
        if report is None:
            is_plan, reason = False, "not read as a table"
        elif report.table_index != t.index:
            is_plan, reason = report.is_plan, f"continues table {report.table_index}"
        else:
            is_plan, reason = report.is_plan, report.reason
        out.append({"index": t.index, "page": t.page, "n_rows": len(t.rows),
                    "n_cols": max((len(r) for r in t.rows), default=0), "is_plan": is_plan,
                    "kind": report.kind if report else None, "reason": reason,
                    "bbox": list(t.bbox) if t.bbox else None, "evidence": t.evidence,
                    "rows": [[c.text for c in row] for row in t.rows]})
    if fmt == "json":
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    from councilplans.views import tables_table

    click.echo(tables_table(out))


@main.command("history", epilog=ENV_HELP)
@click.argument("document")
@db_option
@_format_option("table", "json", default="table")
def history_cmd(document, db_url, fmt):
    """The versions of DOCUMENT (file name, path, title or sha256): dates, hashes, counts,
    council and title of each."""
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
        councils = ", ".join(r["organisations"]) or "no council named"
        click.echo(f"{mark} v{r['version']}  {r['imported_at']}  {r['sha256'][:12]}  "
                   f"{r['status']:<8} {r['n_records']:>5} records  {r['path'] or r['document']}")
        click.echo(f"      {r['title'] or '(no title)'} ({councils})")


@main.command("diff", epilog=ENV_HELP)
@click.argument("document")
@db_option
@click.option("--from", "from_v", type=int, help="Older version number (default: previous).")
@click.option("--to", "to_v", type=int, help="Newer version number (default: latest).")
@_format_option("table", "json", default="table")
def diff_cmd(document, db_url, from_v, to_v, fmt):
    """Records added, removed and changed (every field, extra columns too) between two versions
    of DOCUMENT."""
    from councilplans.schema.db import make_session
    from councilplans.schema.diff import diff_records, records_for_diff
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
        result = diff_records(records_for_diff(session, versions[from_v]),
                              records_for_diff(session, versions[to_v]))
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


@main.group("db", epilog=ENV_HELP)
def db_group() -> None:
    """Database maintenance."""


@db_group.command("upgrade", epilog=ENV_HELP)
@db_option
def db_upgrade(db_url):
    """Migrate the database schema to this release's (also done on every open)."""
    from councilplans.schema.db import masked
    from councilplans.schema.migrate import current_revision, head_revision

    engine = _engine(db_url)
    click.echo(f"{masked(db_url)}: schema at revision {current_revision(engine)} "
               f"(head {head_revision()})")


if __name__ == "__main__":  # pragma: no cover
    main()
