"""The notation the parser reads, one row per form: text in, fields out.

Fields are those of ``Component.to_dict()``; a row names only what it checks.
"""

from __future__ import annotations

from typing import Any

import pytest

import regimen
from regimen import Kind, ParseError, Span, parse

SEED_A = ("apatinib 500mg qd po S-1 40-60mg/time bid po d1-14 q3w radiotherapy "
          "50-60Gy/25-30times until disease progression or intolerable toxicity or "
          "patients withdrawal of consent")
SEED_B = SEED_A.removeprefix("apatinib 500mg qd po ")

D14 = list(range(1, 15))

COMPONENTS: list[tuple[str, list[dict[str, Any]]]] = [
    # components run together with no separator
    (SEED_A, [
        {"name": "apatinib", "kind": "drug", "dose": {"min": 500, "max": 500, "unit": "mg"},
         "route": "oral", "frequency": "qd", "per_day": 1, "days": None, "cycle_days": None},
        {"name": "S-1", "dose": {"min": 40, "max": 60, "unit": "mg"}, "route": "oral",
         "frequency": "bid", "per_day": 2, "days": D14, "cycle_days": 21, "cycles": None},
        {"name": "radiotherapy", "kind": "radiotherapy",
         "total_dose": {"min": 50, "max": 60, "unit": "Gy"}, "fractions": {"min": 25, "max": 30}},
    ]),
    (SEED_B, [{"name": "S-1"}, {"name": "radiotherapy"}]),
    # doses and ranges, units
    ("capecitabine 1000 mg/m2 bid po d1-14 q3w", [
        {"dose": {"min": 1000, "max": 1000, "unit": "mg/m2"}}]),
    ("oxaliplatin 130mg/m² iv d1 q3w", [{"dose": {"min": 130, "max": 130, "unit": "mg/m2"}}]),
    ("carboplatin 5 mg/kg iv d1 q3w", [{"dose": {"min": 5, "max": 5, "unit": "mg/kg"}}]),
    ("capecitabine 2g po bid d1-14 q3w", [{"dose": {"min": 2, "max": 2, "unit": "g"}}]),
    ("octreotide 100mcg sc tid", [
        {"name": "octreotide", "dose": {"min": 100, "max": 100, "unit": "mcg"},
         "route": "subcutaneous", "per_day": 3}]),
    ("S-1 40 to 60 mg bid po d1-14 q3w", [{"dose": {"min": 40, "max": 60, "unit": "mg"}}]),
    ("S-1 40mg-60mg bid po", [{"dose": {"min": 40, "max": 60, "unit": "mg"}}]),
    ("S-1 40–60 mg bid po", [{"dose": {"min": 40, "max": 60, "unit": "mg"}}]),
    ("imatinib 2.5 mg po qd", [{"dose": {"min": 2.5, "max": 2.5, "unit": "mg"}}]),
    ("S-1 60mg/d po qd", [{"dose": {"min": 60, "max": 60, "unit": "mg", "per": "day"}}]),
    # frequency and route
    ("temozolomide 75 mg/m2 po qid", [{"frequency": "qid", "per_day": 4}]),
    ("cisplatin 75 mg/m2 IV d1 q3w", [{"route": "intravenous", "per_day": 1}]),
    ("cisplatin 75 mg/m2 i.v. d1 q3w", [{"route": "intravenous"}]),
    ("S-1 40 mg p.o. b.i.d. d1-14 q3w", [{"route": "oral", "frequency": "bid"}]),
    ("S-1 40 mg BID PO D1-D14 Q3W", [{"frequency": "bid", "days": D14, "cycle_days": 21}]),
    # cycle days and lengths
    ("gemcitabine 1000 mg/m2 iv d1,8 q3w", [{"days": [1, 8], "cycle_days": 21}]),
    ("gemcitabine 1000 mg/m2 iv d1, 8, 15 q4w", [{"days": [1, 8, 15], "cycle_days": 28}]),
    ("paclitaxel 80 mg/m2 iv d1 q2w", [{"days": [1], "cycle_days": 14}]),
    ("docetaxel 75 mg/m2 iv d1 q21d", [{"cycle_days": 21}]),
    ("cisplatin 25 mg/m2 iv d1-3 q4w", [{"days": [1, 2, 3], "cycle_days": 28}]),
    ("cisplatin 20 mg/m2 iv days 1-5 q3w", [{"days": [1, 2, 3, 4, 5]}]),
    ("cisplatin 20 mg/m2 iv d1-3,8 q3w", [{"days": [1, 2, 3, 8]}]),
    ("cisplatin 80 mg/m2 iv d1 q3w 4 cycles", [
        {"cycles": {"min": 4, "max": 4}}]),
    ("docetaxel 75 mg/m2 iv d1 q3w 4-6 cycles", [{"cycles": {"min": 4, "max": 6}}]),
    # radiotherapy
    ("radiotherapy 60Gy/30f", [{"kind": "radiotherapy",
                                "total_dose": {"min": 60, "max": 60, "unit": "Gy"},
                                "fractions": {"min": 30, "max": 30}}]),
    ("radiotherapy 60 Gy in 30 fractions", [{"fractions": {"min": 30, "max": 30}}]),
    ("RT 50.4 Gy in 28 fractions", [{"total_dose": {"min": 50.4, "max": 50.4, "unit": "Gy"}}]),
    ("radiotherapy 70Gy/35#", [{"fractions": {"min": 35, "max": 35}}]),
    ("radiotherapy 2 Gy/F 30 fractions", [
        {"fraction_dose": {"min": 2, "max": 2, "unit": "Gy", "per": "fraction"},
         "fractions": {"min": 30, "max": 30}}]),
    ("60Gy/30f", [{"name": "radiotherapy", "kind": "radiotherapy"}]),
    # drug names: lexicon, abbreviation, a drug's ending, or a dose after it
    ("DDP 75 mg/m2 iv d1 q3w", [{"name": "DDP", "kind": "drug"}]),
    ("5-FU 750 mg/m2 iv d1-5 q4w", [{"name": "5-FU"}]),
    ("zanubrutinib 160 mg po bid", [{"name": "zanubrutinib"}]),
    ("XYZ-123 50 mg po qd", [{"name": "XYZ-123"}]),
]


