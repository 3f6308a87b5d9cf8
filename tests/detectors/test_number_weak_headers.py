"""A column of ten-digit numbers under a header that names no kind of number ("ID", "No.",
"Number", "Key"): what its table's rows are decides, not the check digits alone.

Rows of things (kit, a ledger's suppliers and sums, parcels, staff and their faults) with
nothing of a patient or of health in or around the table are those things' references;
rows of patients, or of anyone's health, are still a patient list; a bare column of
numbers that pass, with nothing around it, still is too. And a list whose numbers pass
Modulus 11 where no scheme has them (a CHI's first digits that are no date) is some other
id space's, whose numbers pass the check as often as not.
"""

from __future__ import annotations

import random

import pytest

from dlpgate.detectors.checksums import _mod11_ok
from dlpgate.detectors.numbers import classify
from tests.detectors.test_number_lists import held, valid_nhs
from tests.synthetic import with_check


def _numbers(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        number = valid_nhs(rng)
        if number not in out:
            out.append(number)
    return out


def _schemeless(n: int, seed: int) -> list[str]:
    """Ten digits that pass Modulus 11 where no scheme has them: a CHI's first digits, no date."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        number = with_check(f"{rng.randint(10, 28)}{rng.randint(13, 99)}{rng.randrange(10**5):05d}")
        if number and classify(number) is None and number not in out:
            assert _mod11_ok(number)
            out.append(number)
    return out


def _csv(header: str, rows: list[str], numbers: list[str]) -> str:
    return header + "\n" + "\n".join(row.format(n=n) for row, n in zip(rows, numbers, strict=False)) + "\n"


_KIT = [
    "{n},Laptop Latitude 5440,Room B12,04/03/2026",
    "{n},Desktop tower,Switchboard,11/02/2026",
    "{n},Laptop Latitude 5440,Medical Physics store,19/01/2026",
    "{n},Label printer,Goods in,07/05/2026",
    "{n},Desktop tower,Room B12,23/06/2026",
    "{n},Docking station,Finance,30/04/2026",
]

_LEDGER = [
    "{n}  Bellgrove Catering Ltd  02/11/2026  \u00a3412.80",
    "{n}  Tarn Valley Linen  05/11/2026  \u00a31,090.00",
    "{n}  Bellgrove Catering Ltd  09/11/2026  \u00a3233.15",
    "{n}  Pike & Daughters Glazing  12/11/2026  \u00a36,750.00",
    "{n}  Tarn Valley Linen  16/11/2026  \u00a3880.40",
]

_USERS = [
    "Orla Fenwick,{n},Galaxy A25,Facilities",
    "Bartek Szymanski,{n},Nokia 225,Switchboard",
    "Yusuf Ahmadi,{n},Galaxy A25,Procurement",
    "Carys Pennant,N/K,Nokia 225,Facilities",
    "Lowri Bancroft,{n},Galaxy A25,Payroll",
    "Dominic Asante,{n},Nokia 225,Linen room",
]

_PARCELS = [
    "{n} | 01/12/2026 | Courier - Harrogate | Parcel returned to sender",
    "{n} | 02/12/2026 | Courier - Ripon | Parcel awaiting collection",
    "{n} | 02/12/2026 | Courier - Harrogate | Parcel returned to sender",
    "{n} | 03/12/2026 | Courier - Thirsk | Parcel awaiting collection",
    "{n} | 04/12/2026 | Courier - Ripon | Parcel returned to sender",
]

_FAULTS = [
    "{n}  Ruth Gallagher     Laptop will not boot",
    "{n}  Kofi Mensah        Cannot map shared drive",
    "{n}  Ruth Gallagher     Dock not charging laptop",
    "{n}  Anwen Price        Outlook keeps crashing",
    "{n}  Tariq Bashir       Desktop very slow after update",
]


@pytest.mark.parametrize(("text", "tabular"), [
    pytest.param(_csv("ID,Item,Location,Last checked", _KIT, _numbers(6, 1)), True, id="kit under ID"),
    pytest.param("Hello,\n\nStill unpaid at month end:\n\nNo.  Payee  Date  Total\n"
                 + "\n".join(r.format(n=n) for r, n in zip(_LEDGER, _numbers(5, 2), strict=True))
                 + "\n\nAccounts Payable\n", False, id="ledger under No."),
    pytest.param(_csv("Staff member,Number,Phone model,Dept", _USERS, _numbers(6, 3)), True, id="users under Number"),
    pytest.param("Key | Sent | Carrier | Status\n"
                 + "\n".join(r.format(n=n) for r, n in zip(_PARCELS, _numbers(5, 4), strict=True)) + "\n",
                 False, id="parcels under Key"),
    pytest.param("Key\tBooked\tSort centre\tLatest\n" + "\n".join(
        f"{n}\t0{d}/12/2026\t{hub}\t{latest}" for n, d, hub, latest in zip(
            _numbers(4, 6), (1, 2, 2, 3), ("Selby", "Goole", "Selby", "Tadcaster"),
            ("In transit", "Out for delivery", "In transit", "Out for delivery"), strict=True)) + "\n",
        False, id="rounds of a sort centre under Key"),
    pytest.param("Locum,Ref,Shift,Hours worked\n" + "\n".join(
        f"{who},{n},{shift},11.5" for who, n, shift in zip(
            ("Ines Carvalho", "Rowan Tate", "Ines Carvalho"), _numbers(3, 7), ("Night 14/11", "Long day 15/11", "Night 16/11"),
            strict=True)) + "\n", True, id="workers' shifts under Ref"),
    pytest.param("Morning,\n\nCould second line take these?\n\nID          Logged by          Fault\n"
                 + "-" * 50 + "\n" + "\n".join(r.format(n=n) for r, n in zip(_FAULTS, _numbers(5, 5), strict=True))
                 + "\n\nIT Service Desk\n", False, id="faults under ID"),
])
def test_a_weak_header_over_rows_of_things_is_no_patient_list(text: str, tabular: bool) -> None:
    assert not held(text, tabular)


_PATIENTS = [
    "{n},Edith Marchbank,Falls clinic,Referred to physiotherapy",
    "{n},Idris Pugh,Falls clinic,Discharged",
    "{n},Maureen Tansley,Falls clinic,Did not attend",
    "{n},Cyril Oakes,Falls clinic,Review in 6 weeks",
    "{n},Beatrix Lund,Falls clinic,Referred to physiotherapy",
]

_SWABS = [
    "{n},28/11/2026,Norovirus PCR,Positive",
    "{n},28/11/2026,Norovirus PCR,Negative",
    "{n},29/11/2026,Norovirus PCR,Positive",
    "{n},29/11/2026,Norovirus PCR,Positive",
    "{n},30/11/2026,Norovirus PCR,Negative",
]

_SCANS = [
    "Gethin Howell,{n},Order {k},Awaiting scan",
    "Priscilla Dunn,{n},Order {k},Scanned",
    "Amos Leach,{n},Order {k},Awaiting scan",
    "Verity Shaw,{n},Order {k},Scanned",
    "Ivor Blake,{n},Order {k},Awaiting scan",
]


@pytest.mark.parametrize(("text", "tabular"), [
    pytest.param(_csv("ID,Name,Clinic,Outcome", _PATIENTS, _numbers(5, 11)), True, id="patients under ID"),
    pytest.param(_csv("Number,Taken,Test,Result", _SWABS, _numbers(5, 12)), True, id="results, no names"),
    pytest.param("ID\n" + "\n".join(_numbers(6, 13)) + "\n", True, id="a bare column"),
    pytest.param("Name,Number,Order,Status\n" + "\n".join(
        r.format(n=n, k=k) for r, n, k in zip(_SCANS, _numbers(5, 14), range(30541, 30546), strict=True)) + "\n",
        True, id="named rows beside an order column"),
    pytest.param("No.  Department  Seen for\n" + "\n".join(
        f"{n}  {d}  {w}" for n, d, w in zip(_numbers(4, 15), ("Cardiology", "Respiratory", "Cardiology", "Stroke"),
                                              ("angina", "COPD exacerbation", "atrial fibrillation", "TIA"), strict=True))
        + "\n", False, id="departments of care"),
])
def test_a_weak_header_over_patients_or_nothing_is_still_a_patient_list(text: str, tabular: bool) -> None:
    assert held(text, tabular)


def test_numbers_passing_where_no_scheme_has_them_make_the_list_another_id_space() -> None:
    passing, schemeless = _numbers(5, 21), _schemeless(3, 22)
    mixed = [passing[0], schemeless[0], passing[1], passing[2], schemeless[1], passing[3], schemeless[2], passing[4]]
    assert not held("Tag\n" + "\n".join(mixed) + "\n", True)
    assert held("Tag\n" + "\n".join(_numbers(8, 23)) + "\n", True)


def test_one_number_where_no_scheme_has_it_leaves_a_long_patient_list_one() -> None:
    numbers = _numbers(9, 31)
    numbers[4] = _schemeless(1, 32)[0]
    assert held("Ref\n" + "\n".join(numbers) + "\n", True)


def test_rows_of_things_with_no_header_at_all_are_no_patient_list() -> None:
    kit = "\n".join(r.format(n=n) for r, n in zip(_KIT, _numbers(6, 41), strict=True)) + "\n"
    assert not held(kit, True)
    assert not held("Hi,\n\nBooked for collection:\n\n" + kit.replace(",", "  ") + "\nThanks\n", False)


def test_rows_of_patients_with_no_header_at_all_are_still_a_patient_list() -> None:
    rows = "\n".join(r.format(n=n) for r, n in zip(_PATIENTS, _numbers(5, 42), strict=True)) + "\n"
    assert held(rows, True)
    assert held("Hi,\n\nFrom this morning:\n\n" + rows.replace(",", "  ") + "\nThanks\n", False)
