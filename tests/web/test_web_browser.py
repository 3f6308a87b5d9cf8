"""The console in a real browser: Debian's chromium driven by Playwright, against a real gateway.

One browser per module; each test has its own gateway, downstream sink and
browser context. A screenshot of every page visited goes under the test's tmp dir.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from dlpgate.links import load_secret, make_token
from tests.web.conftest import EXTERNAL, PASSWORD, SENDER, held_message, hold_notice_link

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# `make test` installs chromium (tests/system-packages.txt); in CI a missing browser fails instead of skipping.
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("CI"), reason="chromium is not installed (tests/system-packages.txt)"
)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def shots(tmp_path):
    folder = tmp_path / "screenshots"
    folder.mkdir()
    taken: list[Path] = []

    def shot(page, name: str) -> Path:
        path = folder / f"{len(taken) + 1:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        taken.append(path)
        return path

    shot.folder = folder
    shot.taken = taken
    yield shot
    keep = Path("/tmp/dlpgate-screens")
    if keep.parent.exists() and taken:  # a copy to look at after a local run
        keep.mkdir(exist_ok=True)
        for path in taken:
            shutil.copy(path, keep / path.name)


@pytest.fixture
def new_page(browser):
    contexts = []

    def make():
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        ctx.set_default_timeout(15000)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


def originals(sink) -> list[bytes]:
    return [raw for raw in sink.to(EXTERNAL) if b"X-DLPGate-Action: released by" in raw]


def wait_until(fn, timeout: float = 10.0):
    end = time.monotonic() + timeout
    while not (value := fn()) and time.monotonic() < end:
        time.sleep(0.05)
    return value


def log_in(page, gw, name: str, shots=None) -> None:
    page.goto(gw.url + "/queue")
    assert "/login" in page.url
    if shots:
        shots(page, "login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/queue")


def test_admin_finds_views_and_releases_a_held_message_once(console, sink, nhs, new_page, shots):
    gw = console()
    gw.add_user("alice", "admin")
    qid = gw.hold(held_message(nhs))
    page = new_page()
    log_in(page, gw, "alice", shots)
    assert page.get_by_role("link", name=qid).is_visible()
    shots(page, "queue")

    page.get_by_role("link", name=qid).click()
    page.wait_for_url(f"**/message/{qid}")
    assert page.get_by_role("heading", name="Findings by part").is_visible()
    assert page.get_by_text("*** *** " + nhs[0][-4:]).is_visible()
    shots(page, "message")

    page.get_by_label("Reason for viewing").fill("IG review ticket 1234")
    page.get_by_role("button", name="View content").click()
    page.wait_for_url(f"**/message/{qid}/content")
    marks = page.locator("mark").all_inner_texts()
    assert f"{nhs[0][:3]} {nhs[0][3:6]} {nhs[0][6:]}" in marks
    shown = page.locator("main").inner_text()
    assert "Diagnosis" in shown and "01632" not in shown and "•••• ••• •••" in shown
    shots(page, "content-masked")
    page.get_by_label("Reason to show everything unmasked").fill("IG review ticket 1234: the phone number")
    with page.expect_navigation():
        page.get_by_role("button", name="Show unmasked").click()
    assert "01632 960 123" in page.locator("main").inner_text()
    shots(page, "content-unmasked")

    page.get_by_role("link", name="Back to the message").click()
    page.get_by_label("Reason to release").fill("Patient asked for the letter by email")
    page.get_by_role("button", name="Release", exact=True).click()
    page.wait_for_url(f"**/message/{qid}")
    assert page.get_by_role("status").filter(has_text="released").count() >= 1
    shots(page, "released")
    assert len(wait_until(lambda: originals(sink))) == 1
    time.sleep(0.5)
    assert len(originals(sink)) == 1, "released more than once"

    for path, name in (("/audit", "audit"), ("/overview", "overview"), ("/users", "users"), ("/requests", "requests")):
        page.goto(gw.url + path)
        shots(page, name)
    page.goto(gw.url + f"/audit?ref={qid}")
    text = page.locator("table").inner_text()
    assert "view_content" in text and "release" in text and "web:alice" in text
    assert "Chain intact" in page.content()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login")
    page.goto(gw.url + "/queue")
    assert "/login" in page.url


def test_releaser_cannot_view_content(console, nhs, new_page, shots):
    gw = console()
    gw.add_user("rory", "releaser")
    qid = gw.hold(held_message(nhs))
    page = new_page()
    log_in(page, gw, "rory")
    page.goto(gw.url + f"/message/{qid}")
    assert page.get_by_role("button", name="View content").count() == 0
    assert page.get_by_text("viewing content needs the reviewer role").is_visible()
    shots(page, "releaser-message")
    token = page.locator("input[name=csrf]").first.get_attribute("value")
    r = page.request.post(gw.url + f"/message/{qid}/content", form={"csrf": token, "reason": "curious"})
    assert r.status == 403
    page.goto(gw.url + "/users")
    assert page.get_by_role("heading", name="Refused").is_visible()
    shots(page, "releaser-users-refused")


def test_a_post_without_csrf_is_refused(console, sink, nhs, new_page, shots):
    gw = console()
    gw.add_user("alice", "admin")
    qid = gw.hold(held_message(nhs))
    page = new_page()
    log_in(page, gw, "alice")
    page.goto(gw.url + f"/message/{qid}")
    # the form as a forged page would send it: everything but the token
    page.locator(f'form[action="/message/{qid}/release"] input[name=csrf]').evaluate("e => e.remove()")
    page.get_by_label("Reason to release").fill("forged")
    with page.expect_navigation():  # (the answer is a new page: read it once it has come)
        page.get_by_role("button", name="Release", exact=True).click()
    assert page.get_by_text("security token is missing").is_visible()
    shots(page, "csrf-refused")
    assert gw.store.get(qid).state == "held"
    assert originals(sink) == []


def test_expired_reused_and_tampered_links_are_refused(console, nhs, new_page, shots):
    gw = console()
    qid = gw.hold(held_message(nhs))
    secret = load_secret(gw.settings)
    page = new_page()

    good = make_token(secret, qid, SENDER, 3600)
    payload, sig = good.split(".")
    page.goto(f"{gw.url}/request/{payload}x.{sig}")
    assert page.get_by_role("heading", name="Link refused").is_visible() and page.get_by_text("not valid").is_visible()
    shots(page, "link-tampered")

    expired = make_token(secret, qid, SENDER, 3600, now=time.time() - 7200)
    page.goto(f"{gw.url}/request/{expired}")
    assert page.get_by_text("This link has expired").is_visible()
    shots(page, "link-expired")

    page.goto(f"{gw.url}/request/{good}")
    shots(page, "request-form")
    page.get_by_label("Why must this message go as it is?").fill("The patient asked for this by email.")
    with page.expect_navigation():
        page.get_by_role("button", name="Ask for release").click()
    assert page.get_by_text("sent to the reviewers").is_visible()
    page.goto(f"{gw.url}/request/{good}")
    assert page.get_by_text("already been used").is_visible()
    shots(page, "link-reused")
    assert gw.store.get(qid).state == "held"


def test_sender_requests_release_admin_approves_and_it_is_delivered(console, sink, nhs, new_page, shots):
    gw = console()
    gw.add_user("alice", "admin")
    qid = gw.hold(held_message(nhs))
    link = wait_until(lambda: any(b"/request/" in raw for raw in sink.to(SENDER))) and hold_notice_link(sink)

    sender = new_page()
    sender.goto(link)
    assert sender.get_by_role("heading", name=re.compile(qid)).is_visible()
    assert nhs[0] not in sender.content()
    sender.get_by_label("Why must this message go as it is?").fill("Patient requested their results by email; consent recorded.")
    with sender.expect_navigation():
        sender.get_by_role("button", name="Ask for release").click()
    assert sender.get_by_text("sent to the reviewers").is_visible()
    shots(sender, "request-sent")
    assert wait_until(lambda: [r for r in sink.to(f"ig-team@{gw.settings.domains.internal[0]}") if b"Release requested" in r])

    admin = new_page()
    log_in(admin, gw, "alice")
    assert admin.get_by_text("release requested").is_visible()
    admin.goto(gw.url + "/requests")
    assert admin.get_by_text("consent recorded").is_visible()
    shots(admin, "requests-pending")
    admin.get_by_role("link", name=qid).first.click()
    admin.get_by_label("Reason to approve (optional)").fill("Consent confirmed by phone")
    admin.get_by_role("button", name="Approve and release").click()
    admin.wait_for_url(f"**/message/{qid}")
    shots(admin, "request-approved")
    assert len(wait_until(lambda: originals(sink))) == 1
    told = wait_until(lambda: [r for r in sink.to(SENDER) if b"Message released" in r])
    assert len(told) == 1
    assert gw.store.get(qid).state == "released"
    time.sleep(0.3)
    assert len(originals(sink)) == 1


def test_cookies_saved_before_logout_open_nothing_in_a_new_browser(console, nhs, new_page, shots, browser):
    gw = console()
    gw.add_user("alice", "admin")
    page = new_page()
    log_in(page, gw, "alice")
    saved = page.context.cookies()
    assert any(c["name"] == "dlpgate_sid" and c["httpOnly"] and c["sameSite"] == "Strict" for c in saved)
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login")
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        ctx.add_cookies(saved)
        thief = ctx.new_page()
        thief.goto(gw.url + "/queue")
        assert "/login" in thief.url
        assert thief.get_by_text("Your session has ended").is_visible()
        shots(thief, "saved-cookie-after-logout")
    finally:
        ctx.close()