@pytest.mark.parametrize(("text", "expected"), COMPONENTS, ids=[t[:40] for t, _ in COMPONENTS])
def test_components(text: str, expected: list[dict[str, Any]]) -> None:
    got = [c.to_dict() for c in parse(text).components]
    assert len(got) == len(expected)
    for comp, want in zip(got, expected, strict=True):
        assert {k: comp[k] for k in want} == want


# The notation of protocols, registries and papers: one row per form. Each row
# names the component it checks (by index) and the fields of to_dict() it expects;
# a nested dict is compared by the keys it gives.
NOTATION: list[tuple[str, int, dict[str, Any]]] = [
 # Frequencies
 ("apatinib 500 mg po qd", 0, {"frequency": "qd", "per_day": 1}),
 ("letrozole 2.5 mg od", 0, {"frequency": "qd"}),
 ("letrozole 2.5 mg daily", 0, {"dose": {"min": 2.5, "max": 2.5, "unit": "mg", "per": "day"}}),
 ("letrozole 2.5 mg orally once daily", 0, {"frequency": "qd"}),
 ("letrozole 2.5 mg orally once a day", 0, {"frequency": "qd"}),
 ("letrozole 2.5 mg orally one times daily", 0, {"frequency": "qd"}),
 ("S-1 40 mg bid", 0, {"frequency": "bid", "per_day": 2}),
 ("S-1 40 mg b.i.d.", 0, {"frequency": "bid"}),
 ("S-1 40 mg twice daily", 0, {"frequency": "bid"}),
 ("S-1 40 mg twice a day", 0, {"frequency": "bid"}),
 ("S-1 40 mg twice everyday", 0, {"frequency": "bid"}),
 ("morphine 10 mg tid", 0, {"per_day": 3}),
 ("morphine 10 mg qid", 0, {"per_day": 4}),
 ("melatonin 3 mg qn", 0, {"frequency": "qn"}),
 ("melatonin 3 mg qhs", 0, {"frequency": "qn"}),
 ("melatonin 3 mg at bedtime", 0, {"frequency": "qn"}),
 ("ondansetron 8 mg q6h", 0, {"per_day": 4}),
 ("ondansetron 8 mg q8h", 0, {"per_day": 3}),
 ("ondansetron 8 mg q12h", 0, {"per_day": 2}),
 ("ondansetron 8 mg every 12 hours", 0, {"per_day": 2, "frequency": "q12h"}),
 ("anlotinib 12 mg qod", 0, {"frequency": "qod", "every_days": 2}),
 ("anlotinib 12 mg every other day", 0, {"frequency": "qod"}),
 ("paclitaxel 80 mg/m2 qw", 0, {"frequency": "qw", "every_days": 7}),
 ("paclitaxel 80 mg/m2 weekly", 0, {"frequency": "qw"}),
 ("paclitaxel 80 mg/m2 at weekly intervals", 0, {"frequency": "qw"}),
 ("bortezomib 1.3 mg/m2 biw", 0, {"frequency": "biw", "days_per_week": 2}),
 ("bortezomib 1.3 mg/m2 twice weekly", 0, {"frequency": "biw"}),
 ("docetaxel 75 mg/m2 q2w", 0, {"cycle_days": 14}),
 ("docetaxel 75 mg/m2 every 2 weeks", 0, {"cycle_days": 14}),
 ("docetaxel 75 mg/m2 Q14 days", 0, {"cycle_days": 14}),
 ("docetaxel 75 mg/m2 q3w", 0, {"cycle_days": 21}),
 ("docetaxel 75 mg/m2 every 3 weeks", 0, {"cycle_days": 21}),
 ("docetaxel 75 mg/m2 tri-weekly", 0, {"cycle_days": 21}),
 ("docetaxel 75 mg/m2 Q21d", 0, {"cycle_days": 21}),
 ("docetaxel 75 mg/m2 every 21 days", 0, {"cycle_days": 21}),
 ("docetaxel 75 mg/m2 d1, 21-day cycle", 0, {"cycle_days": 21}),
 ("S-1 40 mg bid d1-14, 28 days was a cycle", 0, {"cycle_days": 28}),
 ("S-1 40 mg bid d1-7, 14 days repeat", 0, {"cycle_days": 14}),
 ("docetaxel 75 mg/m2 q4w", 0, {"cycle_days": 28}),
 ("docetaxel 75 mg/m2 d1 28-day cycle", 0, {"cycle_days": 28}),
 ("docetaxel 75 mg/m2 at 4-week intervals", 0, {"cycle_days": 28}),
 ("docetaxel 75 mg/m2 every 35 days", 0, {"cycle_days": 35}),
 ("lomustine 110 mg/m2 d1 of 6-week cycles", 0, {"cycle_days": 42}),
 ("cisplatin 100 mg/m2 single dose", 0, {"frequency": "once"}),
 ("oxaliplatin 85 mg/m2 biweekly", 0, {"cycle_days": 14}),
 # Days
 ("S-1 40 mg bid d1-14 q3w", 0, {"days": D14}),
 ("S-1 40 mg bid D1-D14 q3w", 0, {"days": D14}),
 ("S-1 40 mg bid d1\u201314 q3w", 0, {"days": D14}),
 ("S-1 40 mg bid d1~5 q3w", 0, {"days": [1, 2, 3, 4, 5]}),
 ("gemcitabine 1000 mg/m2 d1,8 q3w", 0, {"days": [1, 8]}),
 ("gemcitabine 1000 mg/m2 d1, 8, 15 q4w", 0, {"days": [1, 8, 15]}),
 ("gemcitabine 1000 mg/m2 day1 q3w", 0, {"days": [1]}),
 ("S-1 40 mg bid days 1-14 q3w", 0, {"days": D14}),
 ("S-1 40 mg bid days 1 to 14 q3w", 0, {"days": D14}),
 ("gemcitabine 1000 mg/m2 on days 1 and 8 q3w", 0, {"days": [1, 8]}),
 ("gemcitabine 1000 mg/m2 day 1 & 15 q4w", 0, {"days": [1, 15]}),
 ("temozolomide 150 mg/m2 days 1, 3 and 5 q4w", 0, {"days": [1, 3, 5]}),
 ("capecitabine 1000 mg/m2 bid x 14 days q3w", 0, {"days": D14}),
 ("dexamethasone 40 mg daily \u00d7 3", 0, {"days": [1, 2, 3]}),
 ("capecitabine 1000 mg/m2 bid for 14 days q3w", 0, {"days": D14}),
 ("capecitabine 1000 mg/m2 bid for 14 consecutive days q3w", 0, {"days": D14}),
 ("capecitabine 1000 mg/m2 bid for 2 weeks q3w", 0, {"days": D14}),
 ("capecitabine 1000 mg/m2 bid for 2 weeks followed by a 1-week rest", 0, {"days": D14, "cycle_days": 21}),
 ("sunitinib 50 mg qd 4 weeks on / 2 weeks off", 0, {"days": list(range(1, 29)), "cycle_days": 42}),
 ("capecitabine 1000 mg/m2 bid 3-weeks on/1-week off", 0, {"days": list(range(1, 22)), "cycle_days": 28}),
 ("S-1 70 mg/m2 days 1-14 and 29-42", 0, {"days": D14 + list(range(29, 43))}),
 # Counts and durations
 ("docetaxel 75 mg/m2 q3w x 4 cycles", 0, {"cycles": {"min": 4, "max": 4}}),
 ("docetaxel 75 mg/m2 q3w for 6 cycles", 0, {"cycles": {"min": 6, "max": 6}}),
 ("docetaxel 75 mg/m2 q3w 4-6 cycles", 0, {"cycles": {"min": 4, "max": 6}}),
 ("docetaxel 75 mg/m2 q3w for 4 planned courses", 0, {"cycles": {"min": 4, "max": 4}}),
 ("docetaxel 75 mg/m2 q3w a total of 3 cycles", 0, {"cycles": {"min": 3, "max": 3}}),
 ("docetaxel 75 mg/m2 q3w four cycles", 0, {"cycles": {"min": 4, "max": 4}}),
 ("pembrolizumab 200 mg q3w up to 35 cycles", 0, {"cycles": {"min": 35, "max": 35, "up_to": True}}),
 ("pembrolizumab 200 mg q3w maximum of eight cycles", 0, {"cycles": {"min": 8, "max": 8, "up_to": True}}),
 ("paclitaxel 80 mg/m2 weekly for 12 weeks", 0, {"days": list(range(1, 85))}),
 ("pembrolizumab 200 mg q3w for up to 2 years", 0, {"duration": {"min": 2, "max": 2, "unit": "year", "up_to": True}}),
 # Numbers
 ("etoposide 100.5 mg/m2 d1-3 q3w", 0, {"dose": {"min": 100.5, "max": 100.5, "unit": "mg/m2"}}),
 ("gemcitabine 1,000 mg/m2 d1,8 q3w", 0, {"dose": {"min": 1000, "max": 1000, "unit": "mg/m2"}}),
 ("gemcitabine 1 000 mg/m2 d1,8 q3w", 0, {"dose": {"min": 1000, "max": 1000, "unit": "mg/m2"}}),
 ("S-1 40-60 mg bid", 0, {"dose": {"min": 40, "max": 60, "unit": "mg"}}),
 ("S-1 40\u201360 mg bid", 0, {"dose": {"min": 40, "max": 60, "unit": "mg"}}),
 ("S-1 40~60 mg bid", 0, {"dose": {"min": 40, "max": 60, "unit": "mg"}}),
 ("S-1 40\\~60 mg bid", 0, {"dose": {"min": 40, "max": 60, "unit": "mg"}}),
 ("S-1 40 to 60 mg bid", 0, {"dose": {"min": 40, "max": 60, "unit": "mg"}}),
 # Doses
 ("cyclophosphamide 2 g/m2 d1 q3w", 0, {"dose": {"min": 2, "max": 2, "unit": "g/m2"}}),
 ("cyclophosphamide 2 g iv d1", 0, {"dose": {"min": 2, "max": 2, "unit": "g"}}),
 ("octreotide 100 mcg sc tid", 0, {"dose": {"min": 100, "max": 100, "unit": "mcg"}}),
 ("octreotide 100 \u00b5g sc tid", 0, {"dose": {"min": 100, "max": 100, "unit": "mcg"}}),
 ("interferon 3 MIU sc tiw", 0, {"dose": {"min": 3000000, "max": 3000000, "unit": "IU"}}),
 ("interferon 3 million IU sc tiw", 0, {"dose": {"min": 3000000, "max": 3000000, "unit": "IU"}}),
 ("asparaginase 2500 IU/m2 im", 0, {"dose": {"min": 2500, "max": 2500, "unit": "IU/m2"}}),
 ("mesna 10 mL iv", 0, {"dose": {"min": 10, "max": 10, "unit": "mL"}}),
 ("cisplatin 75 mg/m\u00b2 iv d1", 0, {"dose": {"unit": "mg/m2"}}),
 ("cisplatin 75 mg/m^2 iv d1", 0, {"dose": {"unit": "mg/m2"}}),
 ("cisplatin 75 mg/m(2) iv d1", 0, {"dose": {"unit": "mg/m2"}}),
 ("cisplatin 75 mg/ m2 iv d1", 0, {"dose": {"unit": "mg/m2"}}),
 ("cisplatin 75 mg/m 2 iv d1", 0, {"dose": {"unit": "mg/m2"}}),
 ("cisplatin 75 mg/M2 iv d1", 0, {"dose": {"unit": "mg/m2"}}),
 ("cisplatin 75 mg\u00b7m-2 iv d1", 0, {"dose": {"unit": "mg/m2"}}),
 ("cisplatin 75 mg m\u22122 iv d1", 0, {"dose": {"unit": "mg/m2"}}),
 ("cisplatin 75 mg.m(-2) iv d1", 0, {"dose": {"unit": "mg/m2"}}),
 ("cisplatin 75 mg per square meter of body-surface area iv d1", 0, {"dose": {"unit": "mg/m2"}}),
 ("bevacizumab 15 mg/kg iv q3w", 0, {"dose": {"unit": "mg/kg"}}),
 ("carboplatin AUC 5 iv d1 q3w", 0, {"dose": {"min": 5, "max": 5, "unit": "AUC"}}),
 ("carboplatin AUC=5 iv d1 q3w", 0, {"dose": {"min": 5, "max": 5, "unit": "AUC"}}),
 ("carboplatin AUC5 iv d1 q3w", 0, {"dose": {"min": 5, "max": 5, "unit": "AUC"}}),
 ("carboplatin AUC 4\u20136 iv d1 q3w", 0, {"dose": {"min": 4, "max": 6, "unit": "AUC"}}),
 ("S-1 40-60mg/time bid", 0, {"dose": {"min": 40, "max": 60, "unit": "mg"}}),
 ("S-1 40-60mg/times bid", 0, {"dose": {"min": 40, "max": 60, "unit": "mg"}}),
 ("apatinib 60-100mg/d po", 0, {"dose": {"min": 60, "max": 100, "unit": "mg", "per": "day"}}),
 ("capecitabine 1650 mg/m2/day po d1-14", 0, {"dose": {"min": 1650, "max": 1650, "unit": "mg/m2", "per": "day"}}),
 ("imatinib 1,200 mg daily given as 600 mg twice daily", 0, {"dose": {"min": 600, "max": 600, "unit": "mg"}, "daily_dose": {"min": 1200, "max": 1200, "unit": "mg", "per": "day"}, "per_day": 2}),
 ("capecitabine 1,650 mg/m2/day (825 mg/m2 twice daily)", 0, {"dose": {"min": 825, "max": 825, "unit": "mg/m2"}, "per_day": 2}),
 ("trastuzumab 8 mg/kg loading dose then 6 mg/kg q3w", 0, {"loading_dose": {"min": 8, "max": 8, "unit": "mg/kg"}, "dose": {"min": 6, "max": 6, "unit": "mg/kg"}}),
 ("vincristine 1.4 mg/m2 (max 2 mg) iv d1", 0, {"cap": {"min": 2, "max": 2, "unit": "mg"}}),
 ("S-1 bid d1-14: BSA <1.25 m2, 40 mg; 1.25 to <1.5 m2, 50 mg; >=1.5 m2, 60 mg", 0, {"dose": {"min": 40, "max": 60, "unit": "mg"}}),
 # Routes
 ("S-1 40 mg po", 0, {"route": "oral"}),
 ("S-1 40 mg p.o.", 0, {"route": "oral"}),
 ("S-1 40 mg oral", 0, {"route": "oral"}),
 ("S-1 40 mg orally", 0, {"route": "oral"}),
 ("S-1 40 mg by mouth", 0, {"route": "oral"}),
 ("cisplatin 75 mg/m2 iv", 0, {"route": "intravenous"}),
 ("cisplatin 75 mg/m2 i.v.", 0, {"route": "intravenous"}),
 ("cisplatin 75 mg/m2 IV infusion", 0, {"route": "intravenous"}),
 ("cisplatin 75 mg/m2 intravenous", 0, {"route": "intravenous"}),
 ("cisplatin 75 mg/m2 intravenously", 0, {"route": "intravenous"}),
 ("cisplatin 75 mg/m2 ivgtt", 0, {"route": "intravenous"}),
 ("cisplatin 75 mg/m2 intravenous drip", 0, {"route": "intravenous"}),
 ("cisplatin 75 mg/m2 iv.drop", 0, {"route": "intravenous"}),
 ("cisplatin 75 mg/m2 ivd", 0, {"route": "intravenous"}),
 ("goserelin 3.6 mg sc", 0, {"route": "subcutaneous"}),
 ("goserelin 3.6 mg s.c.", 0, {"route": "subcutaneous"}),
 ("goserelin 3.6 mg subcutaneous", 0, {"route": "subcutaneous"}),
 ("fulvestrant 500 mg im", 0, {"route": "intramuscular"}),
 ("methotrexate 12 mg intrathecal", 0, {"route": "intrathecal"}),
 ("cisplatin 75 mg/m2 intraperitoneal", 0, {"route": "intraperitoneal"}),
 ("bortezomib 1.3 mg/m2 IV or subcutaneous", 0, {"route": None, "routes": ["intravenous", "subcutaneous"]}),
 ("paclitaxel 175 mg/m2 iv over 3 hours", 0, {"infusion": {"min": 3, "max": 3, "unit": "hour"}}),
 ("paclitaxel 175 mg/m2 iv 3h", 0, {"infusion": {"min": 3, "max": 3, "unit": "hour"}}),
 # Radiotherapy
 ("radiotherapy 50-60Gy/25-30times", 0, {"total_dose": {"min": 50, "max": 60, "unit": "Gy"}, "fractions": {"min": 25, "max": 30}}),
 ("radiotherapy 60Gy/30f", 0, {"fractions": {"min": 30, "max": 30}, "fraction_dose": {"min": 2, "max": 2, "unit": "Gy"}}),
 ("radiotherapy DT 60Gy/30F", 0, {"total_dose": {"min": 60, "max": 60, "unit": "Gy"}}),
 ("radiotherapy 70Gy/35#", 0, {"fractions": {"min": 35, "max": 35}}),
 ("radiotherapy 45Gy/25F", 0, {"fractions": {"min": 25, "max": 25}}),
 ("radiotherapy 1.8Gy/F 28 fractions", 0, {"fraction_dose": {"min": 1.8, "max": 1.8, "unit": "Gy", "per": "fraction"}}),
 ("radiotherapy 50.4 Gy in 28 fractions", 0, {"fraction_dose": {"min": 1.8, "max": 1.8, "unit": "Gy", "per": "fraction"}}),
 ("radiotherapy 20 Gy in 5#", 0, {"fractions": {"min": 5, "max": 5}}),
 ("radiotherapy 3 Gy x 10 fractions", 0, {"total_dose": {"min": 30, "max": 30, "unit": "Gy"}, "fractions": {"min": 10, "max": 10}}),
 ("radiotherapy 1.8 Gy per fraction to a total dose of 54 Gy", 0, {"fractions": {"min": 30, "max": 30}}),
 ("radiotherapy 2 Gy/fraction 30 fractions", 0, {"total_dose": {"min": 60, "max": 60, "unit": "Gy"}}),
 ("radiotherapy 60 Gy/30 f, 5 fractions/week", 0, {"fractions_per_week": 5}),
 ("radiotherapy 60 Gy/30 f/6 weeks", 0, {"duration": {"min": 6, "max": 6, "unit": "week"}}),
 ("radiotherapy 63 Gy in 35 fractions over 6.5 weeks", 0, {"duration": {"min": 6.5, "max": 6.5, "unit": "week"}}),
 ("radiotherapy 5000 cGy in 25 fractions", 0, {"total_dose": {"min": 5000, "max": 5000, "unit": "cGy"}}),
 ("radiotherapy 45 Gy in 30 fractions, 1.5 Gy bid", 0, {"frequency": "bid", "per_day": None}),
 ("radiotherapy 50 Gy/25 f followed by a boost of 10 Gy/5 f", 1, {"name": "boost", "phase": 1, "total_dose": {"min": 10, "max": 10, "unit": "Gy"}}),
 ("RT 60 Gy/30 f", 0, {"kind": "radiotherapy"}),
 ("TRT 45 Gy/30 f", 0, {"kind": "radiotherapy"}),
 ("IMRT 60 Gy/30 f", 0, {"technique": "IMRT"}),
 ("irradiation 30 Gy/10 f", 0, {"kind": "radiotherapy"}),
 ("radiation therapy 30 Gy/10 f", 0, {"kind": "radiotherapy"}),
 ("whole brain radiotherapy 30 Gy/10 f", 0, {"site": "whole brain"}),
 ("WBRT 30 Gy/10 f", 0, {"technique": "WBRT"}),
 ("radiotherapy to the whole brain 30 Gy/10 f", 0, {"site": "whole brain"}),
 ("involved-field radiotherapy 30 Gy/15 f", 0, {"site": "involved-field"}),
 ("thoracic radiotherapy 45 Gy/30 f", 0, {"site": "thoracic"}),
 ("3D-CRT 50 Gy/25 f", 0, {"technique": "3D-CRT"}),
 # Structure
 ("cisplatin 75 mg/m2 iv d1 + docetaxel 75 mg/m2 iv d1 q3w", 1, {"name": "docetaxel"}),
 ("cisplatin 75 mg/m2 d1; docetaxel 75 mg/m2 d1; q3w", 0, {"cycle_days": 21}),
 ("cisplatin 75 mg/m2 and docetaxel 75 mg/m2 d1 q3w", 0, {"days": [1], "cycle_days": 21}),
 ("cisplatin 75 mg/m2 plus docetaxel 75 mg/m2 d1 q3w", 0, {"cycle_days": 21}),
 ("nimotuzumab 200 mg weekly combined with radiotherapy 60 Gy/30 f", 1, {"kind": "radiotherapy"}),
 ("cisplatin 75 mg/m2 d1 q3w\ndocetaxel 75 mg/m2 d1 q3w", 1, {"name": "docetaxel"}),
 ("75 mg/m2 of docetaxel d1 q3w", 0, {"name": "docetaxel", "dose": {"min": 75, "max": 75, "unit": "mg/m2"}}),
 ("100 mg/m2 VP-16 d1-3 q3w", 0, {"name": "VP-16", "dose": {"min": 100, "max": 100, "unit": "mg/m2"}}),
 ("DDP 25 mg/m2 d1-3 q3w", 0, {"name": "DDP"}),
 ("CDDP 75 mg/m2 d1 q3w", 0, {"name": "CDDP"}),
 ("PTX 175 mg/m2 d1 q3w", 0, {"name": "PTX"}),
 ("TS-1 40 mg bid d1-14 q3w", 0, {"name": "TS-1"}),
 ("VP16 100 mg/m2 d1-3 q3w", 0, {"name": "VP16"}),
 ("docetaxel 60 mg/m2, nedaplatin 80 mg/m2 ivgtt d1, q3w", 0, {"route": "intravenous", "days": [1], "cycle_days": 21}),
 ("temozolomide 75 mg/m2 daily concurrent with radiotherapy 60 Gy/30 f", 0, {"concurrent": True}),
 ("cisplatin 40 mg/m2 weekly during radiotherapy 60 Gy/30 f", 0, {"concurrent": True}),
 ("induction: cisplatin 75 mg/m2 d1 q3w x 2 cycles followed by maintenance: pemetrexed 500 mg/m2 d1 q3w", 1, {"name": "pemetrexed", "phase": 1}),
 ("cisplatin 75 mg/m2 iv d1 q3w x 2 cycles followed by pemetrexed 500 mg/m2 q3w", 1, {"phase": 1}),
 ("cisplatin 60 mg/m2iv d1 q3w", 0, {"route": "intravenous"}),
 ("capecitabine(1000 mg/m2 bid d1-14) q3w", 0, {"dose": {"min": 1000, "max": 1000, "unit": "mg/m2"}}),
 ("sintilimab 200 mg iv Q3W2cycles", 0, {"cycle_days": 21, "cycles": {"min": 2, "max": 2}}),
 # Context
 ("Arm B: cisplatin 75 mg/m2 d1 q3w", 0, {"name": "cisplatin"}),
 ("cisplatin 75 mg/m2 d1 q3w (NSCLC)", 0, {"name": "cisplatin"}),
 ("cisplatin 75 mg/m2 d1 q3w (n = 45 patients)", 0, {"name": "cisplatin"}),
 ("TP regimen: paclitaxel 175 mg/m2 d1, cisplatin 75 mg/m2 d1, q3w", 0, {"name": "paclitaxel"}),
 ("XELOX group: capecitabine 1000 mg/m2 bid d1-14, oxaliplatin 130 mg/m2 d1, q3w", 0, {"cycle_days": 21}),
 ("Induction: cisplatin 75 mg/m2 d1 q3w", 0, {"name": "cisplatin"}),
 ("capecitabine 825 mg/m2 bid starting 6 weeks after surgery", 0, {"per_day": 2}),
 # Text as found
 ("CISPLATIN 75 MG/M2 IV D1 Q3W", 0, {"dose": {"unit": "mg/m2"}, "cycle_days": 21}),
 ("S-1 \uff14\uff10mg bid", 0, {"dose": {"min": 40, "max": 40, "unit": "mg"}}),
 ("S-1   40  mg   bid", 0, {"per_day": 2}),
 ("S-1 40 mg bid d1\\~14", 0, {"days": D14}),
 # Forms met in real texts
 ("gemcitabine 1000 mg/m2 on the 1st and 8th day q3w", 0, {"days": [1, 8]}),
 ("camrelizumab 200 mg iv in the first day, q3w", 0, {"days": [1]}),
 ("carboplatin (AUC-2) weekly", 0, {"dose": {"min": 2, "max": 2, "unit": "AUC"}}),
 ("carboplatin, area under the curve (AUC) of 5, d1 q3w", 0, {"dose": {"min": 5, "max": 5, "unit": "AUC"}}),
 ("carboplatin (area under the curve, 6 mg per milliliter per minute) q3w", 0, {"dose": {"min": 6, "max": 6, "unit": "AUC"}}),
 ("bortezomib 1\u00b75 mg/m2 weekly", 0, {"dose": {"min": 1.5, "max": 1.5, "unit": "mg/m2"}}),
 ("5-FU (400 mg/m2 bolus followed by 2,400 mg/m2 continuous infusion), q2w", 1, {"name": "5-FU", "dose": {"min": 2400, "max": 2400, "unit": "mg/m2"}, "cycle_days": 14}),
 ("trastuzumab 4 mg/kg on day 1, followed by weekly treatments of 2 mg/kg", 0, {"loading_dose": {"min": 4, "max": 4, "unit": "mg/kg"}, "dose": {"min": 2, "max": 2, "unit": "mg/kg"}, "frequency": "qw", "days": None}),
 ("cetuximab loading dose (400 mg/m2) and then weekly (250 mg/m2)", 0, {"loading_dose": {"min": 400, "max": 400, "unit": "mg/m2"}, "dose": {"min": 250, "max": 250, "unit": "mg/m2"}}),
 ("prednisone 40 mg/m2 PO in 3 divided doses for 28 d", 0, {"dose": {"per": "day"}, "per_day": 3, "days": list(range(1, 29))}),
 ("Drug Dose Route Days\nCyclophosphamide 500 mg PO 1 and 8\nLenalidomide 25 mg PO 1-14", 1, {"days": D14}),
 ("Consolidation\n Cytarabine 75 mg/m2 IV 1-4, 8-11", 0, {"days": [1, 2, 3, 4, 8, 9, 10, 11]}),
 ("abiraterone acetate 1,000 mg orally once daily", 0, {"name": "abiraterone acetate"}),
 ("SHR-1210 200 mg iv q2w", 0, {"name": "SHR-1210", "cycle_days": 14}),
 ("STIVARGA 160 mg po qd for the first 21 days of each 28-day cycle", 0, {"days": list(range(1, 22)), "cycle_days": 28}),
 ("TS-1 80 mg/m2/day for 2 weeks, followed by a 1-week rest for 1 year (16 courses)", 0, {"days": D14, "cycle_days": 21, "cycles": {"min": 16, "max": 16}}),
 ("four 21-day cycles of cisplatin 75 mg/m2 plus etoposide 100 mg/m2", 1, {"cycle_days": 21, "cycles": {"min": 4, "max": 4}}),
 ("T 135mg/m2 ivgtt, d1, 3week2cycles", 0, {"cycle_days": 21, "cycles": {"min": 2, "max": 2}}),
 ("bendamustine 120 mg/m2 d1,2 q3w for up to 6 cycles (minimum of 3 cycles)", 0, {"cycles": {"min": 3, "max": 6}}),
 ("radiotherapy 66 Gy/2.75 Gy/24 fx/33 days", 0, {"fraction_dose": {"min": 2.75, "max": 2.75, "unit": "Gy"}, "fractions": {"min": 24, "max": 24}}),
 ("Forty-five Gy/30Fx thoracic radiotherapy", 0, {"name": "radiotherapy", "site": "thoracic", "total_dose": {"min": 45, "max": 45, "unit": "Gy"}}),
 ("HFSRT (18 Gy/3F) + WBRT (40 Gy/20F)", 1, {"name": "WBRT", "fractions": {"min": 20, "max": 20}}),
 ("RT 60 Gy total dose: 2 Gy/day, 5 days/week", 0, {"fractions": {"min": 30, "max": 30}}),
]
STOP_PHRASES = [
 ("S-1 40 mg bid until PD", ["progression"]),
 ("S-1 40 mg bid until progressive disease", ["progression"]),
 ("S-1 40 mg bid until deterioration", ["progression"]),
 ("S-1 40 mg bid until unacceptable toxicity", ["toxicity"]),
 ("S-1 40 mg bid until intolerable toxicity", ["toxicity"]),
 ("S-1 40 mg bid until serious side effects", ["toxicity"]),
 ("S-1 40 mg bid until withdrawal of consent", ["withdrawal"]),
 ("S-1 40 mg bid until death", ["death"]),
 ("S-1 40 mg bid until completion of treatment", ["completion"]),
 ("S-1 40 mg bid for a maximum of 2 years", ["completion"]),
 ("S-1 40 mg bid until investigator decision", ["investigator"]),
]


