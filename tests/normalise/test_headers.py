import pytest

from councilplans.normalise.headers import field_for_header


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


@pytest.mark.parametrize("header, field", [
    ("Key milestones", "output"),
    ("Accountable officer", "lead"),
    ("Key partners", "lead"),
    ("How will we measure success", "indicator"),
])
def test_more_council_wordings(header, field):
    assert field_for_header(header)[0] == field
