"""Rows (dicts) -> files: JSON lines, JSON, CSV, Excel and Parquet, written whole or not at all.

Lists (themes, organisations) become ``;``-joined text in CSV and Excel, ``extra`` one JSON
text; JSON keeps them as lists and objects. Files are written through
``councilplans.output.atomic_output``, so a reader never sees half an export; ``atomic_path``
serves writers that need a file name (SQLite).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TextIO

TEXT_FORMATS = ("jsonl", "json", "csv")
BINARY_FORMATS = ("xlsx", "parquet")


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside ``target`` that replaces it when the block succeeds."""
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would make exports unreadable to others
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def flat_value(value: Any) -> Any:
    """One cell for CSV / Excel: lists joined by ``;``, dicts as JSON text, None as empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False) if value else ""
    return value


def write_text(fh: TextIO, rows: Sequence[dict], fmt: str, keys: Sequence[str]) -> None:
    if fmt == "jsonl":
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "json":
        json.dump(list(rows), fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    elif fmt == "csv":
        writer = csv.writer(fh)
        writer.writerow(keys)
        for row in rows:
            writer.writerow([flat_value(row.get(k)) for k in keys])
    else:
        raise ValueError(f"not a text format: {fmt}")


def write_xlsx(path: Path | BinaryIO,
               sheets: dict[str, tuple[Sequence[str], Sequence[dict]]]) -> None:
    """One sheet per entry: header row bold and frozen, an autofilter over the data."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for title, (keys, rows) in sheets.items():
        ws = wb.create_sheet(title)
        ws.append(list(keys))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([flat_value(row.get(k)) for k in keys])
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(max(len(keys), 1))}{max(len(rows) + 1, 1)}"
    wb.save(path)


def write_parquet(path: Path | BinaryIO, rows: Sequence[dict], keys: Sequence[str]) -> None:
    """Lists stay lists of strings; ``extra`` is JSON text (its keys differ row to row)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ModuleNotFoundError as exc:
        raise RuntimeError("Parquet needs pyarrow: pip install 'councilplans[parquet]'") from exc
    columns: dict[str, list] = {k: [] for k in keys}
    for row in rows:
        for k in keys:
            v = row.get(k)
            if isinstance(v, dict):
                v = json.dumps(v, ensure_ascii=False) if v else None
            columns[k].append(v)
    table = pa.table({k: pa.array(v, type=_arrow_type(pa, k, v)) for k, v in columns.items()})
    pq.write_table(table, path)


def _arrow_type(pa, key: str, values: list):
    if any(isinstance(v, list) for v in values):
        return pa.list_(pa.string())
    if values and all(isinstance(v, int) or v is None for v in values) and any(
            v is not None for v in values):
        return pa.int64()
    return pa.string()


def write_rows(out: str | None, rows: Sequence[dict], fmt: str, keys: Sequence[str], *,
               bom: bool = False, stdout: TextIO | None = None,
               extra_sheets: dict[str, tuple[Sequence[str], Sequence[dict]]] | None = None
               ) -> None:
    """Write ``rows`` as ``fmt`` to ``out`` (whole or not at all, see ``councilplans.output``)
    or, for text formats, to ``stdout``."""
    from councilplans.output import atomic_output

    if fmt in BINARY_FORMATS:
        if not out:
            raise ValueError(f"--format {fmt} needs --out FILE")
        with atomic_output(out, "wb") as fh:
            if fmt == "xlsx":
                write_xlsx(fh, {"records": (keys, rows), **(extra_sheets or {})})
            else:
                write_parquet(fh, rows, keys)
        return
    if out:
        encoding = "utf-8-sig" if bom and fmt == "csv" else "utf-8"
        with atomic_output(out, encoding=encoding) as fh:
            write_text(fh, rows, fmt, keys)
        return
    buf = io.StringIO(newline="")
    if bom and fmt == "csv":
        buf.write("\ufeff")
    write_text(buf, rows, fmt, keys)
    (stdout or sys.stdout).write(buf.getvalue())