def subset(want: Any, got: Any) -> bool:
    if isinstance(want, dict):
        return isinstance(got, dict) and all(subset(v, got.get(k)) for k, v in want.items())
    return bool(want == got)


@pytest.mark.parametrize(("text", "index", "expected"), NOTATION,
                         ids=[f"{n}:{t[:50]}" for n, (t, _, _) in enumerate(NOTATION)])
def test_notation(text: str, index: int, expected: dict[str, Any]) -> None:
    component = parse(text).components[index].to_dict()
    assert subset(expected, component), {k: component.get(k) for k in expected}


@pytest.mark.parametrize(("text", "kinds"), STOP_PHRASES)
def test_stop_phrases(text: str, kinds: list[str]) -> None:
    assert list(parse(text).stop_kinds) == kinds


STOPS = [
    (SEED_A, ["progression", "toxicity", "withdrawal"]),
    ("S-1 40 mg bid po until progressive disease", ["progression"]),
    ("S-1 40 mg bid po until PD or unacceptable toxicity", ["progression", "toxicity"]),
    ("S-1 40 mg bid po until withdrawal of consent, or death", ["withdrawal", "death"]),
    ("S-1 40 mg bid po until disease progression.", ["progression"]),
    ("S-1 40 mg bid po d1-14 q3w", []),
]


