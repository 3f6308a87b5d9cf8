"""A file name's date keeps its dashes; an encoded word with 8-bit text inside still reads; a
header block sent as a part (a bounce's returned headers) reads as a mail program shows it."""

from __future__ import annotations

import pytest

from dlpgate.mime.headers import decode_header_value, decoded_block
from dlpgate.mime.text import name_as_words
from dlpgate.types import Action
from tests.formats.docs import verdict
from tests.synthetic import nhs_numbers

N = nhs_numbers(1, seed=4471)[0]


def test_a_file_names_date_keeps_its_dashes() -> None:
    assert name_as_words("Example Leonard 01-02-1940 ECG fast AF.jpg") == "Example Leonard 01-02-1940 ECG fast AF.jpg"
    assert name_as_words("NHS-No-401-023-2137_letter.pdf") == "NHS No 401-023-2137 letter.pdf"


def test_an_encoded_word_with_8bit_text_inside_reads() -> None:
    raw = "=?iso-8859-1?Q?Se\udcc3\udca1n_Example_DOB_19/11/1948_-_diabetic_foot_ulcer?="
    assert decode_header_value(raw) == "Seán Example DOB 19/11/1948 - diabetic foot ulcer"


def test_a_header_blocks_encoded_words_are_decoded_and_their_folds_undone() -> None:
    block = (f"From: Lucy Example <lucy@example-trust.nhs.uk>\r\nSubject: =?utf-8?q?Referral_=E2=80=93_NHS_{N[:3]}_{N[3:6]}?=\r\n"
             f" =?utf-8?q?_{N[6:]}?=\r\nThread-Topic: Referral\r\nReceived: from a\r\n\tby b\r\n")
    assert decoded_block(block) == (f"From: Lucy Example <lucy@example-trust.nhs.uk>\nSubject: Referral \u2013 NHS {N[:3]} "
                                    f"{N[3:6]} {N[6:]}\nThread-Topic: Referral\nReceived: from a\r\n\tby b\n")
    assert decoded_block("Subject: plain\r\n") == "Subject: plain\r\n"


NDR = """From: Mail Delivery System <MAILER-DAEMON@mx02.example-trust.nhs.uk>
To: lucy@example-trust.nhs.uk
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="R1"

--R1
Content-Type: text/plain

Your message could not be delivered.

--R1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx02.example-trust.nhs.uk
Final-Recipient: rfc822; referrals@private-example.co.uk
Action: failed

--R1
Content-Type: {ctype}

From: Lucy Example <lucy@example-trust.nhs.uk>
To: referrals@private-example.co.uk
Subject: =?utf-8?q?Urgent_referral_=E2=80=93_Mrs_Ann_Example_=E2=80=93_NHS_{a}_{b}?=
 =?utf-8?q?_{c}?=
Message-ID: <a1@example-trust.nhs.uk>

--R1--
"""


@pytest.mark.parametrize("ctype", ["text/rfc822-headers", "message/global-headers"])
def test_a_bounces_returned_subject_in_encoded_words_is_read(ctype: str) -> None:
    raw = NDR.format(ctype=ctype, a=N[:3], b=N[3:6], c=N[6:]).replace("\n", "\r\n").encode()
    assert verdict(raw).action is Action.HOLD


def test_an_rfc2231_name_in_utf8_under_a_latin1_label_reads_as_utf8() -> None:
    import email

    from dlpgate.mime.headers import filename

    part = email.message_from_bytes(
        b"Content-Type: application/pdf\r\n"
        b"Content-Disposition: attachment; filename*=iso-8859-1''Jane%20Roe%20943%C2%A0476%C2%A05919.pdf\r\n\r\nx\r\n"
    )
    assert filename(part) == "Jane Roe 943\u00a0476\u00a05919.pdf"  # not "943Â 476Â 5919"
