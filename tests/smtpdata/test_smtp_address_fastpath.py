"""The MAIL/RCPT address fast path gives exactly what aiosmtpd's own parser gives."""

from __future__ import annotations

import pytest
from aiosmtpd.smtp import SMTP
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlpgate.smtp import simple_address


class _Plain(SMTP):
    def __init__(self) -> None:  # only _getaddr is used: no event loop, no handler
        self.local_part_limit = 0


def stock(arg: str):
    return _Plain()._getaddr(arg)


_piece = st.sampled_from(
    ["<", ">", "a", "B", ".", "..", "@", "x-y", "example.org", " ", "\t", "SIZE=100", "(c)", '"q"', "[1.2.3.4]",
     "é", "_", "+", "=", "BODY=8BITMIME", ",", ":", "\\", "ß", "-", "0"]
)


_local = st.lists(st.sampled_from(["a", "B", ".", "x-y", "_", "+", "=", "'", "é", '"', " ", "0", "~"]), min_size=1, max_size=6)
_domain = st.lists(st.sampled_from(["example", ".", "org", "-", "nhs", "uk", "[1.2.3.4]", "é", "0"]), min_size=1, max_size=6)


@st.composite
def _addresses(draw) -> str:
    """Mostly well-formed "<local@domain> params", with parts that break the simple form."""
    addr = "".join(draw(_local)) + "@" + "".join(draw(_domain))
    rest = "".join(draw(st.lists(_piece, max_size=4)))
    return draw(st.sampled_from(["<", " <", "<<"])) + addr + draw(st.sampled_from([">", "", ">>"])) + rest


@given(st.lists(_piece, max_size=12).map("".join) | _addresses())
@settings(max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck))
def test_fast_path_matches_aiosmtpd_where_it_answers(arg):
    fast = simple_address(arg)
    if fast is not None:
        assert fast == stock(arg)


@pytest.mark.parametrize(
    "arg",
    [
        "<dr.jones@example-trust.nhs.uk>",
        "<dr.jones@example-trust.nhs.uk> SIZE=5000 BODY=8BITMIME",
        "<a+tag@x.org>\tSMTPUTF8",
        "<o'brien@partner.example.org>",
    ],
)
def test_common_addresses_take_the_fast_path(arg):
    assert simple_address(arg) is not None
    assert simple_address(arg) == stock(arg)


@pytest.mark.parametrize("arg", ['<"quoted local"@x.org>', "<a@[127.0.0.1]>", "<a@x.org> (comment)", "<>", "a@x.org", "<a..b@x.org>"])
def test_anything_else_is_left_to_aiosmtpd(arg):
    assert simple_address(arg) is None


def test_the_generated_addresses_often_take_the_fast_path():
    taken = []

    @given(_addresses())
    @settings(max_examples=500, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    def run(arg):
        taken.append(simple_address(arg) is not None)

    run()
    assert sum(taken) > 25
