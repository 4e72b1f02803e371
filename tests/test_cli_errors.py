"""Bad files fail alone with one clear line each; the batch goes on; exit status says so."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from councilplans.cli import main


def _bad_files(folder):
    folder.mkdir()
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "page.pdf").write_bytes(b"<!DOCTYPE html><html><body>404</body></html>")
    (folder / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    return folder


def test_each_bad_file_gets_one_line_and_a_failed_status(tmp_path, sqlite_url):
    folder = _bad_files(tmp_path / "in")
    result = CliRunner().invoke(main, ["import", str(folder), "--db", sqlite_url, "--jobs", "1"])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert f"{folder / 'empty.pdf'}: failed: empty file (0 bytes)" in lines
    assert f"{folder / 'page.pdf'}: failed: not a PDF or DOCX: it looks like an HTML page" in lines
    assert (f"{folder / 'old.docx'}: failed: old binary Word .doc (or an encrypted Office file):"
            " save it as .docx or PDF first") in lines
    assert lines[-1] == "3 documents: 3 failed; 0 records"
    docs = CliRunner().invoke(main, ["documents", "--db", sqlite_url, "--format", "json"])
    statuses = {d["document"]: (d["status"], d["error"]) for d in json.loads(docs.output)}
    assert statuses["empty.pdf"] == ("failed", "empty file (0 bytes)")


def test_fail_fast_stops_at_first_failure(tmp_path, sqlite_url):
    folder = _bad_files(tmp_path / "in")
    result = CliRunner().invoke(
        main, ["import", str(folder), "--db", sqlite_url, "--jobs", "0", "--fail-fast"]
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == "1 documents: 1 failed; 0 records"


def test_unreachable_database_is_one_clear_error(tmp_path):
    folder = _bad_files(tmp_path / "in")
    result = CliRunner().invoke(
        main, ["import", str(folder), "--db", "sqlite:////nonexistent/dir/x.db"]
    )
    assert result.exit_code == 1
    assert "cannot open database sqlite:////nonexistent/dir/x.db" in result.output


# --- Real hostile files: each fails alone, with one line naming it and the reason, while a
# --- good file in the same batch is imported.

PLAN_ROWS = [["Ref", "Action", "Lead", "Timescale"]] + [
    [f"{i}.1", f"Deliver housing action {i} with partners", "Head of Housing",
     f"March 202{5 + i % 3}"]
    for i in range(1, 6)
]


def _good_docx(path: Path) -> Path:
    """A small action plan: one plan table, five records."""
    import docx

    document = docx.Document()
    document.add_heading("Housing Action Plan 2025", 1)
    table = document.add_table(rows=len(PLAN_ROWS), cols=len(PLAN_ROWS[0]))
    for r, row in enumerate(PLAN_ROWS):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(path))
    return path


def _plan_pdf(path: Path, encrypt: str | None = None, repeat: int = 1) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    rows = PLAN_ROWS + PLAN_ROWS[1:] * (repeat - 1)
    table = Table(rows, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    doc = SimpleDocTemplate(str(path), pagesize=A4, title="Housing Action Plan 2025",
                            encrypt=encrypt)
    doc.build([Paragraph("Housing Action Plan", getSampleStyleSheet()["Title"]), table])
    return path


def _raw_pdf(path: Path, stream: bytes, n_pages: int = 1) -> Path:
    """A hand-written PDF whose pages all draw one Flate-compressed content stream."""
    kids = " ".join(f"{5 + i} 0 R" for i in range(n_pages))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
    ]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
             b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"] * n_pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _slow_pdf(path: Path, n_pages: int = 1500) -> Path:
    """Many pages of ruled text sharing one small stream: tiny file, a minute to extract."""
    ops = []
    for k in range(70):
        y = 800 - 11 * k
        ops.append(f"BT /F1 8 Tf 30 {y} Td (Row {k} of a page with plenty of words to read) Tj ET")
        ops.append(f"30 {y - 2} m 560 {y - 2} l S")
    return _raw_pdf(path, zlib.compress("\n".join(ops).encode()), n_pages)


def _flate_bomb_pdf(path: Path, size_mb: int = 4096) -> Path:
    """A content stream of ``size_mb`` MB of spaces compressed to ~1/1000: a PDF memory bomb."""
    chunk = b" " * 2**20
    z = zlib.compressobj(9)
    head = z.compress(b"BT /F1 12 Tf 72 720 Td (Bomb) Tj ET\n" + chunk) + z.flush(zlib.Z_FULL_FLUSH)
    # After a full flush the compressor's state repeats, so one chunk's output stands for all.
    again = z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH)
    tail = z.compress(chunk) + z.flush()
    return _raw_pdf(path, head + again * (size_mb - 2) + tail)


def _image_pdf(path: Path) -> Path:
    from PIL import Image
    from reportlab.pdfgen import canvas

    png = path.with_suffix(".png")
    Image.new("RGB", (300, 200), (180, 180, 180)).save(png)
    c = canvas.Canvas(str(path))
    c.drawImage(str(png), 72, 400, width=450, height=300)
    c.save()
    png.unlink()
    return path


def _rezip(src: Path, dst: Path, change=None, extra: dict[str, bytes] | None = None) -> Path:
    """Copy a DOCX, passing word/document.xml through ``change`` and adding ``extra`` parts."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if change and info.filename == "word/document.xml":
                data = change(data)
            zout.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def _claim_size(path: Path, member: str, size: int) -> Path:
    """Rewrite the central directory so ``member`` claims to expand to ``size`` bytes."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    at = data.index(b"PK\x01\x02")  # the first central directory entry
    while True:
        n = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + n] == name:
            data[at + 24:at + 28] = size.to_bytes(4, "little")
            break
        m = int.from_bytes(data[at + 30:at + 32], "little")
        k = int.from_bytes(data[at + 32:at + 34], "little")
        at = data.index(b"PK\x01\x02", at + 46 + n + m + k)
    path.write_bytes(bytes(data))
    return path


def _doctype(doctype: bytes, entity: bytes, pad: int = 0, utf16: bool = False):
    """A document.xml change: declare ``doctype`` and use ``entity`` in the body text."""

    def change(xml: bytes) -> bytes:
        decl, rest = xml.split(b"?>", 1)
        comment = b"<!--" + b" " * pad + b"-->" if pad else b""
        rest = rest.replace(b"Housing Action Plan 2025", entity, 1)
        out = decl + b"?>" + comment + doctype + rest
        if utf16:
            out = out.replace(b'encoding="UTF-8"', b'encoding="UTF-16"').decode().encode("utf-16")
        return out

    return change


XXE = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = (b'<!DOCTYPE w:document [<!ENTITY lol0 "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
          + b"]>")  # &lol9; is 10**9 lols


def _make_bad(kind: str, folder: Path) -> Path:
    src = folder.parent / "src"
    src.mkdir(exist_ok=True)
    if kind == "png":
        from PIL import Image

        path = folder / "scan.pdf"
        Image.new("RGB", (20, 20), (255, 0, 0)).save(path, format="PNG")
        return path
    if kind == "encrypted":
        return _plan_pdf(folder / "locked.pdf", encrypt="s3cret")
    if kind == "truncated":
        data = _plan_pdf(src / "whole.pdf", repeat=8).read_bytes()
        path = folder / "cut.pdf"
        path.write_bytes(data[: len(data) // 2])
        return path
    if kind == "not_zip":
        data = _good_docx(src / "whole.docx").read_bytes()
        path = folder / "cut.docx"
        path.write_bytes(data[: len(data) // 2])
        return path
    if kind == "bomb_ratio":
        return _rezip(_good_docx(src / "p.docx"), folder / "bomb.docx",
                      extra={"word/media/filler.bin": b"\x00" * (24 * 2**20)})
    if kind == "bomb_size":
        path = _rezip(_good_docx(src / "p.docx"), folder / "huge.docx",
                      extra={"word/media/image1.png": b"\x89PNG" + b"\x00" * 100})
        return _claim_size(path, "word/media/image1.png", 0xFFFF0000)
    if kind == "image_only":
        return _image_pdf(folder / "scanned.pdf")
    if kind.startswith(("xxe", "laughs")):
        variant = {"xxe": (XXE, b"&xxe;"), "xxe_padded": (XXE, b"&xxe;", 6000),
                   "xxe_utf16": (XXE, b"&xxe;", 0, True), "laughs": (LAUGHS, b"&lol9;"),
                   "laughs_padded": (LAUGHS, b"&lol9;", 6000)}[kind]
        return _rezip(_good_docx(src / "p.docx"), folder / f"{kind}.docx", _doctype(*variant))
    raise AssertionError(kind)


UNSAFE_XML = "XML with a DOCTYPE/entity declaration in word/document.xml"
HOSTILE = [
    ("png", "failed", "not a PDF or DOCX: it looks like a PNG image"),
    ("encrypted", "failed", "encrypted PDF: password required (use --password)"),
    ("truncated", "failed", re.compile(r"corrupt or truncated PDF: .+")),
    ("not_zip", "failed", re.compile(r"not a valid DOCX: not a zip archive \(.+\)")),
    ("bomb_ratio", "failed", re.compile(r"zip bomb: word/media/filler\.bin expands \d+x")),
    ("bomb_size", "failed", re.compile(r"zip bomb: expands to \d+ MB")),
    ("image_only", "no_text", "no text layer: OCR needed"),
    ("xxe", "failed", UNSAFE_XML),
    ("xxe_padded", "failed", UNSAFE_XML),
    ("xxe_utf16", "failed", UNSAFE_XML),
    ("laughs", "failed", UNSAFE_XML),
    ("laughs_padded", "failed", UNSAFE_XML),
]


def _documents(db_url: str) -> dict[str, dict]:
    result = CliRunner().invoke(main, ["documents", "--db", db_url, "--format", "json"])
    assert result.exit_code == 0, result.output
    return {d["document"]: d for d in json.loads(result.output)}


def _assert_alone(result, db_url: str, bad: Path, status: str, message, good: Path) -> None:
    """``bad`` got one line and a row with ``status``/``message``; ``good`` was imported."""
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    prefix = f"{bad}: {status}: "
    mine = [line for line in lines if line.startswith(f"{bad}: ")]
    assert len(mine) == 1, lines
    assert mine[0].startswith(prefix), mine
    said = mine[0][len(prefix):]
    if isinstance(message, re.Pattern):
        assert message.fullmatch(said), said
    else:
        assert said == message
    assert f"{good}: imported: 5 records from 1 plan table(s)" in lines
    assert lines[-1] == "2 documents: 1 imported, 1 " + status + "; 5 records"
    docs = _documents(db_url)
    assert (docs[bad.name]["status"], docs[bad.name]["error"]) == (status, said)
    assert docs[bad.name]["n_records"] == 0
    assert (docs[good.name]["status"], docs[good.name]["n_records"]) == ("imported", 5)


@pytest.mark.parametrize("kind, status, message", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_file_fails_alone(tmp_path, sqlite_url, kind, status, message):
    folder = tmp_path / "in"
    folder.mkdir()
    bad = _make_bad(kind, folder)
    good = _good_docx(folder / "plan.docx")
    result = CliRunner().invoke(main, ["import", str(folder), "--db", sqlite_url, "--jobs", "0"])
    _assert_alone(result, sqlite_url, bad, status, message, good)


def test_bad_files_beside_a_good_one_each_get_their_row(tmp_path, sqlite_url):
    folder = _bad_files(tmp_path / "in")
    good = _good_docx(folder / "plan.docx")
    result = CliRunner().invoke(main, ["import", str(folder), "--db", sqlite_url, "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert result.output.strip().splitlines()[-1] == "4 documents: 1 imported, 3 failed; 5 records"
    docs = _documents(sqlite_url)
    assert {name: d["status"] for name, d in docs.items()} == {
        "empty.pdf": "failed", "page.pdf": "failed", "old.docx": "failed", good.name: "imported"}
    assert docs["page.pdf"]["error"] == "not a PDF or DOCX: it looks like an HTML page"
    assert docs["old.docx"]["error"].startswith("old binary Word .doc")
    assert docs[good.name]["n_records"] == 5


def test_encrypted_pdf_imports_with_its_password(tmp_path, sqlite_url):
    folder = tmp_path / "in"
    folder.mkdir()
    locked = _plan_pdf(folder / "locked.pdf", encrypt="s3cret")
    run = ["import", str(folder), "--db", sqlite_url, "--jobs", "0"]
    assert CliRunner().invoke(main, run).exit_code == 1
    result = CliRunner().invoke(main, [*run, "--password", "wrong"])
    assert result.exit_code == 1
    assert f"{locked}: failed: encrypted PDF: password required (use --password)" in result.output
    result = CliRunner().invoke(main, [*run, "--password", "s3cret"])
    assert result.exit_code == 0, result.output
    assert f"{locked}: imported: 5 records from 1 plan table(s)" in result.output
    docs = _documents(sqlite_url)
    assert list(docs) == ["locked.pdf"]  # the failed attempts were replaced, not kept
    assert (docs["locked.pdf"]["status"], docs["locked.pdf"]["n_records"]) == ("imported", 5)


def test_documents_without_plan_tables_import_with_no_records(tmp_path, sqlite_url):
    import docx

    folder = tmp_path / "in"
    folder.mkdir()
    contacts = docx.Document()
    contacts.add_paragraph("Who to contact")
    table = contacts.add_table(rows=3, cols=2)
    for r, (name, phone) in enumerate([("Name", "Phone"), ("Reception", "020 7946 0000"),
                                       ("Out of hours", "020 7946 0999")]):
        table.cell(r, 0).text, table.cell(r, 1).text = name, phone
    contacts.save(str(folder / "contacts.docx"))
    prose = docx.Document()
    prose.add_heading("Foreword", 1)
    prose.add_paragraph("Our borough is a place where everyone can thrive.")
    prose.save(str(folder / "foreword.docx"))
    letter = _raw_pdf(folder / "letter.pdf",
                      zlib.compress(b"BT /F1 12 Tf 72 720 Td (Dear resident) Tj ET"))
    result = CliRunner().invoke(main, ["import", str(folder), "--db", sqlite_url, "--jobs", "0"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    for path in (folder / "contacts.docx", folder / "foreword.docx", letter):
        assert f"{path}: imported: 0 records from 0 plan table(s): no plan tables found" in lines
    docs = _documents(sqlite_url)
    assert {(d["status"], d["n_records"], d["error"]) for d in docs.values()} == {
        ("imported", 0, None)}


def test_exit_status_is_zero_only_when_every_file_imported(tmp_path, sqlite_url):
    folder = tmp_path / "in"
    folder.mkdir()
    _good_docx(folder / "a.docx")
    _plan_pdf(folder / "b.pdf")
    result = CliRunner().invoke(main, ["import", str(folder), "--db", sqlite_url, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "2 documents: 2 imported; 10 records"
    again = CliRunner().invoke(main, ["import", str(folder), "--db", sqlite_url, "--jobs", "1"])
    assert again.exit_code == 0, again.output  # unchanged files are not failures
    (folder / "c.pdf").write_bytes(b"")
    result = CliRunner().invoke(main, ["import", str(folder), "--db", sqlite_url, "--jobs", "1"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == "3 documents: 2 unchanged, 1 failed; 0 records"


@pytest.mark.parametrize("jobs", ["0", "1"])
def test_fail_fast_leaves_later_files_alone(tmp_path, sqlite_url, jobs):
    """It stops at the first failure without waiting for files still being extracted."""
    folder = tmp_path / "in"
    folder.mkdir()
    _good_docx(folder / "a_plan.docx")
    (folder / "b_empty.pdf").write_bytes(b"")
    _slow_pdf(folder / "c_slow.pdf")  # a minute of work if anything waited for it
    _good_docx(folder / "d_plan.docx")
    start = time.monotonic()
    result = CliRunner().invoke(
        main, ["import", str(folder), "--db", sqlite_url, "--jobs", jobs, "--fail-fast"]
    )
    assert time.monotonic() - start < 20
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[-2:] == [f"{folder / 'b_empty.pdf'}: failed: empty file (0 bytes)",
                          "2 documents: 1 imported, 1 failed; 5 records"]
    assert set(_documents(sqlite_url)) == {"a_plan.docx", "b_empty.pdf"}


def test_over_the_time_limit(tmp_path, sqlite_url):
    folder = tmp_path / "in"
    folder.mkdir()
    slow = _slow_pdf(folder / "slow.pdf")
    good = _good_docx(folder / "plan.docx")
    start = time.monotonic()
    result = CliRunner().invoke(main, ["import", str(folder), "--db", sqlite_url, "--jobs", "1",
                                       "--timeout", "1"])
    assert time.monotonic() - start < 25
    _assert_alone(result, sqlite_url, slow, "failed", "over the time limit (1 s)", good)


class _Ran:
    """A finished subprocess, shaped like CliRunner's result for ``_assert_alone``."""

    def __init__(self, proc: subprocess.CompletedProcess):
        self.exit_code = proc.returncode
        self.output = proc.stderr + proc.stdout  # the count line last, as in a terminal


