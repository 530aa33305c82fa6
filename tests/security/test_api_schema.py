"""Schemathesis against the app's own OpenAPI document: generated requests, valid and invalid, never get a
5xx, and every answer matches the document (status code, content type, body schema)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bot import create_app
from bot.usecases import orders, roster, stores

schemathesis = pytest.importorskip("schemathesis")

from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Per operation and per way of generating: 8 operations x 4 ways x this many requests stays well under a minute.
EXAMPLES = 40


def test_generated_requests_never_get_a_5xx_and_every_answer_matches_the_document(svc):
    app = create_app(services=svc)
    auth = {"Authorization": "Bearer " + stores.create_token(svc.db, "schemathesis")}
    # Real resources, so that generated requests reach past the 404s: a store with staff and a ready order.
    store = stores.create_store(svc.db, "Plein Air Laurier", "+15145550100", "America/Toronto", "fr")
    roster.add_staff(svc.db, store.id, "Julie Tremblay", "+15145550111")
    orders.create_order(svc, store.id, "1234", "+15145550123", "Marie Lavoie", status="ready")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8
    for operation in operations:
        names = {p.name for p in operation.path_parameters}
        real = {k: v for k, v in (("store_id", store.id), ("number", "1234")) if k in names}
        positive = operation.as_strategy(path_parameters=real or None)
        _run(positive, auth)
        # Random strings are almost never phone numbers or time zones: with real ones, requests get past
        # validation into the database writes and texts, where a 5xx would hide.
        _run(positive.flatmap(lambda case: st.integers(0, 9999).map(lambda n: _realistic(case, n))), auth)
        _run(operation.as_strategy(), auth)
        _run(
            operation.as_strategy(generation_mode=GenerationMode.NEGATIVE, path_parameters=real or None),
            auth,
            negative=True,
        )


def _realistic(case, n: int):
    if isinstance(case.body, dict):
        for field, prefix in (("sms_number", "+1514555"), ("phone", "+1438555"), ("customer_phone", "+1450555")):
            if field in case.body:
                case.body[field] = f"{prefix}{n:04d}"
        if "timezone" in case.body:
            case.body["timezone"] = "America/Toronto"
    return case


def _run(strategy, auth, negative=False):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case):
        response = case.call(headers=auth)
        # A request the document says is invalid must also be refused (4xx), not half-accepted.
        case.validate_response(response, checks=CHECKS + ([negative_data_rejection] if negative else []))

    check()
