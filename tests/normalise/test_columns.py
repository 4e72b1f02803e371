"""The one column decision per table: wording and cell content weighed together."""

from __future__ import annotations

from datetime import date

from councilplans.extract.model import Cell
from councilplans.normalise.columns import Columns, assign_columns
from councilplans.normalise.grid import table_to_grid
from councilplans.normalise.layout import Header
from councilplans.normalise.stitch import LogicalTable


def columns_of(headers: list[str], *rows: list[str], fills=None) -> Columns:
    """The decision for a one-row header over body rows given as plain strings."""
    cells = [tuple(Cell(h) for h in headers)]
    for r, row in enumerate(rows):
        cells.append(tuple(Cell(t, fill=(fills[r][c] if fills else None))
                           for c, t in enumerate(row)))
    table = LogicalTable(index=0, rows=cells, row_pages=[None] * len(cells), header_rows=1,
                         context=(), section=None)
    grid = table_to_grid(table)
    return assign_columns(grid, Header(0, 1, tuple(headers), ()))


def test_action_column_of_numbers_is_the_ref_and_second_action_column_is_extra():
    cols = columns_of(
        ["Action", "Strategic Action", "Operational group with responsibility to deliver",
         "Actions for 2016/17"],
        ["1.1", "Improve awareness", "CHOG", "Increase profile"],
        ["1.2", "Map funding", "HOG", ""],
    )
    assert cols.fields == ("ref", "action", "lead", None)
    assert cols.unmapped == ("Actions for 2016/17",)
    assert (cols.main, cols.kind, cols.is_plan) == (1, "action", True)


def test_status_column_holding_rag_words_is_rag():
    cols = columns_of(["Action", "Status"], ["Do x", "Green"], ["Do y", "Amber"])
    assert cols.fields == ("action", "rag")


def test_current_status_holding_rag_words_is_the_rag_column():
    cols = columns_of(["Action", "Current status"], ["Train staff", "Green"],
                      ["Open hub", "Amber"])
    assert cols.fields == ("action", "rag")


def test_two_update_columns_first_is_progress_second_kept_extra():
    cols = columns_of(["Outcome", "Current: Q1 Update", "Q2 Update"])
    assert cols.fields == ("outcome", "progress", None)


def records_of(*rows: list[str]):
    """Records of a one-table Word document whose first row is the header."""
    from councilplans.extract.model import RawDocument, RawTable
    from councilplans.normalise import normalise_document

    table = RawTable(index=0, rows=tuple(tuple(Cell(t) for t in row) for row in rows))
    return normalise_document(RawDocument(path="x", format="docx", blocks=(table,)), tag=False)


def test_cells_decide_columns_whose_headers_say_nothing_and_the_notes_say_why():
    result = records_of(
        ["No", "Our commitment", "Delivery", "Month", "Stage"],
        ["1", "Open two new refuges for women and children fleeing abuse",
         "Housing Needs Team", "March 25", "On track"],
        ["2", "Train all frontline staff in trauma-informed practice",
         "Learning and Development Service", "Q3 2025/26", "Not started"],
        ["3", "Publish a survivors' charter with partners", "Community Safety Partnership",
         "Ongoing", "Complete"],
    )
    got = [(r.ref, r.action, r.lead, r.timescale, r.due_date, r.recurrence, r.status, r.extra)
           for r in result.records]
    assert got == [
        ("1", "Open two new refuges for women and children fleeing abuse", "Housing Needs Team",
         "March 25", date(2025, 3, 31), None, "On track", {}),
        ("2", "Train all frontline staff in trauma-informed practice",
         "Learning and Development Service", "Q3 2025/26", date(2025, 12, 31), None,
         "Not started", {}),
        ("3", "Publish a survivors' charter with partners", "Community Safety Partnership",
         "Ongoing", None, "ongoing", "Complete", {}),
    ]
    (report,) = result.tables
    assert report.evidence == (
        "'No' -> ref (header)",
        "'Our commitment' -> action (header)",
        "'Delivery' -> lead (cells: 3 of 3 cells name teams, officers or bodies)",
        "'Month' -> timescale (cells: 3 of 3 cells are dates or periods)",
        "'Stage' -> status (cells: 3 of 3 cells are status words)",
    )
    assert result.notes[0] == "table 0: columns: " + "; ".join(report.evidence)


