"""Check-digit and range rules shared by the health-number detectors.

All functions take the 10 digits of a candidate as a string of ASCII digits
(no separators) and are pure. They are also used by the tests to *compute*
synthetic numbers, so the check-digit calculators are public.
"""

from __future__ import annotations

_MOD11_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def _is_ten_digits(digits: str) -> bool:
    return len(digits) == 10 and digits.isascii() and digits.isdigit()


def mod11_check_digit(first_nine: str) -> int | None:
    """The Modulus 11 check digit for nine digits, or None when no digit fits.

    Weights 10..2 over digits 1-9; check = 11 - (sum mod 11); 11 becomes 0 and
    10 means the nine digits can never form a valid number.
    """
    if len(first_nine) != 9 or not (first_nine.isascii() and first_nine.isdigit()):
        raise ValueError("mod11_check_digit needs exactly nine ASCII digits")
    total = sum(int(d) * w for d, w in zip(first_nine, _MOD11_WEIGHTS, strict=True))
    check = 11 - (total % 11)
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def mod11_valid(digits: str) -> bool:
    """True when the 10th digit is the Modulus 11 check digit of the first nine."""
    return _is_ten_digits(digits) and _mod11_ok(digits)


def _mod11_ok(digits: str) -> bool:
    """mod11_valid for ten ASCII digits, unchecked.

    Unrolled over the bytes: this runs once per 10-digit run in every message,
    and a clinic list has hundreds of thousands of them.
    """
    b = digits.encode("ascii")
    total = (
        b[0] * 10 + b[1] * 9 + b[2] * 8 + b[3] * 7 + b[4] * 6 + b[5] * 5 + b[6] * 4 + b[7] * 3 + b[8] * 2
    ) - 48 * 54  # 54 = the sum of the weights: takes off the ASCII "0" of each digit
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == b[9] - 48


def luhn_check_digit(payload: str) -> int:
    """The Modulus 10 (Luhn) check digit to append to ``payload``."""
    if not payload or not (payload.isascii() and payload.isdigit()):
        raise ValueError("luhn_check_digit needs ASCII digits")
    total = 0
    # Doubling starts at the rightmost payload digit (the check digit will sit right of it).
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def luhn_valid(digits: str) -> bool:
    """True when the last digit is the Modulus 10 (Luhn) check digit of the rest."""
    if len(digits) < 2 or not (digits.isascii() and digits.isdigit()):
        return False
    return luhn_check_digit(digits[:-1]) == int(digits[-1])


# --- ranges -----------------------------------------------------------------

#: First three digits of NHS numbers issued in England, Wales and the Isle of Man.
NHS_ISSUED_RANGES: tuple[tuple[int, int], ...] = ((400, 499), (600, 799))
#: The range reserved for test/synthetic NHS numbers (never issued to a patient).
NHS_TEST_RANGE: tuple[int, int] = (999, 999)
#: First three digits of Health and Care numbers (Northern Ireland).
HC_RANGE: tuple[int, int] = (320, 399)


def _prefixes(*ranges: tuple[int, int]) -> frozenset[str]:
    return frozenset(f"{p:03d}" for lo, hi in ranges for p in range(lo, hi + 1))


# The same ranges as sets of three-digit strings: one lookup per candidate.
_NHS_ISSUED_PREFIXES = _prefixes(*NHS_ISSUED_RANGES)
_NHS_TEST_PREFIXES = _prefixes(NHS_TEST_RANGE)
_HC_PREFIXES = _prefixes(HC_RANGE)


def nhs_in_range(digits: str, *, test_range: bool = False) -> bool:
    head = digits[:3]
    return head in _NHS_ISSUED_PREFIXES or (test_range and head in _NHS_TEST_PREFIXES)


def nhs_candidate_ok(digits: str, test_range: bool = False) -> bool:
    """is_nhs_number for a candidate already known to be ten ASCII digits (the hot path)."""
    head = digits[:3]
    return (head in _NHS_ISSUED_PREFIXES or (test_range and head in _NHS_TEST_PREFIXES)) and _mod11_ok(digits)


def is_nhs_number(digits: str, *, test_range: bool = False) -> bool:
    """A 10-digit string in an NHS range whose Modulus 11 check digit is right."""
    return nhs_in_range(digits, test_range=test_range) and mod11_valid(digits)


def is_hc_number(digits: str) -> bool:
    """A Northern Ireland Health and Care number: prefix 320-399, Modulus 11."""
    return digits[:3] in _HC_PREFIXES and mod11_valid(digits)


_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_ddmmyy(six: str) -> bool:
    """True when six digits are a real date DDMMYY.

    The century is unknown, so 29 February is accepted when YY % 4 == 0: the
    year is then a leap year in 19YY or 20YY (00 is a leap year as 2000).
    """
    if len(six) != 6 or not (six.isascii() and six.isdigit()):
        return False
    day, month, year = int(six[:2]), int(six[2:4]), int(six[4:])
    if not 1 <= month <= 12 or day < 1:
        return False
    if month == 2 and day == 29:
        return year % 4 == 0
    return day <= _DAYS_IN_MONTH[month - 1] and not (month == 2 and day > 28)


def chi_check(digits: str) -> str | None:
    """Which check rule a CHI candidate passes: "mod11", "luhn" or None.

    The first six digits must be a real DDMMYY date. Modulus 11 is the rule
    for existing numbers; Modulus 10 (Luhn) the rule NHS Scotland uses for
    numbers issued from 2025. Modulus 11 is reported first when both pass.
    """
    if not _is_ten_digits(digits) or not is_ddmmyy(digits[:6]):
        return None
    if mod11_valid(digits):
        return "mod11"
    if luhn_valid(digits):
        return "luhn"
    return None


# Verhoeff's dihedral-group check (SNOMED CT identifiers end in one): d(j, k), the
# permutation p applied i times to a digit in place i from the right, and the inverse.
_VERHOEFF_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 4, 0, 6, 7, 8, 9, 5), (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7), (4, 0, 1, 2, 3, 9, 5, 6, 7, 8), (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2), (7, 6, 5, 9, 8, 2, 1, 0, 4, 3), (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_VERHOEFF_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 5, 7, 6, 2, 8, 3, 0, 9, 4), (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7), (9, 4, 5, 3, 1, 2, 6, 8, 7, 0), (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5), (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
_VERHOEFF_INV = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)


def verhoeff_check_digit(payload: str) -> int:
    """The Verhoeff check digit to append to ``payload`` (ASCII digits)."""
    if not payload or not (payload.isascii() and payload.isdigit()):
        raise ValueError("verhoeff_check_digit needs ASCII digits")
    c = 0
    for i, ch in enumerate(reversed(payload)):
        c = _VERHOEFF_D[c][_VERHOEFF_P[(i + 1) % 8][ord(ch) - 48]]
    return _VERHOEFF_INV[c]


def verhoeff_valid(digits: str) -> bool:
    """The last of ``digits`` (two or more ASCII digits) is the Verhoeff check digit of the rest."""
    if len(digits) < 2 or not (digits.isascii() and digits.isdigit()):
        return False
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _VERHOEFF_D[c][_VERHOEFF_P[i % 8][ord(ch) - 48]]
    return c == 0
