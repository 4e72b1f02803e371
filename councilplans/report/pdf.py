"""The report as PDF, printed by a local Chromium (Debian's ``chromium``), never downloaded.

The HTML report already lays itself out; printing it with the browser keeps one layout for
both formats instead of a second renderer to keep in step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class NoBrowser(RuntimeError):
    """No Chromium to print with: the message says how to get one."""


def find_chromium() -> str:
    named = os.environ.get("COUNCILPLANS_CHROMIUM")
    if named and Path(named).is_file():
        return named
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    raise NoBrowser("--format pdf prints with Chromium, which is not installed: "
                    "apt-get install chromium (or set COUNCILPLANS_CHROMIUM), or use --format html")


def html_to_pdf(html: str, timeout: float = 120.0) -> bytes:
    browser = find_chromium()
    with tempfile.TemporaryDirectory() as tmp:
        page, pdf = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        args = [browser, "--headless", "--disable-gpu", "--no-pdf-header-footer",
                f"--user-data-dir={tmp}/profile", f"--print-to-pdf={pdf}", page.as_uri()]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        done = subprocess.run(args, capture_output=True, timeout=timeout)
        if not pdf.is_file() or pdf.stat().st_size == 0:
            last = (done.stderr.decode(errors="replace").strip().splitlines() or ["no output"])
            raise NoBrowser(f"Chromium did not print the report: {last[-1]}")
        return pdf.read_bytes()
