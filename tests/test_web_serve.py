"""``stanceline serve``: loopback by default, a warning elsewhere, the URL printed, clear errors."""

from __future__ import annotations

import socket

import pytest
import uvicorn
from typer.testing import CliRunner

from stanceline.cli import app
from stanceline.cli.serve import is_loopback, url_of


@pytest.mark.parametrize(
    "host,loopback",
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_url_of():
    assert url_of("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert url_of("::1", 8080) == "http://[::1]:8080/"


@pytest.fixture
def served(monkeypatch):
    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_prints_the_url_and_listens_on_loopback(sample_db, served):
    port = _free_port()
    r = CliRunner().invoke(app, ["serve", "--db", sample_db, "--port", str(port)])
    assert r.exit_code == 0, r.output
    assert f"serving {sample_db} at http://127.0.0.1:{port}/" in r.output
    assert "warning" not in r.output
    assert served[0]["host"] == "127.0.0.1" and served[0]["port"] == port


def test_serve_warns_when_not_on_loopback(sample_db, served):
    r = CliRunner().invoke(
        app, ["serve", "--db", sample_db, "--host", "0.0.0.0", "--port", str(_free_port())]
    )
    assert r.exit_code == 0, r.output
    assert "warning: listening on 0.0.0.0, not loopback" in r.output
    assert served[0]["host"] == "0.0.0.0"


def test_serve_refuses_a_missing_database(tmp_path, served):
    r = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 2
    assert "E019 cannot open the database" in r.output and "stanceline ingest" in r.output
    assert not (tmp_path / "none.db").exists() and not served


def test_serve_says_when_the_port_is_taken(sample_db, served):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        r = CliRunner().invoke(app, ["serve", "--db", sample_db, "--port", str(s.getsockname()[1])])
    assert r.exit_code == 2
    assert "E023 bad value" in r.output and "--port" in r.output and not served
