"""How a finding's path is named in each kind of output.

A path is kept as the user gave it on the command line. Standard input has no
path: findings from it carry ``None`` (or ``"-"``, the command-line spelling),
and its text is keyed ``"-"`` in ``sources``. People read ``<stdin>``; machine
formats that point at a file leave the file out rather than invent one.
"""

from __future__ import annotations

from pathlib import PurePath

STDIN_KEY = "-"
STDIN_LABEL = "<stdin>"


def is_stdin(path: str | None) -> bool:
    return path is None or path == STDIN_KEY


def source_key(path: str | None) -> str:
    """The key under which a finding's source text sits in ``sources``."""
    return STDIN_KEY if is_stdin(path) else str(path)


def display_path(path: str | None) -> str:
    return STDIN_LABEL if is_stdin(path) else str(path)


def posix_path(path: str) -> str:
    """Forward slashes whatever the platform, since CI services compare paths as text."""
    return PurePath(path).as_posix()


def artifact_uri(path: str) -> str:
    """A URI reference for SARIF: relative paths stay relative so code scanning can
    resolve them against the checkout; absolute ones become ``file://`` URIs."""
    from urllib.parse import quote

    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix(), safe="/")
