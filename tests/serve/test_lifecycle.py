"""Starting and stopping: flags, files, the host key, the banner, shutdown."""

from __future__ import annotations

import asyncio
import re
import signal
import stat
import sys

import asyncssh
import pytest

from gdtui.cli import main as gdtui_main
from gdtui.serve import auth, hostkey
from gdtui.serve.child import app_command, child_env
from gdtui.serve.server import address, label
from serve_helpers import STANDIN, TIMEOUT, Term, child_pid, connect, wait_gone


async def test_stop_tells_learners_and_reaps_every_child(start_server):
    server = await start_server(args=["--stubborn"], kill_grace=0.3)
    conns = [await connect(server) for _ in range(3)]
    terms = [await Term.open(c) for c in conns]
    for term in terms:
        await term.wait_for("ready")
    pids = [child_pid(t) for t in terms]
    await asyncio.wait_for(server.stop(), TIMEOUT)
    for term, pid in zip(terms, pids):
        assert await term.finish() == 0
        assert b"the class is over: server stopping\r\n" in term.raw
        await wait_gone(pid)
    ends = [line for line in server.logs if " login " not in line]
    assert len(ends) == len(terms) and all(line.endswith("server stopping") for line in ends)
    with pytest.raises(OSError):
        await asyncio.wait_for(asyncio.open_connection("127.0.0.1", server.port), TIMEOUT)


def test_host_key_is_made_once_private_and_reused(tmp_path):
    key, path, created = hostkey.load_or_create(tmp_path / "state")
    assert created and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert key.get_algorithm() == "ssh-ed25519"
    path.chmod(0o644)
    again, _, created = hostkey.load_or_create(tmp_path / "state")
    assert not created and again.get_fingerprint() == key.get_fingerprint()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_password_and_keys_files(tmp_path):
    (tmp_path / "pw").write_text("  s3cret word \nsecond line\n")
    assert auth.read_password_file(str(tmp_path / "pw")) == "s3cret word"
    (tmp_path / "empty").write_text("\n  \n")
    with pytest.raises(auth.AuthError, match="is empty"):
        auth.read_password_file(str(tmp_path / "empty"))
    with pytest.raises(auth.AuthError, match="cannot read"):
        auth.read_password_file(str(tmp_path / "missing"))
    (tmp_path / "keys").write_text("# nothing\n")
    with pytest.raises(auth.AuthError, match="has no keys"):
        auth.read_authorized_keys(str(tmp_path / "keys"))
    (tmp_path / "keys").write_text("ssh-ed25519 notbase64!!\n")
    with pytest.raises(auth.AuthError, match="bad authorized keys"):
        auth.read_authorized_keys(str(tmp_path / "keys"))
    access = auth.Access(password="abc")
    assert access.password_ok("abc") and not access.password_ok("abd")
    assert not auth.Access().password_ok("")
    made = auth.generate_password()
    assert len(made) == 10 and made.isalnum() and made != auth.generate_password()


def test_log_labels_are_defanged():
    assert label("ada\x1b[31m\nroot") == "ada?[31m?root"
    assert label("x" * 100) == "x" * 40 and label("") == "-"
    assert address(("::1", 22, 0, 0)) == "[::1]:22" and address(None) == "?"


def main(argv):
    """`gdtui serve ARGV`, as the command line runs it."""
    return gdtui_main(["serve", *argv])


def test_child_command():
    assert app_command(["/a", "/b"], "zh") == [
        sys.executable, "-m", "gdtui", "--served", "--scenarios", "/a", "--scenarios", "/b",
        "--lang", "zh",
    ]
    assert app_command() == [sys.executable, "-m", "gdtui", "--served"]


SERVER_ENV = {
    "HOME": "/home/teacher", "PATH": "/usr/bin", "LANG": "en_GB.UTF-8", "LC_TIME": "de_DE",
    "GDTUI_MNIST_DIR": "/data/mnist", "XDG_DATA_HOME": "/xdg",
    # Never for learners: secrets, the teacher's session, size overrides, loader tricks.
    "AWS_SECRET_ACCESS_KEY": "s3cr3t", "GITHUB_TOKEN": "ghp_x", "OPENAI_API_KEY": "sk-x",
    "SSH_AUTH_SOCK": "/tmp/agent", "DISPLAY": ":0", "COLUMNS": "80", "LINES": "24",
    "COLORTERM": "truecolor", "LD_PRELOAD": "/evil.so", "PYTHONSTARTUP": "/x.py",
    "GDTUI_TRACE_DIR": "/home/teacher",
}


def test_learners_get_an_allow_listed_environment():
    env = child_env(None, {}, SERVER_ENV)
    assert env == {
        "HOME": "/home/teacher", "PATH": "/usr/bin", "LANG": "en_GB.UTF-8", "LC_TIME": "de_DE",
        "GDTUI_MNIST_DIR": "/data/mnist", "XDG_DATA_HOME": "/xdg", "TERM": "xterm-256color",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "PYTHONUTF8": "1", "PYTHONDONTWRITEBYTECODE": "1",
    }
    assert child_env("xterm-truecolor", {}, {})["COLORTERM"] == "truecolor"


