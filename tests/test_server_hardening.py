"""Hardening of the HTTP API (issue 17), against a real uvicorn server on loopback:
no 5xx, no silently ignored parameter, no leak of the build machine's paths,
no answer to a foreign Host header, security headers on every response."""

from __future__ import annotations

import re

import httpx
import pytest

from bellum.server.testing import SAMPLE_SENTENCES, running_server, write_sample_kb


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return write_sample_kb(tmp_path_factory.mktemp("kb") / "sample.duckdb")


@pytest.fixture(scope="module")
def server(kb):
    with running_server(kb) as url:
        yield url


@pytest.fixture(scope="module")
def api(server):
    with httpx.Client(base_url=server, timeout=20) as client:
        yield client


def error(r, status: int) -> str:
    assert r.status_code == status, (r.request.url, r.status_code, r.text)
    body = r.json()
    assert body == {"ok": False, "error": body["error"], "status": status}
    return body["error"]


# ---- the two 500s of the probe -------------------------------------------------------------

def test_hardening_http_empty_state_date_is_a_400(api):
    assert "date" in error(api.get("/api/state?date="), 400)
    assert "a date is needed" in error(api.get("/api/control?at="), 400)


@pytest.mark.parametrize("offset", ["9223372036854775808", "9223372036854775807", "1000000001", "1e3"])
def test_hardening_http_huge_offset_is_a_400(api, offset):
    assert "offset" in error(api.get(f"/api/events?offset={offset}"), 400)


# ---- no silent acceptance --------------------------------------------------------------------

def test_hardening_http_unknown_parameter_names_the_accepted_ones(api):
    msg = error(api.get("/api/events?actr=JNIM"), 400)
    assert "'actr'" in msg and "did you mean 'actor'?" in msg and "event_type" in msg and "limit" in msg
    msg = error(api.get("/api/info?verbose=1"), 400)
    assert "'verbose'" in msg and "accepted: none" in msg
    assert "'when'" in error(api.get("/api/state?date=2012&when=2013"), 400)


@pytest.mark.parametrize("url", ["/api/events?actor=ALF&actor=FAMa", "/api/stats?since=2012&since=2013",
                                 "/api/state?date=2012&date=2013", "/api/events?limit=1&limit=2"])
def test_hardening_http_repeated_parameter_is_refused(api, url):
    assert "more than once" in error(api.get(url), 400)


def test_hardening_http_like_wildcards_are_characters(api):
    # '_' and '%' match themselves only: the one passage with an underscore ("window.__pwned")
    assert "window.__pwned" in SAMPLE_SENTENCES["abduction"]
    assert [e["event_id"] for e in api.get("/api/events?q=_").json()["events"]] == ["sx-004"]
    assert api.get("/api/events?q=%25").json()["total"] == 0
    assert api.get("/api/events?q=%5C").json()["total"] == 0  # a backslash


@pytest.mark.parametrize("url, words", [
    ("/api/events?min_confidence=2", ["min_confidence", "1"]),
    ("/api/events?min_confidence=-0.1", ["min_confidence"]),
    ("/api/events?min_fatalities=-5", ["min_fatalities"]),
    ("/api/events?since=2024&until=2012", ["since (2024) is after until (2012)"]),
    ("/api/stats?since=2012-06-02&until=2012-06-01", ["is after"]),
    ("/api/events?since=\u0662\u0660\u0661\u0662", ["since", "not a date"]),
    ("/api/state?date=\uff12\uff10\uff11\uff12", ["date", "not a date"]),
    ("/api/graph?at=2012-\u0660\u0661", ["at", "not a date"]),
    ("/api/events?min_fatalities=\u0663", ["min_fatalities"]),
    ("/api/events?event_type=Battle", ["did you mean 'Battles'?", "Strategic developments"]),
    ("/api/events?event_type=Battles|Riot", ["'Riot'", "did you mean 'Riots'?"]),
    ("/api/events?sub_event_type=Air%20strike", ["sub_event_type", "Air/drone strike"]),
])
def test_hardening_http_refuses_what_it_used_to_accept(api, url, words):
    msg = error(api.get(url), 400)
    for w in words:
        assert w in msg, (w, msg)


def test_hardening_http_accepted_values_still_answer(api):
    assert api.get("/api/events?min_confidence=0.5").json()["total"] == 8
    assert api.get("/api/events?event_type=battles|RIOTS").json()["total"] == 5
    assert api.get("/api/events?since=2012-06&until=2012-06").json()["total"] == 1


# ---- leaks and headers -------------------------------------------------------------------------

def test_hardening_http_document_gives_no_build_path(api):
    doc = api.get("/api/documents/sahel_report").json()["document"]
    assert doc["path"] == "sahel_report.txt"  # stored as invented/sahel_report.txt


@pytest.mark.model
def test_hardening_http_built_document_path_is_the_file_name(small_kb):
    with running_server(small_kb) as url:
        ids = [e["doc_id"] for e in httpx.get(f"{url}/api/events?limit=1000").json()["events"]]
        for doc_id in sorted(set(ids)):
            doc = httpx.get(f"{url}/api/documents/{doc_id}").json()["document"]
            assert "/" not in doc["path"] and doc["path"].endswith(".txt"), doc["path"]


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io", "localhost.evil.example",
                                  "[::2]:80", ""])
def test_hardening_http_foreign_host_header_is_refused(server, host):
    r = httpx.get(f"{server}/api/info", headers={"Host": host})
    assert "not served here" in error(r, 400)
    assert r.headers["x-content-type-options"] == "nosniff"
    r = httpx.get(f"{server}/", headers={"Host": host})
    assert r.status_code == 400 and "bellum dashboard" not in r.text


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST.", "[::1]"])
def test_hardening_http_loopback_host_names_are_answered(server, host):
    port = server.rsplit(":", 1)[1]
    assert httpx.get(f"{server}/api/info", headers={"Host": f"{host}:{port}"}).status_code == 200


def test_hardening_http_allowed_hosts():
    from bellum.server.app import allowed_hosts

    assert allowed_hosts("127.0.0.1") == {"localhost", "127.0.0.1", "::1"}
    assert "kb.example.org" in allowed_hosts("kb.example.org")
    assert "lab-box" in allowed_hosts("127.0.0.1", ("Lab-Box",))


@pytest.mark.parametrize("path", ["/", "/docs", "/api/info", "/api/events?format=csv", "/openapi.json",
                                  "/static/app.js", "/api/nothing", "/api/events?limit=0"])
def test_hardening_http_security_headers_on_every_response(api, path):
    r = api.get(path)
    assert r.headers["x-content-type-options"] == "nosniff", path
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp, path
    if path in ("/", "/docs"):
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_hardening_http_docs_page_has_no_inline_script(api):
    html = api.get("/docs").text
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts), scripts
    assert api.get("/static/docs.js").status_code == 200


def test_hardening_http_head_of_the_pages(api):
    for path in ("/", "/docs"):
        r = api.head(path)
        assert r.status_code == 200 and r.content == b"", path
        assert int(r.headers["content-length"]) > 0
