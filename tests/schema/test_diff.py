from councilplans.schema.diff import diff_records


def rec(ref, action, **kw):
    return {"kind": "action", "ref": ref, "action": action, "lead": kw.get("lead"),
            "timescale": kw.get("timescale")}


def test_diff_matches_by_ref_then_reports_fields_old_to_new():
    old = [rec("1.1", "Train staff", timescale="March 2025"), rec("1.2", "Run campaign"),
           rec("1.3", "Map funding", lead="CSP")]
    new = [rec("1.1", "Train staff", timescale="June 2025"), rec("1.3", "Map funding", lead="VAWG"),
           rec("1.4", "New action")]
    d = diff_records(old, new)
    assert [r["ref"] for r in d["added"]] == ["1.4"]
    assert [r["ref"] for r in d["removed"]] == ["1.2"]
    assert d["changed"] == [
        {"ref": "1.1", "fields": {"timescale": ["March 2025", "June 2025"]}},
        {"ref": "1.3", "fields": {"lead": ["CSP", "VAWG"]}},
    ]


def test_diff_without_refs_matches_reworded_text():
    old = [rec(None, "Deliver awareness training to all frontline housing staff")]
    new = [rec(None, "Deliver awareness training to all frontline housing officers")]
    d = diff_records(old, new)
    assert d["added"] == [] and d["removed"] == []
    assert list(d["changed"][0]["fields"]) == ["action"]


def test_diff_reports_status_kpi_figures_and_extra_columns():
    old = [{**rec("1.1", "Cut waiting times"), "status": "Incomplete", "actual": "12 weeks",
            "extra": {"Budget": "£10k", "Notes": "pilot"}}]
    new = [{**rec("1.1", "Cut waiting times"), "status": "Complete", "actual": "8 weeks",
            "extra": {"Budget": "£12k"}}]
    assert diff_records(old, new)["changed"] == [{"ref": "1.1", "fields": {
        "status": ["Incomplete", "Complete"], "actual": ["12 weeks", "8 weeks"],
        "extra: Budget": ["£10k", "£12k"], "extra: Notes": ["pilot", None]}}]
