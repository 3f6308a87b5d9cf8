"""Attachment inspection speed and memory: a 10 MB CSV and a 10 MB xlsx, against a bare parse.

For each attachment the message is built once, then timed:

* baseline: ``email.message_from_bytes`` of the same message (stdlib parse only);
* parse:    ``dlpgate.mime.parse`` (decode, extract every segment);
* inspect:  ``pipeline.inspect`` with the shipped config (parse + all detectors + policy);
* peak:     peak Python memory of one inspect (tracemalloc), and the process's max RSS.

Usage: python bench/bench_formats.py [--mb 10] [--repeat 3]
All data is synthetic (computed NHS numbers).
"""

from __future__ import annotations

import argparse
import email
import io
import random
import resource
import statistics
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dlpgate import config, mime, pipeline  # noqa: E402
from dlpgate.types import Envelope  # noqa: E402
from tests.synthetic import build_message, nhs_numbers  # noqa: E402

SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Wright"]
CLINICS = ["Diabetes clinic", "Cardiology", "Fracture clinic", "Dermatology", "Ophthalmology", "Respiratory"]


def rows(n_bytes: int, seed: int = 5, clean: bool = False):
    """Clinic-list rows; with clean=True the first column is a local 6-digit ID, not an NHS number."""
    rng = random.Random(seed)
    numbers = [f"{rng.randint(100000, 999999)}" for _ in range(5000)] if clean else nhs_numbers(5000, seed=seed)
    size = 0
    i = 0
    while size < n_bytes:
        row = (
            numbers[i % len(numbers)],
            rng.choice(SURNAMES),
            f"Forename{rng.randint(0, 9999)}",
            f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1930, 2020)}",
            rng.choice(CLINICS),
            f"Follow-up in {rng.randint(1, 52)} weeks",
        )
        size += sum(len(c) for c in row) + 6
        i += 1
        yield row


HEADER = ("NHS number", "Surname", "Forename", "Date of birth", "Clinic", "Notes")


def make_csv(n_bytes: int, clean: bool = False) -> bytes:
    lines = [",".join(HEADER)] + [",".join(r) for r in rows(n_bytes, clean=clean)]
    return ("\n".join(lines) + "\n").encode()


def make_xlsx(n_bytes: int, clean: bool = False) -> bytes:
    """An Excel-style workbook (shared strings, numeric NHS numbers, date cells) of about n_bytes."""
    shared: dict[str, int] = {}

    def s(text: str) -> int:
        if text not in shared:
            shared[text] = len(shared)
        return shared[text]

    out = io.StringIO()
    out.write('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    out.write(
        '<row r="1">'
        + "".join(f'<c r="{chr(65 + i)}1" t="s"><v>{s(h)}</v></c>' for i, h in enumerate(HEADER))
        + "</row>"
    )
    r = 1
    buf = io.BytesIO()
    target = n_bytes * 6  # this sheet XML deflates about 6:1
    for row in rows(target // 3, clean=clean):
        r += 1
        d, m, y = row[3].split("/")
        serial = (int(y) - 1900) * 365 + int(m) * 30 + int(d)
        out.write(
            f'<row r="{r}"><c r="A{r}"><v>{row[0]}</v></c><c r="B{r}" t="s"><v>{s(row[1])}</v></c>'
            f'<c r="C{r}" t="s"><v>{s(row[2])}</v></c><c r="D{r}" s="1"><v>{serial}</v></c>'
            f'<c r="E{r}" t="s"><v>{s(row[4])}</v></c><c r="F{r}" t="s"><v>{s(row[5])}</v></c></row>'
        )
        if out.tell() > target:
            break
    out.write("</sheetData></worksheet>")
    sst = "".join(f"<si><t>{t}</t></si>" for t in shared)
    files = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Patients" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="ws"/></Relationships>',
        "xl/styles.xml": '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
        "xl/sharedStrings.xml": f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sst}</sst>',
        "xl/worksheets/sheet1.xml": out.getvalue(),
    }
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    n = int(args.mb * 1_000_000)
    engine = pipeline.build_engine(config.load(ROOT / "config" / "dlpgate.toml"))
    env = Envelope("dr.jones@example-trust.nhs.uk", ("someone@partner.example.org",))
    xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    # "csv"/"xlsx": an NHS number in every row (the detectors' worst case);
    # "-clean": the same list with local IDs instead (what extraction alone costs).
    cases = [
        ("csv", "list.csv", "text/csv", make_csv(n), 1.0),
        ("csv-clean", "list.csv", "text/csv", make_csv(n, clean=True), 1.0),
        ("xlsx", "list.xlsx", xlsx_type, make_xlsx(n), 5.0),
        ("xlsx-clean", "list.xlsx", xlsx_type, make_xlsx(n, clean=True), 5.0),
    ]
    print(
        f"{'case':10} {'attachment':>10} {'message':>8} {'baseline':>9} {'parse':>7} {'detect':>7} {'inspect':>8}"
        f" {'target':>6} {'ratio':>6} {'peak':>8}  verdict"
    )
    for label, name, ctype, data, target in cases:
        raw = build_message("List attached.", attachments=[(name, ctype, data)])
        base, _ = best(lambda raw=raw: email.message_from_bytes(raw), args.repeat)
        parse, _ = best(lambda raw=raw: mime.parse(raw, engine.limits), args.repeat)
        verdicts: list = []
        insp, _ = best(lambda raw=raw, out=verdicts: out.append(pipeline.inspect(raw, env, engine)), args.repeat)
        tracemalloc.start()
        pipeline.inspect(raw, env, engine)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        v = verdicts[-1]
        counts = {f.kind: 0 for f in v.findings}
        for f in v.findings:
            counts[f.kind] += f.count
        print(
            f"{label:10} {len(data) / 1e6:8.1f}MB {len(raw) / 1e6:6.1f}MB {base:8.3f}s {parse:6.3f}s"
            f" {max(insp - parse, 0):6.3f}s {insp:7.3f}s {target:5.1f}s {insp / base:5.0f}x {peak / 1e6:6.1f}MB  {v.action.label} "
            f"{', '.join(f'{k}={c}' for k, c in counts.items())}"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"max RSS of the whole run (includes building the test data): {rss:.0f} MB")


if __name__ == "__main__":
    main()
