"""TOML -> typed settings.

Every key has a default, so a config file may set only what differs. An unknown
key, a value of the wrong type or an unusable value raises ConfigError with one
line naming the key; the gateway refuses to start rather than run half-checked.

Loading runs in three steps, each in one place: every path is made absolute
(resolve_paths: relative ones from the folder of the config file, or the
current folder when there is none; unset detector data files are the ones
shipped in the package, DATA_DIR), each section checks its own values (the
`check` methods, no I/O), then the files the settings name are looked at
(check_files). Typed values (`Action`, `HostPort`) are made once: a rule's
action when its table is read, an address the first time it is asked for, which
the section's check does at load.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, get_origin, get_type_hints

from dlpgate.types import Action, HostPort, Limits

# Detector data shipped in the package (lexicon, webmail domains): the default
# for every data-file option a config does not set.
DATA_DIR = Path(str(resources.files("dlpgate") / "data"))
# The example config folder of a source checkout (used by `make run` and tests);
# never read at run time unless a config file there is named.
PROJECT_CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"
DEFAULT_CONFIG = Path("config/dlpgate.toml")
# Example values in the shipped config that a trust must replace.
EXAMPLE_DOMAIN = "example-trust.nhs.uk"
# Detector options that name a data file: (detector, option).
DATA_FILE_OPTIONS = (("health_terms", "lexicon"), ("exposed_recipients", "webmail_domains"))


class ConfigError(ValueError):
    """A config problem, described in one line naming the key."""


def _require(ok: bool, problem: str) -> None:
    """Stop the load with `problem` (which starts with the key) unless `ok`."""
    if not ok:
        raise ConfigError(f"config: {problem}")


def _choices(words: Iterable[str]) -> str:
    *rest, last = words
    return f"{', '.join(rest)} or {last}" if rest else last


def _one_of(key: str, value: str, allowed: tuple[str, ...]) -> None:
    _require(value in allowed, f"{key} must be {_choices(allowed)}")


def _positive(section: object, prefix: str, keys: Iterable[str]) -> None:
    for key in keys:
        _require(getattr(section, key) > 0, f"{prefix}.{key} must be positive")


def _hostport(text: str, key: str) -> HostPort:
    """`text` as an address to listen on or connect to; port 0 (any) is not one a config may name."""
    try:
        addr = HostPort.parse(text)
    except ValueError as exc:
        raise ConfigError(f"config: {key} {exc}") from None
    _require(addr.port > 0, f"{key} must be host:port, got {text!r}")
    return addr


def _check_domain(domain: str, key: str) -> None:
    d = domain.strip().lower()
    if not d or "@" in d or " " in d or d.startswith(".") or "." not in d and d != "localhost":
        raise ConfigError(f"config: {key} has a bad domain {domain!r}")


def _check_address(addr: str, key: str) -> None:
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(addr, check_deliverability=False, allow_smtputf8=True, test_environment=True)
    except EmailNotValidError as exc:
        raise ConfigError(f"config: {key} has a bad address {addr!r}: {exc}") from None


def _check_network(cidr: str, key: str) -> None:
    try:
        ipaddress.ip_network(cidr, strict=False)
    except ValueError:
        raise ConfigError(f"config: {key} has a bad network {cidr!r}") from None


@dataclass(frozen=True)
class SmtpSettings:
    listen: str = "127.0.0.1:10025"
    relay: str = "dir:var/outbox"
    hostname: str = ""
    max_message_size: int = 25 * 1024 * 1024
    allowed_clients: tuple[str, ...] = ("127.0.0.0/8", "::1/128")
    relay_timeout: float = 60.0
    relay_helo: str = ""
    # Seconds a downstream connection stays open after a message, for the next one; 0: one per message.
    relay_reuse_seconds: float = 5.0
    # Longest line accepted in DATA, in bytes as received (CRLF not counted); past
    # it the message gets 500. RFC 5321 promises only 998, but refusing longer
    # lines just bounces mail the next hop would take (dlpgate/smtp_data.py).
    max_line_length: int = 1024 * 1024
    # Worker processes sharing the listening port; 0 means one per CPU core.
    workers: int = 0
    # Seconds a stopping worker (reload, shutdown) gives sessions in progress to finish.
    shutdown_grace: float = 120.0
    # limits and abuse (see README "Limits")
    max_recipients: int = 1000
    max_header_count: int = 1000
    max_connections_per_client: int = 20
    # Seconds a new connection has for its first command (the real MTA sends EHLO at once).
    greeting_timeout: float = 30.0
    command_timeout: float = 300.0
    data_timeout: float = 600.0
    # TLS towards clients (STARTTLS) and towards the downstream
    tls_cert: str = ""
    tls_key: str = ""
    require_tls: bool = False
    relay_tls: str = "opportunistic"
    relay_ca_file: str = ""
    # optional SMTP AUTH (PLAIN/LOGIN, only after STARTTLS): name:argon2-hash lines
    auth_users_file: str = ""
    auth_max_failures: int = 3
    # Recipients of an internal domain whose local part routes elsewhere
    # (x%gmail.com@trust..., "x@gmail.com"@trust...): "refuse" (553 at RCPT) or "external".
    routed_local_parts: str = "refuse"

    @cached_property
    def listen_addr(self) -> HostPort:
        return _hostport(self.listen, "smtp.listen")

    @cached_property
    def relay_addr(self) -> HostPort | None:
        """The downstream MTA; None when `relay` is a dir: folder."""
        return None if self.relay.startswith("dir:") else _hostport(self.relay, "smtp.relay")

    def check(self) -> None:
        _ = self.listen_addr, self.relay_addr  # parsed here, so a bad one stops the load
        _require(self.relay_addr is not None or self.relay != "dir:", "smtp.relay dir: needs a folder, e.g. dir:var/outbox")
        _require(self.workers >= 0, "smtp.workers must be 0 (one per core) or more")
        _require(self.shutdown_grace >= 0, "smtp.shutdown_grace must not be negative")
        _positive(self, "smtp", ("max_message_size",))
        _require(
            self.max_line_length >= 1000,
            "smtp.max_line_length must be at least 1000 (RFC 5321 lines are up to 998 plus a dot)",
        )
        _positive(self, "smtp", ("max_recipients", "max_header_count", "max_connections_per_client"))
        _one_of("smtp.routed_local_parts", self.routed_local_parts, ("refuse", "external"))
        _positive(self, "smtp", ("command_timeout", "data_timeout", "greeting_timeout"))
        self._check_tls()
        _positive(self, "smtp", ("auth_max_failures",))
        _require(
            self.relay_reuse_seconds >= 0,
            "smtp.relay_reuse_seconds must be 0 (a connection per message) or more",
        )
        _one_of("smtp.relay_tls", self.relay_tls, ("none", "opportunistic", "required"))
        for cidr in self.allowed_clients:
            _check_network(cidr, "smtp.allowed_clients")

    def _check_tls(self) -> None:
        _require(bool(self.tls_cert) == bool(self.tls_key), "smtp.tls_cert and smtp.tls_key must be set together")
        _require(bool(self.tls_cert) or not self.require_tls, "smtp.require_tls needs smtp.tls_cert and smtp.tls_key")
        _require(
            bool(self.tls_cert) or not self.auth_users_file,
            "smtp.auth_users_file needs smtp.tls_cert and smtp.tls_key (AUTH only over TLS)",
        )


@dataclass(frozen=True)
class DomainSettings:
    internal: tuple[str, ...] = ()
    secure: tuple[str, ...] = ()

    def check(self) -> None:
        for key, domains in (("domains.internal", self.internal), ("domains.secure", self.secure)):
            for d in domains:
                _check_domain(d, key)


@dataclass(frozen=True)
class StorageSettings:
    path: str = "var"
    # 32-byte key file; when set, quarantined messages are encrypted at rest (AES-GCM)
    encryption_key_file: str = ""
    # postgresql://user:password@host:port/database: several nodes share one database.
    url: str = ""

    def check(self) -> None:
        _require(
            not self.url or self.url.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")),
            "storage.url must be postgresql://user:password@host:port/database",
        )


@dataclass(frozen=True)
class MetricsSettings:
    # host:port of the Prometheus /metrics and /healthz HTTP listener; "" switches it off.
    listen: str = ""

    @cached_property
    def listen_addr(self) -> HostPort | None:
        return _hostport(self.listen, "metrics.listen") if self.listen else None

    def check(self) -> None:
        _ = self.listen_addr  # parsed here, so a bad one stops the load


@dataclass(frozen=True)
class LoggingSettings:
    format: str = "text"  # text or json
    level: str = "info"

    def check(self) -> None:
        _one_of("logging.format", self.format, ("text", "json"))
        _one_of("logging.level", self.level.lower(), ("debug", "info", "warning", "error"))


@dataclass(frozen=True)
class ContactSettings:
    """Who staff should contact about held mail; named in every notice to a sender."""

    name: str = "your information governance team"
    email: str = ""
    phone: str = ""

    def check(self) -> None:
        if self.email:
            _check_address(self.email, "notices.contact.email")


@dataclass(frozen=True)
class NoticeSettings:
    sender: str = "postmaster@localhost.localdomain"
    admins: tuple[str, ...] = ()
    retry_seconds: float = 60.0
    max_attempts: int = 200
    notify_rewrite: bool = True
    # Tell the sender when an admin releases or deletes their held message.
    notify_decision: bool = True
    # A folder of Jinja2 templates (same names as dlpgate/notices/*.j2) that replace the shipped ones.
    templates: str = ""
    contact: ContactSettings = ContactSettings()

    def check(self) -> None:
        _check_address(self.sender, "notices.sender")
        for addr in self.admins:
            _check_address(addr, "notices.admins")
        self.contact.check()


@dataclass(frozen=True)
class RewriteSettings:
    mode: str = "bcc"

    def check(self) -> None:
        _one_of("rewrite.mode", self.mode, ("bcc", "split"))


@dataclass(frozen=True)
class InspectionSettings(Limits):
    """[inspection]: the parser's Limits (same keys; `ocr` among them) and how long and how often it may try."""

    timeout: float = 30.0
    # The same content failing inspection this many times (time-outs, or one error) is held as unscannable.
    max_failures: int = 2

    @property
    def limits(self) -> Limits:
        """What the parser is given: this section is a Limits."""
        return self

    def check(self) -> None:
        _require(self.max_failures >= 1, "inspection.max_failures must be 1 or more")
        _positive(self, "inspection", ("timeout",))


