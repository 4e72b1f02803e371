"""Report charts: matplotlib figures rendered to inline SVG text (no files, no network)."""

from __future__ import annotations

import io
import re

RAG_COLOURS = {"red": "#c0392b", "amber": "#e6a23c", "green": "#2e8b57", "blue": "#2f6db5",
               "complete": "#2f6db5"}
BAR = "#3b6ea8"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update({"svg.fonttype": "none", "font.size": 9,
                                "svg.hashsalt": "councilplans"})
    import matplotlib.pyplot as plt

    return plt


def _svg(fig, label: str) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    _pyplot().close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    return re.sub(r"<svg ", f'<svg role="img" aria-label="{label}" class="chart" ', svg, count=1)


def heatmap(rows: list[str], columns: list[str], values: list[list[int]], title: str) -> str:
    """Councils x themes: colour by count, the count printed in every non-empty cell."""
    plt = _pyplot()
    width = max(4.0, 0.45 * len(columns) + 2.5)
    height = max(1.6, 0.4 * len(rows) + 1.6)
    fig, ax = plt.subplots(figsize=(width, height))
    ax.imshow(values, cmap="Blues", aspect="auto")
    ax.set_xticks(range(len(columns)), labels=columns, rotation=60, ha="right")
    ax.set_yticks(range(len(rows)), labels=rows)
    top = max((v for row in values for v in row), default=0)
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            if v:
                ax.text(j, i, str(v), ha="center", va="center",
                        color="white" if v > top * 0.6 else "black")
    ax.set_title(title)
    return _svg(fig, title)


def bars(labels: list[str], counts: list[int], title: str, horizontal: bool = False,
         colours: dict[str, str] | None = None) -> str:
    plt = _pyplot()
    colour = [(colours or {}).get(str(lab).lower(), BAR) for lab in labels]
    if horizontal:
        fig, ax = plt.subplots(figsize=(6.5, max(1.4, 0.3 * len(labels) + 0.8)))
        ax.barh(range(len(labels)), counts, color=colour)
        ax.set_yticks(range(len(labels)), labels=labels)
        ax.invert_yaxis()
    else:
        fig, ax = plt.subplots(figsize=(max(3.5, 0.45 * len(labels) + 1.5), 2.8))
        ax.bar(range(len(labels)), counts, color=colour)
        ax.set_xticks(range(len(labels)), labels=labels, rotation=45 if len(labels) > 6 else 0,
                      ha="right" if len(labels) > 6 else "center")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title)
    return _svg(fig, title)
