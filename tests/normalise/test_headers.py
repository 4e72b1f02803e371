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
        ("How we will know", "outcome"),
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


@pytest.mark.parametrize("header, field", [
    # wordings that are not in data/headers.json: their first or last words carry them
    ("Who will lead on this?", "lead"),
    ("When will this be delivered by?", "timescale"),
    ("What will we do to get there?", "action"),
    ("How will we know we are making a difference?", "outcome"),
    ("Lead Directorate / Service", "lead"),
    ("Responsible partner organisations", "lead"),
    ("Delivery timescales", "timescale"),
    ("Target date for completion", "timescale"),
    ("Baseline (March 2024)", "baseline"),
    ("Target 2025/26", "target"),
    ("Latest data (Q3)", "actual"),
    ("Key performance measures", "indicator"),
    ("Agreed actions", "action"),
    ("Overall RAG", "rag"),
    ("Progress commentary (Q3)", "progress"),
    ("Action completion status", "status"),
    ("Direction of travel", None),
    ("Floor", None),
])
def test_wordings_not_in_the_lexicon_map_by_their_edges(header, field):
    assert field_for_header(header)[0] == field


def test_every_lexicon_field_is_a_record_field_and_names_its_sources():
    from councilplans.normalise.headers import lexicon
    from councilplans.normalise.model import MAPPABLE_FIELDS

    names = [f.name for f in lexicon().fields]
    assert set(names) <= set(MAPPABLE_FIELDS) and len(names) == len(set(names))
    assert {"status", "baseline", "target", "actual"} <= set(names)
