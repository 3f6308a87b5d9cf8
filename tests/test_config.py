from __future__ import annotations

import subprocess
import sys

import pytest

from dlpgate import config
from dlpgate.types import Action, HostPort, Limits


def test_shipped_config_loads_and_matches_embedded_defaults():
    shipped = config.load("config/dlpgate.toml")
    here = config.PROJECT_CONFIG_DIR
    assert shipped.smtp.listen == "127.0.0.1:10025"
    # Relative paths are resolved once, from the config file's folder.
    assert shipped.smtp.relay == f"dir:{here / 'var' / 'outbox'}"
    assert shipped.storage.path == str(here / "var")
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
        ('[rules.x]\nkinds = ["exposed_recipient"]\n', "rules.x.kinds: unknown finding kind 'exposed_recipient'"),
        ('[rules.unscannable_external]\nexcept_categories = ["encrypt"]\n', "rules.unscannable_external.except_categories: 'encrypt'"),
        ('[rules.x]\nkinds = ["health_terms"]\ncategories = ["hiv"]\n', "rules.x.categories: 'hiv' is not a category"),
        ('[rules.x]\nkinds = ["nhs_number"]\ncategories = ["encrypted"]\n', "rules.x.categories: 'encrypted'"),
        ('[notices.contact]\nemail = "nobody"\n', "notices.contact.email has a bad address"),
        ('[notices.contact]\nfax = "1"\n', "unknown key notices.contact.fax"),
        ('[notices]\ntemplates = "no-such-folder"\n', "notices.templates folder not found"),
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
    assert s.rules["local"].action is Action.REJECT


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


@pytest.mark.parametrize(
    "kind, category",
    [("unscannable", r) for r in ("encrypted", "corrupt", "too_large", "timeout", "ambiguous", "mismatch")]
    + [("health_terms", "mental_health"), ("patient_identifier", "dob"), ("exposed_recipients", "webmail")],
)
def test_every_declared_category_is_accepted(tmp_path, kind, category):
    p = tmp_path / "ok.toml"
    p.write_text(f'[rules.x]\nkinds = ["{kind}"]\ncategories = ["{category}"]\n')
    assert config.load(p).rules["x"].categories == (category,)


def test_vocabulary_covers_every_kind_the_detectors_emit():
    vocab = config.finding_vocabulary()
    for name in ("nhs_number", "chi_number", "hc_number", "health_terms", "patient_identifier", "exposed_recipients", "unscannable"):
        assert name in vocab
    from dlpgate.types import PROBLEM_REASONS

    assert vocab["unscannable"] == frozenset(PROBLEM_REASONS)