def _cli(*args: str) -> _Ran:
    """The CLI in its own process: a worker killed by a signal is then not a fork of pytest
    (whose fault handler would print the worker's stack into the test output)."""
    cmd = [sys.executable, "-m", "councilplans", *args]
    return _Ran(subprocess.run(cmd, capture_output=True, text=True, timeout=120))


def test_over_the_memory_limit(tmp_path, sqlite_url):
    folder = tmp_path / "in"
    folder.mkdir()
    bomb = _flate_bomb_pdf(folder / "bomb.pdf")  # 4 GB of content stream in a 4 MB file
    good = _good_docx(folder / "plan.docx")
    result = _cli("import", str(folder), "--db", sqlite_url, "--jobs", "1", "--memory-mb", "1024")
    message = re.compile(r"over the memory limit \(1024 MB\)(: the extractor was stopped by "
                         r"signal \d+)?")
    _assert_alone(result, sqlite_url, bomb, "failed", message, good)


def test_a_tiny_memory_limit_is_reported_as_such(tmp_path, sqlite_url):
    """Not as "ImportError: failed to map segment" or an OpenBLAS crash of library loading."""
    folder = tmp_path / "in"
    folder.mkdir()
    _good_docx(folder / "plan.docx")
    _plan_pdf(folder / "plan.pdf", repeat=30)
    result = _cli("import", str(folder), "--db", sqlite_url, "--jobs", "1", "--memory-mb", "1")
    assert "unexpected error" not in result.output and "crashed" not in result.output
    docs = _documents(sqlite_url)
    assert set(docs) == {"plan.docx", "plan.pdf"}
    for doc in docs.values():
        if doc["status"] != "imported":  # a file may fit in memory the worker already holds
            assert doc["status"] == "failed"
            assert doc["error"].startswith("over the memory limit (1 MB)"), doc["error"]


