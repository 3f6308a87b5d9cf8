"""The header shortcuts give what the plain readings give.

* ``raw_index`` (one pass over a header block) holds, for every name, what
  ``raw_values`` returns for it, and ``addresses`` reads the same with or without it;
* address lists parsed once per message give what a fresh parse gives;
* ``_shallow`` (two counts in C first) agrees with ``_nesting`` against the limit.
"""

from __future__ import annotations

import email
import email.policy

from hypothesis import given, settings
from hypothesis import strategies as st

from dlpgate.mime import headers as H
from tests.realmail.harness import message_files

NAMES = ("from", "to", "cc", "bcc", "subject", "message-id", "content-type", "content-transfer-encoding",
         "content-disposition", "resent-to", "resent-cc", "resent-bcc", "x-missing")


def test_index_matches_raw_values_on_real_mail() -> None:
    for path in message_files():
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.compat32)
        index = H.raw_index(msg)
        for name in {*NAMES, *(k.lower() for k in msg.keys() if isinstance(k, str))}:
            assert index.get(name, []) == H.raw_values(msg, name), (path.name, name)
        for group in (("from",), ("to",), ("cc",), ("bcc", "resent-bcc")):
            assert H.addresses(msg, *group, index=index) == H.addresses(msg, *group), (path.name, group)
        # Lists parsed once per message (kept on it) read as a fresh parse reads them.
        fresh = email.message_from_bytes(path.read_bytes(), policy=email.policy.compat32)
        for name in H.ADDRESS_FIELDS:
            raws = [H._fix_8bit(H.unfold(v)) for v in H.raw_values(fresh, name)]
            assert H.parsed_address_list(msg, raws) == H.safe_getaddresses(raws), (path.name, name)
        assert H.address_problem_fields(msg) == [
            name for name in H.ADDRESS_FIELDS
            if H.raw_values(fresh, name)
            and not H.safe_getaddresses([H._fix_8bit(H.unfold(v)) for v in H.raw_values(fresh, name)])[1]
        ]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet='()":\\ a,g<>@', max_size=200), st.integers(0, 120), st.integers(0, 120))
def test_shallow_agrees_with_nesting(value: str, opens: int, colons: int) -> None:
    for text in (value, "(" * opens + value + ")" * opens, "g:" * colons + value, '"' + "(" * opens + '"' + value):
        assert H._shallow(text) == (H._nesting(text) <= H.MAX_ADDRESS_NESTING)
