"""The API holds to its OpenAPI document whatever it is sent (schemathesis, as outside checkers do)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_it_holds_to_its_openapi_document_under_fuzzing(territories, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
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