@dataclass(frozen=True)
class WebSettings:
    """The admin web console and the staff release-request pages."""

    enabled: bool = True
    listen: str = "127.0.0.1:8025"
    # Public address of the console, used for the link in hold notices (no link without it).
    base_url: str = ""
    # HMAC key for session cookies and request links; "" = <storage.path>/web-secret.key.
    secret_key_file: str = ""
    # Mark cookies Secure; also on when base_url starts with https://.
    secure_cookies: bool = False
    idle_timeout_minutes: float = 15.0
    # A console session ends this long after login, however busy.
    session_max_hours: float = 12.0
    request_ttl_days: float = 7.0
    # Failed logins per (account, address) before back-off; the lock doubles from a minute up to this.
    login_max_failures: int = 5
    login_lock_minutes: float = 15.0
    # Slow or greedy clients: all request headers within header_timeout, the body
    # within body_timeout, at most max_request_bytes of body, max_connections at once.
    header_timeout: float = 10.0
    body_timeout: float = 30.0
    max_request_bytes: int = 256 * 1024
    max_connections: int = 100

    @cached_property
    def listen_addr(self) -> HostPort:
        return _hostport(self.listen, "web.listen")

    def check(self) -> None:
        _ = self.listen_addr  # parsed here, so a bad one stops the load
        _require(
            not self.base_url or self.base_url.startswith(("http://", "https://")),
            "web.base_url must start with http:// or https://",
        )
        _positive(self, "web", (
            "idle_timeout_minutes", "session_max_hours", "request_ttl_days", "login_max_failures",
            "login_lock_minutes", "header_timeout", "body_timeout", "max_request_bytes", "max_connections",
        ))