@pytest.mark.parametrize(("text", "kinds"), STOPS)
def test_stopping_rules(text: str, kinds: list[str]) -> None:
    r = parse(text)
    assert list(r.stop_kinds) == kinds
    assert all(r.text[rule.span.start : rule.span.end].strip() for rule in r.stop)


def test_spans_point_at_the_source_text() -> None:
    r = parse(SEED_A)
    s1 = r.component("S-1")
    assert s1.dose is not None and s1.dose.span is not None
    assert s1.dose.span.of(SEED_A) == "40-60mg/time"
    assert s1.days is not None and s1.days.span is not None
    assert s1.days.span.of(SEED_A) == "d1-14"
    assert s1.cycle is not None and s1.cycle.span is not None
    assert s1.cycle.span.of(SEED_A) == "q3w"
    rt = r.component("radiotherapy")
    assert rt.span.of(SEED_A) == "radiotherapy 50-60Gy/25-30times"
    assert [rule.span.of(SEED_A) for rule in r.stop] == [
        "disease progression", "intolerable toxicity", "patients withdrawal of consent"]


def test_spans_survive_unicode_folding() -> None:
    text = "S\uff0d1 ４０\u2013６０ mg bid po"  # full-width letters and an en dash
    s1 = parse(text).components[0]
    assert s1.dose is not None and s1.dose.span is not None
    assert s1.dose.span.of(text) == "４０\u2013６０ mg"
    assert s1.dose.amount == regimen.Range(40, 60)


