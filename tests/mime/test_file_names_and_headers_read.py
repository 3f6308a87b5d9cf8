"""A file name's date keeps its dashes; an encoded word with 8-bit text inside still reads."""

from __future__ import annotations

from dlpgate.mime.headers import decode_header_value
from dlpgate.mime.text import name_as_words


def test_a_file_names_date_keeps_its_dashes() -> None:
    assert name_as_words("Example Leonard 01-02-1940 ECG fast AF.jpg") == "Example Leonard 01-02-1940 ECG fast AF.jpg"
    assert name_as_words("NHS-No-401-023-2137_letter.pdf") == "NHS No 401-023-2137 letter.pdf"


def test_an_encoded_word_with_8bit_text_inside_reads() -> None:
    raw = "=?iso-8859-1?Q?Se\udcc3\udca1n_Example_DOB_19/11/1948_-_diabetic_foot_ulcer?="
    assert decode_header_value(raw) == "Seán Example DOB 19/11/1948 - diabetic foot ulcer"
