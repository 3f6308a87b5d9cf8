"""Console sessions and login throttling on a real PostgreSQL shared by two nodes."""

from __future__ import annotations

from tests.ops.conftest import pg_url, postgres  # noqa: F401 - fixtures: a real server, a fresh database
from tests.web.test_web_http import page_csrf
from tests.web.test_web_security import client, logged_in, wrong_passwords_at_once


def test_a_session_opened_on_one_node_works_and_ends_on_the_other(console, pg_url):  # noqa: F811
    a = console(storage={"url": pg_url})
    b = console(storage={"url": pg_url})
    a.add_user("alice", "admin")
    c = logged_in(a, "alice")
    on_b = client(b)
    for k, v in c.cookies.items():
        on_b.cookies.set(k, v)
    assert on_b.get("/queue").status_code == 200
    assert c.post("/logout", data={"csrf": page_csrf(c)}).status_code == 303
    assert on_b.get("/queue").status_code == 303


def test_forty_parallel_wrong_passwords_across_two_nodes_get_at_most_the_limit_checked(console, pg_url):  # noqa: F811
    nodes = [console(storage={"url": pg_url}), console(storage={"url": pg_url})]
    nodes[0].add_user("rita", "reviewer")
    codes = wrong_passwords_at_once([nodes[i % 2] for i in range(40)], "rita")
    checked = [rec for rec in nodes[0].store.audit_records(200) if rec["event"] == "login_failed"]
    assert len(codes) == 40 and codes.count(401) <= 5 and len(checked) <= 5, (codes.count(401), len(checked))
