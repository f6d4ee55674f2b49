"""The OpenAPI 3.1 description of the service, built from the same constants the code checks.

Written as data next to the code rather than generated from type hints: the
request validator and this schema share FORMATS, FIELDS and the limits, and the
tests validate real responses against these schemas, so the two cannot drift.
OpenAPI 3.1 schemas are JSON Schema 2020-12, which is what makes that possible.
"""

from __future__ import annotations

from typing import Any

from factlint._version import __version__
from factlint.findings import SEVERITIES, VERDICTS
from factlint.report.checked import CHECKED_VERSION
from factlint.service.payload import FORMATS, MAX_RULE_NAME_LENGTH, MAX_RULE_NAMES
from factlint.service.settings import ServiceSettings

_NULLABLE_STRING = {"type": ["string", "null"]}
_POSITION = {
    "line": {"type": "integer", "minimum": 1, "description": "1-based line"},
    "column": {"type": "integer", "minimum": 1, "description": "1-based, in code points"},
    "end_line": {"type": "integer", "minimum": 1},
    "end_column": {"type": "integer", "minimum": 1},
}
_OFFSETS = {
    "offset": {
        "type": "integer",
        "minimum": 0,
        "description": "start of the span in `text`, counted in Unicode code points "
        "(JavaScript strings count UTF-16 units: convert before slicing)",
    },
    "end_offset": {"type": "integer", "minimum": 0, "description": "end, exclusive"},
}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


def _names_schema() -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "string", "maxLength": MAX_RULE_NAME_LENGTH},
        "maxItems": MAX_RULE_NAMES,
    }


SCHEMAS: dict[str, Any] = {
    "LintRequest": _object(
        {
            "text": {"type": "string", "description": "the article"},
            "format": {
                "enum": [*FORMATS, None],
                "description": "how to read `text`; guessed (front matter = markdown) if absent",
            },
            "date": {
                "type": ["string", "null"],
                "format": "date",
                "pattern": r"^\d{4}-\d{2}-\d{2}$",
                "description": "publication date (YYYY-MM-DD) for money and weekdays; "
                "front matter `date:` is used when absent",
            },
            "rules": _object(
                {
                    "select": {
                        **_names_schema(),
                        "description": "only these rule ids, id prefixes or packs; each must "
                        "match a rule of the server",
                    },
                    "ignore": {**_names_schema(), "description": "skip these rule ids or packs"},
                },
                required=[],
            ),
        },
        required=["text"],
    ),
    "Fix": _object(
        {
            "replacement": {"type": "string"},
            "safe": {"type": "boolean", "description": "true when `--fix` would apply it"},
            **_POSITION,
            **_OFFSETS,
        }
    ),
    "Related": _object(dict(_POSITION)),
    "Finding": _object(
        {
            "path": _NULLABLE_STRING,
            **_POSITION,
            **_OFFSETS,
            "rule": {"type": "string"},
            "severity": {"enum": list(SEVERITIES)},
            "message": {"type": "string"},
            "stated": _NULLABLE_STRING,
            "expected": _NULLABLE_STRING,
            "fix": {"oneOf": [{"$ref": "#/components/schemas/Fix"}, {"type": "null"}]},
            "related": {"type": "array", "items": {"$ref": "#/components/schemas/Related"}},
        }
    ),
    "LintResponse": _object(
        {
            "version": {"const": 1},
            "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
            "summary": _object({sev: {"type": "integer", "minimum": 0} for sev in SEVERITIES}),
            "claims": _object(
                {k: {"type": "integer", "minimum": 0} for k in ("checked", *VERDICTS)}
            ),
            "checked_version": {"const": CHECKED_VERSION},
            "checked": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/Claim"},
                "description": "every claim the rules evaluated, in text order",
            },
            "truncated": {
                "const": True,
                "description": "present when checking stopped at the server's max_findings",
            },
        },
        required=["version", "findings", "summary", "claims", "checked_version", "checked"],
    ),
    "ClaimFigure": _object(
        {"name": {"type": "string"}, "text": {"type": "string"}, **_POSITION, **_OFFSETS}
    ),
    "Claim": _object(
        {
            "path": _NULLABLE_STRING,
            **_POSITION,
            **_OFFSETS,
            "rule": {"type": "string"},
            "verdict": {"enum": list(VERDICTS)},
            "text": {"type": "string", "description": "the whole claim as written"},
            "computed": {**_NULLABLE_STRING, "description": "what a consistent check worked out"},
            "reason": {**_NULLABLE_STRING, "description": "why an unknown claim is undecidable"},
            "message": {**_NULLABLE_STRING, "description": "the finding's, when inconsistent"},
            "suppressed": {"type": "boolean"},
            "figures": {"type": "array", "items": {"$ref": "#/components/schemas/ClaimFigure"}},
        }
    ),
    "Rule": _object(
        {
            "id": {"type": "string"},
            "description": {"type": "string"},
            "severity": {"enum": list(SEVERITIES)},
            "pack": {"type": "string"},
            "help": {"type": "string"},
            "bad_examples": {"type": "array", "items": {"type": "string"}},
            "good_examples": {"type": "array", "items": {"type": "string"}},
        }
    ),
    "RulesResponse": _object(
        {"rules": {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}}}
    ),
    "Health": _object(
        {
            "status": {"const": "ok"},
            "version": {"type": "string"},
            "rules": {"type": "integer", "minimum": 0},
            "pending": {"type": "integer", "minimum": 0, "description": "lint jobs in progress"},
        }
    ),
    "Error": _object(
        {
            "error": {"type": "string", "description": "what went wrong, for people"},
            "status": {"type": "integer"},
            "field": {"type": "string", "description": "the request field at fault (422)"},
        },
        required=["error", "status"],
    ),
}


