"""A number among other phone numbers: a contacts list's rows, a phone earlier in its clause,
another kind of account's number; and the patient's record line that holds a phone number
and the NHS number side by side (each case with the one it must not hide)."""

from __future__ import annotations

from tests.detectors.test_number_other_labels import held
from tests.synthetic import nhs_numbers, with_check

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


# --- North America's phone numbers -----------------------------------------------------------


def _north_american(area: str) -> str:
    """A number in a North American area code's range that passes Modulus 11 (an H&C number's
    for 320-399, an NHS number's for 4xx-7xx): "346 555 01x" and its check digit."""
    for i in range(100):
        number = with_check(f"{area}5550{i:02d}"[:9])
        if number is not None:
            return number
    raise AssertionError(area)


HOUSTON = _north_american("346")
CHICAGO = _north_american("331")
BOSTON = _north_american("617")


def dashed(n: str, sep: str = "-") -> str:
    return f"{n[:3]}{sep}{n[3:6]}{sep}{n[6:]}"


def test_a_number_written_as_north_america_writes_phones_in_mail_about_people_there_is_a_phone() -> None:
    # another number in the bracketed area-code form
    assert not held(
        "People for the validation work:\nAlex Example (Texas team): (713) 555-0166\n"
        f"Our statistician Noel Example - {dashed(HOUSTON)} (evenings)\n"
    )
    # dots, and a time zone of theirs
    assert not held(f"Dana Example ({dashed(CHICAGO, '.')}) leads the Illinois arm and is online from 8am Central Time.")
    # a state and ZIP code in the signature
    assert not held(
        f"Casey will send the export format tonight.\n\nCasey Example\nExample Informatics Inc.\n{dashed(BOSTON)}\n"
        "200 Example Street, Cambridge, MA 02139\n"
    )
    assert not held(f"The registry sponsor in the USA is Example Bio, {dashed(HOUSTON, '.')}, for the data agreement.")
    # ... but the same numbers under a health number's label, in North American mail, are health numbers
    assert held(f"Our US-based colleague asked about the transfer. H&C number: {dashed(HOUSTON)} (Mrs Example)")
    assert held(f"Records request from the Boston clinic (call (617) 555-0123): NHS number {dashed(BOSTON)}")
    # nothing of North America: dashes alone are the NHS's writing too
    assert held(f"Ward 6 discharge list for tomorrow:\n{dashed(HOUSTON)}\n{dashed(BOSTON)}\n")
    # "US" an ultrasound's, "CT" a scan's: no country, no time zone
    assert held(f"Booked for US abdomen then 14:30 CT chest, {dashed(CHICAGO)}, fasting from midnight.")
