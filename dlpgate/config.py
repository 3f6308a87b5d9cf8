"""TOML -> typed settings.

Every key has a default, so a config file may set only what differs. An unknown
key, a value of the wrong type or an unusable value raises ConfigError with one
line naming the key; the gateway refuses to start rather than run half-checked.

Relative paths (storage.path, smtp.relay dir:, key and certificate files, data
files of detectors, the notice template folder) are resolved once, at load, from
the folder of the config file (or the current folder when there is none). The
lexicon and the webmail domain list ship inside the package (DATA_DIR); a config
may point at its own files instead.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, get_origin, get_type_hints

from dlpgate.types import Action, Limits

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


@dataclass(frozen=True)
class DomainSettings:
    internal: tuple[str, ...] = ()
    secure: tuple[str, ...] = ()


@dataclass(frozen=True)
class StorageSettings:
    path: str = "var"
    # 32-byte key file; when set, quarantined messages are encrypted at rest (AES-GCM)
    encryption_key_file: str = ""
    # postgresql://user:password@host:port/database: several nodes share one database.
    url: str = ""


@dataclass(frozen=True)
class MetricsSettings:
    # host:port of the Prometheus /metrics and /healthz HTTP listener; "" switches it off.
    listen: str = ""


@dataclass(frozen=True)
class LoggingSettings:
    format: str = "text"  # text or json
    level: str = "info"


@dataclass(frozen=True)
class ContactSettings:
    """Who staff should contact about held mail; named in every notice to a sender."""

    name: str = "your information governance team"
    email: str = ""
    phone: str = ""


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


@dataclass(frozen=True)
class RewriteSettings:
    mode: str = "bcc"


@dataclass(frozen=True)
class InspectionSettings:
    timeout: float = 30.0
    # The same content failing inspection this many times (time-outs, or one error) is held as unscannable.
    max_failures: int = 2
    max_depth: int = Limits.max_depth
    max_parts: int = Limits.max_parts
    max_segment_chars: int = Limits.max_segment_chars
    max_expanded_bytes: int = Limits.max_expanded_bytes
    max_expansion_ratio: int = Limits.max_expansion_ratio
    max_archive_members: int = Limits.max_archive_members
    ocr: bool = False

    @property
    def limits(self) -> Limits:
        return Limits(
            max_depth=self.max_depth,
            max_parts=self.max_parts,
            max_segment_chars=self.max_segment_chars,
            max_expanded_bytes=self.max_expanded_bytes,
            max_expansion_ratio=self.max_expansion_ratio,
            max_archive_members=self.max_archive_members,
            ocr=self.ocr,
        )


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


@dataclass(frozen=True)
class QuarantineSettings:
    retention_days: int = 30
    purge_interval: float = 3600.0


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
    action: str = "hold"
    categories: tuple[str, ...] = ()
    except_categories: tuple[str, ...] = ()
    audit_only: bool = False
    sender_release: bool = False
    enabled: bool = True
    description: str = ""
    min_confidence: float = 0.0


#: What the shipped rules act on: the number detectors report every candidate
#: with a confidence, and a number on its own scores about 0.73; a phone number,
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
            recipients="any",
            action="rewrite",
            description="Many people outside the organisation could see each other's email addresses.",
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


def _convert(value: Any, hint: Any, key: str) -> Any:
    if is_dataclass(hint):
        return _section(hint, value, key)
    origin = get_origin(hint)
    if origin is tuple:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"config: {key} must be a list of strings")
        return tuple(value)
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"config: {key} must be a number")
        return float(value)
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"config: {key} must be a whole number")
        return value
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"config: {key} must be true or false")
        return value
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"config: {key} must be a string")
        return value
    raise ConfigError(f"config: {key} has an unsupported type")  # pragma: no cover


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


def _check_hostport(text: str, key: str) -> None:
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"config: {key} must be host:port, got {text!r}")


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


def validate(settings: Settings) -> Settings:
    """Check values that have the right type but an unusable meaning."""
    smtp = settings.smtp
    _check_hostport(smtp.listen, "smtp.listen")
    if smtp.relay.startswith("dir:"):
        if not smtp.relay[4:]:
            raise ConfigError("config: smtp.relay dir: needs a folder, e.g. dir:var/outbox")
    else:
        _check_hostport(smtp.relay, "smtp.relay")
    if smtp.workers < 0:
        raise ConfigError("config: smtp.workers must be 0 (one per core) or more")
    if smtp.shutdown_grace < 0:
        raise ConfigError("config: smtp.shutdown_grace must not be negative")
    url = settings.storage.url
    if url and not url.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
        raise ConfigError("config: storage.url must be postgresql://user:password@host:port/database")
    if settings.metrics.listen:
        _check_hostport(settings.metrics.listen, "metrics.listen")
    if settings.logging.format not in ("text", "json"):
        raise ConfigError("config: logging.format must be text or json")
    if settings.logging.level.lower() not in ("debug", "info", "warning", "error"):
        raise ConfigError("config: logging.level must be debug, info, warning or error")
    if smtp.max_message_size <= 0:
        raise ConfigError("config: smtp.max_message_size must be positive")
    if smtp.max_line_length < 1000:
        raise ConfigError("config: smtp.max_line_length must be at least 1000 (RFC 5321 lines are up to 998 plus a dot)")
    for key in ("max_recipients", "max_header_count", "max_connections_per_client"):
        if getattr(smtp, key) <= 0:
            raise ConfigError(f"config: smtp.{key} must be positive")
    if smtp.routed_local_parts not in ("refuse", "external"):
        raise ConfigError("config: smtp.routed_local_parts must be refuse or external")
    if settings.inspection.max_failures < 1:
        raise ConfigError("config: inspection.max_failures must be 1 or more")
    for key in ("command_timeout", "data_timeout", "greeting_timeout"):
        if getattr(smtp, key) <= 0:
            raise ConfigError(f"config: smtp.{key} must be positive")
    if bool(smtp.tls_cert) != bool(smtp.tls_key):
        raise ConfigError("config: smtp.tls_cert and smtp.tls_key must be set together")
    for key in ("tls_cert", "tls_key", "relay_ca_file"):
        if getattr(smtp, key) and not Path(getattr(smtp, key)).is_file():
            raise ConfigError(f"config: smtp.{key} file not found: {getattr(smtp, key)}")
    if smtp.require_tls and not smtp.tls_cert:
        raise ConfigError("config: smtp.require_tls needs smtp.tls_cert and smtp.tls_key")
    if smtp.auth_users_file:
        from dlpgate.auth import UsersFileError, load_users

        if not smtp.tls_cert:
            raise ConfigError("config: smtp.auth_users_file needs smtp.tls_cert and smtp.tls_key (AUTH only over TLS)")
        try:
            load_users(smtp.auth_users_file)
        except UsersFileError as exc:
            raise ConfigError(f"config: {exc}") from None
    if smtp.auth_max_failures <= 0:
        raise ConfigError("config: smtp.auth_max_failures must be positive")
    if smtp.relay_reuse_seconds < 0:
        raise ConfigError("config: smtp.relay_reuse_seconds must be 0 (a connection per message) or more")
    if smtp.relay_tls not in ("none", "opportunistic", "required"):
        raise ConfigError("config: smtp.relay_tls must be none, opportunistic or required")
    if settings.storage.encryption_key_file and not Path(settings.storage.encryption_key_file).is_file():
        raise ConfigError(f"config: storage.encryption_key_file not found: {settings.storage.encryption_key_file}")
    for cidr in smtp.allowed_clients:
        try:
            ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            raise ConfigError(f"config: smtp.allowed_clients has a bad network {cidr!r}") from None
    for key, domains in (("domains.internal", settings.domains.internal), ("domains.secure", settings.domains.secure)):
        for d in domains:
            _check_domain(d, key)
    _check_address(settings.notices.sender, "notices.sender")
    for addr in settings.notices.admins:
        _check_address(addr, "notices.admins")
    if settings.rewrite.mode not in ("bcc", "split"):
        raise ConfigError("config: rewrite.mode must be bcc or split")
    if settings.inspection.timeout <= 0:
        raise ConfigError("config: inspection.timeout must be positive")
    _check_hostport(settings.web.listen, "web.listen")
    if settings.web.base_url and not settings.web.base_url.startswith(("http://", "https://")):
        raise ConfigError("config: web.base_url must start with http:// or https://")
    for key in (
        "idle_timeout_minutes", "session_max_hours", "request_ttl_days", "login_max_failures", "login_lock_minutes",
        "header_timeout", "body_timeout", "max_request_bytes", "max_connections",
    ):
        if getattr(settings.web, key) <= 0:
            raise ConfigError(f"config: web.{key} must be positive")
    for key in ("retention_days", "purge_interval"):
        if getattr(settings.quarantine, key) <= 0:
            raise ConfigError(f"config: quarantine.{key} must be positive")
    for name, rule in settings.rules.items():
        try:
            Action.parse(rule.action)
        except KeyError:
            raise ConfigError(f"config: rules.{name}.action must be deliver, rewrite, hold or reject") from None
        if rule.recipients not in ("external", "any"):
            raise ConfigError(f"config: rules.{name}.recipients must be external or any")
        if not rule.kinds:
            raise ConfigError(f"config: rules.{name}.kinds must name at least one finding kind")
        if not 0.0 <= rule.min_confidence <= 1.0:
            raise ConfigError(f"config: rules.{name}.min_confidence must be between 0 and 1, got {rule.min_confidence}")
    _check_rule_vocabulary(settings.rules)
    if settings.notices.contact.email:
        _check_address(settings.notices.contact.email, "notices.contact.email")
    if settings.notices.templates and not Path(settings.notices.templates).is_dir():
        raise ConfigError(f"config: notices.templates folder not found: {settings.notices.templates}")
    return settings


def finding_vocabulary() -> dict[str, frozenset[str]]:
    """Every finding kind a rule may name -> its categories (what the detectors declare)."""
    from dlpgate.detectors import vocabulary

    return vocabulary()


def _check_rule_vocabulary(rules: dict[str, Rule]) -> None:
    """A typo in a rule's kinds or categories would switch it off silently: refuse it."""
    vocab = finding_vocabulary()
    for name, rule in rules.items():
        for kind in rule.kinds:
            if kind not in vocab:
                raise ConfigError(
                    f"config: rules.{name}.kinds: unknown finding kind {kind!r} (known: {', '.join(sorted(vocab))})"
                )
        allowed = frozenset().union(*(vocab[k] for k in rule.kinds))
        for key in ("categories", "except_categories"):
            for cat in getattr(rule, key):
                if cat not in allowed:
                    known = ", ".join(sorted(allowed)) or "none: these kinds have no categories"
                    raise ConfigError(
                        f"config: rules.{name}.{key}: {cat!r} is not a category of {', '.join(rule.kinds)} (known: {known})"
                    )


