"""The Starlette application: routes, error bodies, auth, CORS and security headers.

Rules are loaded (and their compiled patterns, unit registry and rate data
warmed up) once, when the app is created and started, never per request. A
request brings only text and a narrowing of the server's rules; everything it
could use to reach the server's files or its configuration is refused by
payload.parse_lint_request. The lint itself runs on the LintPool, off the
event loop, so a long article never delays a health check.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from factlint._version import __version__
from factlint.api import Options, builtin_rules, check_text, selected
from factlint.engine.loader import load_rules
from factlint.engine.rule import Rule
from factlint.findings import SEVERITIES
from factlint.report.checked import checked_payload, counts
from factlint.service.openapi import build_openapi
from factlint.service.payload import (
    ApiError,
    LintRequest,
    check_content_type,
    decode_json,
    parse_lint_request,
    read_body,
)
from factlint.service.pool import LintPool, Overloaded, TimedOut
from factlint.service.settings import ServiceSettings

STATIC_DIR = Path(__file__).with_name("static")
log = logging.getLogger("factlint.service")

# The page needs nothing from elsewhere (no CDN: the service may run offline),
# so the policy can forbid everything but its own origin.
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; img-src 'self' data:; form-action 'none'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
WARM_UP_TEXT = (
    "The town lies 60 kilometres (37 miles) away. The mission cost about 500 million "
    "dollars (about 375 million euros), Monday, January 21, 2013."
)


def server_rules(settings: ServiceSettings) -> tuple[Rule, ...]:
    """The operator's rules: built-in packs unless turned off, plus the config's packs."""
    if settings.rules or not settings.builtin:
        rules: Sequence[Rule] = load_rules(settings.rules, builtin=settings.builtin)
    else:
        rules = builtin_rules()
    return tuple(selected(rules, settings.select, settings.ignore))


class _Linter:
    """The CPU-side work of one request: runs on a pool thread and returns the response bytes."""

    def __init__(self, rules: tuple[Rule, ...], settings: ServiceSettings) -> None:
        self.rules = rules
        self.pattern_timeout = min(settings.pattern_timeout, settings.timeout)
        self.max_findings = settings.max_findings

    def matches(self, name: str) -> bool:
        return bool(selected(self.rules, [name], ()))

    def __call__(self, request: LintRequest) -> bytes:
        options = Options(
            date=request.date,
            rules=selected(self.rules, request.select, request.ignore),
            format=request.format,
            pattern_timeout=self.pattern_timeout,
            checked=True,
            max_findings=self.max_findings,
        )
        result = check_text(request.text, options)
        findings = [finding.to_json() for finding in result.findings[: self.max_findings]]
        summary = {severity: 0 for severity in reversed(SEVERITIES)}
        for item in findings:
            summary[item["severity"]] += 1
        body: dict[str, Any] = {"version": 1, "findings": findings, "summary": summary}
        body.update(checked_payload(result.checked[: self.max_findings]))
        body["claims"] = counts(result.checked)  # every claim counted, listed up to the cap
        listed_all = len(result.checked) <= self.max_findings
        if result.truncated or len(result.findings) > self.max_findings or not listed_all:
            body["truncated"] = True  # checking stopped at max_findings: there may be more
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class _SecurityHeaders:
    """Adds SECURITY_HEADERS to every response (pure ASGI: no buffering of bodies)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [
                    (name.encode(), value.encode())
                    for name, value in SECURITY_HEADERS.items()
                    if name.encode() not in present
                ]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: ServiceSettings | None = None) -> Starlette:
    """The service as an ASGI app; raises RuleError if the configured rules cannot be loaded."""
    settings = settings or ServiceSettings()
    rules = server_rules(settings)
    linter = _Linter(rules, settings)
    pool = LintPool(
        concurrency=settings.concurrency, max_queue=settings.max_queue, timeout=settings.timeout
    )
    rules_body = json.dumps(
        {"rules": [_rule_json(rule) for rule in rules]}, ensure_ascii=False
    ).encode("utf-8")
    openapi_body = json.dumps(build_openapi(settings), ensure_ascii=False).encode("utf-8")
    authorize = _authorizer(settings)

    async def list_rules(request: Request) -> Response:
        authorize(request)
        return Response(rules_body, media_type="application/json")

    async def health(request: Request) -> Response:
        return JSONResponse(
            {"status": "ok", "version": __version__, "rules": len(rules), "pending": pool.pending}
        )

    async def openapi(request: Request) -> Response:
        return Response(openapi_body, media_type="application/json")

    async def page(request: Request) -> Response:
        return FileResponse(STATIC_DIR / "index.html", headers={"cache-control": "no-cache"})

    app = Starlette(
        routes=[
            Route("/v1/lint", _lint_endpoint(settings, linter, pool, authorize), methods=["POST"]),
            Route("/v1/rules", list_rules, methods=["GET"]),
            Route("/healthz", health, methods=["GET"]),
            Route("/openapi.json", openapi, methods=["GET"]),
            Route("/", page, methods=["GET"]),
            Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
        ],
        middleware=_middleware(settings),
        exception_handlers={
            ApiError: _api_error,
            HTTPException: _http_error,
            Exception: _internal_error,
        },
        lifespan=_lifespan(linter, pool),
    )
    app.state.settings = settings
    app.state.pool = pool
    return app


