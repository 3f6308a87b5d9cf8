"""The `dlpgate` command: serve, scan, quarantine, audit, users and config.

Exit status: 0 success; 1 the command ran but did not succeed (a file could not
be read, a message was not held so nothing was released, the audit chain is
broken); 2 a usage or configuration error, or a storage/database failure
(one line on stderr, no traceback); 130 interrupted (Ctrl-C).
`scan` exits 0 whatever the verdict: the verdict is its output.
Every command that prints something prints text, or JSON with --json.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import re
import sys
import time
from email import policy
from email.message import Message
from email.parser import BytesParser
from pathlib import Path
from typing import Any

from dlpgate import __version__, pipeline
from dlpgate import config as config_mod
from dlpgate.detectors.base import DetectorConfigError
from dlpgate.mime.headers import addresses as header_addresses
from dlpgate.mime.headers import safe_getaddresses
from dlpgate.report import finding_rows, note_rows
from dlpgate.store import QuarantineState, StoredVerdict, StoreError, database_address
from dlpgate.types import Envelope

OK, FAILED, USAGE, INTERRUPTED = 0, 1, 2, 130
DEFAULT_LIMIT = 50


class Fatal(Exception):
    """Stops the command with one line on stderr (exit 2)."""


def load_settings(args: argparse.Namespace) -> config_mod.Settings:
    return config_mod.load(config_mod.config_path(getattr(args, "config", None)))


def actor(args: argparse.Namespace) -> str:
    return getattr(args, "actor", None) or f"cli:{getpass.getuser()}"


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False), flush=True)


def when(ts: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime(ts)) if ts else "-"


_AGO = re.compile(r"^(\d+)\s*([mhdw])$")


def since_arg(text: str) -> float:
    """--since: "7d", "12h", "30m", "2w", or a date/time "2026-12-01" / "2026-12-01T09:00" (UTC)."""
    m = _AGO.match(text.strip().lower())
    if m:
        return time.time() - int(m.group(1)) * {"m": 60, "h": 3600, "d": 86400, "w": 604800}[m.group(2)]
    from datetime import UTC, datetime

    try:
        dt = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not 7d, 12h, 30m or a date like 2026-12-01") from None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).timestamp()


def _whole_number(least: int, what: str):
    """An argparse type: a whole number of at least ``least``."""

    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number{what}") from None
        if n < least:
            raise argparse.ArgumentTypeError(f"must be {least} or more")
        return n

    return parse


positive_int = _whole_number(1, "")
days_arg = _whole_number(0, " of days")


def reason_arg(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("must not be empty (it is recorded in the audit trail)")
    return text.strip()


# -- scan --------------------------------------------------------------------


def envelope_from_headers(raw: bytes) -> Envelope:
    # Headers only, and an address parser that survives absurd nesting.
    msg = BytesParser(policy=policy.compat32).parsebytes(raw, headersonly=True)
    sender = safe_getaddresses(msg.get_all("From", []) or msg.get_all("Sender", []))[0]
    return Envelope(
        mail_from=sender[0][1] if sender else "",
        rcpt_tos=tuple(addr for addr in _header_recipients(msg) if _MAILBOX.fullmatch(addr)),
    )


_MAILBOX = re.compile(r"[^@\s<>]+@[^@\s<>]+")  # local@domain, nothing missing
_RESENT = ("resent-to", "resent-cc", "resent-bcc")


def _header_recipients(msg: Message) -> tuple[str, ...]:
    """The recipients a mail server takes from the headers (``sendmail -t``): those of the
    Resent- fields when the message was resent, else of To, Cc and Bcc. Each mailbox's own
    address: not one its display name or a comment shows ("jane@gmail.com" <jane@trust>).
    A list that does not parse cleanly (a list in encoded words, a broken quote) is read as
    the pipeline reads it, every local@domain it shows."""
    names = _RESENT if any(msg.get_all(name) for name in _RESENT) else ("to", "cc", "bcc")
    values = [str(v) for name in names for v in msg.get_all(name, [])]
    pairs, clean = safe_getaddresses(values)
    parsed = tuple(addr for _, addr in pairs)
    if clean and parsed and all(_MAILBOX.fullmatch(addr) for addr in parsed):
        return parsed
    return header_addresses(msg, *names)


def cmd_scan(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    engine = pipeline.build_engine(settings)
    status = OK
    for name in args.files:
        try:
            raw = Path(name).read_bytes()
        except OSError as exc:
            emit_scan(args, {"file": name, "error": f"cannot read: {exc.strerror or exc.__class__.__name__}"})
            status = FAILED
            continue
        env = envelope_from_headers(raw)
        if args.sender is not None:
            env = Envelope(args.sender, env.rcpt_tos)
        if args.to:
            env = Envelope(env.mail_from, tuple(args.to))
        try:
            verdict = pipeline.inspect(raw, env, engine)
        except Exception as exc:  # one file's failure must not stop the batch
            emit_scan(args, {"file": name, "error": f"inspection failed: {exc.__class__.__name__}"})
            status = FAILED
            continue
        emit_scan(
            args,
            {
                "file": name,
                "action": verdict.action.label,
                "rules": list(verdict.rules),
                "findings": finding_rows(verdict),
                "notes": note_rows(verdict),
            },
        )
    return status


def emit_scan(args: argparse.Namespace, result: dict) -> None:
    if args.json:
        print_json(result)
        return
    print(result["file"])
    if "error" in result:
        print(f"  error: {result['error']}")
        return
    print(f"  action: {result['action']}")
    if result["rules"]:
        print(f"  rules:  {', '.join(result['rules'])}")
    for f in result["findings"]:
        print(f"  - {f['where']}: {f['kind']} x{f['count']}")
    for n in result.get("notes", ()):
        print(f"  note: {n['where']}: {n['reason']}{'' if n['severe'] else ' (minor)'}")


# -- quarantine and audit -----------------------------------------------------


def open_store(settings: config_mod.Settings):
    """The configured store; a failure is one line naming storage.path or the database."""
    from dlpgate.store import store_for

    try:
        return store_for(settings)
    except OSError as exc:
        raise Fatal(f"storage.path {settings.storage.path}: cannot create or open it: {exc.strerror or exc}") from None
    except StoreError as exc:
        if settings.storage.url:
            raise Fatal(f"storage.url {database_address(settings.storage.url)}: {storage_message(exc).removeprefix('storage: ')}") from None
        raise Fatal(f"storage.path {settings.storage.path}: {storage_message(exc).removeprefix('storage: ')}") from None


def service(args: argparse.Namespace, settings: config_mod.Settings | None = None):
    from dlpgate.actions.relay import relay_for
    from dlpgate.admin.service import AdminService

    settings = settings or load_settings(args)
    return AdminService(open_store(settings), relay_for(settings.smtp), settings)


def held_line(s: dict) -> str:
    rcpts = len(s["recipients"])
    return f"{s['id']}  {s['state']:9} {s['received']}  {s['sender']}  -> {rcpts} rcpt  [{', '.join(s['rules'])}]"


def show_text(held, verdict: StoredVerdict) -> str:
    from dlpgate.admin.requests import findings_lines_for

    s = held.summary()
    lines = [
        f"ID:          {s['id']}",
        f"State:       {s['state']} (by {held.updated_by}, {when(held.updated)})",
        f"Received:    {s['received']}",
        f"Sender:      {s['sender']}",
        f"Recipients:  {len(s['recipients'])}: {', '.join(s['recipients'])}",
        f"Subject:     {held.subject or '(none)'}",
        f"Size:        {held.size} bytes, sha256 {held.sha256}",
        f"Action:      {held.action}",
        f"Rules:       {', '.join(s['rules'])}",
        "Found:",
        *[f"  - {line}" for line in findings_lines_for(held)],
    ]
    return "\n".join(lines)


def cmd_quarantine(args: argparse.Namespace) -> int:
    from dlpgate.admin.service import NotFound

    settings = load_settings(args)
    svc = service(args, settings)
    who = actor(args)
    try:
        if args.qcmd == "list":
            rows = svc.find(state=args.state, sender=args.sender, rule=args.rule, since=args.since, limit=args.limit)
            for held in rows:
                print_json(held.summary()) if args.json else print(held_line(held.summary()))
            if not args.json and not rows:
                print("no held mail matches", file=sys.stderr)
            return OK
        if args.qcmd == "show":
            if args.content and not (args.reason or "").strip():
                raise Fatal("quarantine show --content needs --reason (viewing held content is audited)")
            held = svc.show(args.id, who)
            if args.content:
                sys.stdout.flush()
                sys.stdout.buffer.write(svc.content(args.id, who, args.reason))
                return OK
            if args.json:
                print(json.dumps(held.summary() | {"verdict": held.verdict.to_json(), "sha256": held.sha256}, indent=2, ensure_ascii=False))
            else:
                print(show_text(held, held.verdict))
            return OK
        if args.qcmd == "release":
            if args.rewritten:
                result = asyncio.run(svc.release_rewritten(args.id, who, args.reason))
            else:
                result = asyncio.run(svc.release(args.id, who, args.reason))
            print_json({"id": args.id, "released": result.released, "message": result.message}) if args.json else print(result.message)
            return OK if result.released else FAILED
        if args.qcmd == "purge":
            days = args.days if args.days is not None else settings.quarantine.retention_days
            purged = svc.purge(days)
            if args.json:
                print_json({"days": days, "expired": purged})
            else:
                print(f"{len(purged)} messages older than {days} days expired (content dropped, audit kept)")
            return OK
        if args.qcmd == "delete":
            ok = svc.delete(args.id, who, args.reason)
            if args.json:
                print_json({"id": args.id, "deleted": ok})
            else:
                print(f"{args.id} deleted" if ok else f"{args.id} is not held: nothing deleted")
            return OK if ok else FAILED
    except NotFound:
        raise Fatal(f"no held message with ID {args.id}") from None
    finally:
        svc.store.close()
    return USAGE


def _flat(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(f"{k}:{_flat(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ",".join(_flat(v) for v in value) or "-"
    return str(value)


def audit_line(rec: dict) -> str:
    data = " ".join(f"{k}={_flat(v)}" for k, v in rec["data"].items()) if isinstance(rec["data"], dict) else _flat(rec["data"])
    return f"{rec['seq']:6}  {rec['time']}  {rec['event']:16} {rec['actor']:22} {rec['ref'] or '-':22} {data}"


def cmd_audit(args: argparse.Namespace) -> int:
    store = open_store(load_settings(args))
    try:
        if args.acmd == "list":
            rows = audit_rows(store, args)
            for rec in rows:
                print_json(rec) if args.json else print(audit_line(rec))
            return OK
        result = store.audit_verify()
        if args.json:
            print_json({"ok": result.ok, "count": result.count, "first_bad": result.first_bad, "reason": getattr(result, "reason", "")})
            return OK if result.ok else FAILED
        if result.ok:
            print(f"audit chain intact: {result.count} records")
            return OK
        print(f"audit chain BROKEN at record {result.first_bad}: {result.reason} ({result.count} records verified before it)")
        return FAILED
    finally:
        store.close()


def audit_rows(store, args: argparse.Namespace) -> list[dict]:
    """The newest `limit` records that match the filters, oldest first."""
    filtering = any(v is not None for v in (args.since, args.event, args.actor_name, args.sender))
    records = store.audit_records(None if filtering else args.limit, args.ref)
    out = []
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(args.since)) if args.since is not None else None
    for rec in records:  # newest first
        if since is not None and rec["time"] < since:
            break
        if args.event and rec["event"] != args.event:
            continue
        if args.actor_name and rec["actor"] != args.actor_name:
            continue
        if args.sender and not (isinstance(rec["data"], dict) and str(rec["data"].get("sender", "")).lower() == args.sender.lower()):
            continue
        out.append(rec)
        if len(out) >= args.limit:
            break
    return list(reversed(out))


def cmd_keygen(args: argparse.Namespace) -> int:
    from dlpgate.store.crypto import write_key

    try:
        kid = write_key(args.path)
    except FileExistsError:
        raise Fatal(f"{args.path} exists; a key is never overwritten") from None
    except OSError as exc:
        raise Fatal(f"cannot write {args.path}: {exc.strerror}") from None
    if args.json:
        print_json({"path": args.path, "key_id": kid})
        return OK
    print(f"wrote a new 32-byte key to {args.path} (mode 0600, key id {kid})")
    print("set storage.encryption_key_file to this path, and keep a copy: held mail cannot be read without it")
    return OK


def cmd_auth_hash(args: argparse.Namespace) -> int:
    from dlpgate.auth import hash_password

    password = ask_password(args, confirm=False) if sys.stdin.isatty() else sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise Fatal("an empty password is not allowed")
    print(f"{args.name}:{hash_password(password)}")
    return OK


def cmd_serve(args: argparse.Namespace) -> int:
    import logging

    from dlpgate import logs
    from dlpgate.actions.notice import check_templates
    from dlpgate.supervise import supervise

    path = config_mod.config_path(getattr(args, "config", None))
    settings = config_mod.load(path)
    logs.setup(settings.logging.format, settings.logging.level)
    from dlpgate.web.server import ConsoleThread
    from dlpgate.workers import check_settings

    open_store(settings).close()  # storage problems: one line, before anything starts
    check_settings(settings)  # a bad config stops here, before anything starts
    check_templates(settings)
    for warning in config_mod.example_warnings(settings):
        logging.getLogger("dlpgate").warning("config: %s", warning)
    console = ConsoleThread(settings).start()  # web console + retention purge, once, in this process
    try:
        return supervise(path, settings)
    finally:
        console.stop()


def cmd_config(args: argparse.Namespace) -> int:
    from dlpgate.actions.notice import check_templates

    path = config_mod.config_path(getattr(args, "config", None))
    settings = config_mod.load(path)
    pipeline.build_engine(settings)  # detector options and data files, as serve checks them
    check_templates(settings)
    warnings = config_mod.example_warnings(settings)
    effective = config_mod.effective(settings)
    source = str(path) if path else "(no config file: built-in defaults)"
    if args.json:
        print(json.dumps({"source": source, "ok": True, "warnings": warnings, "settings": effective}, indent=2, ensure_ascii=False))
        return OK
    print(f"# {source}: OK")
    for w in warnings:
        print(f"# warning: {w}")
    print(to_toml(effective))
    return OK


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def to_toml(data: dict, prefix: str = "") -> str:
    """The effective settings, as a config file would write them (secrets in storage.url hidden)."""
    lines: list[str] = []
    scalars = {k: v for k, v in data.items() if not isinstance(v, dict)}
    tables = {k: v for k, v in data.items() if isinstance(v, dict)}
    if prefix and scalars:
        lines.append(f"\n[{prefix}]")
    for k, v in scalars.items():
        if prefix == "storage" and k == "url" and v:
            v = re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", v)
        lines.append(f"{k} = {_toml_value(v)}")
    for k, v in tables.items():
        lines.append(to_toml(v, f"{prefix}.{k}" if prefix else k))
    return "\n".join(lines)


def cmd_user(args: argparse.Namespace) -> int:
    from dlpgate.admin.users import UserError, Users

    store = open_store(load_settings(args))
    users = Users(store)
    who = actor(args)
    try:
        if args.ucmd == "list":
            rows = users.all()
            for u in rows:
                if args.json:
                    print_json({"name": u.name, "role": u.role, "disabled": bool(u.disabled)})
                else:
                    print(f"{u.name:24} {u.role:9} {'disabled' if u.disabled else 'active'}")
            return OK
        if args.ucmd == "disable":
            users.set_disabled(args.name, True, who)
            return done(args, f"user {args.name} disabled", user=args.name, disabled=True)
        if args.ucmd == "enable":
            users.set_disabled(args.name, False, who)
            return done(args, f"user {args.name} enabled", user=args.name, disabled=False)
        if args.ucmd == "unlock":
            cleared = unlock(users, store, args.name, who)
            return done(args, f"user {args.name} unlocked ({cleared} failed logins cleared)", user=args.name, cleared=cleared)
        password = read_password(args)
        if args.ucmd == "add":
            users.add(args.name, args.role, password, who)
            return done(args, f"user {args.name} added as {args.role}", user=args.name, role=args.role)
        users.passwd(args.name, password, who)
        return done(args, f"password of {args.name} changed", user=args.name, password_changed=True)
    except UserError as exc:
        raise Fatal(str(exc)) from None
    finally:
        store.close()


def done(args: argparse.Namespace, text: str, **result: Any) -> int:
    """Report a change: the text, or the result as JSON with --json."""
    print_json(result) if getattr(args, "json", False) else print(text)
    return OK


def unlock(users, store, name: str, who: str) -> int:
    """Clear an account's failed logins from every address (the lockout); audited."""
    from dlpgate.admin.users import UserError

    if users.get(name) is None:
        raise UserError(f"no user {name}")
    return users.unlock(name, who)


