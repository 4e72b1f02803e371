"""Exceptions a user can act on.

Each carries a message that completes the sentence "FILE: ..." and names the reason, so the
CLI can print one line per failed file. ``status`` is what ``documents`` shows for the file.
"""

from __future__ import annotations

from councilplans.status import FileStatus


class CouncilPlansError(Exception):
    """Base class: anything the tool reports as a per-file failure."""

    status = FileStatus.FAILED


class NotADocument(CouncilPlansError):
    """The bytes are neither a PDF nor a DOCX (the message says what they look like)."""


class EmptyFile(CouncilPlansError):
    pass


class LegacyWordDocument(CouncilPlansError):
    """An old binary Word .doc (OLE2), which only Word or LibreOffice can convert."""


class EncryptedDocument(CouncilPlansError):
    pass


class CorruptDocument(CouncilPlansError):
    """Truncated or damaged PDF, or a DOCX that is not a valid zip / WordprocessingML package."""


class UnsafeDocument(CouncilPlansError):
    """A DOCX whose zip would expand past the limits (zip bomb) or whose XML uses entities."""


class NoTextLayer(CouncilPlansError):
    """An image-only PDF: nothing to read without OCR."""

    status = FileStatus.NO_TEXT


class ExtractionTimeout(CouncilPlansError):
    pass


class ExtractionMemoryError(CouncilPlansError):
    pass