def _authorizer(settings: ServiceSettings) -> Callable[[Request], None]:
    """Raises 401 unless the request carries the configured bearer token (if any)."""
    token = settings.token.encode("ascii") if settings.token else None

    def authorize(request: Request) -> None:
        if token is None:
            return
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token):
            raise ApiError(401, "a valid bearer token is required (Authorization: Bearer ...)")

    return authorize


def _lint_endpoint(
    settings: ServiceSettings,
    linter: _Linter,
    pool: LintPool,
    authorize: Callable[[Request], None],
) -> Callable[[Request], Awaitable[Response]]:
    async def lint(request: Request) -> Response:
        authorize(request)
        check_content_type(request)
        body = await read_body(
            request, max_body=settings.max_body, read_timeout=settings.read_timeout
        )
        lint_request = parse_lint_request(decode_json(body), linter.matches)
        try:
            content = await pool.run(linter, lint_request)
        except Overloaded:
            log.warning("busy: %d lint jobs pending; answered 503", pool.pending)
            raise ApiError(503, "the server is busy; retry in a moment") from None
        except TimedOut:
            log.warning("a lint request took longer than %gs; answered 503", settings.timeout)
            raise ApiError(
                503, f"checking took longer than the limit of {settings.timeout:g} seconds"
            ) from None
        return Response(content, media_type="application/json")

    return lint


def _lifespan(linter: _Linter, pool: LintPool) -> Callable[[Starlette], Any]:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Compiles what is compiled lazily (unit registry, rate tables) before the first client.
        warm_up = LintRequest(WARM_UP_TEXT, "text", dt.date(2013, 1, 21))
        try:
            await pool.run(linter, warm_up)
        except Exception:  # a broken warm-up must not stop the service; requests will show it
            log.exception("warm-up lint failed")
        try:
            yield
        finally:
            pool.close()

    return lifespan


def _middleware(settings: ServiceSettings) -> list[Middleware]:
    middleware = [Middleware(_SecurityHeaders)]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type"],
                max_age=600,
            )
        )
    return middleware


def create_app_from_env() -> Starlette:
    """Factory for worker processes (`--workers N`): settings come from the environment."""
    return create_app(ServiceSettings.from_env())


def _rule_json(rule: Rule) -> dict[str, Any]:
    meta = rule.meta()
    return {
        "id": meta.id,
        "description": meta.description,
        "severity": meta.severity,
        "pack": meta.pack,
        "help": meta.help,
        "bad_examples": list(meta.bad_examples),
        "good_examples": list(meta.good_examples),
    }


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    headers = {}
    if exc.status == 503:
        headers["retry-after"] = "1"
    elif exc.status == 401:
        headers["www-authenticate"] = 'Bearer realm="factlint"'
    elif exc.status in (408, 413):
        headers["connection"] = "close"  # the rest of the body is not worth reading
    return JSONResponse(exc.to_json(), status_code=exc.status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return JSONResponse(
        {"error": exc.detail, "status": exc.status_code},
        status_code=exc.status_code,
        headers=exc.headers,
    )


async def _internal_error(request: Request, exc: Exception) -> Response:
    return JSONResponse(
        {"error": "internal error; the server log has the details", "status": 500},
        status_code=500,
    )
