"""The container files as written (no container runtime here: their content is checked,
and the config they ship is loaded as the gateway would load it)."""

from __future__ import annotations

import re
from pathlib import Path

from dlpgate import config

ROOT = Path(__file__).resolve().parents[2]
CONTAINER = ROOT / "deploy" / "container"


def port(hostport: str) -> str:
    return hostport.rpartition(":")[2]


def test_container_config_loads_and_listens_outside_the_container():
    s = config.load(CONTAINER / "dlpgate.toml")
    assert s.web.enabled and s.web.listen.startswith("0.0.0.0:")
    assert s.smtp.listen.startswith("0.0.0.0:") and s.metrics.listen.startswith("0.0.0.0:")
    assert s.storage.path == "/var/lib/dlpgate"


def test_containerfile_exposes_every_listener_and_checks_health():
    text = (CONTAINER / "Containerfile").read_text()
    s = config.load(CONTAINER / "dlpgate.toml")
    exposed = set(re.search(r"^EXPOSE (.+)$", text, re.M).group(1).split())
    assert {port(s.smtp.listen), port(s.web.listen), port(s.metrics.listen)} <= exposed
    health = re.search(r"^HEALTHCHECK .*?\n\s+CMD (.+)$", text, re.M | re.S).group(1)
    assert f"127.0.0.1:{port(s.metrics.listen)}/healthz" in health
    # No copying of the checkout's config folder into site-packages: the wheel carries its data.
    assert "site-packages" not in text
    assert "user add admin --role admin" in text  # the first-admin step
    assert "USER dlpgate" in text


def test_compose_publishes_the_console_and_says_how_to_make_the_first_admin():
    text = (CONTAINER / "compose.yaml").read_text()
    assert '"127.0.0.1:8025:8025"' in text
    assert "dlpgate user add admin --role admin" in text
