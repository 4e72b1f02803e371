import zipfile

import pytest

from councilplans.errors import EmptyFile, LegacyWordDocument, NotADocument
from councilplans.extract.sniff import sniff


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_pdf_and_docx_known_by_content_not_extension(tmp_path):
    assert sniff(_write(tmp_path / "plan.docx", b"%PDF-1.7\n%...")) == "pdf"
    z = tmp_path / "report.pdf"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    assert sniff(z) == "docx"


@pytest.mark.parametrize(
    "data, error, message",
    [
        (b"", EmptyFile, "empty file (0 bytes)"),
        (b"<!DOCTYPE html><html><body>Not found</body></html>", NotADocument,
         "not a PDF or DOCX: it looks like an HTML page"),
        (b"\x89PNG\r\n\x1a\n....", NotADocument, "not a PDF or DOCX: it looks like a PNG image"),
        (b"Action plan notes\n", NotADocument, "not a PDF or DOCX: it looks like plain text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, LegacyWordDocument,
         "old binary Word .doc (or an encrypted Office file): save it as .docx or PDF first"),
    ],
)
def test_bad_files_say_what_they_are(tmp_path, data, error, message):
    with pytest.raises(error) as info:
        sniff(_write(tmp_path / "x.pdf", data))
    assert str(info.value) == message


def test_excel_renamed_docx(tmp_path):
    z = tmp_path / "plan.docx"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(NotADocument, match="Excel workbook"):
        sniff(z)
