"""``councilplans report``: one self-contained HTML file describing a selection of records.

Charts are drawn by matplotlib as inline SVG and the page carries its own CSS, so the file
opens anywhere with no network. matplotlib and jinja2 are the ``report`` extra, imported only
when a report is made.
"""

from councilplans.report.build import build_report

__all__ = ["build_report"]