def _json(ref: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


def _errors(*codes: int) -> dict[str, Any]:
    text = {
        400: "malformed JSON, invalid UTF-8 or an invalid Content-Length",
        401: "missing or wrong bearer token",
        408: "the body arrived too slowly",
        413: "the body is over the server's size limit",
        415: "the body is not JSON",
        422: "a field is invalid; `field` names it",
        503: "the server is busy or the request took too long; retry later (Retry-After)",
    }
    return {str(code): _json("Error", text[code]) for code in codes}


def build_openapi(settings: ServiceSettings) -> dict[str, Any]:
    """The description of this server: the limits and auth shown are the running ones."""
    secured = [{"bearer": []}] if settings.token else []
    auth_errors = (401,) if settings.token else ()
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "factlint",
            "version": __version__,
            "description": "Find numbers in news copy that do not add up. Findings are the "
            "objects of `factlint check --format json`. Bodies over "
            f"{settings.max_body} bytes are refused; a lint request that takes longer than "
            f"{settings.timeout:g} s is answered 503.",
        },
        "paths": {
            "/v1/lint": {
                "post": {
                    "operationId": "lint",
                    "summary": "Check an article",
                    "security": secured,
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/LintRequest"}
                            }
                        },
                    },
                    "responses": {
                        "200": _json("LintResponse", "the findings, in text order"),
                        **_errors(400, *auth_errors, 408, 413, 415, 422, 503),
                    },
                }
            },
            "/v1/rules": {
                "get": {
                    "operationId": "rules",
                    "summary": "List the rules this server runs",
                    "security": secured,
                    "responses": {
                        "200": _json("RulesResponse", "every rule, in load order"),
                        **_errors(*auth_errors),
                    },
                }
            },
            "/healthz": {
                "get": {
                    "operationId": "health",
                    "summary": "Liveness and readiness",
                    "security": [],
                    "responses": {"200": _json("Health", "the server is up, rules loaded")},
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This description",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
            "/": {
                "get": {
                    "operationId": "page",
                    "summary": "The web page for editors",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "HTML",
                            "content": {"text/html": {"schema": {"type": "string"}}},
                        }
                    },
                }
            },
            "/static/{name}": {
                "get": {
                    "operationId": "static",
                    "summary": "The page's script and style sheet",
                    "security": [],
                    "parameters": [
                        {
                            "name": "name",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": {"description": "the file"},
                        "404": {"description": "no such file"},
                    },
                }
            },
        },
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
