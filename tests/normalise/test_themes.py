"""Theme tagging: table-driven cases from the seed documents' action texts."""

from __future__ import annotations

import pytest

from councilplans.normalise.themes import taxonomy, themes_in

CASES: list[tuple[str | None, tuple[str, ...]]] = [
    ("Domestic Violence and Hate Crime Team", ("domestic_abuse", "hate_crime_cohesion")),
    ("Reduce DV repeat victimisation", ("domestic_abuse", "risk_marac")),
    ("Increase reporting of sexual violence and rape", ("sexual_violence",)),
    ("Female Genital Mutilation awareness", ("fgm", "awareness_communications")),
    ("North East London FGM Group", ("fgm",)),
    ("Honour-based violence and forced marriage", ("forced_marriage_hba",)),
    ("honor related abuse", ("forced_marriage_hba",)),
    ("so-called honour crimes", ("forced_marriage_hba",)),
    ("Stalking and harassment", ("stalking_harassment",)),
    ("Victims of human trafficking and modern slavery referred to the NRM",
     ("trafficking_modern_slavery",)),
    ("Women involved in prostitution", ("prostitution_sexual_exploitation",)),
    ("Tackle child sexual exploitation", ("child_sexual_exploitation",)),
    ("LSCB CSE Sub-Group", ("child_sexual_exploitation", "children_young_people")),
    ("Perpetrator programme for abusers", ("perpetrators",)),
    ("Delivery of VAWG training", ("training",)),
    ("Provide refuges and sanctuary schemes", ("housing",)),
    ("Cases heard at MARACs", ("risk_marac",)),
    ("IRIS implementation in GP practices", ("health",)),
    ("Education workshops in primary and secondary schools",
     ("training", "children_young_people")),
    ("Specialist Domestic Violence Court outcomes",
     ("domestic_abuse", "criminal_justice")),
    ("Develop a VAWG communications plan", ("awareness_communications",)),
    ("Map VAWG related funding sources alongside commissioning timescales", ("commissioning",)),
    ("Improve women’s safety in the night-time economy, including spiking",
     ("public_spaces_safety",)),
    ("Survivor feedback informs services", ("survivor_voice",)),
    ("Improvedawarenessamongstprofessionals", ()),  # glued converter text: no guess
    ("the dv team", ()),  # acronyms are case-sensitive
    ("The data will be evaluated", ("data_evaluation",)),
    # community safety and public health themes of general plans (Kent, West Sussex)
    ("Deliver on Serious Violence Duty", ("serious_violence",)),
    ("Reduce % children who are obese and overweight",
     ("children_young_people", "physical_activity_weight")),
    ("Tackle mental health issues with the same energy and priority as physical illness",
     ("mental_health",)),
    ("Support delivery of Kent Drug and Alcohol Strategy", ("drugs_alcohol",)),
    ("Targeted work to reach inclusion groups – MMR in GRT communities", ("health_protection",)),
    ("Increase physical activity, strength and balance in older people",
     ("physical_activity_weight", "older_people_care")),
    ("Address inequalities", ("health_inequalities",)),
    ("Local Maternity and Neonatal System Delivery Plan", ("maternity_early_years",)),
    ("Tackle anti-social behaviour and ASB hotspots", ("anti_social_behaviour",)),
    ("Prevent duty training on radicalisation", ("training", "extremism_prevent")),
    ("Stop smoking services", ("smoking_tobacco",)),
    ("Support and grow our workforce", ("workforce",)),
    ("Prevent harm", ()),  # the verb is not the Prevent programme
    ("", ()),
    (None, ()),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[repr(c[0])[:50] for c in CASES])
def test_themes_in(text: str | None, expected: tuple[str, ...]) -> None:
    assert themes_in(text) == expected


def test_result_in_taxonomy_order() -> None:
    keys = [t.key for t in taxonomy()]
    got = themes_in("training on FGM, housing and domestic abuse")
    assert list(got) == sorted(got, key=keys.index)
    assert got == ("domestic_abuse", "fgm", "training", "housing")


def test_taxonomy_shape() -> None:
    themes = taxonomy()
    keys = [t.key for t in themes]
    assert len(keys) == len(set(keys))
    for key in ("domestic_abuse", "sexual_violence", "fgm", "forced_marriage_hba",
                "stalking_harassment", "trafficking_modern_slavery",
                "prostitution_sexual_exploitation", "child_sexual_exploitation",
                "perpetrators", "training", "housing"):
        assert key in keys
    assert all(t.label and t.phrases for t in themes)
    for key in ("serious_violence", "anti_social_behaviour", "drugs_alcohol", "mental_health",
                "health_inequalities", "health_protection", "older_people_care"):
        assert key in keys
    assert themes[0].id == themes[0].key


def test_no_phrase_in_two_themes() -> None:
    """The longest-match rule cannot choose between two themes printing the same phrase."""
    seen: dict[str, str] = {}
    for theme in taxonomy():
        for phrase in theme.phrases:
            key = phrase if phrase.isupper() else phrase.lower()
            assert seen.setdefault(key, theme.key) == theme.key, phrase