def test_unknown_drug_name_is_read_with_a_notice() -> None:
    r = parse("XYZ-123 50 mg po qd")
    assert r.components[0].kind is Kind.DRUG
    assert [n.span.of(r.text) for n in r.notices] == ["XYZ-123"]


ERRORS = [
    ("apatinib 500mg qd po banana", "cannot read 'banana' (position 21)", Span(21, 27)),
    ("", "nothing to schedule", Span(0, 0)),
    ("the and of", "nothing to schedule", Span(0, 10)),
    ("S-1 40mg qd bid", "conflicting frequency for S-1 (position 12)", Span(12, 15)),
    ("S-1 40mg po iv", "conflicting route", Span(12, 14)),
    ("S-1 0 mg bid", "a dose of 0 mg", Span(4, 8)),
    ("S-1 60-40 mg bid", "runs backwards", Span(4, 12)),
    ("S-1 40 bid", "has no unit", Span(4, 6)),
    ("S-1 40 mg bid d14-1 q3w", "the day range 14-1 runs backwards", Span(15, 19)),
    ("S-1 40 mg bid d1-28 q3w", "day 28 is past the end of a 21-day cycle", Span(14, 19)),
    ("S-1 40 mg bid d1 q0w", "cannot read 'q0w'", Span(17, 20)),
    ("S-1 40 mg bid until tomorrow", "cannot read 'tomorrow'", Span(20, 28)),
    ("S-1 40 mg bid until", "cannot read 'until'", Span(14, 19)),
    ("40 mg bid", "a dose or schedule with no drug", Span(0, 9)),
    ("S-1 40 mg q5h", "cannot read 'q5h'", Span(10, 13)),
    ("radiotherapy 60Gy/30f 40 mg", "a drug's dose inside the radiotherapy", Span(22, 27)),
    ("S-1 40 mg bid disease progression", "must follow 'until'", Span(14, 33)),
    ("S-1 40 mg bid $", "cannot read '$'", Span(14, 15)),
    ("docetaxel 75 mg/m2 iv d1 q3w 5000 cycles", "more than 1000", Span(29, 40)),
]


