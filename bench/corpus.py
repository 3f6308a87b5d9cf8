"""Synthetic benchmark mail: clean letters, referral letters with numbers, CSV lists, HTML newsletters.

Everything is generated from a seed: no real patient data. The throughput
messages are clean (they are delivered, like most mail), so the gateway and
the bare relay do the same SMTP work and differ only by the inspection.
"""

from __future__ import annotations

import os
import random
from email.message import EmailMessage
from email.policy import SMTP

WORDS = (
    "appointment clinic review letter patient team service community referral follow-up practice nurse "
    "discharge summary pharmacy results outpatient morning afternoon thank you for your recent please "
    "contact the department on the number below regarding arrangements transport parking reception"
).split()
CONDITIONS = "asthma diabetes hypertension eczema migraine arthritis anaemia".split()


def _mod11(nine: str) -> str | None:
    check = 11 - sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True)) % 11
    return None if check == 10 else nine + str(0 if check == 11 else check)


def nhs_number(rng: random.Random) -> str:
    while True:
        n = _mod11(f"{rng.randint(400, 499)}{rng.randint(0, 999999):06d}")
        if n:
            return f"{n[:3]} {n[3:6]} {n[6:]}"


def prose(rng: random.Random, size: int) -> str:
    out, n = [], 0
    while n < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))).capitalize() + "."
        if rng.random() < 0.3:
            sentence += f" Please call 01632 {rng.randint(100000, 999999)} or quote ref {rng.randint(10**5, 10**7)}."
        out.append(sentence)
        n += len(sentence) + 1
        if rng.random() < 0.15:
            out.append("\n\n")
    return " ".join(out)


def csv_list(rng: random.Random, size: int, with_ids: bool = False) -> str:
    rows = ["date,clinic,slot,ref,amount" + (",nhs_no" if with_ids else "")]
    n = 0
    while n < size:
        row = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},clinic {rng.randint(1, 40)},{rng.randint(8, 17)}:{rng.choice(['00', '30'])},{rng.randint(10**6, 10**8)},{rng.randint(1, 9999)}.{rng.randint(0, 99):02d}"
        if with_ids:
            row += "," + nhs_number(rng)
        rows.append(row)
        n += len(row) + 1
    return "\n".join(rows) + "\n"


def newsletter_html(rng: random.Random, size: int) -> str:
    parts, n = ["<html><body><h1>Trust news</h1>"], 0
    while n < size:
        p = f'<p style="font-family:Arial">{prose(rng, 300)}</p><a href="https://example.org/{rng.randint(1, 10**6)}">more</a>'
        parts.append(p)
        n += len(p)
    return "".join(parts) + "</body></html>"


def _message(
    subject: str, text: str, html: str | None = None, attachments=(), to="someone@partner.example.org"
) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "bench.sender@example-trust.nhs.uk"
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{os.urandom(6).hex()}@example-trust.nhs.uk>"
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    for name, maintype, subtype, data in attachments:
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def clean_letter(rng: random.Random, size: int) -> bytes:
    return _message("Clinic arrangements", prose(rng, size))


def referral_letter(rng: random.Random, size: int) -> bytes:
    text = (
        prose(rng, size // 2)
        + f"\n\nPatient NHS No: {nhs_number(rng)}, {rng.choice(CONDITIONS)}.\n\n"
        + prose(rng, size // 2)
    )
    return _message("Referral", text, to="gp.surgery@partner.example.org")


def csv_message(rng: random.Random, size: int, with_ids: bool = False) -> bytes:
    return _message(
        "Clinic list",
        prose(rng, 800),
        attachments=[("list.csv", "text", "csv", csv_list(rng, size, with_ids).encode())],
    )


def newsletter(rng: random.Random, size: int) -> bytes:
    html = newsletter_html(rng, size * 2 // 3)
    return _message("Trust news", prose(rng, size // 3), html=html)


def sized(size: int, seed: int = 1) -> bytes:
    """A clean message of about `size` bytes, shaped like ordinary mail of that size."""
    rng = random.Random(seed)
    if size <= 20_000:
        return clean_letter(rng, size)
    if size <= 500_000:  # a letter with an HTML part and a CSV list
        html = newsletter_html(rng, size // 3)
        csv = csv_list(rng, size // 3).encode()
        return _message(
            "Clinic update", prose(rng, size // 8), html=html, attachments=[("slots.csv", "text", "csv", csv)]
        )
    # a letter with a list and a photo (not read: OCR is off by default)
    csv = csv_list(rng, size // 6).encode()
    photo = b"\xff\xd8\xff\xe0" + rng.randbytes(int(size * 0.55))
    return _message(
        "Site photos and list",
        prose(rng, 4000),
        attachments=[("list.csv", "text", "csv", csv), ("site.jpg", "image", "jpeg", photo)],
    )


def cpu_heavy(seed: int = 2) -> bytes:
    """Inspection-bound mail: little to transfer, much text to read (HTML + CSV, no identifiers)."""
    rng = random.Random(seed)
    html = newsletter_html(rng, 60_000)
    csv = csv_list(rng, 80_000).encode()
    return _message("Newsletter and lists", prose(rng, 20_000), html=html, attachments=[("a.csv", "text", "csv", csv)])


def mixed(n: int = 40, seed: int = 3) -> list[bytes]:
    """The inspection-speed corpus: clean letters, referrals with numbers, CSV lists, HTML newsletters."""
    rng = random.Random(seed)
    makers = [
        lambda: clean_letter(rng, rng.randint(2_000, 20_000)),
        lambda: referral_letter(rng, rng.randint(2_000, 20_000)),
        lambda: csv_message(rng, rng.randint(20_000, 200_000), with_ids=rng.random() < 0.5),
        lambda: newsletter(rng, rng.randint(20_000, 150_000)),
    ]
    return [makers[i % len(makers)]() for i in range(n)]


# -- the real-mail mix ----------------------------------------------------------

REALMAIL_MAX_BYTES = 250_000


def realmail_mix() -> list[tuple[str, bytes]]:
    """Real mail from tests/realmail that a gateway delivers untouched, as (name, bytes).

    Left out, so the mix is what an MTA relays every day and both servers do the
    same SMTP work: cpython/ (the stdlib parser's torture tests), every message
    listed in expected_holds.toml (held mail goes to the quarantine, not
    downstream), messages with a line over 998 bytes (the bare aiosmtpd relay
    refuses them with 500), messages over 250 KB (a few spam and test messages
    that would be most of the bytes), and anything the default config does not
    simply deliver (a rewrite). What remains is about 3,700 messages, 4.8 KB on
    average, a few with attachments (zip, PDF, images, Office).
    """
    import tomllib
    from pathlib import Path

    from tests.realmail.harness import ROOT, message_files, scan

    listed = tomllib.loads((ROOT / "expected_holds.toml").read_text(encoding="utf-8"))
    skip = {e["file"] for section in ("hold", "known_false") for e in listed.get(section, [])}
    out = []
    for path in message_files():
        rel = path.relative_to(ROOT).as_posix()
        raw = Path(path).read_bytes()
        if rel.startswith("cpython/") or rel in skip or len(raw) > REALMAIL_MAX_BYTES:
            continue
        if max(map(len, raw.splitlines())) > 998:
            continue
        if scan(path).action != "deliver":
            continue
        out.append((rel, raw))
    return out
