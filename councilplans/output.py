"""Writing an output file so that a failure never leaves a half-written file under its name.

The text goes to a temporary file beside the target, which is flushed, synced and renamed
over the target only once complete: a reader (or the next pipeline step) sees the old file or
the new one, never a truncated one. Devices and pipes (``/dev/stdout``) are written directly,
as a rename over them would replace the device.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

_REASONS = {
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "the folder does not exist",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "over the disk quota",
    errno.EFBIG: "the file is larger than allowed (file size limit)",
    errno.EISDIR: "it is a folder",
}


class OutputError(OSError):
    """An output file could not be written; the message names the file and the reason."""


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


@contextlib.contextmanager
def atomic_output(path: str | Path, mode: str = "w", encoding: str | None = "utf-8",
                  newline: str | None = "") -> Iterator[IO]:
    """Open ``path`` for writing; on success the complete file replaces it, on failure nothing
    is left under its name (an existing file keeps its old content).

    Raises OutputError with a one-line message for a missing folder, an unwritable place or
    a full disk. ``newline=""`` suits the csv module; JSON lines write "\\n" either way.
    """
    path = Path(path)
    if "b" in mode:
        encoding = newline = None
    if path.exists() and not path.is_file() and not path.is_dir():
        try:  # a device or a pipe: nothing to rename, write straight through
            with open(path, mode, encoding=encoding, newline=newline) as fh:
                yield fh
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {_reason(exc)}") from exc
        return
    if path.is_dir():
        raise OutputError(f"cannot write {path}: {_REASONS[errno.EISDIR]}")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from exc
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
