"""``stanceline serve``: loopback by default, a warning elsewhere, the URL printed, clear errors."""

from __future__ import annotations

import socket

import pytest
import uvicorn
from typer.testing import CliRunner
from web_fixtures import LiveServer, client_class

from stanceline.cli import app
from stanceline.cli.serve import is_loopback, url_of
from stanceline.web.app import bound_host_names, host_of, valid_host_name


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


# ---- trusted hosts (DNS rebinding) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "host"),
    [
        ("127.0.0.1:8000", "127.0.0.1"),
        ("LocalHost", "localhost"),
        ("localhost.:8000", "localhost"),
        ("[::1]:8000", "::1"),
        ("[::1]", "::1"),
        ("news.example.org", "news.example.org"),
        ("", ""),
        ("[::1", ""),
        ("[::1]x", ""),
        ("::1", ""),  # an IPv6 address without brackets is not a Host header
        ("localhost:abc", ""),
        ("127.0.0.1:80:80", ""),
    ],
)
def test_host_of_a_header(header, host):
    assert host_of(header) == host


@pytest.mark.parametrize(
    ("bound", "names"),
    [
        ("127.0.0.1", ["127.0.0.1", "::1", "localhost"]),
        ("localhost", ["127.0.0.1", "::1", "localhost"]),
        ("::1", ["127.0.0.1", "::1", "localhost"]),
        ("[::1]", ["127.0.0.1", "::1", "localhost"]),
        ("127.0.0.2", ["127.0.0.1", "127.0.0.2", "::1", "localhost"]),
        ("192.168.1.5", ["192.168.1.5"]),
        ("Dash.Example.org", ["dash.example.org"]),
    ],
)
def test_the_names_of_a_bound_host(bound, names):
    assert bound_host_names(bound) == names


def test_every_interface_answers_to_loopback_and_this_machines_name():
    names = bound_host_names("0.0.0.0")
    assert {"localhost", "127.0.0.1", "::1", socket.gethostname().lower()} <= set(names)
    assert bound_host_names("::") == names


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("dash.example.org", True),
        ("*.example.org", True),
        ("*", True),
        ("10.0.0.7", True),
        ("[fe80::1]", True),
        ("fe80::1", True),
        ("dash.example.org:8000", False),
        ("http://dash.example.org", False),
        ("dash example", False),
        ("", False),
        ("*x.example.org", False),
    ],
)
def test_valid_allowed_host_names(name, valid):
    assert valid_host_name(name) is valid


LOOPBACK_ALLOWED = ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST", "localhost."]
REFUSED = [
    "evil.example",
    "evil.example:8000",
    "127.0.0.1.evil.example",
    "localhost.evil.example",
    "[::1",
    "localhost:abc",
    "",
]


@pytest.fixture(scope="module")
def loopback_client(sample_db):
    from stanceline.web import create_app

    app = create_app(sample_db, allowed_hosts=bound_host_names("127.0.0.1"))
    with client_class()(app, base_url="http://127.0.0.1:8000") as client:
        yield client


@pytest.mark.parametrize("host", LOOPBACK_ALLOWED)
@pytest.mark.parametrize("path", ["/api/actors?limit=1", "/"])
def test_a_loopback_server_answers_its_loopback_names(loopback_client, host, path):
    r = loopback_client.get(path, headers={"host": host})
    assert r.status_code == 200, (host, r.text[:200])


@pytest.mark.parametrize("host", REFUSED)
def test_a_loopback_server_refuses_other_hosts_with_a_400(loopback_client, host):
    r = loopback_client.get("/api/actors", headers={"host": host})
    assert r.status_code == 400
    error = r.json()["error"]
    assert error["code"] == "bad_host"
    assert "not a name of this server" in error["message"] and "--allowed-host" in error["message"]
    assert "localhost" in error["message"]
    page = loopback_client.get("/actors", headers={"host": host})
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]
    assert "--allowed-host" in page.text and "Content-Security-Policy" in page.headers
    # the header is shown as text, never as markup
    sneaky = loopback_client.get("/", headers={"host": "<b>x</b>.evil"})
    assert sneaky.status_code == 400 and "<b>x</b>" not in sneaky.text


@pytest.mark.parametrize(
    ("allowed", "host", "status"),
    [
        (["*.example.org"], "news.example.org", 200),
        (["*.example.org"], "a.b.example.org:8080", 200),
        (["*.example.org"], "example.org", 400),
        (["*.example.org"], "example.org.evil", 400),
        (["*.example.org"], "evilexample.org", 400),
        (["dash.example.org"], "DASH.example.org.", 200),
        (["dash.example.org"], "localhost", 400),
        (["*"], "anything.at.all", 200),
        (["[::1]"], "[::1]:8000", 200),
    ],
)
def test_allowed_host_patterns(sample_db, allowed, host, status):
    from stanceline.web import create_app

    with client_class()(create_app(sample_db, allowed_hosts=allowed)) as client:
        assert client.get("/api/actors?limit=1", headers={"host": host}).status_code == status


def test_without_an_allow_list_the_app_answers_any_host(sample_client):
    assert sample_client.get("/api/actors?limit=1", headers={"host": "anything.example"}).status_code == 200


def test_serve_answers_its_names_and_the_allowed_ones(sample_db, served):
    r = CliRunner().invoke(
        app,
        ["serve", "--db", sample_db, "--port", str(_free_port()), "--allowed-host", "dash.example.org"],
    )
    assert r.exit_code == 0, r.output
    with client_class()(served[0]["app"]) as client:
        for host, status in [
            ("127.0.0.1:8000", 200),
            ("[::1]:8000", 200),
            ("localhost", 200),
            ("dash.example.org", 200),
            ("rebound.example", 400),
        ]:
            assert client.get("/api/actors?limit=1", headers={"host": host}).status_code == status, host


@pytest.mark.parametrize("name", ["dash.example.org:8000", "http://dash.example.org/", "two words"])
def test_serve_refuses_a_bad_allowed_host(sample_db, served, name):
    r = CliRunner().invoke(app, ["serve", "--db", sample_db, "--allowed-host", name])
    assert r.exit_code == 2
    assert "E023 bad value" in r.output and "--allowed-host" in r.output and not served


def test_a_live_server_refuses_a_rebound_host(sample_db):
    import http.client

    from stanceline.web import create_app

    with LiveServer(sample_db, app=create_app(sample_db, allowed_hosts=bound_host_names("127.0.0.1"))) as s:
        for host, status in [("127.0.0.1", 200), ("localhost", 200), ("attacker.example", 400)]:
            conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=10)
            conn.putrequest("GET", "/api/actors?limit=1", skip_host=True)
            conn.putheader("Host", f"{host}:{s.port}")
            conn.endheaders()
            r = conn.getresponse()
            body = r.read()
            conn.close()
            assert r.status == status, (host, body[:200])
