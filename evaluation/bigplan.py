"""A large, realistic council action plan PDF for the benchmark, generated with reportlab.

The bundled samples are a few pages each, too small to show where time goes. Real action plans
run to a hundred pages or more of ruled landscape tables, so this draws one: headings between
tables, header rows repeated on each page, section rows spanning the width, multi-line cells and
bulleted lists, six columns No. / Action / Output / Outcome / Timescales / Lead Officer.

Deterministic (seeded random, reportlab invariant mode) so timings compare across runs. Cached:
``cached_big_plan()`` writes it once under .cache/bench/.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from evaluation import ROOT

GENERATOR_VERSION = 3  # bump when the drawing changes so cached files are rebuilt
CACHE = ROOT / ".cache" / "bench"

_VERBS = ["Develop", "Deliver", "Review", "Establish", "Commission", "Expand", "Embed", "Launch",
          "Strengthen", "Publish", "Co-produce", "Pilot", "Refresh", "Map", "Train", "Promote"]
_OBJECTS = [
    "a borough-wide domestic abuse awareness campaign", "the multi-agency risk assessment process",
    "a refreshed housing allocations policy", "specialist support for survivors of sexual violence",
    "the community safety partnership dashboard", "a youth violence early intervention offer",
    "training for frontline housing officers", "safe spaces in libraries and leisure centres",
    "the night-time economy welfare scheme", "a perpetrator behaviour change programme",
    "data sharing agreements with health partners", "a school relationships education toolkit",
    "accessible information in the ten most spoken community languages",
    "the homelessness prevention pathway for young people", "outreach to older residents",
    "the commissioning framework for refuge provision", "a resident engagement forum",
]
_CONTEXT = ["with the voluntary and community sector", "across all council directorates",
            "in partnership with the Metropolitan Police", "with NHS North East London",
            "through the Safer Neighbourhood Board", "with schools and colleges",
            "drawing on the lived experience panel", "within existing resources"]
_OUTPUTS = ["Number of staff trained", "Policy approved by Cabinet", "Quarterly report to board",
            "Campaign materials published", "Referral pathway agreed", "Service specification",
            "Evaluation report", "Annual survey results", "Toolkit distributed to all schools"]
_OUTCOMES = [
    "Residents feel safer in their neighbourhoods and know where to seek help",
    "More survivors are identified early and supported to recover",
    "Repeat victimisation falls year on year", "Professionals respond consistently to disclosures",
    "Young people understand healthy relationships", "Fewer households are placed in temporary "
    "accommodation", "Partners share information safely and quickly",
]
_LEADS = ["Head of Community Safety", "VAWG Strategic Lead", "Director of Housing",
          "Public Health Consultant", "Head of Youth Services", "Communications Manager",
          "Head of Commissioning", "Borough Commander, Metropolitan Police",
          "Designated Safeguarding Lead", "Service Manager, Adult Social Care"]
_TIMES = ["March 2025", "Ongoing", "Q3 2024/25", "2025/26", "December 2024", "Annual",
          "September 2025", "Mar 2026", "March/April 2025", "From April 2025"]
_DUE = {"March 2025": "2025-03-31", "Q3 2024/25": "2024-12-31", "2025/26": "2026-03-31",
        "December 2024": "2024-12-31", "September 2025": "2025-09-30", "Mar 2026": "2026-03-31",
        "March/April 2025": "2025-04-30"}  # SPEC.md rules; the rest of _TIMES imply no date
TITLE = "Violence Against Women and Girls Action Plan 2024 \u2013 2029"
COUNCIL = "Tower Hamlets Council"
_PRIORITIES = ["Preventing Harm and Promoting Safety", "Supporting Survivors",
               "Holding Perpetrators to Account", "Working in Partnership",
               "Safer Public Spaces", "Housing and Homelessness", "Children and Young People",
               "Health and Wellbeing", "Economic Independence", "Data and Insight"]


def _sentence(rng: random.Random) -> str:
    s = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_CONTEXT)}"
    if rng.random() < 0.4:
        s += f", ensuring that {rng.choice(_OUTCOMES).lower()}"
    return s + "."


def _bullets(rng: random.Random, n: int) -> list[str]:
    return [f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)}" for _ in range(n)]


def _story(n_sections: int, seed: int) -> tuple[list, list[dict]]:
    """The flowables (per priority a heading, a paragraph and one ruled table of actions) and
    the records a perfect import yields, in samples/SPEC.md's expected format."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    rng = random.Random(seed)
    ss = getSampleStyleSheet()
    cell = ParagraphStyle("cell", parent=ss["BodyText"], fontName="Helvetica", fontSize=8.5,
                          leading=10.5)
    bullet = ParagraphStyle("bullet", parent=cell, leftIndent=9, bulletIndent=0)
    head = ParagraphStyle("head", parent=cell, fontName="Helvetica-Bold", textColor=colors.white)
    section = ParagraphStyle("section", parent=cell, fontName="Helvetica-Bold")
    widths = [1.6 * cm, 8.5 * cm, 5 * cm, 5.2 * cm, 2.8 * cm, 3.8 * cm]
    header = [Paragraph(h, head) for h in
              ("No.", "Action", "Output", "Outcome", "Timescales", "Lead Officer")]

    def text_cell(items: list[str] | str):
        if isinstance(items, str):
            return Paragraph(items, cell)
        return [Paragraph(i, bullet, bulletText="\u2022") for i in items]

    def expected(items: list[str] | str) -> str:
        return items if isinstance(items, str) else "\n".join(f"\u2022 {i}" for i in items)

    story: list = [Paragraph(TITLE, ss["Title"]), Paragraph(COUNCIL, ss["Heading2"])]
    records: list[dict] = []
    for p in range(1, n_sections + 1):
        name = _PRIORITIES[(p - 1) % len(_PRIORITIES)]
        story.append(Paragraph(f"Priority {p}: {name}", ss["Heading1"]))
        story.append(Paragraph(" ".join(_sentence(rng) for _ in range(3)), ss["BodyText"]))
        story.append(Spacer(1, 6))
        rows: list[list] = [header]
        styles = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                  ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1F3864")),
                  ("VALIGN", (0, 0), (-1, -1), "TOP")]
        for s in range(1, rng.randint(3, 5) + 1):
            styles += [("SPAN", (0, len(rows)), (-1, len(rows))),
                       ("BACKGROUND", (0, len(rows)), (-1, len(rows)), colors.HexColor("#D9E2F3"))]
            section_text = f"Objective {p}.{s}: {_sentence(rng)[:-1]}"
            rows.append([Paragraph(section_text, section)] + [""] * 5)
            for a in range(1, rng.randint(4, 9) + 1):
                action = (_bullets(rng, rng.randint(2, 4)) if rng.random() < 0.3
                          else " ".join(_sentence(rng) for _ in range(rng.randint(1, 3))))
                output = (_bullets(rng, 2) if rng.random() < 0.2
                          else "; ".join(rng.sample(_OUTPUTS, rng.randint(1, 2))))
                lead = " / ".join(rng.sample(_LEADS, rng.randint(1, 2)))
                outcome, when = rng.choice(_OUTCOMES), rng.choice(_TIMES)
                rows.append([text_cell(f"{p}.{s}.{a}"), text_cell(action), text_cell(output),
                             text_cell(outcome), text_cell(when), text_cell(lead)])
                records.append({
                    "kind": "action", "ref": f"{p}.{s}.{a}", "section": section_text,
                    "objective": None, "action": expected(action), "output": expected(output),
                    "outcome": outcome, "indicator": None, "measure": None, "lead": lead,
                    "timescale": when, "due_date": _DUE.get(when), "rag": None,
                    "resources": None, "progress": None, "extra": {}})
        story.append(Table(rows, colWidths=widths, repeatRows=1, style=TableStyle(styles)))
    return story, records


