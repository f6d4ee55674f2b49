"""From an HTTP request to a checked lint request, refusing early and saying why.

Each refusal is an ApiError whose status tells a client what to change: 415
the content type, 413 the size, 408 its upload speed, 400 the JSON itself, 422
a field (named in the message and in `field`). The checks run cheapest first,
so a client that sends a 50 MB body is refused on its Content-Length header,
before a byte of the body is read.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import ClientDisconnect, Request

FORMATS = ("markdown", "text")
FIELDS = ("text", "format", "date", "rules")
RULE_FIELDS = ("select", "ignore")
MAX_RULE_NAMES = 200
MAX_RULE_NAME_LENGTH = 200
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class ApiError(Exception):
    """A request the service refuses; rendered as {"error": message, "status": s, "field": f}."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"error": self.message, "status": self.status}
        if self.field is not None:
            body["field"] = self.field
        return body


@dataclass(frozen=True, slots=True)
class LintRequest:
    text: str
    format: str | None = None
    date: dt.date | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def check_content_type(request: Request) -> None:
    """Only JSON in UTF-8: a form post or a text/plain body is a client mistake, not an article."""
    header = request.headers.get("content-type", "")
    media, _, params = header.partition(";")
    media = media.strip().lower()
    if media != "application/json" and not (
        media.startswith("application/") and media.endswith("+json")
    ):
        shown = media or "none"
        raise ApiError(415, f"the body must be JSON (Content-Type: application/json), not {shown}")
    charset = re.search(r"charset\s*=\s*\"?([^\s;\"]+)", params, re.IGNORECASE)
    if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
        raise ApiError(415, f"the body must be UTF-8, not {charset.group(1)}")


async def read_body(request: Request, *, max_body: int, read_timeout: float) -> bytes:
    """The body, refused as soon as it is known to be too big or too slow to arrive.

    Content-Length is trusted only to refuse early: the bytes are counted as
    they stream in, since chunked uploads have no length and a client may lie.
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise ApiError(400, f"invalid Content-Length header: {declared!r}")
        if int(declared) > max_body:
            raise ApiError(413, _too_big(max_body))
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(read_timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > max_body:
                    raise ApiError(413, _too_big(max_body))
                chunks.append(chunk)
    except TimeoutError:
        raise ApiError(
            408, f"the body did not arrive within {read_timeout:g} seconds; send it faster"
        ) from None
    except ClientDisconnect:
        raise ApiError(400, "the client closed the connection mid-body") from None
    return b"".join(chunks)


def decode_json(body: bytes) -> Any:
    """JSON text to Python, turning every way it can fail into a 400 (never a 500).

    Deep nesting ("[[[[...") makes the decoder hit Python's recursion limit;
    a huge integer hits the digit limit. Both are malformed input here.
    """
    if not body.strip():
        raise ApiError(400, 'the body is empty; send a JSON object such as {"text": "..."}')
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ApiError(400, f"the body is not valid UTF-8 (byte {err.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ApiError(
            400, f"malformed JSON: {err.msg} at line {err.lineno} column {err.colno}"
        ) from None
    except RecursionError:
        raise ApiError(400, "malformed JSON: nested too deeply") from None
    except ValueError as err:
        raise ApiError(400, f"malformed JSON: {err}") from None


def parse_lint_request(data: Any, rule_matches: Callable[[str], bool]) -> LintRequest:
    """Check every field; `rule_matches` tells whether a select name picks any server rule."""
    if not isinstance(data, dict):
        raise ApiError(422, 'the body must be a JSON object such as {"text": "..."}')
    for key in data:
        if key not in FIELDS:
            raise ApiError(422, f"unknown field '{key}'; expected {', '.join(FIELDS)}", key)
    if "text" not in data:
        raise ApiError(422, "field 'text' is required", "text")
    text = data["text"]
    if not isinstance(text, str):
        raise ApiError(422, "field 'text' must be a string", "text")
    if _LONE_SURROGATE.search(text):
        # JSON can carry them, UTF-8 cannot; one replacement character each keeps every offset.
        text = _LONE_SURROGATE.sub("\ufffd", text)
    format = data.get("format")
    if format is not None and format not in FORMATS:
        raise ApiError(422, f"field 'format' must be one of {', '.join(FORMATS)}", "format")
    select, ignore = _rules(data.get("rules"), rule_matches)
    return LintRequest(text, format, _date(data.get("date")), select, ignore)


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ApiError(422, "field 'date' must be a date in YYYY-MM-DD form, or null", "date")


def _rules(
    value: Any, rule_matches: Callable[[str], bool]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if value is None:
        return (), ()
    if not isinstance(value, dict):
        raise ApiError(422, "field 'rules' must be an object with 'select' and 'ignore'", "rules")
    for key in value:
        if key not in RULE_FIELDS:
            raise ApiError(
                422,
                f"unknown field 'rules.{key}'; expected select, ignore "
                "(rule packs come from the server's config, never from a request)",
                f"rules.{key}",
            )
    select = _names(value.get("select"), "rules.select")
    ignore = _names(value.get("ignore"), "rules.ignore")
    for name in select:
        if not rule_matches(name):
            raise ApiError(422, f"field 'rules.select': no rule is named {name!r}", "rules.select")
    return select, ignore


def _names(value: Any, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ApiError(422, f"field '{field}' must be a list of rule ids", field)
    if len(value) > MAX_RULE_NAMES or any(len(item) > MAX_RULE_NAME_LENGTH for item in value):
        raise ApiError(422, f"field '{field}' is too long", field)
    return tuple(item.strip() for item in value if item.strip())


def _too_big(max_body: int) -> str:
    return f"the body is larger than the limit of {max_body} bytes"
