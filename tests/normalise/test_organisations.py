"""Organisation recognition from lead / agency cells and document front matter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from councilplans.normalise.organisations import (
    KINDS,
    council_code,
    councils_in,
    gazetteer,
    organisations_in,
    record_organisations,
)

TH, HF = "Tower Hamlets Council", "Hammersmith and Fulham Council"
KC, WCC = "Kensington and Chelsea Council", "Westminster City Council"
MPS, CCG = "Metropolitan Police Service", "Clinical Commissioning Group"
CW = "Chelsea and Westminster Hospital NHS Foundation Trust"

ORG_CASES: list[tuple[str | None, tuple[str, ...]]] = [
    ("London Borough of Tower Hamlets", (TH,)),
    ("Tower Hamlets Council", (TH,)),
    ("VAWG Coordinator, LBTH", (TH,)),
    ("TOWER HAMLETS", (TH,)),
    ("RBKC", (KC,)),
    ("The Royal Borough of Kensington and Chelsea", (KC,)),
    ("LBHF and H&F and Hammersmith & Fulham", (HF,)),
    ("WCC", (WCC,)),
    ("City of Westminster", (WCC,)),
    ("LBBD", ("Barking and Dagenham Council",)),
    ("Barking & Dagenham", ("Barking and Dagenham Council",)),
    ("London Borough of Havering", ("Havering Council",)),
    ("City of London", ("City of London Corporation",)),
    ("City of London Police", ("City of London Police",)),
    ("Met Police", (MPS,)),
    ("NTE Met Police", (MPS,)),
    ("Police (SC and O2)", ("Police",)),  # which force is not said: no London guess
    ("Kent Police and KCC", ("Kent Police", "Kent County Council")),
    ("Sussex Police, WSCC and NHS Sussex", ("Sussex Police", "West Sussex County Council",
                                          "NHS Sussex Integrated Care Board")),
    ("Kent Fire & Rescue Service", ("Kent Fire and Rescue Service",)),
    ("Kent and Medway ICB with KCHFT", ("NHS Kent and Medway Integrated Care Board",
                                        "Kent Community Health NHS Foundation Trust")),
    ("HMPPS and the CPS", ("National Probation Service", "Crown Prosecution Service")),
    ("Greater Manchester Constabulary / GMP", ("Greater Manchester Police",)),
    ("NSPCC and Barnardos", ("NSPCC", "Barnardo's")),
    ("HROD input", ("Human Resources",)),
    ("a shelter of the mind", ()),
    ("Ashford Borough Council", ("Ashford Borough Council",)),
    ("Cardiff Council", ("City of Cardiff Council",)),
    ("MPS", (MPS,)),
    ("Metropolitan Police", (MPS,)),
    ("gumps and mps", ()),
    ("Health (CCG, Public Health, ELFT, BARTS Health)",
     (CCG, "Public Health", "East London NHS Foundation Trust", "Barts Health NHS Trust")),
    ("Clinical Commissioning Groups", (CCG,)),
    ("Chelsea and Westminster Hospital", (CW,)),
    ("Workshop for midwives across the Imperial Trust Hospitals",
     ("Imperial College Healthcare NHS Trust",)),
    ("<p>HAVEN</p> <p>East London Rape Crisis (ELRC)</p> <p>Victim Support</p>",
     ("The Havens", "Rape Crisis", "Victim Support")),
    ("a safe haven in a refuge", ()),
    ("Service Manager, Solace Women’s Aid", ("Solace Women's Aid",)),
    ("MOPAC and the CPS", ("Mayor's Office for Policing and Crime", "Crown Prosecution Service")),
    ("National Probation Service and CRC",
     ("National Probation Service", "Community Rehabilitation Company")),
    ("LSCB Training Officer", ("Local Safeguarding Children Board",)),
    ("Safeguarding Adults Board", ("Safeguarding Adults Board",)),
    ("Tower Hamlets Prostitution Partnership (THPP) LBTH DV and Hate Crime Team",
     ("Tower Hamlets Prostitution Partnership", TH)),
    ("Havering Community Safety Partnership", ("Havering Community Safety Partnership",)),
    ("Community Safety Partnership", ("Community Safety Partnership",)),
    ("Housing Sanctuary", ("Housing Services",)),
    ("LBTH, Met Police, LBTH", (TH, MPS)),
    ("", ()),
    (None, ()),
]


@pytest.mark.parametrize(("text", "expected"), ORG_CASES, ids=[repr(c[0]) for c in ORG_CASES])
def test_organisations_in(text: str | None, expected: tuple[str, ...]) -> None:
    assert organisations_in(text) == expected


COUNCIL_CASES: list[tuple[str | None, tuple[str, ...]]] = [
    (
        "London Borough of Hammersmith & Fulham | The Royal Borough of Kensington and Chelsea | "
        "Westminster City Council",
        (HF, KC, WCC),
    ),
    ("Senior VAWG Manager, LBTH & Barts Health NHS Trust & Met Police", (TH,)),
    ("Kent County Council", ("Kent County Council",)),
    ("KENT COUNTY COUNCIL", ("Kent County Council",)),
    ("working with the Royal Borough of Windsor and Maidenhead",
     ("Royal Borough of Windsor and Maidenhead",)),
    ("Tonbridge and Malling Borough Council and Surrey County Council",
     ("Tonbridge and Malling Borough Council", "Surrey County Council")),
    ("Havering Borough Council", ("Havering Council",)),
    ("Chief Executive London Borough of Havering Chair of the HCSP", ("Havering Council",)),
    ("Youth Council and Council of Mosques", ()),
    (None, ()),
]


@pytest.mark.parametrize(
    ("text", "expected"), COUNCIL_CASES, ids=[repr(c[0])[:40] for c in COUNCIL_CASES]
)
def test_councils_in(text: str | None, expected: tuple[str, ...]) -> None:
    assert councils_in(text) == expected


RECORD_CASES = [
    # the lead names a body: only the lead counts
    ("Kent Police", ("Work with NHS colleagues",), ("Kent Police",)),
    # no lead, or a lead naming no known body: the bodies the record's text names
    (None, ("Work with NHS colleagues on MECC", "Support KALC cost of living initiatives"),
     ("NHS", "Kent Association of Local Councils")),
    ("Head of Service", ("Contribute to the Kent CSP Action Plan",),
     ("Community Safety Partnership",)),
    # departments are bodies in a lead, subjects in running text
    ("Education", (), ("Education",)),
    (None, ("Improve access to education and transport",), ()),
    (None, ("KMRF Evacuation & Shelter Plan",), ()),
    (None, ("support staff through the Respect campaign",), ()),  # a campaign, not Respect UK
]


@pytest.mark.parametrize(("lead", "texts", "expected"), RECORD_CASES,
                         ids=[repr(c[0]) + repr(c[1])[:30] for c in RECORD_CASES])
def test_record_organisations(lead, texts, expected) -> None:
    assert record_organisations(lead, texts) == expected


def test_gazetteer_shape() -> None:
    orgs = gazetteer()
    names = [o.name for o in orgs]
    assert len(names) == len(set(names))
    assert all(o.kind in KINDS for o in orgs)
    councils = [o for o in orgs if o.kind == "council"]
    assert len(councils) == 382  # every current UK principal council
    assert sum(o.code.startswith("E09") for o in councils) == 33  # London + City of London
    assert sum(o.code.startswith(("E06", "E07", "E08", "E09", "E10")) for o in councils) == 317
    for name in (TH, KC, HF, WCC, "Havering Council", "City of London Corporation"):
        assert name in names
    assert all(o.code is None for o in orgs if o.kind != "council")


@pytest.mark.parametrize(("name", "code"), [
    (TH, "E09000030"), ("City of London Corporation", "E09000001"), (WCC, "E09000033"),
    ("Kent County Council", "E10000016"), ("West Sussex County Council", "E10000032"),
    ("Ashford Borough Council", "E07000105"), ("City of Cardiff Council", "W06000015"),
    ("Glasgow City Council", "S12000049"), ("Royal Borough of Windsor and Maidenhead", "E06000040"),
    ("Nowhere Council", None),
    (None, None),
])
def test_council_code(name, code) -> None:
    assert council_code(name) == code


@pytest.mark.parametrize("text", ["LBTH", "Tower Hamlets Council",
                                  "London Borough of Tower Hamlets",
                                  "Council of the London Borough of Tower Hamlets"])
def test_tower_hamlets_name_forms(text) -> None:
    assert councils_in(text) == (TH,)
    assert council_code(councils_in(text)[0]) == "E09000030"


def test_no_alias_points_at_two_organisations() -> None:
    seen: dict[str, str] = {}
    for org in gazetteer():
        for alias in (org.name, *org.aliases, *org.exact):
            key = alias if alias.isupper() else alias.lower()
            assert seen.setdefault(key, org.name) == org.name, alias


def test_import_does_not_load_spacy() -> None:
    root = Path(__file__).resolve().parents[2]
    code = (
        "import sys; import councilplans.normalise.organisations, councilplans.normalise.themes;"
        "assert 'spacy' not in sys.modules, 'spacy imported at import time'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)