@dataclass(frozen=True)
class QuarantineSettings:
    retention_days: int = 30
    purge_interval: float = 3600.0

    def check(self) -> None:
        _positive(self, "quarantine", ("retention_days", "purge_interval"))


@dataclass(frozen=True)
class Rule:
    """A named yes/no check over the findings; when it hits, `action` is proposed.

    kinds: finding kinds that make it hit (any one is enough).
    recipients: "external" (needs an external envelope recipient) or "any".
    requires_identifiable: also needs a finding that identifies a patient.
    audit_only: record the hit but deliver (for a trial period).
    categories: only findings of these categories count (empty = all), e.g.
        ["encrypted"] for unscannable; except_categories: findings of these do not.
    description: why the rule holds mail, in plain words for the sender's notice.
    min_confidence: findings below this confidence (0..1) do not count, neither
        as the rule's kinds nor as what identifies a patient.
    """

    name: str = ""
    kinds: tuple[str, ...] = ()
    recipients: str = "external"
    requires_identifiable: bool = False
    min_count: int = 1
    action: Action = Action.HOLD
    categories: tuple[str, ...] = ()
    except_categories: tuple[str, ...] = ()
    audit_only: bool = False
    sender_release: bool = False
    enabled: bool = True
    description: str = ""
    min_confidence: float = 0.0

    def __post_init__(self) -> None:
        # A rule written in code may name its action as a config file does ("hold").
        if isinstance(self.action, str):
            object.__setattr__(self, "action", Action.parse(self.action))

    def check(self, key: str, vocab: dict[str, frozenset[str]]) -> None:
        """The rule's values; `vocab` maps every finding kind to its categories (what the detectors declare)."""
        _one_of(f"{key}.recipients", self.recipients, ("external", "any"))
        _require(bool(self.kinds), f"{key}.kinds must name at least one finding kind")
        _require(
            0.0 <= self.min_confidence <= 1.0,
            f"{key}.min_confidence must be between 0 and 1, got {self.min_confidence}",
        )
        # A typo in a rule's kinds or categories would switch it off silently: refuse it.
        for kind in self.kinds:
            _require(kind in vocab, f"{key}.kinds: unknown finding kind {kind!r} (known: {', '.join(sorted(vocab))})")
        allowed = frozenset().union(*(vocab[k] for k in self.kinds))
        known = ", ".join(sorted(allowed)) or "none: these kinds have no categories"
        for part in ("categories", "except_categories"):
            for cat in getattr(self, part):
                _require(
                    cat in allowed,
                    f"{key}.{part}: {cat!r} is not a category of {', '.join(self.kinds)} (known: {known})",
                )