@pytest.mark.parametrize(("text", "message", "span"), ERRORS, ids=[e[0] or "empty" for e in ERRORS])
def test_errors_name_the_problem_and_where(text: str, message: str, span: Span) -> None:
    with pytest.raises(ParseError) as info:
        parse(text)
    assert message in info.value.reason
    assert info.value.span == span


def test_error_renders_a_caret_under_the_span() -> None:
    with pytest.raises(ParseError) as info:
        parse("apatinib 500mg qd po banana")
    assert str(info.value) == (
        "cannot read 'banana' (position 21): not a dose, frequency, route or drug\n"
        "apatinib 500mg qd po banana\n"
        "                     ^^^^^^"
    )


def test_error_on_a_later_line_shows_that_line() -> None:
    text = "S-1 40 mg bid po d1-14 q3w\noxaliplatin 130 mg/m2 iv d1 q3w banana"
    with pytest.raises(ParseError) as info:
        parse(text)
    lines = str(info.value).splitlines()
    assert lines[1] == "oxaliplatin 130 mg/m2 iv d1 q3w banana"
    assert lines[2] == " " * 32 + "^" * 6


def test_parse_rejects_what_is_not_text() -> None:
    with pytest.raises(TypeError):
        parse(b"S-1 40 mg")  # type: ignore[arg-type]


