"""The `dlpgate` command: serve, scan, quarantine and audit."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import logging
import sys
from email import message_from_bytes, policy
from email.utils import getaddresses
from pathlib import Path

from dlpgate import config as config_mod
from dlpgate import pipeline
from dlpgate.detectors.base import DetectorConfigError
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
    msg = message_from_bytes(raw, policy=policy.compat32)
    sender = getaddresses(msg.get_all("From", []) or msg.get_all("Sender", []))
    rcpts = getaddresses(msg.get_all("To", []) + msg.get_all("Cc", []) + msg.get_all("Bcc", []))
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
    from dlpgate.actions.relay import make_relay
    from dlpgate.admin.service import AdminService
    from dlpgate.store import open_store

    settings = load_settings(args)
    store = open_store(settings.storage.path)
    relay = make_relay(settings.smtp.relay, settings.smtp.relay_timeout, settings.smtp.relay_helo or None)
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
        if args.qcmd == "delete":
            ok = svc.delete(args.id, who, args.reason or "")
            print(f"{args.id} deleted" if ok else f"{args.id} is not held: nothing deleted")
            return 0 if ok else 1
    except NotFound:
        raise Fatal(f"no held message with ID {args.id}") from None
    return 2


def cmd_audit(args: argparse.Namespace) -> int:
    from dlpgate.store import open_store

    store = open_store(load_settings(args).storage.path)
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


def cmd_serve(args: argparse.Namespace) -> int:
    from dlpgate.server import serve_forever

    settings = load_settings(args)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    asyncio.run(serve_forever(settings))
    return 0


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
    for x in qs.choices.values():
        x.add_argument("--actor", help="name recorded in the audit trail (default: cli:<login>)")
    q.set_defaults(func=cmd_quarantine)

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
