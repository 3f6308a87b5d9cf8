"""The console reads well, checked in Debian's chromium with a screenshot of each page.

Each test fails on the console as it was: dict reprs and wrapped dates on the
audit page, uneven axis ticks and no total on the overview, no subject or
recipient domains in the queue, "released" for a rewritten release, an error
page for a used release link, and an unmask reason box that came pre-filled.
"""

from __future__ import annotations

import re
import time

from dlpgate.links import load_secret, make_token
from dlpgate.web.overview import nice_ticks
from tests.synthetic import build_message
from tests.web.conftest import SENDER, held_message
from tests.web.test_web_browser import browser, log_in, new_page, pytestmark, shots  # noqa: F401 - fixtures, skip mark


def test_audit_details_are_words_and_each_date_is_one_line(console, nhs, new_page, shots):  # noqa: F811
    gw = console()
    gw.add_user("alice", "admin")
    qid = gw.hold(held_message(nhs))
    page = new_page()
    log_in(page, gw, "alice")
    page.goto(f"{gw.url}/audit")
    shots(page, "audit")
    table = page.locator("table").inner_text()
    assert "{" not in table and "}" not in table and "['" not in table and "': " not in table
    verdict_row = page.locator("tr", has=page.locator("td", has_text=re.compile(r"^verdict$"))).first
    details = verdict_row.locator("dl.details").inner_text()
    assert "NHS number" in details and "rules" in details and "hold" in details
    assert qid in verdict_row.inner_text()
    # a line box per wrapped line: the date and time must take exactly one
    lines = page.locator("td.when").evaluate_all(
        "cells => cells.map(c => { const r = document.createRange(); r.selectNodeContents(c); "
        "return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })"
    )
    assert lines and set(lines) == {1}, lines
    page.set_viewport_size({"width": 900, "height": 900})
    shots(page, "audit-narrow")
    lines = page.locator("td.when").evaluate_all(
        "cells => cells.map(c => { const r = document.createRange(); r.selectNodeContents(c); "
        "return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })"
    )
    assert set(lines) == {1}, lines


def test_overview_axis_has_even_round_ticks_and_a_total(console, nhs, new_page, shots):  # noqa: F811
    gw = console()
    gw.add_user("alice", "admin")
    for i in range(3):
        gw.hold(held_message([nhs[i]]))
    page = new_page()
    log_in(page, gw, "alice")
    page.goto(f"{gw.url}/overview")
    shots(page, "overview")
    ticks = [int(t) for t in page.locator("svg.chart text[text-anchor=end]").all_text_contents() if t.strip().isdigit()]
    assert ticks == [0, 1, 2, 3], ticks
    assert "Total: 3 messages acted on" in page.locator("main").inner_text()
    assert "total acted on: 3" in page.locator("svg.chart").text_content()
    assert page.locator("table tfoot").last.inner_text().split()[:2] == ["Total", "3"]


def test_nice_ticks_are_evenly_spaced_round_numbers():
    for peak in (1, 3, 7, 9, 13, 37, 99, 101, 1234, 55555):
        ticks = nice_ticks(peak)
        steps = {b - a for a, b in zip(ticks, ticks[1:], strict=False)}
        assert ticks[0] == 0 and ticks[-1] >= peak and len(steps) == 1 and len(ticks) <= 5, (peak, ticks)
        step = steps.pop()
        assert int(str(step)[0]) in (1, 2, 5) and set(str(step)[1:]) <= {"0"}, (peak, ticks)


def test_queue_shows_the_subject_masked_like_notices_and_the_recipient_domains(console, nhs, new_page, shots):  # noqa: F811
    gw = console()
    gw.add_user("alice", "admin")
    plain = gw.hold(held_message(nhs, subject="Meeting notes for Tuesday"))
    rcpts = ("x@partner.example.org", "y@partner.example.org", "z@nhs.net")
    flagged = gw.hold(
        build_message(f"NHS No: {nhs[1]}", subject=f"Re: patient {nhs[2]}", sender=SENDER, to=rcpts[0]), rcpts=rcpts
    )
    page = new_page()
    log_in(page, gw, "alice")
    shots(page, "queue")
    headers = page.locator("thead th").all_inner_texts()
    assert "Subject" in headers and "Recipient domains" in headers
    row = page.locator("tr", has=page.get_by_role("link", name=plain))
    assert "Meeting notes for Tuesday" in row.inner_text() and "partner.example.org" in row.inner_text()
    row = page.locator("tr", has=page.get_by_role("link", name=flagged))
    text = row.inner_text()
    assert "not shown" in text and nhs[2] not in text and "partner.example.org (2)" in text and "nhs.net" in text
    assert nhs[2] not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the queue is wider than the window"


