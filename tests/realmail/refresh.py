"""Print the holds the current code makes on the real-mail set, as expected_holds.toml entries.

    .venv/bin/python -m tests.realmail.refresh > /tmp/holds.toml

An entry already in expected_holds.toml keeps its section and `why`; a new one
gets `why = "TODO"`, to be replaced by hand with one line on why the hold is
right (or moved to [[known_false]] with the reason it is wrong). Crashes and
entries that no longer hold are printed as comments at the end.
"""

from __future__ import annotations

import json
import sys

from tests.realmail.harness import EXPECTED, load_expected, scan_all


def quote(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def main() -> int:
    expected = load_expected() if EXPECTED.exists() else None
    outcomes = scan_all()
    out = sys.stdout
    sections: dict[str, list[str]] = {"hold": [], "known_false": []}
    stale: list[str] = []
    for o in outcomes:
        old = None
        section = "hold"
        if expected is not None:
            if o.file in expected.known_false:
                old, section = expected.known_false[o.file], "known_false"
            else:
                old = expected.holds.get(o.file)
        if o.error:
            stale.append(f"# CRASH {o.file}: {o.error}")
            continue
        if not o.held:
            if old is not None:
                stale.append(f"# no longer held ({o.action}): {o.file}")
            continue
        lines = [f"[[{section}]]", f"file = {quote(o.file)}"]
        lines.append(f"rules = [{', '.join(quote(r) for r in o.rules)}]")
        lines.append(f"kinds = [{', '.join(quote(k) for k in o.kinds)}]")
        lines += [f"# {w}" for w in o.wheres]
        lines.append(f"why = {quote(old['why'] if old else 'TODO')}")
        sections[section].append("\n".join(lines))
    held = sum(o.held for o in outcomes)
    out.write(f"# {len(outcomes)} messages, {held} held, {sum(bool(o.error) for o in outcomes)} crashed\n\n")
    for section in ("hold", "known_false"):
        for block in sections[section]:
            out.write(block + "\n\n")
    for line in stale:
        out.write(line + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