@pytest.mark.parametrize("client, expected", [
    ({"LANG": "zh_CN.UTF-8"}, {"LANG": "zh_CN.UTF-8"}),
    ({"LC_ALL": "C.UTF-8", "LC_MESSAGES": "zh_TW"}, {"LC_ALL": "C.UTF-8", "LC_MESSAGES": "zh_TW"}),
    ({"LANG": "de_DE.UTF-8@euro"}, {"LANG": "de_DE.UTF-8@euro"}),
    ({"LANG": "zh_CN.UTF-8; rm -rf /"}, {"LANG": "en_GB.UTF-8"}),  # not a locale: the server's
    ({"LANG": "\x1b[31m"}, {"LANG": "en_GB.UTF-8"}),
    ({"LC_ALL": "x" * 200}, {"LC_ALL": None}),
    ({"LD_PRELOAD": "/evil.so", "PYTHONPATH": "/tmp", "GDTUI_SCENARIOS": "/tmp",
      "COLUMNS": "7", "TERM": "dumb", "PYTHONUTF8": "0"},
     {"LD_PRELOAD": None, "PYTHONPATH": None, "GDTUI_SCENARIOS": None, "COLUMNS": None,
      "TERM": "xterm-256color", "PYTHONUTF8": "1"}),
])
def test_a_client_may_choose_only_its_locale(client, expected):
    env = child_env(None, client, SERVER_ENV)
    assert {name: env.get(name) for name in expected} == expected


@pytest.mark.parametrize("server, client, said", [
    (SERVER_ENV, {"LANG": "C"}, "C"),
    ({**SERVER_ENV, "LC_ALL": "C"}, {"LANG": "zh_CN.UTF-8"}, "zh_CN.UTF-8"),  # the server's LC_ALL stays
    (SERVER_ENV, {"LANG": "C", "LC_CTYPE": "en_US.UTF-8"}, "en_US.UTF-8"),
    (SERVER_ENV, {"LC_MESSAGES": "zh_CN"}, None),                 # no charset said
    (SERVER_ENV, {}, None),
    (SERVER_ENV, {"LANG": "C; x"}, None),                         # not a locale
    (SERVER_ENV, {"GDTUI_CLIENT_LOCALE": "C.UTF-8"}, None),       # not the client's to set
])
def test_the_clients_locale_is_passed_on_as_its_terminals(server, client, said):
    assert child_env(None, client, server).get("GDTUI_CLIENT_LOCALE") == said


@pytest.mark.parametrize("flags, message", [
    (["--port", "70000"], "--port: must be 0-65535"),
    (["--port", "ssh"], "--port: must be a whole number"),
    (["--max-sessions", "0"], "--max-sessions: must be at least 1"),
    (["--idle-timeout", "-1"], "--idle-timeout: must be 0 or more"),
    (["--per-address", "0"], "--per-address: must be at least 1"),
    (["--login-grace", "0"], "--login-grace: must be a positive finite number"),
    (["--login-grace", "inf"], "--login-grace: must be a positive finite number"),
    (["--max-auth-tries", "six"], "--max-auth-tries: must be a whole number"),
    (["--password-file", "{tmp}/missing"], "cannot read password file"),
    (["--password-file", "{tmp}/empty"], "is empty"),
    (["--authorized-keys", "{tmp}/bad_keys"], "bad authorized keys file"),
    (["--open", "--password-file", "{tmp}/pw"], "--open means no authentication"),
    (["--scenarios", "{tmp}/missing"], "not a directory"),
    (["--lang", "fr"], "invalid choice"),
])
def test_bad_flags_get_one_line_and_exit_2(flags, message, tmp_path, capsys):
    (tmp_path / "empty").write_text("")
    (tmp_path / "pw").write_text("pw\n")
    (tmp_path / "bad_keys").write_text("ssh-rsa AAAA\n")
    argv = [f.format(tmp=tmp_path) for f in flags] + ["--state-dir", str(tmp_path / "state")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("gdtui serve: ") and message in err


async def _start_cli(tmp_path, *flags, preexec_fn=None):
    """`gdtui serve --port 0 ...` in a subprocess, the stand-in as the app."""
    script = ("import sys; from gdtui.cli.parser import build_parser; "
              "from gdtui.serve import run; "
              "args = build_parser()['serve'].parse_args(sys.argv[1:]); "
              f"sys.exit(run(args, command={STANDIN!r}))")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", script, "--port", "0", "--state-dir", str(tmp_path / "state"),
        *flags, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        preexec_fn=preexec_fn,
    )
    banner = []
    while not banner or not banner[-1].startswith("stop with Ctrl-C"):
        line = await asyncio.wait_for(proc.stdout.readline(), TIMEOUT)
        assert line, f"server ended early: {banner} {await proc.stderr.read()}"
        banner.append(line.decode().rstrip("\n"))
    return proc, "\n".join(banner)