def test_relative_paths_resolve_from_the_config_folder_not_the_current_one(tmp_path, monkeypatch):
    conf = tmp_path / "etc"
    conf.mkdir()
    (conf / "terms.tsv").write_text("mental_health\tschizophrenia\n")
    p = conf / "dlpgate.toml"
    p.write_text(
        '[smtp]\nrelay = "dir:out"\n[storage]\npath = "state"\n[web]\nsecret_key_file = "k/web.key"\n'
        '[detectors.health_terms]\nlexicon = "terms.tsv"\n'
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    s = config.load("../etc/dlpgate.toml")
    assert s.storage.path == str(conf / "state")
    assert s.smtp.relay == f"dir:{conf / 'out'}"
    assert s.web.secret_key_file == str(conf / "k" / "web.key")
    assert s.detectors["health_terms"]["lexicon"] == str(conf / "terms.tsv")
    assert s.config_dir == str(conf)


def test_data_files_default_to_the_packaged_ones(tmp_path):
    p = tmp_path / "d.toml"
    p.write_text('[domains]\ninternal = ["trust.nhs.uk"]\n')
    eff = config.effective(config.load(p))
    lexicon = eff["detectors"]["health_terms"]["lexicon"]
    webmail = eff["detectors"]["exposed_recipients"]["webmail_domains"]
    assert lexicon.startswith(str(config.DATA_DIR)) and webmail.startswith(str(config.DATA_DIR))
    from pathlib import Path

    assert Path(lexicon).is_file() and Path(webmail).is_file()


def test_missing_configured_data_file_names_the_key(tmp_path):
    p = tmp_path / "d.toml"
    p.write_text('[detectors.exposed_recipients]\nwebmail_domains = "mine.txt"\n')
    with pytest.raises(config.ConfigError, match=r"detectors.exposed_recipients.webmail_domains: file not found: .*mine.txt"):
        config.load(p)


def test_example_values_warn(tmp_path):
    shipped = config.load("config/dlpgate.toml")
    warnings = config.example_warnings(shipped)
    assert any("domains.internal" in w and config.EXAMPLE_DOMAIN in w for w in warnings)
    assert any("notices.sender" in w for w in warnings)
    p = tmp_path / "d.toml"
    p.write_text('[domains]\ninternal = ["leeds-trust.nhs.uk"]\n[notices]\nsender = "dlpgate@leeds-trust.nhs.uk"\n')
    assert config.example_warnings(config.load(p)) == []


def test_shipped_config_marks_its_example_values():
    text = (config.PROJECT_CONFIG_DIR / "dlpgate.toml").read_text()
    for key in ('internal = ["example-trust.nhs.uk"]', 'sender = "dlpgate@example-trust.nhs.uk"'):
        before = text[: text.index(key)].splitlines()[-1]
        assert "EXAMPLE" in before, key


@pytest.mark.parametrize(
    "text, host, port",
    [("127.0.0.1:10025", "127.0.0.1", 10025), ("[::1]:25", "::1", 25), ("::1:25", "::1", 25), ("mx.example:0", "mx.example", 0)],
)
def test_host_port_is_parsed_once_into_a_typed_value(text, host, port):
    addr = HostPort.parse(text)
    assert (addr.host, addr.port) == (host, port)
    assert HostPort.parse(str(addr)) == addr


@pytest.mark.parametrize("text", ["nowhere", ":25", "host:", "host:65536", "host:2x", "host:²", "[::1:25", "::1]:25"])
def test_host_port_refuses_what_is_not_one(text):
    with pytest.raises(ValueError, match="must be host:port"):
        HostPort.parse(text)


@pytest.mark.parametrize(
    "table, message",
    [
        ({"smtp": {"listen": "[::1]"}}, "config: smtp.listen must be host:port, got '[::1]'"),
        ({"smtp": {"listen": "127.0.0.1:0"}}, "config: smtp.listen must be host:port, got '127.0.0.1:0'"),
        ({"web": {"listen": "localhost"}}, "config: web.listen must be host:port"),
        ({"metrics": {"listen": "9100"}}, "config: metrics.listen must be host:port"),
    ],
)
def test_a_bad_address_stops_the_load_naming_the_key(table, message):
    with pytest.raises(config.ConfigError) as err:
        config.from_mapping(table, config.PROJECT_CONFIG_DIR)
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


def test_addresses_and_actions_are_stored_typed():
    s = config.from_mapping(
        {"smtp": {"listen": "[::1]:2525", "relay": "mx.example:25"}, "metrics": {"listen": "0.0.0.0:9100"},
         "rules": {"local": {"kinds": ["nhs_number"], "action": "Reject"}}},
        config.PROJECT_CONFIG_DIR,
    )
    assert s.smtp.listen_addr == HostPort("::1", 2525) and s.smtp.relay_addr == HostPort("mx.example", 25)
    assert s.metrics.listen_addr == HostPort("0.0.0.0", 9100) and s.web.listen_addr == HostPort("127.0.0.1", 8025)
    assert config.Settings().metrics.listen_addr is None and config.Settings().smtp.relay_addr is None  # off; dir:
    assert s.rules["local"].action is Action.REJECT
    assert all(isinstance(r.action, Action) for r in s.rules.values())
    assert config.effective(s)["rules"]["local"]["action"] == "reject"  # printed as written


def test_inspection_settings_are_the_parser_limits():
    s = config.from_mapping({"inspection": {"max_depth": 3, "ocr": True, "timeout": 5}}, config.PROJECT_CONFIG_DIR)
    assert isinstance(s.inspection, Limits)
    assert (s.inspection.limits.max_depth, s.inspection.limits.ocr, s.inspection.timeout) == (3, True, 5.0)
    assert config.InspectionSettings().max_parts == Limits().max_parts  # one home for the defaults


def test_every_path_is_absolute_after_load(tmp_path):
    p = tmp_path / "d.toml"
    p.write_text('[storage]\npath = "state"\n')
    s = config.load(p)
    assert s.web.secret_key_file == str(tmp_path / "state" / "web-secret.key")  # "" = beside the store
    for det, key in config.DATA_FILE_OPTIONS:
        assert s.detectors[det][key].startswith(str(config.DATA_DIR))  # unset = the packaged file


def test_validation_does_no_io_and_file_checks_are_separate(tmp_path):
    s = config.Settings(smtp=config.SmtpSettings(tls_cert=str(tmp_path / "no.pem"), tls_key=str(tmp_path / "no.key")))
    assert config.validate(s) is s  # values only
    with pytest.raises(config.ConfigError, match="smtp.tls_cert file not found"):
        config.check_files(s)
