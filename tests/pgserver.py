"""A throwaway PostgreSQL server for the tests.

``start_throwaway(tmp_dir)`` runs ``initdb`` and ``pg_ctl`` from the local
PostgreSQL installation to start a private cluster on 127.0.0.1 on a free port
and returns ``(url, stop)``: a SQLAlchemy URL of an empty database
``stanceline_test`` and a callable that stops the cluster and deletes it.

PostgreSQL refuses to run as root. Under root the cluster is run by the
``postgres`` system user (Debian's ``postgresql`` package creates it), or else
by ``nobody``, through ``runuser``; its directory must then be one that user
can reach, so it goes under /tmp when ``tmp_dir`` is not.

The server binaries are looked up in ``$STANCELINE_PG_BINDIR`` when that is
set (and nowhere else), else in ``pg_config --bindir``, in
/usr/lib/postgresql/*/bin (newest first) and on PATH.

Every reason a server cannot be started is raised as ``PgServerError``.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

USER = "stanceline"  # the cluster's superuser (initdb -U)
DATABASE = "stanceline_test"
START_TIMEOUT_S = 60


class PgServerError(RuntimeError):
    """A throwaway PostgreSQL server could not be started; the message says why."""


def libpq_url(url: str) -> str:
    """The SQLAlchemy URL ``postgresql+psycopg://...`` as a libpq one ``postgresql://...``."""
    return re.sub(r"^postgresql\+\w+://", "postgresql://", url)


def with_database(url: str, database: str) -> str:
    """``url`` pointing at another database on the same server."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + database))


def find_bindir() -> Path:
    """The directory holding ``initdb`` and ``pg_ctl``."""

    def usable(d: str | Path | None) -> bool:
        return bool(d) and all(os.access(Path(d, b), os.X_OK) for b in ("initdb", "pg_ctl"))

    override = os.environ.get("STANCELINE_PG_BINDIR")
    if override:
        if usable(override):
            return Path(override)
        raise PgServerError(f"STANCELINE_PG_BINDIR={override} holds no executable initdb and pg_ctl")

    candidates: list[str] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=30, check=False
            )
            candidates.append(out.stdout.strip())
        except (OSError, subprocess.SubprocessError):
            pass

    def version(d: str) -> tuple[int, ...]:
        return tuple(int(x) for x in re.findall(r"\d+", Path(d).parent.name)) or (0,)

    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(str(Path(initdb).resolve().parent))
    for d in candidates:
        if usable(d):
            return Path(d)
    raise PgServerError(
        "no PostgreSQL server binaries (initdb, pg_ctl) found in pg_config --bindir, "
        "/usr/lib/postgresql/*/bin or PATH"
    )


def _unprivileged_user() -> str | None:
    """Who runs the cluster when we are root; None when we are not root."""
    if os.geteuid() != 0:
        return None
    if not shutil.which("runuser"):
        raise PgServerError("running as root and runuser(1) is not available to drop privileges")
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise PgServerError("running as root and neither a 'postgres' nor a 'nobody' user exists")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_throwaway(tmp_dir: str | os.PathLike) -> tuple[str, Callable[[], None]]:
    """Start a private PostgreSQL cluster; return its SQLAlchemy URL and a stop callable."""
    try:
        import psycopg
    except ImportError as e:
        raise PgServerError(f"psycopg is not installed ({e})") from None

    bindir = find_bindir()
    user = _unprivileged_user()
    prefix = ["runuser", "-u", user, "--"] if user else []

    def run(*args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
        cmd = prefix + [str(a) for a in args]
        try:
            # cwd=top: the unprivileged user may not be able to enter our cwd.
            proc = subprocess.run(cmd, cwd=top, capture_output=True, text=True, timeout=timeout, check=False)
        except (OSError, subprocess.SubprocessError) as e:
            raise PgServerError(f"{' '.join(cmd)} failed: {e}") from e
        if check and proc.returncode != 0:
            raise PgServerError(
                f"{' '.join(cmd)} exited with {proc.returncode}: "
                f"{(proc.stderr or proc.stdout).strip()[-2000:]}{_log_tail()}"
            )
        return proc

    def _log_tail() -> str:
        try:
            return "\nserver log:\n" + log.read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    top = _make_top(tmp_dir, user)
    data, log = top / "data", top / "server.log"
    stopped = False

    def stop() -> None:
        nonlocal stopped
        if stopped:
            return
        stopped = True
        try:
            if (data / "postmaster.pid").exists():
                r = run(
                    bindir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "-t", "30", "stop", check=False
                )
                if r.returncode != 0:
                    _kill_postmaster(data)
        finally:
            shutil.rmtree(top, ignore_errors=True)

    atexit.register(stop)  # in case the caller never gets to call it
    try:
        run(
            bindir / "initdb",
            "-D",
            data,
            "-A",
            "trust",
            "-U",
            USER,
            "--no-sync",
            "--no-locale",
            "-E",
            "UTF8",
        )
        base_conf = (data / "postgresql.conf").read_text()
        for attempt in range(3):  # another process may grab the free port before the server binds it
            port = _free_port()
            (data / "postgresql.conf").write_text(
                base_conf
                + "\n# stanceline throwaway test cluster\n"
                + f"port = {port}\n"
                + "listen_addresses = '127.0.0.1'\n"
                + f"unix_socket_directories = '{data}'\n"
                + "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            )
            r = run(
                bindir / "pg_ctl",
                "-D",
                data,
                "-l",
                log,
                "-w",
                "-t",
                str(START_TIMEOUT_S),
                "start",
                check=attempt == 2,
            )
            if r.returncode == 0:
                break

        admin = f"postgresql://{USER}@127.0.0.1:{port}/postgres"
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f'CREATE DATABASE "{DATABASE}"')
                break
            except psycopg.OperationalError as e:
                if time.monotonic() > deadline:
                    raise PgServerError(
                        f"PostgreSQL on 127.0.0.1:{port} did not accept connections within "
                        f"{START_TIMEOUT_S}s: {e}{_log_tail()}"
                    ) from e
                time.sleep(0.2)
    except BaseException:
        stop()
        raise
    return f"postgresql+psycopg://{USER}@127.0.0.1:{port}/{DATABASE}", stop


def _make_top(tmp_dir: str | os.PathLike, user: str | None) -> Path:
    """A fresh directory for the cluster that ``user`` owns and can reach."""
    if user is None:
        return Path(tempfile.mkdtemp(prefix="pg-", dir=tmp_dir))
    pw = pwd.getpwnam(user)
    for base in (str(tmp_dir), "/tmp"):
        if not os.path.isdir(base):
            continue
        top = Path(tempfile.mkdtemp(prefix="stanceline-pg-", dir=base))
        os.chown(top, pw.pw_uid, pw.pw_gid)
        os.chmod(top, 0o700)
        ok = (
            subprocess.run(
                ["runuser", "-u", user, "--", "test", "-w", str(top), "-a", "-x", str(top)],
                capture_output=True,
                check=False,
            ).returncode
            == 0
        )
        if ok:
            return top
        shutil.rmtree(top, ignore_errors=True)  # some directory above is closed to the user
    raise PgServerError(f"user {user!r} cannot reach a directory under {tmp_dir} nor under /tmp")


def _kill_postmaster(data: Path) -> None:
    """Last resort when pg_ctl cannot stop the server."""
    import signal

    try:
        pid = int((data / "postmaster.pid").read_text().split()[0])
        os.kill(pid, signal.SIGQUIT)
    except (OSError, ValueError, IndexError):
        pass