def read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return ask_password(args, confirm=True)


def ask_password(args: argparse.Namespace, confirm: bool) -> str:
    if not sys.stdin.isatty():
        raise Fatal("no terminal to ask for the password: pipe it in with --password-stdin")
    try:
        first = getpass.getpass("Password: ")
        if confirm and first != getpass.getpass("Password again: "):
            raise Fatal("the two passwords differ")
    except EOFError:
        raise Fatal("no password given") from None
    return first


# -- wiring ---------------------------------------------------------------------

EPILOG = """\
exit status: 0 success; 1 the command did not succeed (e.g. scan could not read
a file, release found the message no longer held, audit verify found a break);
2 usage, configuration, storage or database error; 130 interrupted.

config file: --config FILE, else $DLPGATE_CONFIG, else ./config/dlpgate.toml.
Relative paths in it are read from its folder. Check one with `dlpgate config check`.
"""


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config",
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="config file (default: $DLPGATE_CONFIG, else config/dlpgate.toml in the current folder)",
    )
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print JSON (one object per line for lists) instead of text")
    who = argparse.ArgumentParser(add_help=False)
    who.add_argument("--actor", metavar="NAME", help="name recorded in the audit trail (default: cli:<login name>)")
    fmt = argparse.RawDescriptionHelpFormatter

    p = argparse.ArgumentParser(
        prog="dlpgate",
        description="Outbound-mail data-loss-prevention gateway for health organisations.",
        epilog=EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("--version", action="version", version=f"dlpgate {__version__}")
    sub = p.add_subparsers(dest="cmd", metavar="COMMAND", title="commands")

    s = sub.add_parser("serve", parents=[common], help="run the SMTP gateway (and the web console)", description=(
        "Run the SMTP gateway: worker processes on smtp.listen, the web console on web.listen, "
        "retention purges and notices. SIGHUP reloads the config; SIGTERM stops after the sessions in progress."))
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("scan", parents=[common, as_json], help="inspect .eml files; sends and stores nothing", description=(
        "Run the inspection on .eml files and print each verdict: action, rules and findings (kinds, "
        "counts and places, never the values). Exits 0 whatever the verdicts, 1 if a file could not be read or inspected."))
    s.add_argument("--from", dest="sender", metavar="ADDRESS", help="envelope sender (default: the From header)")
    s.add_argument("--to", action="append", metavar="ADDRESS", help="envelope recipient, repeatable (default: the mailboxes of To, Cc and Bcc, or of the Resent- fields of a resent message)")
    s.add_argument("files", nargs="+", metavar="FILE", help="message files (RFC 5322, .eml)")
    s.set_defaults(func=cmd_scan)

    q = sub.add_parser("quarantine", parents=[common], help="list, show, release, delete or purge held mail",
                       description="Held mail. Every act is audited; release and delete tell the sender.")
    qs = q.add_subparsers(dest="qcmd", metavar="ACTION", title="actions", required=True)
    x = qs.add_parser("list", parents=[common, as_json, who], help="list held mail, newest first",
                      description="List held mail, newest first, with filters.")
    x.add_argument("--state", choices=[str(s) for s in QuarantineState], help="only this state (default: all)")
    x.add_argument("--sender", metavar="ADDRESS", help="only mail from this sender")
    x.add_argument("--rule", metavar="NAME", help="only mail held by this rule")
    x.add_argument("--since", type=since_arg, metavar="WHEN", help="only mail received since: 7d, 12h, 30m or 2026-12-01")
    x.add_argument("--limit", type=positive_int, default=DEFAULT_LIMIT, metavar="N", help=f"at most N messages (default {DEFAULT_LIMIT})")
    x = qs.add_parser("show", parents=[common, as_json, who], help="show one held message's details (audited)",
                      description="Show a held message's metadata and findings; --content prints the message itself.")
    x.add_argument("id", metavar="ID", help="quarantine ID (from the notice or `quarantine list`)")
    x.add_argument("--content", action="store_true", help="print the raw message instead (audited; needs --reason)")
    x.add_argument("--reason", metavar="TEXT", help="why you view the content (recorded in the audit trail)")
    x = qs.add_parser("release", parents=[common, as_json, who], help="send a held message on (tells the sender)",
                      description="Release a held message: it is sent to its recipients and the sender is told.")
    x.add_argument("id", metavar="ID", help="quarantine ID")
    x.add_argument("--reason", type=reason_arg, required=True, metavar="TEXT", help="why it may go (required; audited)")
    x.add_argument("--rewritten", action="store_true", help="replace the visible To/Cc with Bcc first (for exposed-recipient holds)")
    x = qs.add_parser("delete", parents=[common, as_json, who], help="delete a held message unsent (tells the sender)",
                      description="Delete a held message: its content is dropped, it is never sent, and the sender is told.")
    x.add_argument("id", metavar="ID", help="quarantine ID")
    x.add_argument("--reason", type=reason_arg, required=True, metavar="TEXT", help="why it must not go (required; audited; the sender is told it)")
    x = qs.add_parser("purge", parents=[common, as_json, who], help="expire held mail older than the retention period",
                      description="Expire mail received more than DAYS ago: content dropped, audit kept. "
                                  "The gateway does this every quarantine.purge_interval seconds.")
    x.add_argument("--days", type=days_arg, metavar="DAYS", help="override quarantine.retention_days (0 expires everything held now)")
    q.set_defaults(func=cmd_quarantine)

    u = sub.add_parser("user", parents=[common], help="web console accounts", description="Accounts of the web console. Roles: releaser < reviewer < admin.")
    us = u.add_subparsers(dest="ucmd", metavar="ACTION", title="actions", required=True)
    x = us.add_parser("add", parents=[common, who, as_json], help="add an account (password asked twice on the terminal)")
    x.add_argument("name", metavar="NAME", help="login name")
    x.add_argument("--role", required=True, choices=["admin", "reviewer", "releaser"], help="what the account may do")
    x.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin (no terminal needed)")
    x = us.add_parser("passwd", parents=[common, who, as_json], help="set an account's password")
    x.add_argument("name", metavar="NAME", help="login name")
    x.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin (no terminal needed)")
    for name, text in (("disable", "stop an account from logging in"), ("enable", "let a disabled account log in again"),
                       ("unlock", "clear an account's failed logins (the lockout)")):
        us.add_parser(name, parents=[common, who, as_json], help=text, description=text[0].upper() + text[1:] + ".").add_argument(
            "name", metavar="NAME", help="login name")
    us.add_parser("list", parents=[common, as_json], help="list accounts with role and state")
    u.set_defaults(func=cmd_user)

    a = sub.add_parser("audit", parents=[common], help="read and verify the audit trail", description="The hash-chained audit trail.")
    as_ = a.add_subparsers(dest="acmd", metavar="ACTION", title="actions", required=True)
    x = as_.add_parser("list", parents=[common, as_json], help="list audit records, oldest of the selection first",
                       description="The newest records that match the filters, printed oldest first.")
    x.add_argument("--since", type=since_arg, metavar="WHEN", help="only records since: 7d, 12h, 30m or 2026-12-01")
    x.add_argument("--event", metavar="NAME", help="only this event (verdict, release, delete, view_content, login, ...)")
    x.add_argument("--actor", dest="actor_name", metavar="NAME", help="only records by this actor (e.g. cli:root, admin:alice)")
    x.add_argument("--ref", metavar="ID", help="only records about this quarantine ID")
    x.add_argument("--sender", metavar="ADDRESS", help="only verdicts for mail from this sender")
    x.add_argument("--limit", type=positive_int, default=DEFAULT_LIMIT, metavar="N", help=f"at most N records (default {DEFAULT_LIMIT})")
    as_.add_parser("verify", parents=[common, as_json], help="check the hash chain (exit 1 if broken)")
    a.set_defaults(func=cmd_audit)

    c = sub.add_parser("config", parents=[common], help="check the config", description="Check a config file.")
    cs = c.add_subparsers(dest="ccmd", metavar="ACTION", title="actions", required=True)
    cs.add_parser("check", parents=[common, as_json], help="validate the config and print the effective settings",
                  description="Validate the config as `serve` does (values, rules, detector data files, notice "
                              "templates) and print every setting in effect, defaults included. Exit 2 on a problem.")
    c.set_defaults(func=cmd_config)

    k = sub.add_parser("keygen", parents=[as_json], help="write a new key file for storage.encryption_key_file")
    k.add_argument("path", metavar="PATH", help="file to create (mode 0600; never overwritten)")
    k.set_defaults(func=cmd_keygen)

    h = sub.add_parser("auth-hash", help="print a smtp.auth_users_file line for NAME",
                       description="Print NAME:HASH for smtp.auth_users_file; the password is read from the terminal or stdin.")
    h.add_argument("name", metavar="NAME", help="SMTP AUTH user name")
    h.set_defaults(func=cmd_auth_hash)
    return p


def storage_message(exc: BaseException) -> str:
    """One line for a storage or database failure: what, where and why, no password."""
    cause = exc.__cause__ or exc.__context__
    orig = getattr(cause, "orig", None) or cause
    reason = str(orig).strip().splitlines()[0] if orig is not None and str(orig).strip() else ""
    return f"{exc}: {reason}" if reason and reason not in str(exc) else str(exc)


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if not getattr(args, "func", None):
        p.print_help()
        return USAGE
    try:
        return args.func(args)
    except (config_mod.ConfigError, DetectorConfigError, Fatal) as exc:
        print(f"dlpgate: {exc}", file=sys.stderr)
        return USAGE
    except StoreError as exc:
        print(f"dlpgate: {storage_message(exc)}", file=sys.stderr)
        return USAGE
    except PermissionError as exc:
        print(f"dlpgate: permission denied: {exc.filename or exc}", file=sys.stderr)
        return USAGE
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(f"dlpgate: {exc.strerror or exc.__class__.__name__}:{where}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        print("dlpgate: interrupted", file=sys.stderr)
        return INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