async def _stop_cli(proc, sig=signal.SIGTERM):
    proc.send_signal(sig)
    out, err = await asyncio.wait_for(proc.communicate(), TIMEOUT)
    return proc.returncode, err.decode()


class _Port:
    def __init__(self, banner):
        self.port = int(re.search(r"ssh -p (\d+) anyname@127\.0\.0\.1", banner).group(1))


async def test_command_line_server_end_to_end(tmp_path):
    proc, banner = await _start_cli(tmp_path)
    try:
        assert "listening on 127.0.0.1:" in banner
        fingerprint = re.search(r"host key: (SHA256:\S+) \(new, ", banner).group(1)
        password = re.search(r"class password \(made for this run, shown only here\): (\S+)",
                             banner).group(1)
        server = _Port(banner)
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server, password="nope")
        conn = await connect(server, password=password, username="ada lovelace")
        assert conn.get_server_host_key().get_fingerprint() == fingerprint
        term = await Term.open(conn)
        await term.wait_for("ready")
        pid = child_pid(term)
    finally:
        status, err = await _stop_cli(proc)
    assert status == 0
    assert await term.finish() == 0
    assert b"the class is over: server stopping" in term.raw
    await wait_gone(pid, allow_zombie=False)
    # One line per session: ISO time, the (defanged) name, address, duration, ending.
    assert re.search(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S* ada\?lovelace 127\.0\.0\.1:\d+ "
                     r"\d+\.\ds server stopping$", err, re.M), err
    conn.close()

    # Restarted: the same host key, now with a password file.
    (tmp_path / "pw").write_text("from a file\n")
    proc, banner = await _start_cli(tmp_path, "--password-file", str(tmp_path / "pw"))
    try:
        assert f"host key: {fingerprint} (" in banner and "(new, " not in banner
        assert "made for this run" not in banner
        async with await connect(_Port(banner), password="from a file") as conn:
            term = await Term.open(conn)
            await term.wait_for("ready")
    finally:
        status, _ = await _stop_cli(proc, signal.SIGINT)
    assert status == 0


async def test_open_is_announced_loudly(tmp_path):
    proc, banner = await _start_cli(tmp_path, "--open")
    try:
        assert "NO AUTHENTICATION" in banner
        async with await connect(_Port(banner), password=None) as conn:
            await (await Term.open(conn)).wait_for("ready")
    finally:
        status, _ = await _stop_cli(proc)
    assert status == 0


def test_cannot_listen_is_one_line_exit_1(tmp_path, capsys):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--port", str(port), "--state-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"cannot listen on 127.0.0.1:{port}" in err



def _world_writable(tmp):
    (tmp / "state").mkdir(mode=0o700)
    (tmp / "state").chmod(0o777)


def _group_writable(tmp):
    (tmp / "state").mkdir(mode=0o700)
    (tmp / "state").chmod(0o770)


def _open_parent(tmp):
    (tmp / "shared").mkdir()
    (tmp / "shared").chmod(0o777)  # not sticky: anyone may swap the folder
    return "shared/state"


def _symlinked(tmp):
    (tmp / "real").mkdir(mode=0o700)
    (tmp / "state").symlink_to(tmp / "real")


def _key_is_a_link(tmp):
    (tmp / "state").mkdir(mode=0o700)
    (tmp / "state" / hostkey.KEY_NAME).symlink_to("/etc/hostname")


@pytest.mark.parametrize("make, message", [
    (_world_writable, "is writable by others (mode 777)"),
    (_group_writable, "is writable by others (mode 770)"),
    (_open_parent, "shared is writable by others (mode 777)"),
    (_symlinked, "is a symbolic link"),
    (_key_is_a_link, "is not a file of yours"),
])
def test_unsafe_state_folder_is_refused_in_one_line(make, message, tmp_path, capsys):
    folder = make(tmp_path) or "state"
    assert main(["--state-dir", str(tmp_path / folder)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "gdtui serve: refusing state folder: " in err
    assert message in err
    assert not (tmp_path / "real" / hostkey.KEY_NAME).exists()


def test_sticky_parent_like_tmp_is_fine(tmp_path):
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared").chmod(0o1777)
    _, path, created = hostkey.load_or_create(tmp_path / "shared" / "state")
    assert created and path.exists()


def _files_limit(soft, hard):
    def set_limit():
        import resource

        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))

    return set_limit


@pytest.mark.parametrize("soft, hard, raised, warned", [
    (256, 4096, True, False),  # raised to what the class needs (40 seats: 324)
    (200, 200, False, True),  # cannot be raised: the teacher is told
])
async def test_open_files_limit_is_raised_or_reported(tmp_path, soft, hard, raised, warned):
    proc, banner = await _start_cli(tmp_path, preexec_fn=_files_limit(soft, hard))
    try:
        with open(f"/proc/{proc.pid}/limits") as f:
            line = next(l for l in f if l.startswith("Max open files"))
        assert (int(line.split()[3]) > soft) == raised
        assert ("warning: only 200 open files allowed" in banner) == warned
    finally:
        status, _ = await _stop_cli(proc)
    assert status == 0
