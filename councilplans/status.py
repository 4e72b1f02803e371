"""How one file's import ended: the one vocabulary of the pipeline, executors, loader and CLI.

The values are the words users see (``import`` lines, ``documents``' status column) and the
ones stored in ``documents.status``, so a ``FileStatus`` compares equal to the stored text.
"""

from __future__ import annotations

from enum import StrEnum


class FileStatus(StrEnum):
    """Declared in the order the import's count line lists them."""

    IMPORTED = "imported"  # read and stored (maybe no records: no plan tables found)
    PARTIAL = "partial"  # read with warnings; what was read is stored
    UNCHANGED = "unchanged"  # these bytes were stored already: nothing read or written
    NO_TEXT = "no_text"  # an image-only PDF: stored as such, OCR needed
    FAILED = "failed"  # not read (the reason says why); retried in place next time

    @property
    def is_failure(self) -> bool:
        """Whether the file counts against the import's exit status."""
        return self in (FileStatus.NO_TEXT, FileStatus.FAILED)

    @property
    def has_records(self) -> bool:
        """Whether the file was read, so its records (however many) were stored."""
        return self in (FileStatus.IMPORTED, FileStatus.PARTIAL)
