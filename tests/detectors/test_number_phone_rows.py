"""A number among other phone numbers: a contacts list's rows, a phone earlier in its clause,
another kind of account's number; and the patient's record line that holds a phone number
and the NHS number side by side (each case with the one it must not hide)."""

from __future__ import annotations

from tests.detectors.test_number_other_labels import held
from tests.synthetic import nhs_numbers

N = nhs_numbers(4, seed=97, prefix_range=(600, 799))


def hyphened(n: str) -> str:
    return f"{n[:3]}-{n[3:6]}-{n[6:]}"


def test_a_row_of_a_contacts_list_whose_other_rows_are_phones_is_a_phone() -> None:
    sites = (
        "Site contacts for the feasibility calls are below.\n\n"
        f"Boston site coordinator: Maria Example, {hyphened(N[0])}\n"
        "Toronto site: Dr K. Example, +1 416 555 0159\n"
    )
    assert not held(sites)
    rota = f"Numbers for the decant weekend:\n\nGary Example - {N[1]}\nSecurity control room - 0113 496 0999\n"
    assert not held(rota)
    # a patient's row holds a phone and the number: its neighbour's phone says nothing of it
    patients = (
        "Referrals for home oxygen (COPD):\n"
        f"Mrs Ada Example, 07700 900461, {N[2]}\n"
        f"Mr Bob Example, 07700 900462, {N[3]}\n"
    )
    assert held(patients)


def test_after_a_uk_phone_and_a_comma_a_number_is_the_records_next_field() -> None:
    line = f"referral for home oxygen assessment (COPD, sats 86% on air):\n\nMrs Ada Example, 07700 900461, {N[0]}\n"
    assert held(line)
    # ... but "or" names the same thing twice: two ways to ring
    assert not held(f"Please call the office on 0161 496 0000 or {N[0]} after six.")


def test_a_phone_or_an_account_earlier_in_its_clause() -> None:
    assert not held(f"Reach me on my US cell while I'm at the conference next week: {N[1]}.")
    assert not held(f"Please update your records - our customer account number with you is {N[2]} (not the old one).")
    assert held(f"Please update the patient's record - her NHS number is {N[2]} (not the old one).")


def test_a_phone_cue_before_both_numbers_makes_the_comma_a_list_of_phones() -> None:
    assert not held(f"Estates & Facilities, Example Teaching Hospitals NHS Trust\nTel: 0113 496 0000, {N[0]}\n")
    assert not held(f"Call 617.555.0100 x204, {N[1]} for the lab.")  # an office's number with its extension
    # a patient's line: the phone however written, then the number
    assert held(f"memory loss over 12 months, MoCA 19/30.\nMrs Fiona Example, (0113) 496 0345, {N[2]}\nThanks")
    assert held(f"postural hypotension on ramipril.\nMrs Hilda Example, +44 7700 900 471, {N[3]}\nKind regards")


def test_one_persons_details_between_their_phones_are_no_contacts_list() -> None:
    block = f"Transport booking for Thursday, pick up 9am:\nMr Eric Example\nHome: 0113 496 0967\n{N[0]}\nCarer: 07700 900 967\n"
    assert held(block)


def test_a_trial_kits_number_is_a_things() -> None:
    log = "".join(f"Participant 00{i} - kit no. {n} dispensed 02/03/2026 (visit 4), returned 12 tablets.\n" for i, n in enumerate(N[:3]))
    assert not held("Drug accountability for the study:\n" + log)
