"""Organisation recognition from lead / agency cells and document front matter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from councilplans.normalise.organisations import (
    KINDS,
    councils_in,
    gazetteer,
    organisations_in,
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
    ("Police (SC and O2)", (MPS,)),
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


def test_gazetteer_shape() -> None:
    orgs = gazetteer()
    names = [o.name for o in orgs]
    assert len(names) == len(set(names))
    assert all(o.kind in KINDS for o in orgs)
    councils = [o for o in orgs if o.kind == "council"]
    assert len(councils) == 33  # 32 London boroughs + City of London
    for name in (TH, KC, HF, WCC, "Havering Council", "City of London Corporation"):
        assert name in names


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