def test_status_progress_and_rag_columns_are_told_apart_by_their_cells():
    result = records_of(
        ["Action", "Status", "Progress", "RAG"],
        ["Recruit two IDVAs", "Complete", "Both posts filled in May.", "Green"],
        ["Launch the helpline", "Delayed", "Procurement re-run.", "Red"],
    )
    assert [(r.action, r.status, r.progress, r.rag) for r in result.records] == [
        ("Recruit two IDVAs", "Complete", "Both posts filled in May.", "green"),
        ("Launch the helpline", "Delayed", "Procurement re-run.", "red"),
    ]
    # a "Status" column of RAG words stays the rag; a "Progress" column of status words is
    # the status
    result = records_of(["Action", "Status", "Progress"], ["Recruit", "Amber", "On track"],
                        ["Launch", "Green", "Complete"])
    assert [(r.rag, r.status, r.progress) for r in result.records] == [
        ("amber", "On track", None), ("green", "Complete", None)]


def test_kpi_figures_go_to_baseline_target_and_actual_as_printed():
    result = records_of(
        ["Indicator", "Baseline 2024/25", "Target", "Latest", "Floor", "DoT"],
        ["% of repeat referrals to MARAC", "31%", "28-40%", "35%", "45%", "↑"],
        ["Number of IDVA referrals", "1,204", "1,300", "1,251", "1,100", "↓"],
    )
    got = [(r.kind, r.indicator, r.baseline, r.target, r.actual, r.extra)
           for r in result.records]
    assert got == [
        ("indicator", "% of repeat referrals to MARAC", "31%", "28-40%", "35%",
         {"Floor": "45%", "DoT": "↑"}),
        ("indicator", "Number of IDVA referrals", "1,204", "1,300", "1,251",
         {"Floor": "1,100", "DoT": "↓"}),
    ]


def test_a_target_column_of_dates_is_the_timescale():
    result = records_of(["Action", "Lead", "Target"], ["Publish the strategy", "Policy Team",
                                                       "March 2026"])
    (rec,) = result.records
    assert (rec.kind, rec.action, rec.timescale, rec.due_date, rec.target) == (
        "action", "Publish the strategy", "March 2026", date(2026, 3, 31), None)


def test_refs_in_any_printed_form():
    result = records_of(
        ["Ref", "Action", "Lead"],
        ["1", "Map services", "Police"], ["1.2.3", "Run training", "Police"],
        ["5.2 (ii)", "Audit cases", "Police"], ["A1", "Hold a summit", "Police"],
        ["Action 3", "Publish data", "Police"], ["1)", "Review policy", "Police"],
    )
    assert [r.ref for r in result.records] == ["1", "1.2.3", "5.2 (ii)", "A1", "3", "1"]


def test_a_number_and_title_in_the_action_column_give_the_ref():
    result = records_of(
        ["What will we do?", "Who will lead?", "By when?"],
        ["1 - Commission a perpetrator programme", "Probation", "Dec 24"],
        ["2 - Extend the Sanctuary scheme to private tenants", "Housing", "March '26"],
        ["3) Review the MARAC operating protocol", "Police", "Q1 of 2025/26"],
    )
    assert [(r.ref, r.action, r.lead, r.due_date) for r in result.records] == [
        ("1", "Commission a perpetrator programme", "Probation", date(2024, 12, 31)),
        ("2", "Extend the Sanctuary scheme to private tenants", "Housing", date(2026, 3, 31)),
        ("3", "Review the MARAC operating protocol", "Police", date(2025, 6, 30)),
    ]


def test_a_count_at_the_start_of_actions_is_not_a_ref():
    result = records_of(["Action", "Lead"], ["3 new refuges opened", "Housing"],
                        ["Train 200 staff", "Learning and Development"])
    assert [(r.ref, r.action) for r in result.records] == [
        (None, "3 new refuges opened"), (None, "Train 200 staff")]


def test_outcome_beside_owner_alone_is_not_a_plan():
    result = records_of(["Outcome", "Owner"], ["Fewer repeat victims", "Police"],
                        ["More convictions", "CPS"])
    assert result.records == ()
    assert not result.tables[0].is_plan


