from __future__ import annotations

import subprocess
import sys

import pytest

from dlpgate import config


def test_shipped_config_loads_and_matches_embedded_defaults():
    shipped = config.load("config/dlpgate.toml")
    assert shipped.smtp.listen == "127.0.0.1:10025"
    assert shipped.smtp.relay == "dir:var/outbox"
    assert shipped.storage.path == "var"
    assert set(shipped.rules) == set(config.DEFAULT_RULES)
    for name, rule in config.DEFAULT_RULES.items():
        assert shipped.rules[name] == rule


def test_partial_config_takes_defaults_for_the_rest(tmp_path):
    p = tmp_path / "d.toml"
    p.write_text(
        '[smtp]\nlisten = "127.0.0.1:2525"\nrelay = "127.0.0.1:10026"\n'
        '[domains]\ninternal = ["trust.nhs.uk"]\nsecure = ["nhs.net"]\n'
        f'[storage]\npath = "{tmp_path / "var"}"\n'
    )
    s = config.load(p)
    assert s.smtp.relay == "127.0.0.1:10026" and s.smtp.max_message_size == 25 * 1024 * 1024
    assert s.rules == config.DEFAULT_RULES


@pytest.mark.parametrize(
    "text, message",
    [
        ('[smtp]\nlisten = "127.0.0.1:10025"\nbogus = 1\n', "unknown key smtp.bogus"),
        ('[smpt]\nlisten = "x"\n', "unknown section [smpt]"),
        ('[smtp]\nrelay = "nowhere"\n', "smtp.relay must be host:port"),
        ('[smtp]\nallowed_clients = ["10.0.0.0/33"]\n', "smtp.allowed_clients has a bad network"),
        ('[smtp]\nmax_message_size = "big"\n', "smtp.max_message_size must be a whole number"),
        ('[notices]\nsender = "not an address"\n', "notices.sender has a bad address"),
        ('[rules.x]\nkinds = ["nhs_number"]\naction = "explode"\n', "rules.x.action"),
        ('[rewrite]\nmode = "cc"\n', "rewrite.mode"),
        ('[domains]\ninternal = ["@trust"]\n', "domains.internal has a bad domain"),
        ("not toml [", "is not valid TOML"),
    ],
)
def test_bad_config_is_one_clear_line(tmp_path, text, message):
    p = tmp_path / "bad.toml"
    p.write_text(text)
    with pytest.raises(config.ConfigError) as err:
        config.load(p)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_rules_merge_by_name_and_can_switch_to_audit(tmp_path):
    p = tmp_path / "r.toml"
    p.write_text('[rules.health_identifier_external]\naudit_only = true\n[rules.local]\nkinds = ["nhs_number"]\nrecipients = "any"\naction = "reject"\n')
    s = config.load(p)
    assert s.rules["health_identifier_external"].audit_only is True
    assert s.rules["health_identifier_external"].kinds == ("nhs_number", "chi_number", "hc_number")
    assert s.rules["local"].action == "reject"


@pytest.mark.parametrize(
    "text, message",
    [
        ('[detectors.nhs_number]\nwhatever = 1\n', "detectors.nhs_number.whatever"),
        ('[detectors.health_terms]\nlexicon = "missing.tsv"\n', "missing.tsv"),
    ],
)
def test_bad_detector_options_stop_the_gateway_with_one_line(tmp_path, text, message):
    p = tmp_path / "c.toml"
    p.write_text(text + f'[storage]\npath = "{tmp_path}"\n')
    proc = subprocess.run(
        [sys.executable, "-m", "dlpgate.cli", "serve", "--config", str(p)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], proc.stderr


def test_config_path_order(monkeypatch, tmp_path):
    monkeypatch.setenv("DLPGATE_CONFIG", str(tmp_path / "env.toml"))
    assert str(config.config_path("x.toml")) == "x.toml"
    assert config.config_path(None) == tmp_path / "env.toml"