def _resolve(base: Path, value: str) -> str:
    return value if not value or Path(value).is_absolute() else str((base / value).resolve())


def resolve_paths(settings: Settings, base: Path) -> Settings:
    """Every relative path in the settings, made absolute from `base` (the config file's folder)."""
    smtp = settings.smtp
    relay = smtp.relay
    if relay.startswith("dir:") and relay[4:]:
        relay = "dir:" + _resolve(base, relay[4:])
    smtp = replace(
        smtp,
        relay=relay,
        tls_cert=_resolve(base, smtp.tls_cert),
        tls_key=_resolve(base, smtp.tls_key),
        relay_ca_file=_resolve(base, smtp.relay_ca_file),
        auth_users_file=_resolve(base, smtp.auth_users_file),
    )
    storage = replace(
        settings.storage,
        path=_resolve(base, settings.storage.path),
        encryption_key_file=_resolve(base, settings.storage.encryption_key_file),
    )
    web = replace(settings.web, secret_key_file=_resolve(base, settings.web.secret_key_file))
    notices = replace(settings.notices, templates=_resolve(base, settings.notices.templates))
    dets = {name: dict(opts) for name, opts in settings.detectors.items()}
    for det, key in DATA_FILE_OPTIONS:
        value = dets.get(det, {}).get(key)
        if value == "":
            del dets[det][key]  # "" = the file shipped in the package
        elif isinstance(value, str):
            path = _resolve(base, value)
            if not Path(path).is_file():
                raise ConfigError(f"config: detectors.{det}.{key}: file not found: {path}")
            dets[det][key] = path
    return replace(
        settings, smtp=smtp, storage=storage, web=web, notices=notices, detectors=dets, config_dir=str(base)
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


def effective(settings: Settings) -> dict[str, Any]:
    """The settings as plain data (what `dlpgate config check` prints), detector options merged with defaults."""
    from dlpgate.detectors import MODULES, merged_options

    out: dict[str, Any] = {}
    for key in _SECTIONS:
        out[key] = asdict(getattr(settings, key))
    detectors = {}
    for name in MODULES:
        opts = merged_options(name, settings.detectors.get(name, {}))
        for det, key in DATA_FILE_OPTIONS:
            if det == name and not Path(str(opts[key])).is_absolute():
                opts[key] = str(DATA_DIR / str(opts[key]))
        detectors[name] = opts
    out["detectors"] = detectors
    out["rules"] = {name: {k: v for k, v in asdict(rule).items() if k != "name"} for name, rule in settings.rules.items()}

    def plain(value: Any) -> Any:
        if isinstance(value, tuple | list):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return plain(out)


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


def from_mapping(data: dict[str, Any], config_dir: str | Path, source: str = "<mapping>") -> Settings:
    """Settings from parsed TOML; relative paths in it are resolved from config_dir."""
    settings = Settings(config_dir=str(config_dir), source=source)
    values: dict[str, Any] = {}
    for key, table in data.items():
        if key in _SECTIONS:
            values[key] = _section(_SECTIONS[key], table, key)
        elif key == "detectors":
            if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
                raise ConfigError("config: [detectors.NAME] must be tables")
            values["detectors"] = {k: dict(v) for k, v in table.items()}
        elif key == "rules":
            if not isinstance(table, dict):
                raise ConfigError("config: [rules.NAME] must be tables")
            rules = dict(DEFAULT_RULES)
            for name, rule_table in table.items():
                base = rules.get(name, Rule(name=name))
                rules[name] = _section(Rule, rule_table, f"rules.{name}", base)
            values["rules"] = {k: v for k, v in rules.items()}
        else:
            raise ConfigError(f"config: unknown section [{key}]")
    return validate(resolve_paths(replace(settings, **values), Path(config_dir).resolve()))


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
        return validate(resolve_paths(Settings(config_dir=str(Path.cwd())), Path.cwd()))
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
