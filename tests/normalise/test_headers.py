import pytest

from councilplans.normalise.headers import field_for_header, map_columns


@pytest.mark.parametrize(
    "header, field",
    [
        ("Key Agencies", "lead"),
        ("Lead Officer", "lead"),
        ("LED BY", "lead"),
        ("Lead Agency / Individual", "lead"),
        ("Operational group with responsibility to deliver", "lead"),
        ("Who", "lead"),
        ("Owner", "lead"),
        ("Responsible officer", "lead"),
        ("Timescales", "timescale"),
        ("BY WHEN", "timescale"),
        ("Target date", "timescale"),
        ("When", "timescale"),
        ("Deadline", "timescale"),
        ("End", "timescale"),
        ("Means of Verification", "measure"),
        ("Data source", "measure"),
        ("How measured", "measure"),
        ("No.", "ref"),
        ("Ref", "ref"),
        ("Successes & challenges of note", "progress"),
        ("Progress", "progress"),
        ("Q1 Update", "progress"),
        ("Current: Q1 Update", "progress"),
        ("Latest update", "progress"),
        ("RAG rating", "rag"),
        ("Success measures", "indicator"),
        ("KPI", "indicator"),
        ("Performance indicator", "indicator"),
        ("How we will know", "indicator"),
        ("What we will do", "action"),
        ("Project/Action", "action"),
        ("Strategic Action", "action"),
        ("PRIORITY AREAS", "objective"),
        ("Strategy Objective", "objective"),
        ("Outcomes", "outcome"),
        ("Output", "output"),
        ("Resources", "resources"),
        ("Impact on other Services and Organisation", None),
        ("Dissemination/Change", None),
    ],
)
def test_header_wording_maps_by_meaning(header, field):
    assert field_for_header(header)[0] == field


def test_action_column_of_numbers_is_the_ref_and_second_action_column_is_extra():
    headers = ["Action", "Strategic Action", "Operational group with responsibility to deliver",
               "Actions for 2016/17"]
    columns = [["1.1", "1.2", ""], ["Improve awareness", "Map funding", ""], ["CHOG", "HOG", ""],
               ["Increase profile", "", ""]]
    mapped = map_columns(headers, columns)
    assert mapped.fields == ("ref", "action", "lead", None)
    assert mapped.unmapped == ("Actions for 2016/17",)


def test_status_column_holding_rag_words_is_rag():
    mapped = map_columns(["Action", "Status"], [["Do x", "Do y"], ["Green", "Amber"]])
    assert mapped.fields == ("action", "rag")


def test_two_update_columns_first_is_progress_second_kept_extra():
    mapped = map_columns(["Outcome", "Current: Q1 Update", "Q2 Update"], [[], [], []])
    assert mapped.fields == ("outcome", "progress", None)


@pytest.mark.parametrize("header, field", [
    ("Key milestones", "output"),
    ("Accountable officer", "lead"),
    ("Key partners", "lead"),
    ("How will we measure success", "indicator"),
])
def test_more_council_wordings(header, field):
    assert field_for_header(header)[0] == field


def test_current_status_holding_rag_words_is_the_rag_column():
    cols = map_columns(["Action", "Current status"], [["Train staff", "Open hub"],
                                                        ["Green", "Amber"]])
    assert cols.fields == ("action", "rag")