@pytest.mark.parametrize("kind", ["xxe", "xxe_padded", "xxe_utf16", "laughs"])
def test_xml_entities_are_never_resolved_into_the_database(tmp_path, sqlite_url, kind):
    folder = tmp_path / "in"
    folder.mkdir()
    _make_bad(kind, folder)
    _good_docx(folder / "plan.docx")
    CliRunner().invoke(main, ["import", str(folder), "--db", sqlite_url, "--jobs", "0"])
    export = CliRunner().invoke(main, ["export", "--db", sqlite_url])
    assert export.exit_code == 0
    dumped = export.output + json.dumps(list(_documents(sqlite_url).values()))
    db_file = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(db_file) as conn:
        dumped += "\n".join(conn.iterdump())
    assert "root:" not in dumped and "lollol" not in dumped
    passwd = Path("/etc/passwd")
    if passwd.exists():
        first = passwd.read_text().splitlines()[0]
        assert first not in dumped


def test_documents_report_names_unmapped_columns_and_unread_timescales(tmp_path, sqlite_url):
    """The import report: a column the mapping does not know, and a timescale with no date."""
    d = docx.Document()
    d.add_paragraph("Tower Hamlets VAWG Action Plan 2024-2027", style="Title")
    t = d.add_table(rows=3, cols=4)
    for r, row in enumerate([("No.", "Action", "Timescale", "Impact on other services"),
                             ("1.1", "Train staff", "March 2025", "Less demand on A&E"),
                             ("1.2", "Open a hub", "when funding allows", "")]):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    path = tmp_path / "plan.docx"
    d.save(str(path))
    result = CliRunner().invoke(main, ["import", str(path), "--db", sqlite_url, "--jobs", "0"])
    assert result.exit_code == 0, result.output
    (doc,) = _documents(sqlite_url).values()
    assert doc["notes"] == [
        "table 0: columns: 'No.' -> ref (header); 'Action' -> action (header); 'Timescale' -> "
        "timescale (header); 'Impact on other services' -> extra (no header or cell evidence)",
        "table 0: columns kept as extra: Impact on other services",
        "1 timescale(s) with no date understood: when funding allows",
    ]


