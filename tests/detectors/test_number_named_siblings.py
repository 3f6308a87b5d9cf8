"""What a number's siblings say of it: a plural noun and a comma before a list of numbers
("the two dockets, ... and ..."), a bare number in a text whose others of its form are
named as another thing's (a ticket's, an order's), and a column of UK mobiles a sheet
stripped of their leading 0 beside landlines. Each with the patient's case it must not hide."""

from __future__ import annotations

from tests.detectors.test_number_other_labels import held
from tests.synthetic import nhs_numbers

N = nhs_numbers(4, seed=311)
M = nhs_numbers(4, seed=53, prefix_range=(771, 779))  # pass the check digit, and read as 07... mobiles


def test_a_plural_noun_and_a_comma_name_the_numbers_listed_after_them() -> None:
    assert not held(f"Any news on the two dockets, {N[0]} and {N[1]}? Neither has reached the stores yet.")
    assert not held(f"Quick update on last week's builds, {N[2]}, {N[3]} - both failed the smoke test.\n")
    # the patients' own things, or the patients themselves, before the comma
    assert held(f"Two of this morning's samples, {N[0]} and {N[1]}, were haemolysed; please repeat.")
    assert held(f"Results for the patients, {N[2]} and {N[3]}, are back from the lab.")


def test_a_bare_number_beside_its_named_siblings_is_one_more_of_their_kind() -> None:
    text = (
        f"Hello,\n\nStill seeing the same fault. The engineer reckons it is the one we had in {N[1]} "
        "(roaming profile rebuild), which you resolved on Friday.\n\nRegards,\nPaul\n\n"
        f"> Your Ticket #{N[0]} has been updated by the service desk\n> State: Awaiting user\n"
    )
    assert not held(text)
    # a patient spoken of near it, a person named beside it, or a health number's label in the text
    assert held(text.replace("(roaming profile rebuild)", "(the patient's record would not open)"))
    assert held(text.replace(f"in {N[1]} ", f"in\nMrs Joan Example {N[1]}\n"))
    assert held(text + f"\nNHS number {N[2]}\n")
    # nothing said of it in brackets, as a list of such things writes each one's subject
    assert held(text.replace(" (roaming profile rebuild)", ""))
    # no sibling named: a bare number alone is weighed as before
    assert held(text.replace(f"Your Ticket #{N[0]}", "Your call"))


def _contacts(header: str, mobiles: list[str]) -> str:
    rows = "".join(f"Person {k} Example\tPorter\t{m}\t0113496{k:04d}\n" for k, m in enumerate(mobiles))
    return f"On-call numbers for the move on Sunday:\n\n{header}" + rows + "\nThe mobiles are missing their 0, sorry.\n"


def test_a_column_of_mobiles_that_lost_their_zero_beside_landlines_is_phones() -> None:
    assert not held(_contacts("Name\tJob\tNo.\tOther No.\n", M))
    assert not held(_contacts("", M[:3]))  # no header at all
    # under a health number's header, or mixed with numbers of other shapes, or with no phone on the rows
    assert held(_contacts("Name\tJob\tNHS No\tPhone\n", M))
    assert held(_contacts("Name\tJob\tNo.\tOther No.\n", [*M[:2], N[0], M[2]]))
    assert held("Ward 9 list:\n\nName\tNo.\n" + "".join(f"Person {k} Example\t{m}\n" for k, m in enumerate(M)))


def test_a_sheets_column_of_mobiles_without_their_zero_is_phones() -> None:
    sheet = "Name,Job,No.,Other No.\n" + "".join(f"Person {k} Example,Porter,{m},0113496{k:04d}\n" for k, m in enumerate(M))
    assert not held(sheet, tabular=True)
    assert held(sheet.replace("No.,Other", "NHS No,Other"), tabular=True)
    assert held(sheet.replace(",0113496", ",Ward "), tabular=True)  # no phone on the rows
