"""The API holds to its OpenAPI document whatever it is sent (schemathesis, as outside checkers do)."""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler, minus the closing of connections after each request (as Django's test
    client does): the test's transaction, and the territories loaded in it, stay open."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_it_holds_to_its_openapi_document_under_fuzzing(territories, wsgi_app, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operation = schema["/api/v1/territories"]["GET"]
    statuses = set()

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=120, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case):
        response = case.call_and_validate()
        statuses.add(response.status_code)

    check()
    assert statuses <= {200, 422}
    assert (200 if mode == GenerationMode.POSITIVE else 422) in statuses
