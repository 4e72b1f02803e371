"""Document metadata from hand-built RawDocuments shaped like the seed documents."""

from __future__ import annotations

import pytest

from councilplans.extract.model import Cell, RawDocument, RawTable, TextBlock
from councilplans.normalise.metadata import document_meta, find_doc_type, find_period
from councilplans.normalise.model import DocumentMeta


def table(index: int, rows: list[list[str]]) -> RawTable:
    return RawTable(index=index, rows=tuple(tuple(Cell(t) for t in r) for r in rows))


def doc(*blocks: TextBlock | RawTable, title: str | None = None, fmt: str = "docx") -> RawDocument:
    return RawDocument(path="x." + fmt, format=fmt, blocks=blocks, title=title)  # type: ignore[arg-type]


def test_havering_draft_with_document_control() -> None:
    d = doc(
        TextBlock("Havering Violence against Women & Girls Strategy", style="Title"),
        TextBlock("V0.3"),
        TextBlock("Document Control", heading_level=2),
        table(0, [
            ["Name", "Havering Violence against Women & Girls Strategy"],
            ["Version number", "V0.3"],
            ["Status", "Draft"],
            ["Approved by", "Havering Community Safety Partnership"],
            ["Review date", "2017-18"],
        ]),
        table(1, [["Version", "Status", "Date", "Dissemination/Change"],
                  ["V0.1", "Initial Draft", "Sep-14", "Internal"]]),
        TextBlock("Thank you for reading the Violence against Women and Girls Strategy for the "
                  "London Borough of Havering."),
        title="Microsoft Word - VAWG Strategy v0.3.docx",
    )
    assert document_meta(d) == DocumentMeta(
        title="Havering Violence against Women & Girls Strategy",
        organisations=("Havering Council",),
        doc_type="strategy",
        version="V0.3",
        status="Draft",
    )


def test_tower_hamlets_action_plan_from_properties_title() -> None:
    d = doc(
        TextBlock("Contents", heading_level=1),
        TextBlock("Tower Hamlets Council is committed to ending VAWG."),
        title="VAWG and Women's Safety Strategy Action Plan 2024 – 2029",
    )
    meta = document_meta(d)
    assert meta.title == "VAWG and Women's Safety Strategy Action Plan 2024 – 2029"
    assert meta.doc_type == "action plan"
    assert (meta.period_start, meta.period_end) == (2024, 2029)
    assert meta.organisations == ("Tower Hamlets Council",)
    assert meta.version is None and meta.status is None


def test_tri_borough_pdf_largest_font_title() -> None:
    d = doc(
        TextBlock("THE ROYAL BOROUGH OF", page=1, size=10),
        TextBlock("KENSINGTON", page=1, size=10),
        TextBlock("AND CHELSEA", page=1, size=10),
        TextBlock("City of Westminster", page=1, size=9),
        TextBlock("London Borough of Hammersmith & Fulham | The Royal Borough of Kensington and "
                  "Chelsea | Westminster City Council", page=1, size=8),
        TextBlock("Violence Against Women and Girls Strategic Partnership", page=1, size=24),
        TextBlock("Annual Report", page=1, size=24),
        TextBlock("2015-16", page=1, size=24),
        TextBlock("Prepared by the VAWG Strategic Lead", page=1, size=12),
        TextBlock("7. Appendix 2 – Action Plan 2015/16", page=2, size=11),
        title="Untitled",
        fmt="pdf",
    )
    assert document_meta(d) == DocumentMeta(
        title="Violence Against Women and Girls Strategic Partnership Annual Report 2015-16",
        organisations=(
            "Kensington and Chelsea Council",
            "Westminster City Council",
            "Hammersmith and Fulham Council",
        ),
        doc_type="annual report",
        period_start=2015,
        period_end=2016,
    )


def test_barking_delivery_plan_title_from_first_text() -> None:
    d = doc(
        TextBlock("Barking and Dagenham"),
        TextBlock("Domestic and Sexual Violence Strategy Delivery Plan 2012-2015 (Final)"),
        TextBlock("This action plan sets out ..."),
        title="DSV_Delivery_Plan_2012",
    )
    meta = document_meta(d)
    assert meta.title == "Domestic and Sexual Violence Strategy Delivery Plan 2012-2015 (Final)"
    assert meta.organisations == ("Barking and Dagenham Council",)
    assert meta.doc_type == "delivery plan"
    assert (meta.period_start, meta.period_end) == (2012, 2015)
    assert meta.status == "Final"


