"""The sample scorer on hand-made record lists: matching, recall/precision, field accuracy."""

from __future__ import annotations

from pathlib import Path

from evaluation.samples import expected_path
from evaluation.scoring import (
    FIELDS,
    Score,
    match_records,
    norm_text,
    score_document,
    score_records,
)


def rec(**kw):
    base = dict.fromkeys(FIELDS)
    base["kind"] = "action"
    base.update(kw)
    return base


def test_norm_text_collapses_space_unifies_bullets_and_nulls_empty():
    assert norm_text("  a \n\t b ") == "a b"
    assert norm_text("\u25cf one\n\uf0b7 two") == "• one • two"
    assert norm_text("") is None
    assert norm_text("   ") is None
    assert norm_text(None) is None
    assert norm_text("Case") != norm_text("case")


def test_perfect_import_scores_one():
    exp = [rec(ref="1.1", action="Train staff"), rec(ref="1.2", action="Audit homes")]
    s = score_records(exp, [dict(r) for r in exp])
    assert (s.recall, s.precision, s.field_accuracy) == (1.0, 1.0, 1.0)
    assert s.mismatches == []


def test_ref_pairs_win_over_text_similarity():
    exp = [rec(ref="1", action="Deliver training to all staff"),
           rec(ref="2", action="Deliver training to all managers")]
    got = [rec(ref="2", action="Deliver training to all staff"),
           rec(ref="1", action="Deliver training to all managers")]
    assert match_records(exp, got) == [(0, 1), (1, 0)]


def test_duplicate_refs_fall_back_to_text_matching():
    exp = [rec(ref="1", action="Publish the housing strategy"),
           rec(ref="1", action="Recruit two outreach workers")]
    got = [rec(ref="1", action="Recruit two outreach workers"),
           rec(ref="1", action="Publish the housing strategy")]
    assert match_records(exp, got) == [(0, 1), (1, 0)]


def test_missing_and_spurious_records_count_in_recall_and_precision_only():
    exp = [rec(ref="1.1", action="Train staff", lead="Head of HR"),
           rec(ref="1.2", action="Audit homes", lead="Housing")]
    got = [rec(ref="1.1", action="Train staff", lead="HR"),
           rec(ref=None, action="Something completely unrelated here"),
           rec(ref=None, action="Another invented row")]
    s = score_records(exp, got)
    assert s.n_matched == 1
    assert s.recall == 0.5
    assert s.precision == 1 / 3
    assert s.field_correct["lead"] == 0
    assert s.field_accuracy == (len(FIELDS) - 1) / len(FIELDS)
    assert [m.field for m in s.mismatches] == ["lead"]
    assert [r["ref"] for r in s.missing] == ["1.2"]
    assert len(s.spurious) == 2


def test_similarity_threshold_rejects_weak_pairs():
    exp = [rec(action="Improve street lighting in parks")]
    got = [rec(action="zzzz qqqq")]
    assert score_records(exp, got).n_matched == 0
    near = [rec(action="Improve street lighting in the parks")]
    assert score_records(exp, near).n_matched == 1


def test_whitespace_and_bullet_differences_are_not_errors():
    exp = [rec(ref="A1", action="• one\n• two")]
    got = [rec(ref="A1", action="\u25cf one  \u25cf two", output="")]
    assert score_records(exp, got).field_accuracy == 1.0


def test_scores_add_up_micro():
    a = score_records([rec(ref="1")], [rec(ref="1")])
    b = score_records([rec(ref="1"), rec(ref="2", action="x y z")], [])
    total = a + b
    assert (total.n_expected, total.n_produced, total.n_matched) == (3, 1, 1)
    assert total.recall == 1 / 3
    assert b.precision == 0.0
    assert Score().precision == 1.0


def test_document_meta_compares_organisations_as_sets():
    exp = {"title": "Plan", "organisations": ["B Council", "A Council"], "doc_type": "strategy",
           "period_start": 2024, "period_end": None}
    got = {"title": " Plan ", "organisations": ["A Council", "B Council"], "doc_type": "strategy",
           "period_start": 2024, "period_end": 2029}
    assert score_document(exp, got) == {"title": True, "organisations": True, "doc_type": True,
                                        "period_start": True, "period_end": False}
    assert score_document(exp, None)["title"] is False


def test_expected_path_rule():
    assert expected_path(Path("s/x.docx")) == Path("s/x.expected.json")
    assert expected_path(Path("s/x.pdf")) == Path("s/x.expected.json")
    assert expected_path(Path("s/x-rl.pdf")) == Path("s/x-rl.expected.json")


def test_layout_summary_adds_up_per_class_and_producer_in_the_issues_order():
    from evaluation.samples import layout_report, layout_summary

    one = score_records([rec(ref="1", action="Train staff")], [rec(ref="1", action="Train staff")])
    none = score_records([rec(ref="1", action="Train staff"), rec(ref="2", action="Audit")], [])
    labels = {"odd-name.pdf": ("sideways", "word"), "x.pdf": ("new-look", "word")}
    scored = [(Path("rules-only--word--a.pdf"), one), (Path("banded--chromium--a.pdf"), one),
              (Path("x.pdf"), one), (Path("rules-only--word--b.pdf"), none),
              (Path("odd-name.pdf"), one),
              (Path("lbth_vawg_action_plan_2024.pdf"), none)]
    groups = layout_summary(scored, labels)
    assert [(g.layout, g.producer, g.files) for g in groups] == [
        ("rules-only", "word", 2), ("banded", "chromium", 1), ("sideways", "word", 1),
        ("new-look", "word", 1)]
    rules = groups[0].score
    assert (rules.n_expected, rules.n_produced, rules.n_matched) == (3, 1, 1)
    text = layout_report(groups)
    assert text.splitlines()[1].split() == [
        "rules-only", "word", "2", "3", "1", "1", "33.3%", "100.0%", "100.0%"]