def test_a_rewritten_release_is_shown_as_rewritten(console, sink, nhs, new_page, shots):  # noqa: F811
    gw = console()
    gw.add_user("alice", "admin")
    rcpts = ("a.patient@gmail.com", "b.patient@hotmail.co.uk")
    qid = gw.hold(build_message(f"NHS No: {nhs[1]}", to=", ".join(rcpts), sender=SENDER), rcpts=rcpts)
    other = gw.hold(held_message(nhs))
    page = new_page()
    log_in(page, gw, "alice")
    page.goto(f"{gw.url}/message/{qid}")
    page.get_by_label("Reason to release rewritten").fill("Fine to go as Bcc")
    page.get_by_role("button", name="Release rewritten").click()
    page.wait_for_url(f"**/message/{qid}")
    shots(page, "released-rewritten")
    assert page.locator("h1 .state").inner_text() == "released rewritten"
    assert page.get_by_role("status").filter(has_text="released rewritten").is_visible()
    page.goto(f"{gw.url}/message/{other}")
    page.get_by_label("Reason to release", exact=True).fill("Patient asked for it")
    page.get_by_role("button", name="Release", exact=True).click()
    page.wait_for_url(f"**/message/{other}")
    assert page.locator("h1 .state").inner_text() == "released"
    page.goto(f"{gw.url}/queue?state=released")
    shots(page, "queue-released")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the queue is wider than the window"
    assert page.locator("tr", has=page.get_by_role("link", name=qid)).locator(".state").inner_text() == "released rewritten"
    assert page.locator("tr", has=page.get_by_role("link", name=other)).locator(".state").inner_text() == "released"


def test_a_used_release_link_shows_where_the_request_stands(console, nhs, new_page, shots):  # noqa: F811
    gw = console()
    gw.add_user("alice", "admin")
    qid = gw.hold(held_message(nhs))
    token = make_token(load_secret(gw.settings), qid, SENDER, 3600)
    page = new_page()
    page.goto(f"{gw.url}/request/{token}")
    page.get_by_label("Why must this message go as it is?").fill("The patient asked for this by email.")
    page.get_by_role("button", name="Ask for release").click()
    page.get_by_text("sent to the reviewers").wait_for()
    page.goto(f"{gw.url}/request/{token}")
    shots(page, "link-reused-pending")
    assert page.get_by_role("heading", name="Where your message stands").is_visible()
    assert page.get_by_text("waiting for a reviewer").is_visible() and page.get_by_text("still held").is_visible()
    assert page.get_by_role("heading", name="Link refused").count() == 0 and page.locator(".flash.error").count() == 0

    admin = new_page()
    log_in(admin, gw, "alice")
    admin.goto(f"{gw.url}/message/{qid}")
    admin.get_by_label("Reason to decline (sent to the sender)").fill("Send it through the secure portal instead")
    admin.get_by_role("button", name="Decline").click()
    admin.wait_for_url(f"**/message/{qid}")
    page.goto(f"{gw.url}/request/{token}")
    shots(page, "link-reused-declined")
    assert page.get_by_text("declined", exact=True).is_visible()
    assert page.get_by_text("Send it through the secure portal instead").is_visible()


def test_the_unmask_reason_box_starts_empty(console, nhs, new_page, shots):  # noqa: F811
    gw = console()
    gw.add_user("alice", "admin")
    qid = gw.hold(held_message(nhs))
    page = new_page()
    log_in(page, gw, "alice")
    page.goto(f"{gw.url}/message/{qid}")
    page.get_by_label("Reason for viewing").fill("IG review ticket 1234")
    page.get_by_role("button", name="View content").click()
    page.wait_for_url(f"**/message/{qid}/content")
    shots(page, "content")
    box = page.get_by_label("Reason to show everything unmasked")
    assert box.input_value() == ""
    page.get_by_role("button", name="Show unmasked").click()  # an empty reason is not sent
    time.sleep(0.3)
    assert "Unmasked:" not in page.locator("main").inner_text()
    assert not any("[show unmasked]" in r["data"].get("reason", "") for r in gw.store.audit_records(50))


def test_an_admin_sees_a_locked_account_and_unlocks_it(console, new_page, shots):  # noqa: F811
    gw = console()
    gw.add_user("alice", "admin")
    gw.add_user("rita", "reviewer")
    for _ in range(5):
        try:
            gw.users.authenticate("rita", "not the password", "192.0.2.7")
        except Exception:  # LoginRefused each time
            pass
    page = new_page()
    log_in(page, gw, "alice")
    page.goto(f"{gw.url}/users")
    row = page.locator("tr", has=page.get_by_role("cell", name="rita", exact=True))
    assert "locked from 1 address" in row.inner_text()
    shots(page, "users-locked")
    row.get_by_role("button", name="Unlock").click()
    page.wait_for_url("**/users")
    assert page.get_by_role("status").filter(has_text="Failed logins of rita cleared (1 address)").is_visible()
    assert "locked" not in page.locator("tr", has=page.get_by_role("cell", name="rita", exact=True)).inner_text()
    assert any(r["event"] == "user_unlock" and r["actor"] == "web:alice" for r in gw.store.audit_records(50))
