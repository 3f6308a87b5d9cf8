"""The `dlpgate` command: serve, scan, quarantine and audit."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from email import policy
from email.parser import BytesParser
from pathlib import Path

from dlpgate import config as config_mod
from dlpgate import pipeline
from dlpgate.detectors.base import DetectorConfigError
from dlpgate.mime.headers import safe_getaddresses
from dlpgate.report import finding_rows
from dlpgate.store import StoreError
from dlpgate.types import Envelope


class Fatal(Exception):
    """Stops the command with one line on stderr."""


def load_settings(args: argparse.Namespace) -> config_mod.Settings:
    return config_mod.load(config_mod.config_path(getattr(args, "config", None)))


def actor(args: argparse.Namespace) -> str:
    return getattr(args, "actor", None) or f"cli:{getpass.getuser()}"


# -- scan --------------------------------------------------------------------


def envelope_from_headers(raw: bytes) -> Envelope:
    # Headers only, and an address parser that survives absurd nesting.
    msg = BytesParser(policy=policy.compat32).parsebytes(raw, headersonly=True)
    sender = safe_getaddresses(msg.get_all("From", []) or msg.get_all("Sender", []))[0]
    rcpts = safe_getaddresses(msg.get_all("To", []) + msg.get_all("Cc", []) + msg.get_all("Bcc", []))[0]
    return Envelope(
        mail_from=sender[0][1] if sender else "",
        rcpt_tos=tuple(addr for _, addr in rcpts if "@" in addr),
    )


def cmd_scan(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    engine = pipeline.build_engine(settings)
    for name in args.files:
        try:
            raw = Path(name).read_bytes()
        except OSError as exc:
            emit_scan(args, {"file": name, "error": f"cannot read: {exc.strerror or exc.__class__.__name__}"})
            continue
        env = envelope_from_headers(raw)
        if args.sender is not None:
            env = Envelope(args.sender, env.rcpt_tos)
        if args.to:
            env = Envelope(env.mail_from, tuple(args.to))
        try:
            verdict = pipeline.inspect(raw, env, engine)
        except Exception as exc:  # noqa: BLE001 - one file's failure must not stop the batch
            emit_scan(args, {"file": name, "error": f"inspection failed: {exc.__class__.__name__}"})
            continue
        emit_scan(
            args,
            {
                "file": name,
                "action": verdict.action.label,
                "rules": list(verdict.rules),
                "findings": finding_rows(verdict),
            },
        )
    return 0


def emit_scan(args: argparse.Namespace, result: dict) -> None:
    if args.json:
        print(json.dumps(result, ensure_ascii=False), flush=True)
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


# -- quarantine and audit -----------------------------------------------------


def service(args: argparse.Namespace):
    from dlpgate.actions.relay import relay_for
    from dlpgate.admin.service import AdminService
    from dlpgate.store import store_for

    settings = load_settings(args)
    store = store_for(settings)
    relay = relay_for(settings.smtp)
    return AdminService(store, relay)


def cmd_quarantine(args: argparse.Namespace) -> int:
    from dlpgate.admin.service import NotFound

    svc = service(args)
    who = actor(args)
    try:
        if args.qcmd == "list":
            for held in svc.list(args.state):
                if args.json:
                    print(json.dumps(held.summary(), ensure_ascii=False))
                else:
                    s = held.summary()
                    print(f"{s['id']}  {s['state']:9} {s['received']}  {s['sender']}  -> {len(s['recipients'])} rcpt  [{', '.join(s['rules'])}]")
            return 0
        if args.qcmd == "show":
            if args.content and not (args.reason or "").strip():
                raise Fatal("quarantine show --content needs --reason (viewing held content is audited)")
            held = svc.show(args.id, who)
            print(json.dumps(held.summary() | {"verdict": held.verdict, "sha256": held.sha256}, indent=2, ensure_ascii=False))
            if args.content:
                sys.stdout.flush()
                sys.stdout.buffer.write(b"\n" + svc.content(args.id, who, args.reason))
            return 0
        if args.qcmd == "release":
            result = asyncio.run(svc.release(args.id, who, args.reason or ""))
            print(result.message)
            return 0 if result.released else 1
        if args.qcmd == "purge":
            days = args.days or load_settings(args).quarantine.retention_days
            purged = svc.purge(days)
            print(f"{len(purged)} messages older than {days} days expired (content dropped, audit kept)")
            return 0
        if args.qcmd == "delete":
            ok = svc.delete(args.id, who, args.reason or "")
            print(f"{args.id} deleted" if ok else f"{args.id} is not held: nothing deleted")
            return 0 if ok else 1
    except NotFound:
        raise Fatal(f"no held message with ID {args.id}") from None
    return 2


def cmd_audit(args: argparse.Namespace) -> int:
    from dlpgate.store import store_for

    store = store_for(load_settings(args))
    if args.acmd == "list":
        for rec in reversed(store.audit_records(args.limit)):
            print(json.dumps(rec, ensure_ascii=False) if args.json else f"{rec['seq']:6} {rec['time']} {rec['event']:14} {rec['actor']:18} {rec['ref']} {json.dumps(rec['data'])}")
        return 0
    result = store.audit_verify()
    if result.ok:
        print(f"audit chain intact: {result.count} records")
        return 0
    print(f"audit chain BROKEN at record {result.first_bad}: {result.reason} ({result.count} records verified before it)")
    return 1


def cmd_keygen(args: argparse.Namespace) -> int:
    from dlpgate.store.crypto import write_key

    try:
        kid = write_key(args.path)
    except FileExistsError:
        raise Fatal(f"{args.path} exists; a key is never overwritten") from None
    except OSError as exc:
        raise Fatal(f"cannot write {args.path}: {exc.strerror}") from None
    print(f"wrote a new 32-byte key to {args.path} (mode 0600, key id {kid})")
    print("set storage.encryption_key_file to this path, and keep a copy: held mail cannot be read without it")
    return 0


def cmd_auth_hash(args: argparse.Namespace) -> int:
    from dlpgate.auth import hash_password

    password = getpass.getpass("password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise Fatal("an empty password is not allowed")
    print(f"{args.name}:{hash_password(password)}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from dlpgate import logs
    from dlpgate.workers import supervise

    path = config_mod.config_path(getattr(args, "config", None))
    settings = config_mod.load(path)
    logs.setup(settings.logging.format, settings.logging.level)
    from dlpgate.web.server import ConsoleThread
    from dlpgate.workers import check_settings

    check_settings(settings)  # a bad config stops here, before anything starts
    console = ConsoleThread(settings).start()  # web console + retention purge, once, in this process
    try:
        return supervise(path, settings)
    finally:
        console.stop()


def cmd_user(args: argparse.Namespace) -> int:
    from dlpgate.admin.users import UserError, Users
    from dlpgate.store import store_for

    users = Users(store_for(load_settings(args)))
    who = actor(args)
    try:
        if args.ucmd == "list":
            for u in users.list():
                print(f"{u.name:24} {u.role:9} {'disabled' if u.disabled else 'active'}")
            return 0
        if args.ucmd == "disable":
            users.set_disabled(args.name, True, who)
            print(f"user {args.name} disabled")
            return 0
        if args.ucmd == "enable":
            users.set_disabled(args.name, False, who)
            print(f"user {args.name} enabled")
            return 0
        password = read_password(args)
        if args.ucmd == "add":
            users.add(args.name, args.role, password, who)
            print(f"user {args.name} added as {args.role}")
        else:
            users.passwd(args.name, password, who)
            print(f"password of {args.name} changed")
        return 0
    except UserError as exc:
        raise Fatal(str(exc)) from None


def read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password again: "):
        raise Fatal("the two passwords differ")
    return first


# -- wiring ---------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default=argparse.SUPPRESS, help="config file (default: $DLPGATE_CONFIG, else config/dlpgate.toml)")
    p = argparse.ArgumentParser(prog="dlpgate", description="Outbound-mail DLP gateway for health organisations.")
    sub = p.add_subparsers(dest="cmd", required=True)

    s = sub.add_parser("serve", parents=[common], help="run the SMTP gateway")
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("scan", parents=[common], help="run the inspection on .eml files; sends and stores nothing")
    s.add_argument("--from", dest="sender", help="envelope sender (default: From header)")
    s.add_argument("--to", action="append", help="envelope recipient (repeatable; default: To+Cc+Bcc)")
    s.add_argument("--json", action="store_true", help="one JSON object per file, one per line")
    s.add_argument("files", nargs="+")
    s.set_defaults(func=cmd_scan)

    q = sub.add_parser("quarantine", parents=[common], help="list, show, release or delete held mail")
    qs = q.add_subparsers(dest="qcmd", required=True)
    x = qs.add_parser("list", parents=[common])
    x.add_argument("--json", action="store_true")
    x.add_argument("--state", help="held, released, deleted, expired")
    x = qs.add_parser("show", parents=[common])
    x.add_argument("id")
    x.add_argument("--content", action="store_true", help="also print the message (audited; needs --reason)")
    x.add_argument("--reason")
    for name in ("release", "delete"):
        x = qs.add_parser(name, parents=[common])
        x.add_argument("id")
        x.add_argument("--reason")
    x = qs.add_parser("purge", parents=[common], help="expire held mail older than quarantine.retention_days")
    x.add_argument("--days", type=int, help="override quarantine.retention_days")
    for x in qs.choices.values():
        x.add_argument("--actor", help="name recorded in the audit trail (default: cli:<login>)")
    q.set_defaults(func=cmd_quarantine)

    u = sub.add_parser("user", parents=[common], help="web console accounts")
    us = u.add_subparsers(dest="ucmd", required=True)
    x = us.add_parser("add", parents=[common], help="add an account (password from a prompt)")
    x.add_argument("name")
    x.add_argument("--role", required=True, choices=["admin", "reviewer", "releaser"])
    x.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    x = us.add_parser("passwd", parents=[common], help="set an account's password")
    x.add_argument("name")
    x.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    for name in ("disable", "enable"):
        us.add_parser(name, parents=[common]).add_argument("name")
    us.add_parser("list", parents=[common])
    for x in us.choices.values():
        x.add_argument("--actor", help="name recorded in the audit trail (default: cli:<login>)")
    u.set_defaults(func=cmd_user)

    k = sub.add_parser("keygen", help="write a new key file for storage.encryption_key_file")
    k.add_argument("path")
    k.set_defaults(func=cmd_keygen)

    h = sub.add_parser("auth-hash", help="print a smtp.auth_users_file line for NAME (password on stdin)")
    h.add_argument("name")
    h.set_defaults(func=cmd_auth_hash)

    a = sub.add_parser("audit", parents=[common], help="the audit trail")
    as_ = a.add_subparsers(dest="acmd", required=True)
    x = as_.add_parser("list", parents=[common])
    x.add_argument("--json", action="store_true")
    x.add_argument("--limit", type=int, default=100)
    as_.add_parser("verify", parents=[common])
    a.set_defaults(func=cmd_audit)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (config_mod.ConfigError, DetectorConfigError, StoreError, Fatal) as exc:
        print(f"dlpgate: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
