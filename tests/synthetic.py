"""Synthetic test data: NHS, CHI and H&C numbers computed to be valid, never real ones."""

from __future__ import annotations

import random


def mod11_check(nine: str) -> int | None:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def with_check(nine: str) -> str | None:
    check = mod11_check(nine)
    return None if check is None else nine + str(check)


def nhs_numbers(n: int, seed: int = 7, prefix_range: tuple[int, int] = (400, 499)) -> list[str]:
    """n distinct valid NHS numbers with the first three digits in prefix_range."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        nine = f"{rng.randint(*prefix_range)}{rng.randint(0, 999999):06d}"
        number = with_check(nine)
        if number and number not in out:
            out.append(number)
    return out


def spaced(number: str, sep: str = " ") -> str:
    return f"{number[:3]}{sep}{number[3:6]}{sep}{number[6:]}"


def build_message(
    body: str,
    *,
    subject: str = "Clinic list",
    sender: str = "dr.jones@example-trust.nhs.uk",
    to: str = "someone@partner.example.org",
    cc: str = "",
    attachments: list[tuple[str, str, bytes]] = (),
) -> bytes:
    """A plain MIME message built with the stdlib; attachments as (name, mimetype, data)."""
    from email.message import EmailMessage
    from email.policy import SMTP

    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    msg["Subject"] = subject
    msg["Message-ID"] = f"<test-{random.randint(0, 10**9)}@example-trust.nhs.uk>"
    msg.set_content(body)
    for name, mimetype, data in attachments:
        maintype, subtype = mimetype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()