def test_doc_type_from_text_when_title_silent() -> None:
    d = doc(TextBlock("Tower Hamlets", style="Title"), TextBlock("Our action plan for 2024"))
    assert document_meta(d).doc_type == "action plan"


def test_empty_document() -> None:
    assert document_meta(doc()) == DocumentMeta()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Strategy 2024-2029", (2024, 2029)),
        ("Strategy 2024 – 2029", (2024, 2029)),
        ("Delivery Plan 2012-15", (2012, 2015)),
        ("Annual report 2015/16", (2015, 2016)),
        ("Plan 2012 – 2015", (2012, 2015)),
        ("2014 to 2017", (2014, 2017)),
        ("Reviewed 2015-03-31", None),
        ("published 2013", None),
        ("2015-1990", None),
    ],
)
def test_find_period(text: str, expected: tuple[int, int] | None) -> None:
    assert find_period(text) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("VAWG and Women's Safety Strategy Action Plan 2024-2029", "action plan"),
        ("VAWG Performance Matrix 2015-16", "performance matrix"),
        ("Domestic and Sexual Violence Strategy Delivery Plan 2012-2015", "delivery plan"),
        ("VAWG Strategic Partnership Annual Report 2015-16", "annual report"),
        ("Havering VAWG Strategy", "strategy"),
        ("Minutes of the meeting", None),
        ("Police and Crime Plan 2024-2029: Performance Scorecard, Quarter 2", "performance matrix"),
        ("Children's Services Improvement Plan 2024-2026", "action plan"),
        ("Corporate KPI Dashboard, Quarter 3", "performance matrix"),
    ],
)
def test_find_doc_type(title: str, expected: str | None) -> None:
    assert find_doc_type([title]) == expected


def test_year_range_in_the_prose_is_not_the_plan_period():
    from councilplans.extract.model import RawDocument, TextBlock
    from councilplans.normalise.metadata import document_meta

    blocks = (
        TextBlock("KENT COUNTY COUNCIL ACTION TO IMPROVE HEALTH AND WELLBEING", page=1, size=20),
        TextBlock("We will halve the gap in healthy life expectancy between the most and least "
                  "deprived areas of the county by 2028/29, working with every partner.",
                  page=1, size=10),
    )
    meta = document_meta(RawDocument(path="x.pdf", format="pdf", blocks=blocks))
    assert (meta.period_start, meta.period_end) == (None, None)
    cover = (blocks[0], TextBlock("2015-16", page=1, size=14))
    meta = document_meta(RawDocument(path="x.pdf", format="pdf", blocks=cover))
    assert (meta.period_start, meta.period_end) == (2015, 2016)


def test_a_draft_stamp_printed_largest_is_not_the_title() -> None:
    d = doc(
        TextBlock("Appendix I: Budget Risks Register 2025-26", page=1, size=20),
        TextBlock("DRAFT", page=1, size=24),
        TextBlock("OFFICIAL - SENSITIVE", page=1, size=28),
        TextBlock("Risk title", page=1, size=11),
        title="DRAFT",
        fmt="pdf",
    )
    assert document_meta(d).title == "Appendix I: Budget Risks Register 2025-26"


def test_a_memo_is_titled_by_its_subject_line_not_its_from_line() -> None:
    d = doc(
        TextBlock("From:", page=1, size=12),
        TextBlock("Sue Smith, Cabinet Member for Children's Services", page=1, size=12),
        TextBlock("To:", page=1, size=12),
        TextBlock("County Council – 13 March 2025", page=1, size=12),
        TextBlock("Subject:", page=1, size=12),
        TextBlock("Commissioned Family Hubs – Supplementary paper.", page=1, size=12),
        TextBlock("1. Introduction", page=1, size=12),
        TextBlock("Kent County Council recognises the petition.", page=1, size=12),
        fmt="pdf",
    )
    meta = document_meta(d)
    assert meta.title == "Commissioned Family Hubs – Supplementary paper"
    assert meta.organisations == ("Kent County Council",)


def test_an_address_block_is_not_the_title() -> None:
    d = doc(
        TextBlock("Sessions House, County Hall, Maidstone, Kent ME14 1XQ", page=1, size=16),
        TextBlock("Dear Councillor Brown,", page=1, size=16),
        TextBlock("Kent Domestic Abuse Action Plan 2025-2028", page=1, size=14),
        fmt="pdf",
    )
    assert document_meta(d).title == "Kent Domestic Abuse Action Plan 2025-2028"