LENIENT = [
    # text, the parts reported, the components still read
    ("apatinib 500mg qd po banana", ["banana"], ["apatinib"]),
    ("cisplatin 75 mg/m2 d1 q3w for gastrointestinal wibble flob", ["wibble flob"],
     ["cisplatin"]),
    ("R-CHOP-21 (every 21 days): rituximab 375 mg/m2 IV d1", ["R-CHOP-21"], ["rituximab"]),
]


@pytest.mark.parametrize(("text", "reported", "names"), LENIENT)
def test_lenient_reading_reports_each_part_with_its_span(
        text: str, reported: list[str], names: list[str]) -> None:
    r = parse(text, strict=False)
    assert [c.name for c in r.components] == names
    unread = [n.span.of(text) for n in r.notices if n.message.startswith("cannot read")]
    assert unread == reported
    with pytest.raises(ParseError):
        parse(text)


CONTEXT = [
    ("cisplatin 75 mg/m2 d1 q3w then gemcitabine 1000 mg/m2 d1,8 q3w without daily cisplatin",
     "negation", "without daily cisplatin"),
    ("The NDP group received NDP 80 mg/m2 iv d1 q4w", "label", "NDP group"),
    ("Arm B: cisplatin 75 mg/m2 d1 q3w", "label", "Arm B:"),
    ("cisplatin 75 mg/m2 d1 q3w (NSCLC)", "disease", "NSCLC"),
    ("cisplatin 75 mg/m2 d1 q3w (n = 45 patients)", "population", "n = 45 patients"),
    ("TP regimen: paclitaxel 175 mg/m2 d1, cisplatin 75 mg/m2 d1, q3w", "label", "TP regimen:"),
    ("capecitabine 825 mg/m2 bid starting 6 weeks after surgery", "timing",
     "6 weeks after surgery"),
    ("Induction: cisplatin 75 mg/m2 d1 q3w", "phase", "Induction"),
]


