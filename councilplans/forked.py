"""Run pieces of one file's work in forked processes and get their results back in order.

Used where one long document would otherwise keep one core busy and leave the others idle: its
PDF pages (``extract.pdf``) and its tables (``normalise``). Plain ``os.fork`` rather than
multiprocessing: an import's worker is a daemon process, which multiprocessing lets have no
children, and a fork starts with everything the parent has loaded (spaCy, the gazetteer, the
document's vocabulary). A child inherits the worker's address-space cap and is killed when the
worker ends, so a file over its time limit stops reading at once. Each child sends back its
pickled result or the exception it raised, which is raised again here.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TypeVar

T = TypeVar("T")

__all__ = ["can_fork", "map_forked"]


def can_fork() -> bool:
    return hasattr(os, "fork")


def map_forked(fn: Callable[..., T], calls: Sequence[tuple], here: Callable[[], Any] | None = None,
               first_here: bool = False) -> list[T]:
    """``[fn(*args) for args in calls]``, each call in a forked child, results in call order.

    ``here`` runs in this process while the children work; with ``first_here`` this process
    makes the first call itself (after ``here``) instead of forking for it.
    """
    own = calls[0] if first_here and calls else None
    forked = calls[1:] if own is not None else calls
    children: list[tuple[int, int]] = []  # (pid, read end of its pipe)
    try:
        for args in forked:
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: never returns
                os.close(r)
                _child(fn, args, w)
            os.close(w)
            children.append((pid, r))
        if here is not None:
            here()
        results = [fn(*own)] if own is not None else []
        while children:
            results.append(_collect(*children[0]))
            children.pop(0)
    finally:
        for pid, r in children:  # an error on the way: end the children still running
            with contextlib.suppress(OSError):
                os.close(r)
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)
    return results


def _child(fn: Callable, args: tuple, fd: int) -> NoReturn:
    code = 0
    try:
        _die_with_parent()
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
        try:
            result: object = fn(*args)
        except BaseException as exc:  # noqa: BLE001  (sent to the parent, raised there)
            result = exc
        try:
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            data = pickle.dumps(RuntimeError(f"a forked reader's result: {exc}"))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _die_with_parent() -> None:
    """Linux: SIGKILL this process when the one that forked it ends."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _collect(pid: int, fd: int) -> Any:
    """One child's result, or its error raised here."""
    with os.fdopen(fd, "rb") as fh:
        data = fh.read()
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        if code == -signal.SIGKILL:
            raise MemoryError(f"a forked reader was killed (signal {-code})")
        raise RuntimeError(f"a forked reader was stopped by signal {-code}")
    if not data:
        raise RuntimeError(f"a forked reader ended with no result (exit code {code})")
    result = pickle.loads(data)
    if isinstance(result, BaseException):
        raise result
    return result
