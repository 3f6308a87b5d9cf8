"""The systemd files work as written: the unit's ExecStart, run as an unprivileged
user with the unit's umask and the file modes of dlpgate.tmpfiles, starts and
answers SMTP; a config the service user cannot read stops it with one line."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.ops.conftest import wait_smtp

ROOT = Path(__file__).resolve().parents[2]
SYSTEMD = ROOT / "deploy" / "systemd"
UNIT = SYSTEMD / "dlpgate.service"


def unit_values(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "[")) and "=" in line:
            key, _, value = line.partition("=")
            out.setdefault(key.strip(), value.strip())
    return out


def tmpfiles_entry(path: str) -> tuple[int, str, str]:
    """(mode, user, group) that dlpgate.tmpfiles gives `path`."""
    for line in (SYSTEMD / "dlpgate.tmpfiles").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 5 and not line.startswith("#") and parts[1] == path:
            return int(parts[2], 8), parts[3], parts[4]
    raise AssertionError(f"{path} is not in dlpgate.tmpfiles")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unit_names_the_files_it_needs():
    unit = unit_values(UNIT)
    assert unit["ExecStart"] == "/opt/dlpgate/bin/dlpgate serve --config /etc/dlpgate/dlpgate.toml"
    assert unit["User"] == "dlpgate" and unit["StateDirectory"] == "dlpgate" and unit["UMask"] == "0077"
    assert "DynamicUser" not in unit  # a dynamic user could not read a root:dlpgate 0640 config
    assert tmpfiles_entry("/etc/dlpgate/dlpgate.toml") == (0o640, "root", "dlpgate")
    assert tmpfiles_entry("/etc/dlpgate")[0] == 0o750
    sysusers = (SYSTEMD / "dlpgate.sysusers").read_text()
    assert re.search(r"^u dlpgate ", sysusers, re.M)
    # The shipped config writes only where the unit lets it.
    toml = (SYSTEMD / "dlpgate.toml").read_text()
    assert 'path = "/var/lib/dlpgate"' in toml and unit["ReadWritePaths"] == "/var/lib/dlpgate"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_verify_accepts_the_unit(tmp_path):
    # verify checks that ExecStart exists: point it at this venv's dlpgate.
    text = UNIT.read_text().replace("/opt/dlpgate/bin/dlpgate", str(Path(sys.executable).parent / "dlpgate"))
    unit = tmp_path / "dlpgate.service"
    unit.write_text(text)
    # --man=no: Documentation=man:dlpgate(1) exists only once docs/dlpgate.1 is installed.
    proc = subprocess.run(["systemd-analyze", "verify", "--man=no", str(unit)], capture_output=True, text=True, timeout=120)
    problems = [line for line in proc.stderr.splitlines() if "dlpgate.service" in line]
    assert proc.returncode == 0 and not problems, proc.stderr


needs_root = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root and setpriv to run as an unprivileged user"
)


def nobody_can_run(path: str) -> bool:
    """True when every folder up to `path` lets others in (a pyenv under /root does not)."""
    p = Path(path).resolve()
    return all(os.stat(d).st_mode & 0o001 for d in p.parents) and bool(os.stat(p).st_mode & 0o001)


@pytest.fixture
def layout():
    """/etc/dlpgate and /var/lib/dlpgate under a temporary root that `nobody` can traverse,
    and /opt/dlpgate: a venv that `nobody` can run, with this checkout and its dependencies."""
    root = Path(tempfile.mkdtemp(prefix="dlpgate-unit-"))
    os.chmod(root, 0o755)
    base = next((p for p in (sys.executable, "/usr/bin/python3") if nobody_can_run(p)), None)
    version = subprocess.run([base, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True, text=True).stdout if base else ""
    if base is None or version.strip() != str(sys.version_info[:2]):
        pytest.skip("no Python of this version that an unprivileged user may run")
    subprocess.run([base, "-m", "venv", "--without-pip", str(root / "opt")], check=True)
    site = subprocess.run([str(root / "opt" / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    import sysconfig

    deps = sysconfig.get_paths()["purelib"]
    if not nobody_can_run(deps):
        pytest.skip("the test venv is not readable by an unprivileged user")
    Path(site, "dlpgate-checkout.pth").write_text(f"{ROOT}\n{deps}\n")
    yield root
    shutil.rmtree(root, ignore_errors=True)


def prepare(root: Path, config_group: int) -> tuple[Path, Path, int]:
    nobody = pwd.getpwnam("nobody")
    etc, state = root / "etc" / "dlpgate", root / "var" / "lib" / "dlpgate"
    etc.mkdir(parents=True)
    state.mkdir(parents=True)
    mode_dir = tmpfiles_entry("/etc/dlpgate")[0]
    mode_conf = tmpfiles_entry("/etc/dlpgate/dlpgate.toml")[0]
    os.chown(etc, 0, config_group)
    os.chmod(etc, mode_dir)
    os.chown(state, nobody.pw_uid, nobody.pw_gid)
    os.chmod(state, int(unit_values(UNIT)["StateDirectoryMode"], 8))
    port = free_port()
    text = (SYSTEMD / "dlpgate.toml").read_text()
    text = text.replace('"/var/lib/dlpgate"', f'"{state}"').replace("127.0.0.1:10025", f"127.0.0.1:{port}")
    text = text.replace("127.0.0.1:8025", f"127.0.0.1:{free_port()}").replace("127.0.0.1:9125", f"127.0.0.1:{free_port()}")
    text = text.replace('relay = "127.0.0.1:10026"', f'relay = "127.0.0.1:{free_port()}"')
    text = text.replace("[smtp]\n", "[smtp]\nworkers = 1\n")
    conf = etc / "dlpgate.toml"
    conf.write_text(text)
    os.chown(conf, 0, config_group)
    os.chmod(conf, mode_conf)
    return conf, state, port


def exec_start(conf: Path, state: Path) -> tuple[list[str], dict]:
    """The unit's ExecStart, as its User, with its UMask and WorkingDirectory."""
    unit = unit_values(UNIT)
    opt = state.parents[2] / "opt"
    argv = unit["ExecStart"].replace("/opt/dlpgate/bin/dlpgate", f"{opt}/bin/python -m dlpgate.cli")
    argv = argv.replace("/etc/dlpgate/dlpgate.toml", str(conf)).split()
    nobody = pwd.getpwnam("nobody")
    umask = unit["UMask"]
    cmd = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups", "--",
           "sh", "-c", f'umask {umask} && cd "$0" && exec "$@"', str(state), *argv]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(state), "LANG": "C.UTF-8",
           "PYTHONDONTWRITEBYTECODE": "1"}
    return cmd, env


@needs_root
def test_exec_start_runs_as_an_unprivileged_user_with_the_unit_modes(layout):
    nobody = pwd.getpwnam("nobody")
    conf, state, port = prepare(layout, config_group=nobody.pw_gid)  # the service's group reads it
    cmd, env = exec_start(conf, state)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_smtp(port, timeout=60, proc=proc)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out[-3000:]
    assert "Traceback" not in out
    db = state / "dlpgate.sqlite3"
    info = db.stat()
    assert info.st_uid == nobody.pw_uid
    assert stat.S_IMODE(info.st_mode) & 0o077 == 0, oct(info.st_mode)  # UMask=0077: nobody else reads held mail


@needs_root
def test_a_config_the_service_cannot_read_is_one_line(layout):
    conf, state, _ = prepare(layout, config_group=0)  # root:root 0640, the mistake the old recipe made
    cmd, env = exec_start(conf, state)
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "permission denied" in lines[0] and "group dlpgate" not in lines[0], proc.stderr