@pytest.mark.parametrize(("text", "kind", "span_text"), CONTEXT)
def test_context_is_kept_not_guessed_into_a_component(text: str, kind: str,
                                                      span_text: str) -> None:
    r = parse(text)
    assert (kind, span_text) in [(c.kind, c.span.of(text)) for c in r.context]
    assert all(span_text not in c.name for c in r.components)


def test_biweekly_is_read_as_every_two_weeks_with_a_warning() -> None:
    r = parse("oxaliplatin 85 mg/m2 biweekly")
    assert r.components[0].cycle_days == 14
    assert any("biweekly" in n.message and "twice a week" in n.message for n in r.notices)


def test_shared_schedule_reaches_back_but_not_to_a_daily_drug() -> None:
    apatinib, s1 = parse("apatinib 500mg qd po S-1 40mg bid po d1-14 q3w").components
    assert (apatinib.cycle_days, apatinib.days) == (None, None)
    assert s1.cycle_days == 21
    docetaxel, nedaplatin = parse("docetaxel 60 mg/m2, nedaplatin 80 mg/m2 ivgtt d1, q3w").components
    assert docetaxel.route == nedaplatin.route
    assert docetaxel.days == nedaplatin.days
    assert docetaxel.cycle_days == nedaplatin.cycle_days == 21


def test_days_stated_drug_by_drug_are_not_shared() -> None:
    # docetaxel on day 1, cisplatin after it that day, 5-FU on days 1-4
    r = parse("docetaxel 75 mg/m2 iv on day 1, followed by cisplatin 100 mg/m2 iv, followed by "
              "5-FU 1000 mg/m2/day from day 1 to day 4, every 3 weeks for 3 cycles")
    _docetaxel, cisplatin, fluorouracil = r.components
    assert cisplatin.days is None and cisplatin.cycle_days == 21
    assert fluorouracil.days is not None and fluorouracil.days.days == (1, 2, 3, 4)
    assert {c.phase for c in r.components} == {0}


def test_or_between_two_schedules_keeps_both_and_warns() -> None:
    r = parse("docetaxel 75 mg/m2 d1 q3w or 37.5 mg/m2 d1,8 q3w")
    assert [str(c.dose) for c in r.components] == ["75 mg/m2", "37.5 mg/m2"]
    assert any("another schedule" in n.message for n in r.notices)


@pytest.mark.parametrize(("text", "name", "unit"), [
    ("70 mg cisplatin/m2 on day 1 q3w", "cisplatin", "mg/m2"),
    ("700 mg infused 5-fluorouracil/m2 on days 1-5 q3w", "5-fluorouracil", "mg/m2"),
])
def test_a_unit_written_around_the_drug_name(text: str, name: str, unit: str) -> None:
    component = parse(text).components[0]
    assert component.name == name
    assert component.dose is not None and component.dose.unit == unit


def test_a_formulation_word_before_the_name_is_part_of_it() -> None:
    assert parse("LAR octreotide 20 mg im q4w").components[0].name == "LAR octreotide"


@pytest.mark.parametrize(("bsa", "dose"), [(1.2, 40), (1.25, 50), (1.49, 50), (1.5, 60), (2.1, 60)])
def test_dose_bands_by_body_surface_area(bsa: float, dose: float) -> None:
    bands = parse("S-1 bid d1-14: BSA <1.25 m2, 40 mg; 1.25 to <1.5 m2, 50 mg; "
                  "1.5 m2 or more, 60 mg").components[0].bands
    assert [b.dose.amount.min for b in bands if b.holds(bsa)] == [dose]


def test_band_edges_follow_the_comparison() -> None:
    low, high = parse("S-1 bid: BSA \u2264 1.25 m2, 40 mg; > 1.25 m2, 50 mg").components[0].bands
    assert low.holds(1.25) and not high.holds(1.25)
    assert high.holds(1.26) and not low.holds(1.26)
