"""Demands: who expects what from whom, on sentences written for these tests."""
from datetime import date

from kg.extract import extract
from kg.facts import Demand
from kg.ingest import parse_text

DAY = date(2025, 6, 10)   # a Tuesday


def test_demand_of_concessions_from_named_sides():
    doc = parse_text("09:00 - Exigences Les États-Unis attendent des concessions de l'Ukraine et de la Russie.",
                     "t.txt", day=DAY)
    demands = [f for f in extract(doc, only={"demands"}).facts if isinstance(f, Demand)]
    assert len(demands) == 1
    assert demands[0].demander == "usa"
    assert set(demands[0].addressees) == {"ukraine", "russia"}


def test_demand_in_a_que_clause():
    doc = parse_text("09:00 - Exigences russes Le Kremlin exige que Kiev retire ses troupes de quatre régions.",
                     "t.txt", day=DAY)
    demands = [f for f in extract(doc, only={"demands"}).facts if isinstance(f, Demand)]
    assert [(d.demander, d.addressees) for d in demands] == [("russia", ["ukraine"])]
