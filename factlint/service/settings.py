"""The service's settings: defaults, the --config file, and the hand-over to worker processes.

Everything a request may not choose lives here and only here: which rule packs
run, how big a body may be, how long a request may take. A request can narrow
the server's rules (select/ignore) but never add to them, so a rule pack that
was not in the operator's config can never run.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Read by the worker processes that `--workers N` starts: they import the app by
# name and cannot receive Python objects from the parent.
SETTINGS_ENV = "FACTLINT_SERVICE_SETTINGS"
TOKEN_ENV = "FACTLINT_TOKEN"

MiB = 1024 * 1024


class SettingsError(Exception):
    """A config file or option the service cannot start with; str() is one line for people."""


@dataclass(frozen=True, slots=True)
class ServiceSettings:
    """What the operator decides; see docs/service.md for each key."""

    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 1
    token: str | None = None
    max_body: int = MiB
    # Seconds a lint request may take from arrival to answer (queueing included) before a 503.
    timeout: float = 10.0
    # Seconds a client may take to send its body before a 408: slow clients hold no worker.
    read_timeout: float = 10.0
    # Lint jobs running at once in one worker process, and how many more may wait for a slot.
    concurrency: int = 2
    max_queue: int = 256
    # Connections one worker process accepts before uvicorn answers 503 by itself.
    max_connections: int = 1024
    cors_origins: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    builtin: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    pattern_timeout: float = 1.0
    # Findings one request may return: a 1 MB body of claims must not become 27 MB of JSON.
    max_findings: int = 1000
    log_level: str = "info"

    def with_changes(self, **changes: Any) -> ServiceSettings:
        """Apply options given on the command line (None means "not given")."""
        given = {key: value for key, value in changes.items() if value is not None}
        return _checked(dataclasses.replace(self, **given))

    def to_env(self) -> str:
        """JSON for worker processes; the token travels in its own variable, never in this one."""
        data = dataclasses.asdict(self)
        data.pop("token")
        return json.dumps(data)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> ServiceSettings:
        environ = dict(os.environ if environ is None else environ)
        data = json.loads(environ.get(SETTINGS_ENV, "{}"))
        data["token"] = environ.get(TOKEN_ENV) or None
        return _from_mapping(data, "environment")


_FIELDS = {f.name: f for f in dataclasses.fields(ServiceSettings)}
_TUPLES = {"cors_origins", "rules", "select", "ignore"}
# Keys a config file may not set: the token is a secret (environment or --token only).
_NOT_IN_FILE = {"token"}


def load_config(path: str | os.PathLike[str]) -> ServiceSettings:
    """Read a YAML service config; rule paths in it are relative to the file's folder."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SettingsError(f"{path}: cannot read the service config: {err}") from None
    from factlint.infra.safe_yaml import YamlError, load_with_lines  # the one guarded loader

    try:
        data, _lines = load_with_lines(text, what="service configs")
    except YamlError as err:
        raise SettingsError(f"{path}:{err.line}: not valid YAML: {_one_line(str(err))}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: the service config must be a mapping of settings")
    for key in data:
        if key in _NOT_IN_FILE:
            raise SettingsError(f"{path}: '{key}' cannot be set in a file; use {TOKEN_ENV}")
    rules = data.get("rules")
    if isinstance(rules, str):
        rules = [rules]
    if isinstance(rules, list):
        data["rules"] = [str(path.parent / str(item)) for item in rules]
    return _from_mapping(data, str(path))


def parse_size(text: str) -> int:
    """Byte counts as operators write them: 1048576, 512k, 1m (binary multiples)."""
    match = re.fullmatch(r"\s*(\d+)\s*([kKmM]i?[bB]?|[bB])?\s*", text)
    if not match:
        raise ValueError(f"not a size: {text!r} (examples: 1048576, 512k, 2m)")
    unit = (match.group(2) or "b")[0].lower()
    return int(match.group(1)) * {"b": 1, "k": 1024, "m": MiB}[unit]


def _from_mapping(data: dict[str, Any], where: str) -> ServiceSettings:
    values: dict[str, Any] = {}
    for key, value in data.items():
        spec = _FIELDS.get(str(key).replace("-", "_"))
        if spec is None:
            known = ", ".join(sorted(_FIELDS))
            raise SettingsError(f"{where}: unknown setting {key!r}; known settings: {known}")
        values[spec.name] = _coerce(spec.name, value, where)
    return _checked(ServiceSettings(**values))


def _coerce(name: str, value: Any, where: str) -> Any:
    default = _FIELDS[name].default
    if name in _TUPLES:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
            raise SettingsError(f"{where}: '{name}' must be a list of strings")
        return tuple(items)
    if name == "token":
        return value if value is None or isinstance(value, str) else str(value)
    if name == "max_body" and isinstance(value, str):
        try:
            return parse_size(value)
        except ValueError as err:
            raise SettingsError(f"{where}: 'max_body': {err}") from None
    expected = type(default)
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise SettingsError(f"{where}: '{name}' must be {expected.__name__}, not {value!r}")
    return value


def _checked(settings: ServiceSettings) -> ServiceSettings:
    positive = ("max_body", "timeout", "read_timeout", "concurrency", "workers")
    for name in positive:
        if getattr(settings, name) <= 0:
            raise SettingsError(f"'{name}' must be greater than zero")
    if settings.max_queue < 0 or settings.max_connections < 1 or settings.pattern_timeout <= 0:
        raise SettingsError("'max_queue', 'max_connections' and 'pattern_timeout' must be positive")
    if not 0 <= settings.port <= 65535:
        raise SettingsError(f"'port' must be between 0 and 65535, not {settings.port}")
    if settings.max_findings < 1:
        raise SettingsError("'max_findings' must be greater than zero")
    for name in ("timeout", "read_timeout", "pattern_timeout"):
        if not math.isfinite(getattr(settings, name)):
            raise SettingsError(f"'{name}' must be a finite number of seconds")
    if settings.token is not None:
        _check_token(settings.token)
    return settings


def _check_token(token: str) -> None:
    """A bearer token travels in an HTTP header, which holds printable ASCII only:
    any other token is accepted at start and then never matches."""
    if not token.strip():
        raise SettingsError("the token must not be empty")
    if not (token.isascii() and token.isprintable()) or token != token.strip():
        raise SettingsError(
            "the token must be printable ASCII without surrounding spaces "
            "(an HTTP header cannot carry anything else, so it could never match)"
        )


def _one_line(text: str) -> str:
    return " ".join(text.split())


__all__ = [
    "SETTINGS_ENV",
    "TOKEN_ENV",
    "ServiceSettings",
    "SettingsError",
    "load_config",
    "parse_size",
]