def test_a_write_the_database_refuses_fails_that_file_alone_and_writes_nothing(tmp_path):
    """A database that refuses a document's records (here a trigger, as a constraint or a
    full disk would): that file fails with one line, nothing of it is stored, the documents
    already there stay, and the next file is imported."""
    db = tmp_path / "plans.db"
    url = f"sqlite:///{db}"
    first = _good_docx(tmp_path / "first.docx")
    assert CliRunner().invoke(main, ["import", str(first), "--db", url, "--jobs", "0"]
                              ).exit_code == 0
    with sqlite3.connect(db) as con:
        before = con.execute("select count(*) from records").fetchone()[0]
        con.execute("create trigger refuse before insert on records when new.ref = '1.1' "
                    "begin select raise(abort, 'records refused by policy'); end")
    refused = _good_docx(tmp_path / "refused.docx")
    revised = docx.Document(str(refused))  # other bytes than the first, whatever the clock
    revised.add_paragraph("Revised in December.")
    revised.save(str(refused))
    result = CliRunner().invoke(main, ["import", str(refused), "--db", url, "--jobs", "0",
                                       "--new-document"])
    assert result.exit_code == 1, result.output
    assert result.output.strip().splitlines() == [
        f"{refused}: failed: database write failed, nothing written: "
        "(sqlite3.IntegrityError) records refused by policy",
        "1 documents: 1 failed; 0 records"]  # one line: no SQL statement, no parameters
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from records").fetchone()[0] == before
        names = [r[0] for r in con.execute("select name from documents")]
    assert "refused.docx" not in names and "first.docx" in names
