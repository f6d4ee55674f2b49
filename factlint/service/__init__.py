"""factlint as an HTTP service with a web page for editors (`factlint serve`).

The service is one more front end over api.check_source: it adds limits (body
size, time, concurrency), auth and a page, never its own linting. Importing
this package does not import Starlette; `create_app` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factlint.service.settings import ServiceSettings, SettingsError, load_config

if TYPE_CHECKING:
    from starlette.applications import Starlette


def create_app(settings: ServiceSettings | None = None) -> Starlette:
    """The ASGI app (see factlint.service.app.create_app)."""
    from factlint.service.app import create_app as build

    return build(settings)


__all__ = ["ServiceSettings", "SettingsError", "create_app", "load_config"]