#: What the shipped rules act on: the number detectors report every candidate
#: with a confidence, and a number on its own scores about 0.73 (a CHI written together
#: with nothing for a patient around it, outside Scotland's mail, 0.40); a phone number,
#: another identifier or an ID list scores well below 0.5.
NUMBER_MIN_CONFIDENCE = 0.5

DEFAULT_RULES: dict[str, Rule] = {
    r.name: r
    for r in (
        Rule(
            name="health_identifier_external",
            kinds=("nhs_number", "chi_number", "hc_number"),
            min_confidence=NUMBER_MIN_CONFIDENCE,
            description="It contains patient numbers (NHS, CHI or H&C numbers) and was going to someone outside the organisation.",
        ),
        Rule(
            name="patient_health_data_external",
            kinds=("health_terms",),
            requires_identifiable=True,
            min_confidence=NUMBER_MIN_CONFIDENCE,
            description="It contains health information about a patient who can be identified, and was going outside the organisation.",
        ),
        Rule(
            name="unscannable_external",
            kinds=("unscannable",),
            description="Part of it could not be checked (for example a password-protected, damaged or very large file), and it was going outside the organisation.",
        ),
        Rule(
            name="exposed_recipients",
            kinds=("exposed_recipients",),
            except_categories=("attendees",),
            recipients="any",
            action=Action.REWRITE,
            description="Many people outside the organisation could see each other's email addresses.",
        ),
        Rule(
            name="exposed_attendees",
            kinds=("exposed_recipients",),
            categories=("attendees",),
            recipients="external",
            action=Action.HOLD,
            description=(
                "A meeting invitation would show many people outside the organisation each other's email"
                " addresses in its attendee list, which cannot be hidden by rewriting the message."
            ),
        ),
    )
}


