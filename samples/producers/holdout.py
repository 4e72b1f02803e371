"""The held-out set: plans that are not about VAWG, drawn in layouts mixed across specs.

Every other sample comes from the five VAWG seed specs, so its scores say how well the import
reads those documents, not how well it generalises. The specs in ``holdout/specs/`` are other
kinds of plan (community safety, ICB metrics, climate, police scorecard, housing, children's
services, health and wellbeing) with column wordings, ref forms and timescales the seed specs
do not use. Their content is invented; the organisations and header wordings are the kinds
real councils, NHS bodies and police publish. Each spec is drawn once or twice, by different
producers and looks, so no spec's layout repeats. Never tune the import on these files.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import generate

from producers import catalogue, looks
from producers.catalogue import LayoutSample

HOLDOUT_DIR = generate.HERE / "holdout"
SPEC_DIR = HOLDOUT_DIR / "specs"
RULED = "ruled-grid"  # the plain ruled Word table (python-docx "Table Grid"), kept as DOCX

SAMPLES: tuple[LayoutSample, ...] = (
    LayoutSample("rules-only", "word", "csp_community_safety_plan",
                 "booktabs, merged priority cells", looks.BOOKTABS),
    LayoutSample("header-band", "chromium", "csp_community_safety_plan",
                 "tinted header band, no rules, merged priority cells", looks.HEADER_BAND),
    LayoutSample("header-band", "reportlab", "icb_joint_forward_plan_kpis",
                 "two KPI tables, tinted header row, no rules", looks.HEADER_BAND),
    LayoutSample("first-page-header", "word", "icb_joint_forward_plan_kpis",
                 "booktabs KPI tables, header not repeated, caption and source line",
                 looks.FIRST_PAGE_BOOKTABS),
    LayoutSample("banded", "chromium", "climate_emergency_action_plan",
                 "zebra rows, themes as group rows, '1 - Title' refs", looks.ZEBRA),
    LayoutSample("filled-cells", "reportlab", "climate_emergency_action_plan",
                 "every cell a filled box, themes as group rows", looks.FILLED),
    LayoutSample("sideways", "reportlab", "police_crime_plan_scorecard",
                 "portrait text, scorecard on /Rotate 90 pages", looks.SIDEWAYS, rotation=90),
    LayoutSample(RULED, "docx", "police_crime_plan_scorecard",
                 "plain ruled Word tables (DOCX)", looks.SIDEWAYS),
    LayoutSample("first-page-header", "chromium", "housing_strategy_delivery_plan",
                 "the three objective tables as one ruled table, header printed once",
                 looks.FIRST_PAGE_HEADER, merge=True),
    LayoutSample("rules-only", "reportlab", "housing_strategy_delivery_plan",
                 "booktabs, one table per objective", looks.BOOKTABS),
    LayoutSample("banded", "word", "childrens_services_improvement_plan",
                 "zebra bands under a dark header, merged area cells", looks.ZEBRA),
    LayoutSample("sideways", "chromium", "childrens_services_improvement_plan",
                 "portrait text, the plan turned 90 degrees by CSS", looks.SIDEWAYS),
    LayoutSample("filled-cells", "chromium", "health_wellbeing_action_plan",
                 "card-like rows with rounded ends, a version table", looks.CARDS),
)


def load_spec(name: str) -> looks.Spec:
    return json.loads((SPEC_DIR / f"{name}.json").read_text(encoding="utf-8"))


def generate_holdout(out_dir: Path = HOLDOUT_DIR, only: list[str] | None = None) -> list[Path]:
    """Each held-out sample, its expected records (the spec's) and the manifest."""
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        for sample in SAMPLES:
            if only and not any(o in sample.stem for o in only):
                continue
            spec = load_spec(sample.spec)
            if sample.producer == "docx":
                spec["name"] = sample.stem
                path = out_dir / f"{sample.stem}.docx"
                generate.build_docx(spec, path)
            else:
                spec = looks.with_look(spec, sample.look)
                if sample.merge:
                    spec = looks.merge_tables(spec)
                spec["name"] = sample.stem
                path = out_dir / f"{sample.stem}.pdf"
                catalogue.producer(sample)(spec, path, Path(tmp))
            generate.write_expected(spec, out_dir / f"{sample.stem}.expected.json")
            made.append(path)
    entries = [{"file": f"{s.stem}.{'docx' if s.producer == 'docx' else 'pdf'}",
                "class": s.layout, "producer": s.producer, "spec": s.spec, "style": s.style}
               for s in SAMPLES]
    (out_dir / catalogue.MANIFEST).write_text(json.dumps({"samples": entries}, indent=1) + "\n",
                                              encoding="utf-8")
    return made
