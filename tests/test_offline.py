"""Nothing in the package opens a network connection: a build, queries, the CLI
and the server run in this process with every connection and name lookup
outside loopback refused and recorded.

(DuckDB's own downloads happen in C++, out of Python's reach; that they are
off is asserted in tests/test_hardening.py.)"""

from __future__ import annotations

import ipaddress
import json
import socket

import httpx
import pytest
from typer.testing import CliRunner

pytestmark = pytest.mark.model

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def _loopback(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode()
    host = str(host).strip("[]").lower()
    if host in LOOPBACK_NAMES or host == "":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture()
def offline(monkeypatch):
    """Refuse (and record) every connection, datagram and name lookup that is not loopback."""
    attempts: list[str] = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_sendto, real_getaddrinfo = socket.socket.sendto, socket.getaddrinfo

    def allowed(sock, address) -> bool:
        return sock.family == getattr(socket, "AF_UNIX", None) or _loopback(address[0])

    def connect(sock, address):
        if not allowed(sock, address):
            attempts.append(f"connect {address}")
            raise ConnectionRefusedError(f"offline test: no connection to {address}")
        return real_connect(sock, address)

    def connect_ex(sock, address):
        if not allowed(sock, address):
            attempts.append(f"connect_ex {address}")
            return 111  # ECONNREFUSED
        return real_connect_ex(sock, address)

    def sendto(sock, data, *args):
        address = args[-1]
        if not allowed(sock, address):
            attempts.append(f"sendto {address}")
            raise ConnectionRefusedError(f"offline test: no datagram to {address}")
        return real_sendto(sock, data, *args)

    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not _loopback(host):
            attempts.append(f"getaddrinfo {host}")
            raise socket.gaierror(socket.EAI_NONAME, f"offline test: no lookup of {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", sendto)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


def test_offline_guard_refuses_the_outside(offline):
    with pytest.raises(OSError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET-1: never a real host
    with pytest.raises(OSError):
        socket.getaddrinfo("pypi.org", 443)
    assert len(offline) == 2
    offline.clear()


def test_offline_build_query_serve(offline, tmp_path):
    import bellum
    from bellum.cli import app
    from bellum.server.testing import running_server

    src = tmp_path / "reports"
    src.mkdir()
    (src / "gao.txt").write_text(
        "On 3 March 2019, gunmen killed 4 soldiers near Gao, Mali.\n\n"
        "On 14 November 2023 the Malian army took control of Kidal from the rebels.\n", encoding="utf-8")
    db = tmp_path / "kb.duckdb"
    kb = bellum.build([src], db=db)  # the real pipeline: spaCy, gazetteer, DuckDB
    assert kb.count() >= 1
    kb.close()
    with bellum.open(db) as kb:
        assert len(kb.events(country="Mali")) >= 1

    runner = CliRunner()
    for args in (["events", "--db", db, "--json"], ["export", "--db", db, "--format", "geojson"],
                 ["state", "2024", "--db", db, "--json"], ["gazetteer", "search", "Tinzaouaten", "--json"],
                 ["doctor", "--db", db]):
        r = runner.invoke(app, [str(a) for a in args])
        assert r.exit_code == 0, (args, r.output)
    assert json.loads(runner.invoke(app, ["events", "--db", str(db), "--json"]).stdout)[0]["country"] == "Mali"

    with running_server(db) as url, httpx.Client(base_url=url, timeout=20) as client:
        for path in ("/", "/docs", "/openapi.json", "/api/info", "/api/events", "/api/state?date=2024",
                     "/api/graph", "/static/app.js", "/static/boundaries/countries-50m.json"):
            assert client.get(path).status_code == 200, path
        assert client.get("/api/events").json()["total"] >= 1
    assert offline == [], offline
