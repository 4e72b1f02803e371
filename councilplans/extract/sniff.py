"""What a file is, by its first bytes rather than its name.

Councils' websites serve old .doc files renamed .docx, HTML error pages saved as .pdf and
truncated downloads; the message for each says what the bytes look like.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from councilplans.errors import EmptyFile, LegacyWordDocument, NotADocument

_LOOKS_LIKE: list[tuple[bytes, str]] = [
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
]


def _describe(head: bytes) -> str:
    for magic, what in _LOOKS_LIKE:
        if head.startswith(magic):
            return what
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")) or b"<html" in text[:512]:
        return "an HTML page"
    if text.startswith(b"<?xml"):
        return "an XML file"
    try:
        head.decode("utf-8")
        return "plain text"
    except UnicodeDecodeError:
        return "unknown binary data"


def sniff(path: str | Path) -> str:
    """'pdf' or 'docx', or raise an error that says what the file is instead."""
    p = Path(path)
    size = p.stat().st_size
    if size == 0:
        raise EmptyFile("empty file (0 bytes)")
    with p.open("rb") as fh:
        head = fh.read(2048)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise LegacyWordDocument(
            "old binary Word .doc (or an encrypted Office file): save it as .docx or PDF first"
        )
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(p) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            return "docx"  # let the DOCX reader name the damage
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            raise NotADocument("not a PDF or DOCX: it looks like an Excel workbook (.xlsx)")
        if "ppt/presentation.xml" in names:
            raise NotADocument("not a PDF or DOCX: it looks like a PowerPoint file (.pptx)")
        if "content.xml" in names:
            raise NotADocument("not a PDF or DOCX: it looks like an OpenDocument file")
        raise NotADocument("not a PDF or DOCX: it is a zip archive without a Word document")
    raise NotADocument(f"not a PDF or DOCX: it looks like {_describe(head)}")