def _build(path: Path, n_sections: int, seed: int) -> tuple[int, list[dict]]:
    """Write the PDF; returns its page count and expected records."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    def footer(canvas, doc) -> None:
        canvas.setFont("Helvetica", 8)
        canvas.drawRightString(landscape(A4)[0] - 1.5 * cm, 1 * cm, f"Page {doc.page}")

    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=1.5 * cm,
                            rightMargin=1.5 * cm, topMargin=1.5 * cm, bottomMargin=1.5 * cm,
                            title=TITLE, author="councilplans bench",
                            invariant=1)
    story, records = _story(n_sections, seed)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return doc.page, records


def write_big_plan(path: str | Path, pages: int = 120, seed: int = 2024) -> Path:
    """Draw an action plan of at least ``pages`` pages at ``path`` unless it already exists.

    Beside it, ``<stem>.expected.json`` (samples/SPEC.md format), so the sample scorer can
    check the benchmark's import too: ``python -m evaluation.samples PATH``.
    """
    path = Path(path)
    expected = path.with_name(path.stem + ".expected.json")
    if path.is_file() and expected.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.pdf")
    n_sections = max(1, pages // 4)  # about 4 pages per priority; corrected below
    for _ in range(6):
        got, records = _build(tmp, n_sections, seed)
        if got >= pages:
            break
        n_sections = int(n_sections * pages / max(got, 1)) + 1
    meta = {"title": TITLE, "organisations": [COUNCIL], "doc_type": "action plan",
            "period_start": 2024, "period_end": 2029}
    expected.write_text(json.dumps({"document": meta, "records": records}, indent=1,
                                   ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return path


def cached_big_plan(pages: int = 120) -> Path:
    return write_big_plan(CACHE / f"big-plan-{pages}p-v{GENERATOR_VERSION}.pdf", pages)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    out = cached_big_plan(n)
    print(out)