def test_project_plan_start_dates_and_sparse_gantt_columns_stay_extra():
    cols = columns_of(
        ["ID", "Task name", "Start date", "Finish date", "% Comp", "Status", "2022 J", "2022 F"],
        ["1", "Introductory meeting with LA", "01 Apr 2022", "01 Apr 2022", "0.00",
         "Not Started", "", ""],
        ["2", "Early engagement retrospective", "04 Apr 2022", "04 Apr 2022", "0.00",
         "Not Started", "", "Green"],
        ["3", "Review service assessment", "04 Apr 2022", "08 Apr 2022", "0.00",
         "Not Started", "", ""],
    )
    assert cols.fields == ("ref", "action", None, "timescale", "progress", "status", None, None)
    assert cols.evidence[2].why == "header names no record field"
    assert cols.kind == "action"


def test_a_band_repeating_one_title_is_the_tables_title_not_its_header():
    from councilplans.normalise.layout import find_header

    band = "AXE 1 – RESSOURCES"
    rows = [(Cell(band),) * 4, (Cell("ACTIONS"), Cell("ÉCHEANCIER"), Cell("RESSOURCES"),
                                Cell("RESPONSABLES ET PARTENAIRES")),
            (Cell("• Constituer un budget"), Cell("2022-2026*"), Cell("$$$"),
             Cell("Conseil municipal"))]
    table = LogicalTable(index=0, rows=rows, row_pages=[None] * 3, header_rows=0, context=(),
                         section=None)
    header = find_header(table_to_grid(table), 0)
    assert header is not None and (header.start, header.end, header.titles) == (1, 2, (band,))
    assert header.texts == ("ACTIONS", "ÉCHEANCIER", "RESSOURCES", "RESPONSABLES ET PARTENAIRES")


def test_one_header_over_group_labels_and_their_actions():
    """"Actions" drawn over two columns: merged group labels, then one bulleted action per
    row. The actions are the column with a cell in every row; the labels group them."""
    rows = [
        (Cell("Actions"), Cell("Actions"), Cell("Échéancier"), Cell("Responsables")),
        (Cell("Événements", row_span=2), Cell("• Encourager les citoyens à participer au défi"),
         Cell("En continu"), Cell("Service des loisirs")),
        (Cell("", origin=(1, 0)), Cell("• Intégrer des activités à nos événements"),
         Cell("2022"), Cell("Service des loisirs")),
    ]
    table = LogicalTable(index=0, rows=rows, row_pages=[None] * 3, header_rows=1, context=(),
                         section=None)
    grid = table_to_grid(table)
    cols = assign_columns(grid, Header(0, 1, ("Actions", "Actions", "Échéancier",
                                              "Responsables"), ()))
    assert cols.fields == ("objective", "action", "timescale", "lead")
    assert cols.main == 1


def test_unnamed_column_of_labels_spanning_rows_left_of_the_actions_is_the_objective():
    """Chelsea's "Axes d'évaluation", a holdout plan's "Area for improvement": a header no
    wording knows over labels each merged across several action rows."""
    from councilplans.extract.model import RawDocument, RawTable
    from councilplans.normalise import normalise_document

    def label(text):
        return Cell(text, row_span=2)

    def under(r):
        return Cell("", origin=(r, 0))

    rows = (
        (Cell("Axes d'évaluation"), Cell("Action"), Cell("Lead")),
        (label("Financier"), Cell("Set an annual budget"), Cell("Council")),
        (under(1), Cell("Seek stable funding"), Cell("Transport officer")),
        (label("Humain"), Cell("Create an expert post"), Cell("Council")),
        (under(3), Cell("Consult experts"), Cell("Public works")),
    )
    doc = RawDocument(path="x", format="docx", blocks=(RawTable(index=0, rows=rows),))
    result = normalise_document(doc, tag=False)
    assert [(r.objective, r.action, r.lead, r.extra) for r in result.records] == [
        ("Financier", "Set an annual budget", "Council", {}),
        ("Financier", "Seek stable funding", "Transport officer", {}),
        ("Humain", "Create an expert post", "Council", {}),
        ("Humain", "Consult experts", "Public works", {}),
    ]


def test_unnamed_column_of_one_label_per_row_stays_extra():
    cols = columns_of(["Axes d'évaluation", "Action", "Lead"],
                      ["Financier", "Set an annual budget", "Council"],
                      ["Humain", "Create an expert post", "Council"],
                      ["Technique", "Build a toolkit", "Public works"])
    assert cols.fields == (None, "action", "lead")


