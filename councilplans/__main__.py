"""The ``councilplans`` command's entry point.

It exists so that a Ctrl-C is a plain stop wherever it lands: while Python is still importing
the CLI's libraries, or while a command opens its database, the user sees one line and exit
status 130 (the shell's convention for SIGINT), never a traceback or click's "Aborted!" with
status 1. The import command's own two-press handling takes over once it runs.
"""

from __future__ import annotations

import errno
import sys


def _stopped() -> None:
    sys.stderr.write("\nstopped (Ctrl-C)\n")
    sys.exit(130)


def run() -> None:
    try:
        import click

        from councilplans.cli import main
    except KeyboardInterrupt:
        _stopped()
    try:
        code = main.main(standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):
        _stopped()
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BrokenPipeError:  # `councilplans export | head`: the reader has gone, not an error
        sys.stderr.close()
        sys.exit(0)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.exit(0)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    run()
