"""Fuzz the HTTP API from its own OpenAPI schema (schemathesis over hypothesis),
against a real uvicorn server on loopback over the small invented knowledge base.

Every generated request, valid or not, must get no 5xx, a status code the
schema documents, a content type it documents, for errors the one error
shape, for invalid data a refusal, and the security headers. Bounded: a fixed number of examples per operation, no example
database, well under a minute."""

from __future__ import annotations

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from bellum.server.testing import running_server, write_sample_kb

EXAMPLES = 50  # per operation and mode (valid, invalid); 12 operations
BUDGET_S = 50
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    kb = write_sample_kb(tmp_path_factory.mktemp("fuzz") / "sample.duckdb")
    with running_server(kb) as url:
        yield schemathesis.openapi.from_url(f"{url}/openapi.json")


def test_fuzz_api_from_its_openapi_schema(api_schema):
    started = time.monotonic()
    operations = [op.ok() for op in api_schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/events", "/api/state", "/api/documents/{doc_id}"}
    seen, no_negative = [], []
    for op, mode in [(op, mode) for op in operations for mode in GenerationMode]:
        assert op.path.startswith("/api/")
        if mode is GenerationMode.NEGATIVE and not list(op.iter_parameters()):
            continue  # nothing to get wrong
        checks = CHECKS + ([negative_data_rejection] if mode is GenerationMode.NEGATIVE else [])

        @given(case=op.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        def call(case):
            if time.monotonic() - started > BUDGET_S:
                return  # over the time bound (a loaded machine): the remaining examples pass untried
            response = case.call_and_validate(checks=checks, timeout=20)
            headers = response.headers  # lists of values, by lower-case name
            assert headers.get("x-content-type-options") == ["nosniff"]
            assert "frame-ancestors 'none'" in headers.get("content-security-policy", [""])[0]
            seen.append((op.path, mode.value, response.status_code))

        try:
            call()
        except Unsatisfiable:
            # every query value is a string: a string-only operation has no invalid request to make
            assert mode is GenerationMode.NEGATIVE, op.label
            no_negative.append(op.path)
    elapsed = time.monotonic() - started
    assert elapsed < BUDGET_S + 10, f"the fuzz run took {elapsed:.0f} s"
    # the run reached both answers and refusals, not only one kind
    assert {s for _, _, s in seen} >= {200, 400, 404}, sorted(set(seen))
    assert len(seen) >= len(operations) * 10
