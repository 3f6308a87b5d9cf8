"""The package as a trust installs it: sdist and wheel from `python -m build`, the
wheel installed into a fresh venv, run from an unrelated folder with a config that
sets only [domains]. Nothing may come from the checkout."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from dlpgate.upstream import READ_FROM
from tests.ops.conftest import wait_smtp

ROOT = Path(__file__).resolve().parents[2]
DATA = ("dlpgate/data/lexicon/health_terms.tsv", "dlpgate/data/webmail_domains.txt", "dlpgate/notices/hold.j2",
        "dlpgate/web/templates/base.html")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    src = tmp_path_factory.mktemp("src") / "dlpgate"
    # Build from a clean copy of the tracked files, as from a fresh clone.
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in files.stdout.splitlines():
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    # No isolation: setuptools comes from the test venv (test extras), so this works offline.
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", str(out), str(src)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out


def test_sdist_and_wheel_carry_the_data_files(dist):
    wheel = next(dist.glob("dlpgate-*.whl"))
    sdist = next(dist.glob("dlpgate-*.tar.gz"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in DATA:
        assert name in names, name
    assert not any(n.startswith(("config/", "tests/")) for n in names)
    with tarfile.open(sdist) as tar:
        members = {m.name.split("/", 1)[1] for m in tar.getmembers() if "/" in m.name}
    for name in DATA:
        assert name in members, name
    meta = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    for name, pinned in READ_FROM.items():  # the pins dlpgate/upstream.py was read against travel with the wheel
        assert f"Requires-Dist: {name}=={pinned}" in meta, name


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory) -> Path:
    """A fresh venv with the wheel; its dependencies are borrowed from the test venv (no network)."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=False)
    py = env_dir / "bin" / "python"
    site = Path(subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # A plain path line: the test venv's own .pth files (the editable dlpgate) are not run.
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    wheel = next(dist.glob("dlpgate-*.whl"))
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return env_dir


def run(env_dir: Path, cwd: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DLPGATE_CONFIG", "VIRTUAL_ENV")}
    return subprocess.run([str(env_dir / "bin" / "dlpgate"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, **kw)


def test_installed_wheel_runs_from_an_unrelated_folder(installed, tmp_path):
    from tests.synthetic import build_message, nhs_numbers

    where = tmp_path / "somewhere"
    where.mkdir()
    (where / "dlpgate.toml").write_text('[domains]\ninternal = ["leeds-trust.nhs.uk"]\n')
    from dlpgate import __version__

    v = run(installed, where, "--version")
    assert v.returncode == 0 and v.stdout.strip() == f"dlpgate {__version__}", v.stderr

    check = run(installed, where, "config", "check", "--json", "--config", "dlpgate.toml")
    assert check.returncode == 0, check.stderr
    eff = json.loads(check.stdout)["settings"]
    assert eff["detectors"]["health_terms"]["lexicon"].startswith(str(installed))
    assert eff["storage"]["path"] == str(where / "var")

    msg = where / "m.eml"
    msg.write_bytes(build_message(f"NHS number {nhs_numbers(1, seed=3)[0]}\nDiagnosis: schizophrenia\n"))
    scan = run(installed, where, "scan", "--json", "--config", "dlpgate.toml", "m.eml")
    assert scan.returncode == 0, scan.stderr
    row = json.loads(scan.stdout)
    assert row["action"] == "hold" and {f["kind"] for f in row["findings"]} >= {"nhs_number", "health_terms"}
    # Where the code came from: the venv, not the checkout.
    origin = subprocess.run([str(installed / "bin" / "python"), "-c", "import dlpgate; print(dlpgate.__file__)"],
                            cwd=where, capture_output=True, text=True)
    assert origin.stdout.startswith(str(installed)), origin.stdout + origin.stderr


def test_installed_wheel_serves_smtp_with_a_domains_only_config(installed, tmp_path):
    where = tmp_path / "srv"
    where.mkdir()
    # The shipped example domain: the gateway runs, and warns about it.
    config = '[domains]\ninternal = ["example-trust.nhs.uk"]\n'
    smtp_port = 10025
    if not (port_free(10025) and port_free(8025)):
        # The defaults are taken on this machine (another gateway); same config, other ports.
        smtp_port = free_port()
        config += f'[smtp]\nlisten = "127.0.0.1:{smtp_port}"\nworkers = 1\n[web]\nlisten = "127.0.0.1:{free_port()}"\n'
    (where / "dlpgate.toml").write_text(config)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DLPGATE_CONFIG", "VIRTUAL_ENV")}
    env["DLPGATE_CONFIG"] = str(where / "dlpgate.toml")
    proc = subprocess.Popen([str(installed / "bin" / "dlpgate"), "serve"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_smtp(smtp_port, timeout=60, proc=proc)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out[-3000:]
    assert "Traceback" not in out
    assert "domains.internal still lists the example domain example-trust.nhs.uk" in out
    assert (where / "var" / "dlpgate.sqlite3").exists()  # storage.path from the config's folder
