"""`factlint serve`: settings from defaults, --config and options, then uvicorn.

Imported only when the command is chosen (cli.LAZY_COMMANDS), so `factlint
check` never imports Starlette or uvicorn. The rules are loaded here before the
server starts, so a broken rule pack is a one-line error and exit code 2, not a
traceback in a worker process.
"""

from __future__ import annotations

import argparse
import os
import sys

from factlint.cli.exit_codes import EXIT_ERROR, EXIT_OK
from factlint.service.settings import (
    SETTINGS_ENV,
    TOKEN_ENV,
    ServiceSettings,
    SettingsError,
    load_config,
    parse_size,
)


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options default to None so that only the ones given override the config file."""
    parser.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port to listen on (default 8080)")
    parser.add_argument(
        "--token", help=f"require 'Authorization: Bearer TOKEN' on /v1 (or set {TOKEN_ENV})"
    )
    parser.add_argument("--workers", type=int, help="worker processes (default 1)")
    parser.add_argument(
        "--max-body", type=_size, metavar="SIZE", help="largest request body (default 1m)"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="answer 503 when a lint request takes longer (default 10)",
    )
    parser.add_argument(
        "--read-timeout",
        type=float,
        metavar="SECONDS",
        help="answer 408 when a body takes longer to arrive (default 10)",
    )
    parser.add_argument(
        "--concurrency", type=int, metavar="N", help="lint jobs at once per worker (default 2)"
    )
    parser.add_argument(
        "--max-queue",
        type=int,
        metavar="N",
        help="lint requests that may wait per worker before 503 (default 256)",
    )
    parser.add_argument(
        "--allow-origin",
        action="append",
        metavar="ORIGIN",
        help="allow cross-origin calls from this origin (repeatable; CORS is off by default)",
    )
    parser.add_argument("--config", metavar="FILE", help="service config (YAML)")
    parser.add_argument(
        "--log-level", choices=["critical", "error", "warning", "info", "debug"], default=None
    )


def settings_from_args(args: argparse.Namespace) -> ServiceSettings:
    settings = load_config(args.config) if args.config else ServiceSettings()
    return settings.with_changes(
        host=args.host,
        port=args.port,
        token=args.token or os.environ.get(TOKEN_ENV) or None,
        workers=args.workers,
        max_body=args.max_body,
        timeout=args.timeout,
        read_timeout=args.read_timeout,
        concurrency=args.concurrency,
        max_queue=args.max_queue,
        cors_origins=tuple(args.allow_origin) if args.allow_origin else None,
        log_level=args.log_level,
    )


def run(args: argparse.Namespace) -> int:
    try:
        settings = settings_from_args(args)
    except SettingsError as err:
        print(f"factlint serve: {err}", file=sys.stderr)
        return EXIT_ERROR

    import uvicorn

    from factlint.engine.loader import RuleError
    from factlint.service.app import create_app

    try:
        app = create_app(settings)  # also checks the rules before any worker starts
    except RuleError as err:
        print(f"factlint serve: {err}", file=sys.stderr)
        return EXIT_ERROR
    common = {
        "host": settings.host,
        "port": settings.port,
        "log_level": settings.log_level,
        "access_log": settings.log_level in ("info", "debug"),
        "limit_concurrency": settings.max_connections,
        "timeout_keep_alive": 5,
        "server_header": False,
        "lifespan": "on",
    }
    if settings.workers == 1:
        uvicorn.run(app, **common)
    else:
        # Workers are new processes that import the app by name and read these variables.
        os.environ[SETTINGS_ENV] = settings.to_env()
        if settings.token:
            os.environ[TOKEN_ENV] = settings.token
        else:
            os.environ.pop(TOKEN_ENV, None)
        uvicorn.run(
            "factlint.service.app:create_app_from_env",
            factory=True,
            workers=settings.workers,
            **common,
        )
    return EXIT_OK