# Column meaning that generalises (issue 9): success wording, measures beside actions, and
# figures under a progress wording. Headers marked "unseen" are in no lexicon list.

_ACTIONS = [["Open a refuge", "Housing Team", "March 2025"],
            ["Train frontline staff", "Learning Service", "June 2025"]]


def _with(extra_header: str, cells: list[str], *more: tuple[str, list[str]]):
    headers = ["What we will do", "Lead", "When", extra_header] + [h for h, _ in more]
    rows = [a + [cells[i]] + [c[i] for _, c in more] for i, a in enumerate(_ACTIONS)]
    return columns_of(headers, *rows)


def test_a_column_asking_how_success_will_show_is_the_outcome_sought():
    results = ["Refuge open and full", "Every frontline worker trained"]
    for header in ("How will we know we have succeeded", "How do we know it has worked?",
                   "Success criteria", "Evidence of impact",
                   "How will we know if residents feel safer?"):  # the last one unseen
        assert _with(header, results).fields == ("action", "lead", "timescale", "outcome"), header


def test_beside_a_data_source_column_the_success_column_lists_indicators():
    cols = _with("How we will know", ["Households supported", "Staff trained"],
                 ("Data source", ["Refuge returns", "Training register"]))
    assert cols.fields == ("action", "lead", "timescale", "indicator", "measure")
    assert "measured, its data source column 5" in cols.evidence[3].why


def test_a_measure_wording_beside_actions_is_the_actions_measure():
    metrics = ["Households in temporary accommodation", "Staff completing training"]
    for header in ("Measure of success", "Success measures", "How will we measure success",
                   "Measures we will track"):  # the last one unseen
        cols = _with(header, metrics)
        assert cols.fields == ("action", "lead", "timescale", "measure"), header
        assert cols.kind == "action"
    # wording naming an indicator outright keeps it the indicator
    assert _with("Key performance indicator", metrics).fields[3] == "indicator"


def test_without_an_action_column_a_measure_wording_lists_the_indicators():
    cols = columns_of(["Measure", "Baseline", "Target"],
                      ["Calls answered within 10 seconds", "84%", "90%"],
                      ["Victims satisfied with the service", "71%", "75%"])
    assert cols.fields == ("indicator", "baseline", "target") and cols.kind == "indicator"


def test_figures_under_a_progress_wording_beside_a_target_are_the_actual():
    result = records_of(
        ["Measure", "Baseline", "Target", "Current position", "Comments"],
        ["Average attendance time", "17 mins 40 secs", "15 mins", "16 mins 05 secs", ""],
        ["Calls abandoned", "21%", "Below 10%", "14%", "Online reporting promoted."],
    )
    got = [(r.indicator, r.baseline, r.target, r.actual, r.progress, r.extra)
           for r in result.records]
    assert got == [
        ("Average attendance time", "17 mins 40 secs", "15 mins", "16 mins 05 secs", None, {}),
        ("Calls abandoned", "21%", "Below 10%", "14%", "Online reporting promoted.", {}),
    ]
    # sentences under the same wording stay the progress note; so do figures in an action plan
    assert columns_of(["Indicator", "Target", "Latest position"],
                      ["Calls abandoned", "10%", "Improved since the new system went live"],
                      ["Victims satisfied", "75%", "Survey sample grew to 1,200 a quarter"]
                      ).fields == ("indicator", "target", "progress")
    assert columns_of(["Action", "Lead", "Latest position"],
                      ["Open a refuge", "Housing Team", "50"],
                      ["Train staff", "Learning Service", "120"]).fields[2] == "progress"


def test_a_share_done_column_beside_a_status_of_words_is_the_progress():
    cols = columns_of(["ID", "Task", "Status", "% COMP"],
                      ["1", "Agree ways of working", "Not Started", "0.00"],
                      ["2", "Migrate the register", "In Progress", "0.40"])
    assert cols.fields == ("ref", "action", "status", "progress")
    # alone, the share done is the status (an unseen wording)
    assert columns_of(["Task", "Lead", "Per cent complete"],
                      ["Agree ways of working", "Project Team", "40%"],
                      ["Migrate the register", "Project Team", "100%"]).fields == (
        "action", "lead", "status")
