"""Validation of HTTP exchanges against ServiceTitan's official OpenAPI documents.

The documents are read from ../shared/servicetitan-openapi/ (never copied into the project). Every
response body is checked against the schema documented for its operation and status (undocumented
error statuses against the common ApiErrorResponse), and every request against its operation's path,
query parameters and request-body schema. Formats are checked too: date-time, int32/int64 ranges, guid.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from csr_console.sandbox.store import parse_time

OPENAPI_DIR = Path(__file__).resolve().parents[3] / "shared" / "servicetitan-openapi"
MODULES = {
    "crm": "crm-v2.json",
    "jpm": "jpm-v2.json",
    "dispatch": "dispatch-v2.json",
    "settings": "settings-v2.json",
    "marketing": "marketing-v2.json",
    "jbce": "jbce-v2.json",
    "schedulingpro": "scheduling-pro-v2.json",
}
METHODS = ("get", "post", "put", "patch", "delete")

format_checker = FormatChecker()


@format_checker.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})", value):
        raise ValueError(f"{value!r} is not an ISO-8601 date-time with a zone")
    parse_time(value)
    return True


@format_checker.checks("int32")
def _int32(value: object) -> bool:
    return not isinstance(value, int) or -(2**31) <= value < 2**31


@format_checker.checks("int64")
def _int64(value: object) -> bool:
    return not isinstance(value, int) or -(2**63) <= value < 2**63


@format_checker.checks("guid", raises=ValueError)
def _guid(value: object) -> bool:
    if isinstance(value, str):
        uuid.UUID(value)
    return True


@dataclass(frozen=True)
class Operation:
    module: str
    method: str
    template: str  # the documented path, e.g. /crm/v2/tenant/{tenant}/bookings/{id}
    pattern: re.Pattern[str]
    spec: dict[str, Any] = field(repr=False, hash=False, compare=False)
    document: str = field(repr=False)

    @property
    def key(self) -> str:
        return f"{self.method.upper()} {self.template}"


class Contract:
    """The seven documents, indexed by operation, with validators over each document's components."""

    def __init__(self, directory: Path = OPENAPI_DIR) -> None:
        self.documents: dict[str, dict[str, Any]] = {}
        self.registries: dict[str, Registry] = {}
        self.operations: list[Operation] = []
        for module, filename in MODULES.items():
            document = json.loads((directory / filename).read_text())
            uri = f"urn:servicetitan:{filename}"
            self.documents[filename] = document
            self.registries[filename] = Registry().with_resource(uri, Resource(document, DRAFT202012))
            for path, item in document["paths"].items():
                template = f"/{module}/v2{path}"
                regex = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
                for method in METHODS:
                    if method in item:
                        self.operations.append(
                            Operation(module, method, template, re.compile(regex), item[method], filename)
                        )
        # Literal segments beat parameters: /customers/contacts before /customers/{id}.
        self.operations.sort(key=lambda op: op.template.count("{"))

    def find(self, method: str, path: str) -> Operation:
        for operation in self.operations:
            if operation.method == method.lower() and operation.pattern.match(path):
                return operation
        raise AssertionError(f"{method.upper()} {path} is not an operation of the official documents")

    def _validator(self, operation: Operation, schema: dict[str, Any]) -> Draft202012Validator:
        return _validator(self, operation.document, json.dumps(schema, sort_keys=True))

    def _resolve(self, operation: Operation, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            pointer = node["$ref"].lstrip("#/").split("/")
            target: Any = self.documents[operation.document]
            for part in pointer:
                target = target[part]
            node = target
        return node

    def _ref_schema(self, operation: Operation, schema: dict[str, Any]) -> dict[str, Any]:
        """A schema whose $refs resolve against its own document."""
        uri = f"urn:servicetitan:{operation.document}"
        return json.loads(json.dumps(schema).replace('"$ref": "#/', f'"$ref": "{uri}#/'))

    # -- responses ----------------------------------------------------------------------------------
    def check_response(self, method: str, path: str, status: int, body: Any) -> list[str]:
        """Problems with one response; empty when it keeps the contract."""
        operation = self.find(method, path)
        responses = operation.spec.get("responses", {})
        documented = responses.get(str(status))
        if documented is None:
            if status < 400:
                return [f"{operation.key}: status {status} is not documented"]
            schema: dict[str, Any] | None = {"$ref": "#/components/schemas/ApiErrorResponse"}
        else:
            documented = self._resolve(operation, documented)
            content = documented.get("content") or {}
            media = content.get("application/json") or next(iter(content.values()), None)
            schema = media.get("schema") if media else None
        if schema is None:
            if body not in (None, b"", ""):
                return [
                    f"{operation.key} {status}: a body was sent where none is documented: {str(body)[:200]}"
                ]
            return []
        validator = self._validator(operation, self._ref_schema(operation, schema))
        body = _tolerate_null_address_parts(body)
        return [
            f"{operation.key} {status}: {_where(error)}: {error.message}"
            for error in validator.iter_errors(body)
        ]

    # -- requests -----------------------------------------------------------------------------------
    def check_request(self, method: str, url: str, body: Any) -> list[str]:
        parts = urlsplit(url)
        operation = self.find(method, parts.path)
        problems: list[str] = []
        parameters = {
            p["name"]: p
            for p in (self._resolve(operation, raw) for raw in operation.spec.get("parameters", []))
        }
        for name, value in parse_qsl(parts.query, keep_blank_values=True):
            parameter = parameters.get(name)
            if parameter is None or parameter.get("in") != "query":
                problems.append(f"{operation.key}: query parameter {name!r} is not documented")
                continue
            problems += self._check_parameter(operation, parameter, value)
        for name, parameter in parameters.items():
            if (
                parameter.get("in") == "query"
                and parameter.get("required")
                and name not in dict(parse_qsl(parts.query))
            ):
                problems.append(f"{operation.key}: required query parameter {name!r} missing")
        request_body = operation.spec.get("requestBody")
        if request_body is None:
            if body is not None:
                problems.append(f"{operation.key}: sends a body where none is documented")
            return problems
        request_body = self._resolve(operation, request_body)
        media = (request_body.get("content") or {}).get("application/json")
        if media is None:
            return problems
        if body is None:
            if request_body.get("required"):
                problems.append(f"{operation.key}: the documented request body is missing")
            return problems
        validator = self._validator(operation, self._ref_schema(operation, media["schema"]))
        problems += [
            f"{operation.key} request: {_where(e)}: {e.message}" for e in validator.iter_errors(body)
        ]
        return problems

    def _check_parameter(self, operation: Operation, parameter: dict[str, Any], raw: str) -> list[str]:
        schema = self._resolve(operation, parameter.get("schema", {}))
        if "oneOf" in schema or "anyOf" in schema:
            options = schema.get("oneOf") or schema.get("anyOf")
            schema = self._resolve(operation, options[0])
        kind = schema.get("type")
        kinds = kind if isinstance(kind, list) else [kind]
        value: Any = raw
        try:
            if "integer" in kinds:
                value = int(raw)
            elif "number" in kinds:
                value = float(raw)
            elif "boolean" in kinds:
                if raw.lower() not in ("true", "false"):
                    raise ValueError(raw)
                value = raw.lower() == "true"
        except ValueError:
            return [f"{operation.key}: query {parameter['name']}={raw!r} is not a {kind}"]
        validator = self._validator(operation, self._ref_schema(operation, schema))
        return [
            f"{operation.key}: query {parameter['name']}={raw!r}: {e.message}"
            for e in validator.iter_errors(value)
        ]


ADDRESS_PARTS = ("street", "city", "state", "zip", "country")


def _tolerate_null_address_parts(node: Any) -> Any:
    """The one documented deviation (API-NOTES.md): real addresses have null parts the documents forbid.

    The sandbox reproduces it on purpose, so answers are checked as if those nulls were empty strings;
    every other field keeps its documented type.
    """
    if isinstance(node, list):
        return [_tolerate_null_address_parts(item) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: _tolerate_null_address_parts(value) for key, value in node.items()}
    address = copy.get("address")
    if isinstance(address, dict):
        copy["address"] = {k: ("" if v is None and k in ADDRESS_PARTS else v) for k, v in address.items()}
    return copy


def _where(error: Any) -> str:
    return "/".join(map(str, error.absolute_path)) or "<body>"


@cache
def _validator(contract: Contract, document: str, schema_json: str) -> Draft202012Validator:
    return Draft202012Validator(
        json.loads(schema_json), registry=contract.registries[document], format_checker=format_checker
    )


def load_contract() -> Contract:
    """The documents in ../shared/servicetitan-openapi/; without them the calling test skips, saying why."""
    if not OPENAPI_DIR.is_dir():
        pytest.skip(
            f"the official OpenAPI documents are not at {OPENAPI_DIR} (../shared/servicetitan-openapi)"
        )
    return _loaded()


@cache
def _loaded() -> Contract:
    return Contract()
