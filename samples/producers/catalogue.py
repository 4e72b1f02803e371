"""Which layout samples exist: spec x layout class x producer, and their manifest.

The set is small on purpose (two or three specs per class, each class by each producer that
draws it): enough to measure a reader per class, little enough to commit.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import generate

from producers import drawing, looks, word
from producers.looks import Look, Spec

CLASSES = ("rules-only", "header-band", "banded", "filled-cells", "first-page-header",
           "sideways")
PRODUCERS = ("word", "chromium", "reportlab")


@dataclass(frozen=True)
class LayoutSample:
    layout: str  # one of CLASSES: the name for the look
    producer: str  # one of PRODUCERS
    spec: str  # a spec name in samples/specs or samples/shapes
    style: str  # what exactly is drawn, for the manifest and SPEC.md
    look: Look
    merge: bool = False  # same-column tables joined into one, sections as group rows
    rotation: int = 0  # reportlab: /Rotate of the plan pages

    @property
    def stem(self) -> str:
        return f"{self.layout}--{self.producer}--{self.spec}"


SAMPLES: tuple[LayoutSample, ...] = (
    LayoutSample("rules-only", "word", "lbth_vawg_action_plan_2024",
                 "booktabs: rules above and below the header and between rows, none "
                 "vertical (Word Plain Table / List Table look)", looks.BOOKTABS),
    LayoutSample("rules-only", "word", "havering_vawg_strategy",
                 "booktabs with a vertically merged objective column", looks.BOOKTABS),
    LayoutSample("rules-only", "reportlab", "triborough_vawg_annual_report",
                 "booktabs with section rows and group rows (merged action cells)",
                 looks.BOOKTABS),
    LayoutSample("header-band", "word", "triborough_vawg_annual_report",
                 "tinted header row, no rules, section rows in coloured bold text",
                 looks.HEADER_BAND),
    LayoutSample("banded", "word", "bd_dsv_delivery_plan",
                 "zebra bands under a dark header, merged priority cells across bands "
                 "(Word Grid/List Table 4-5 look), no rules", looks.ZEBRA),
    LayoutSample("rules-only", "chromium", "bd_dsv_delivery_plan",
                 "booktabs in CSS: rules above and below the header and between rows, "
                 "merged priority cells", looks.BOOKTABS),
    LayoutSample("header-band", "chromium", "lbth_vawg_action_plan_2024",
                 "one table, tinted header band, no rules, the priorities as coloured bold "
                 "group rows, rows apart by white space only", looks.HEADER_BAND, merge=True),
    LayoutSample("banded", "chromium", "havering_vawg_strategy",
                 "zebra rows under a dark header, merged objective cells across bands, no "
                 "rules", looks.ZEBRA),
    LayoutSample("filled-cells", "chromium", "lbth_vawg_performance_matrix",
                 "card-like rows: every row a tinted rounded box, white space between rows",
                 looks.CARDS),
    LayoutSample("first-page-header", "chromium", "triborough_vawg_annual_report",
                 "ruled table whose header is printed once (thead not repeated), caption "
                 "above and source line below", looks.FIRST_PAGE_HEADER),
    LayoutSample("sideways", "chromium", "lbth_vawg_action_plan_2024",
                 "portrait narrative, then the ruled plan cut into landscape pages turned "
                 "90 degrees by CSS: rotated text on portrait pages, no /Rotate",
                 looks.SIDEWAYS),
    LayoutSample("header-band", "reportlab", "lbth_vawg_performance_matrix",
                 "tinted header row, no rules, rows apart by white space only",
                 looks.HEADER_BAND),
    LayoutSample("banded", "reportlab", "shape_sections_groups",
                 "zebra rows with section rows and group rows (merged cells across bands)",
                 looks.ZEBRA),
    LayoutSample("filled-cells", "reportlab", "havering_vawg_strategy",
                 "every cell a filled box with white gaps; no line objects at all",
                 looks.FILLED),
    LayoutSample("filled-cells", "reportlab", "bd_dsv_delivery_plan",
                 "white boxes on a shaded page frame; no line objects at all",
                 looks.PAGE_FRAME),
    LayoutSample("first-page-header", "reportlab", "lbth_vawg_action_plan_2024",
                 "one ruled table over many pages, header on the first page only, "
                 "caption above and source line below", looks.FIRST_PAGE_HEADER, merge=True),
    LayoutSample("first-page-header", "word", "havering_vawg_strategy",
                 "booktabs, header row not repeated on the following pages, caption above "
                 "and source line below", looks.FIRST_PAGE_BOOKTABS),
    LayoutSample("sideways", "reportlab", "lbth_vawg_action_plan_2024",
                 "portrait narrative, then the ruled plan on landscape pages stored portrait "
                 "with /Rotate 90", looks.SIDEWAYS, rotation=90),
    LayoutSample("sideways", "reportlab", "havering_vawg_strategy",
                 "as above with /Rotate 270", looks.SIDEWAYS, rotation=270),
)


def load_spec(name: str) -> Spec:
    for folder in generate.SPEC_DIRS:
        path = folder / f"{name}.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    raise FileNotFoundError(f"no spec named {name} in {[str(d) for d in generate.SPEC_DIRS]}")


def _producer(sample: LayoutSample) -> Callable[[Spec, Path, Path], None]:
    if sample.producer == "word":
        return lambda spec, pdf, tmp: word.build(spec, sample.look, pdf, tmp)
    if sample.producer == "reportlab":
        return lambda spec, pdf, tmp: drawing.build(spec, sample.look, pdf, sample.rotation)
    from producers import html

    return lambda spec, pdf, tmp: html.build(spec, sample.look, pdf, tmp,
                                             sideways=sample.layout == "sideways")


def generate_layouts(out_dir: Path, only: list[str] | None = None) -> list[Path]:
    """Write each sample's PDF and expected records, and the manifest of them all."""
    out_dir.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        for sample in SAMPLES:
            if only and not any(o in sample.stem for o in only):  # a spec, class or producer
                continue
            spec = looks.with_look(load_spec(sample.spec), sample.look)
            if sample.merge:
                spec = looks.merge_tables(spec)
            spec["name"] = sample.stem
            pdf = out_dir / f"{sample.stem}.pdf"
            _producer(sample)(spec, pdf, Path(tmp))
            generate.write_expected(spec, out_dir / f"{sample.stem}.expected.json")
            made.append(pdf)
    write_manifest(out_dir)
    return made


def write_manifest(out_dir: Path) -> None:
    entries = [{"file": f"{s.stem}.pdf", "class": s.layout, "producer": s.producer,
                "spec": s.spec, "style": s.style} for s in SAMPLES]
    (out_dir / "manifest.json").write_text(json.dumps({"samples": entries}, indent=1) + "\n",
                                           encoding="utf-8")