@dataclass(frozen=True)
class Settings:
    smtp: SmtpSettings = SmtpSettings()
    domains: DomainSettings = DomainSettings()
    storage: StorageSettings = StorageSettings()
    notices: NoticeSettings = NoticeSettings()
    rewrite: RewriteSettings = RewriteSettings()
    inspection: InspectionSettings = InspectionSettings()
    web: WebSettings = WebSettings()
    quarantine: QuarantineSettings = QuarantineSettings()
    metrics: MetricsSettings = MetricsSettings()
    logging: LoggingSettings = LoggingSettings()
    detectors: dict[str, dict[str, Any]] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=lambda: dict(DEFAULT_RULES))
    # Folder relative paths were resolved from (the config file's folder).
    config_dir: str = str(PROJECT_CONFIG_DIR)
    source: str = "<embedded defaults>"


# What a key of each scalar type accepts: (test, what the error says it must be, conversion).
_SCALARS: dict[Any, tuple[Callable[[Any], bool], str, Callable[[Any], Any]]] = {
    float: (lambda v: isinstance(v, int | float) and not isinstance(v, bool), "a number", float),
    int: (lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number", int),
    bool: (lambda v: isinstance(v, bool), "true or false", bool),
    str: (lambda v: isinstance(v, str), "a string", str),
    Action: (
        lambda v: isinstance(v, str) and v.upper() in Action.__members__,
        _choices(a.label for a in Action),
        Action.parse,
    ),
}


def _convert(value: Any, hint: Any, key: str) -> Any:
    if isinstance(hint, type) and is_dataclass(hint):
        return _section(hint, value, key)
    if get_origin(hint) is tuple:
        _require(
            isinstance(value, list) and all(isinstance(v, str) for v in value), f"{key} must be a list of strings"
        )
        return tuple(value)
    scalar = _SCALARS.get(hint)
    _require(scalar is not None, f"{key}: a setting of a type the loader does not read ({hint})")
    assert scalar is not None
    accepts, what, convert = scalar
    _require(accepts(value), f"{key} must be {what}")
    return convert(value)


def _section(cls: type, table: Any, prefix: str, base: Any = None) -> Any:
    if not isinstance(table, dict):
        raise ConfigError(f"config: [{prefix}] must be a table")
    hints = get_type_hints(cls)
    names = {f.name for f in fields(cls)}
    values = {}
    for key, value in table.items():
        if key not in names or (key == "name" and cls is Rule):  # a rule's name is its table's name
            raise ConfigError(f"config: unknown key {prefix}.{key}")
        values[key] = _convert(value, hints[key], f"{prefix}.{key}")
    return replace(base if base is not None else cls(), **values)


def validate(settings: Settings) -> Settings:
    """Check values that have the right type but an unusable meaning, section by section (no I/O)."""
    for key in _SECTIONS:
        getattr(settings, key).check()
    vocab = finding_vocabulary()
    for name, rule in settings.rules.items():
        rule.check(f"rules.{name}", vocab)
    return settings


def check_files(settings: Settings) -> None:
    """The files and folders the (resolved) settings name are there: all the I/O of a load, in one place."""
    smtp = settings.smtp
    for key in ("tls_cert", "tls_key", "relay_ca_file"):
        path = getattr(smtp, key)
        _require(not path or Path(path).is_file(), f"smtp.{key} file not found: {path}")
    if smtp.auth_users_file:
        from dlpgate.auth import UsersFileError, load_users

        try:
            load_users(smtp.auth_users_file)
        except UsersFileError as exc:
            raise ConfigError(f"config: {exc}") from None
    key_file = settings.storage.encryption_key_file
    _require(not key_file or Path(key_file).is_file(), f"storage.encryption_key_file not found: {key_file}")
    templates = settings.notices.templates
    _require(not templates or Path(templates).is_dir(), f"notices.templates folder not found: {templates}")
    for det, key in DATA_FILE_OPTIONS:
        path = settings.detectors.get(det, {}).get(key)
        _require(not isinstance(path, str) or Path(path).is_file(), f"detectors.{det}.{key}: file not found: {path}")


def finding_vocabulary() -> dict[str, frozenset[str]]:
    """Every finding kind a rule may name -> its categories (what the detectors declare)."""
    from dlpgate.detectors import vocabulary

    return vocabulary()


def _resolve(base: Path, value: str) -> str:
    return value if not value or Path(value).is_absolute() else str((base / value).resolve())


def _resolved(section: Any, base: Path, keys: Iterable[str]) -> Any:
    """`section` with the paths under `keys` made absolute from `base`."""
    return replace(section, **{key: _resolve(base, getattr(section, key)) for key in keys})


def _data_files(detectors: dict[str, dict[str, Any]], base: Path) -> dict[str, dict[str, Any]]:
    """Detector options with every data file absolute: a configured one from `base`, an unset one (or "")
    the file shipped in the package. A value of the wrong type is left for the detector's own check."""
    from dlpgate.detectors import MODULES

    out = {name: dict(opts) for name, opts in detectors.items()}
    for det, key in DATA_FILE_OPTIONS:
        opts = out.setdefault(det, {})
        value = opts.get(key, "")
        if value == "":
            opts[key] = str(DATA_DIR / MODULES[det].DEFAULTS[key])
        elif isinstance(value, str):
            opts[key] = _resolve(base, value)
    return out


def resolve_paths(settings: Settings, base: Path) -> Settings:
    """Every path in the settings made absolute, once: relative ones from `base` (the config file's folder).

    Nothing after the load resolves a path again: the web secret's default place
    (<storage.path>/web-secret.key) and the packaged data files are filled in here too.
    """
    smtp = _resolved(settings.smtp, base, ("tls_cert", "tls_key", "relay_ca_file", "auth_users_file"))
    if smtp.relay.startswith("dir:") and smtp.relay[4:]:
        smtp = replace(smtp, relay="dir:" + _resolve(base, smtp.relay[4:]))
    storage = _resolved(settings.storage, base, ("path", "encryption_key_file"))
    web = _resolved(settings.web, base, ("secret_key_file",))
    if not web.secret_key_file:
        web = replace(web, secret_key_file=str(Path(storage.path) / "web-secret.key"))
    return replace(
        settings,
        smtp=smtp,
        storage=storage,
        web=web,
        notices=_resolved(settings.notices, base, ("templates",)),
        detectors=_data_files(settings.detectors, base),
        config_dir=str(base),
    )


def example_warnings(settings: Settings) -> list[str]:
    """Example values from the shipped config that are still set (logged at start)."""
    out = []
    for key, values in (("domains.internal", settings.domains.internal), ("domains.secure", settings.domains.secure)):
        if any(v.lower().rstrip(".") == EXAMPLE_DOMAIN or v.lower().endswith("." + EXAMPLE_DOMAIN) for v in values):
            out.append(f"{key} still lists the example domain {EXAMPLE_DOMAIN}: set your organisation's domains")
    for key, addr in (("notices.sender", settings.notices.sender), ("notices.contact.email", settings.notices.contact.email)):
        if addr.lower().endswith("@" + EXAMPLE_DOMAIN):
            out.append(f"{key} is the example address {addr}: set an address of your organisation")
    return out


def _plain(value: Any) -> Any:
    """Settings values as TOML/JSON data: lists for tuples, an action by its word."""
    if isinstance(value, Action):
        return value.label
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def effective(settings: Settings) -> dict[str, Any]:
    """The loaded settings as plain data (what `dlpgate config check` prints), detector options merged with defaults."""
    from dlpgate.detectors import MODULES, merged_options

    out: dict[str, Any] = {key: asdict(getattr(settings, key)) for key in _SECTIONS}
    out["detectors"] = {name: merged_options(name, settings.detectors.get(name, {})) for name in MODULES}
    out["rules"] = {name: {k: v for k, v in asdict(rule).items() if k != "name"} for name, rule in settings.rules.items()}
    return _plain(out)


_SECTIONS = {
    "smtp": SmtpSettings,
    "domains": DomainSettings,
    "storage": StorageSettings,
    "notices": NoticeSettings,
    "rewrite": RewriteSettings,
    "inspection": InspectionSettings,
    "web": WebSettings,
    "quarantine": QuarantineSettings,
    "metrics": MetricsSettings,
    "logging": LoggingSettings,
}


def _read_table(key: str, table: Any) -> Any:
    """One top-level table of a config file, as the Settings field of the same name."""
    if key in _SECTIONS:
        return _section(_SECTIONS[key], table, key)
    if key == "detectors":
        _require(
            isinstance(table, dict) and all(isinstance(v, dict) for v in table.values()), "[detectors.NAME] must be tables"
        )
        return {k: dict(v) for k, v in table.items()}
    if key == "rules":
        _require(isinstance(table, dict), "[rules.NAME] must be tables")
        rules = dict(DEFAULT_RULES)
        for name, rule_table in table.items():
            rules[name] = _section(Rule, rule_table, f"rules.{name}", rules.get(name, Rule(name=name)))
        return rules
    raise ConfigError(f"config: unknown section [{key}]")


def _finish(settings: Settings, base: Path) -> Settings:
    """Paths resolved from `base`, then every section checked, then the files looked at."""
    settings = resolve_paths(settings, base)
    validate(settings)
    check_files(settings)
    return settings


def from_mapping(data: dict[str, Any], config_dir: str | Path, source: str = "<mapping>") -> Settings:
    """Settings from parsed TOML; relative paths in it are resolved from config_dir."""
    values = {key: _read_table(key, table) for key, table in data.items()}
    return _finish(replace(Settings(source=source), **values), Path(config_dir).resolve())


def config_path(explicit: str | None) -> Path | None:
    """--config, else $DLPGATE_CONFIG, else config/dlpgate.toml if it exists."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("DLPGATE_CONFIG")
    if env:
        return Path(env)
    return DEFAULT_CONFIG if DEFAULT_CONFIG.exists() else None


def load(path: str | Path | None) -> Settings:
    if path is None:
        # No config file: relative defaults (storage.path "var") are from the current folder.
        return _finish(Settings(), Path.cwd())
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"config: file not found: {path}") from None
    except IsADirectoryError:
        raise ConfigError(f"config: {path} is a folder, not a config file") from None
    except PermissionError:
        raise ConfigError(f"config: cannot read {path}: permission denied (the service user must be able to read it)") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config: {path} is not valid TOML: {exc}") from None
    config_dir = path.resolve().parent
    return from_mapping(data, config_dir, str(path))
