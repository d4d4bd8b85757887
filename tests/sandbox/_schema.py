"""Check a sandbox answer against the response schema the official OpenAPI document gives its operation."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.conftest import OPENAPI_DIR

_DOCUMENTS = {
    "crm": "crm-v2.json",
    "jpm": "jpm-v2.json",
    "marketing": "marketing-v2.json",
    "jbce": "jbce-v2.json",
}


@cache
def _document(module: str) -> tuple[dict[str, Any], Registry]:
    uri = f"urn:servicetitan:{module}"
    document = json.loads((OPENAPI_DIR / _DOCUMENTS[module]).read_text())
    return document, Registry().with_resource(uri, Resource.from_contents(document, DRAFT202012))


def _template(document: dict[str, Any], method: str, path: str) -> str:
    """The documented path template (e.g. /tenant/{tenant}/customers/{id}) that a request path matches;
    a literal segment wins over a parameter (/customers/contacts is not /customers/{id})."""
    matches = []
    for template, operations in document["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if method in operations and re.match(pattern, path):
            matches.append(template)
    assert matches, f"{method.upper()} {path} is not a documented operation"
    return min(matches, key=lambda template: template.count("{"))


def check(method: str, url_path: str, status: int, body: Any) -> None:
    """Assert ``body`` is valid for the response ``status`` of the operation ``method url_path``
    (``url_path`` like /crm/v2/tenant/123/customers/45)."""
    module, _, rest = url_path.strip("/").partition("/v2")
    document, registry = _document(module)
    template = _template(document, method.lower(), rest.split("?")[0])
    responses = document["paths"][template][method.lower()]["responses"]
    content = responses[str(status)].get("content")
    if content is None:
        assert not body, f"{method} {template} {status} documents no body, got {body!r}"
        return
    media_type = next(iter(content))
    # Point into the document itself, so the schema's "#/components/..." references resolve.
    pointer = "/".join(
        part.replace("~", "~0").replace("/", "~1")
        for part in (
            "paths",
            template,
            method.lower(),
            "responses",
            str(status),
            "content",
            media_type,
            "schema",
        )
    )
    validator = Draft202012Validator({"$ref": f"urn:servicetitan:{module}#/{pointer}"}, registry=registry)
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
