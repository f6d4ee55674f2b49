"""Reading a file on a worker: a local path as the CLI reads it, or an fsspec URL.

A worker reads its files itself, so the client sends names and an archive in
object storage never passes through the machine that started the run. A URL's
bytes are decoded and refused (binary data, size) by the same code as a local
file's (text/source.decode_source), so a file reads the same wherever it is.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from factlint.cluster.job import Item
from factlint.text.source import Source, SourceError, decode_source, read_source

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")
_GLOB = re.compile(r"[*?\[]")


def is_url(path: str) -> bool:
    """Whether a command-line path is an fsspec URL (``s3://``, ``memory://``, ``file://``)."""
    return _URL.match(path) is not None


def read_item(item: Item, max_size: int) -> Source:
    """The decoded file, its findings to be reported under ``item.shown``."""
    try:
        if is_url(item.target):
            source = decode_source(_url_bytes(item.target, max_size), item.shown, max_size=max_size)
        else:
            source = read_source(item.target, max_size=max_size)
    except SourceError as err:
        raise SourceError(item.shown, err.reason) from None
    return dataclasses.replace(source, path=item.shown)


def _url_bytes(url: str, max_size: int) -> bytes:
    import fsspec

    try:
        with fsspec.open(url, "rb") as handle:
            # One byte more than allowed tells a too-big object without reading it all.
            return handle.read(max_size + 1)
    except FileNotFoundError:
        raise SourceError(url, "no such file") from None
    except IsADirectoryError:
        raise SourceError(url, "is a directory, not a file") from None
    except PermissionError:
        raise SourceError(url, "permission denied") from None
    except (ImportError, ValueError) as err:  # fsspec: unknown protocol, missing s3fs/gcsfs
        raise SourceError(url, f"cannot open: {err}") from None
    except OSError as err:
        raise SourceError(url, f"cannot read: {err.strerror or err}") from None


def expand_urls(urls: Sequence[str], extensions: Sequence[str]) -> list[list[str]]:
    """For each URL, the files it names: itself, the matches of a glob, or a folder's files
    with one of ``extensions``, sorted. Runs on a worker, which can see the storage; an
    unknown protocol or a missing object stays as given and fails when read, in one line."""
    import fsspec

    found: list[list[str]] = []
    for url in urls:
        try:
            fs, root = fsspec.core.url_to_fs(url)
        except (ImportError, ValueError):
            found.append([url])
            continue
        if _GLOB.search(root):
            found.append(sorted(fs.unstrip_protocol(p) for p in fs.glob(root)))
        elif fs.isdir(root):
            prefix = url.rstrip("/") + "/"
            base = root.rstrip("/") + "/"
            relative = [p[len(base) :] for p in fs.find(root) if p.startswith(base)]
            found.append(sorted(prefix + r for r in relative if _wanted(r, extensions)))
        else:
            found.append([url])
    return found


def _wanted(relative: str, extensions: Sequence[str]) -> bool:
    """As a local folder walk: the configured extensions, no hidden or node_modules folders."""
    parts = relative.split("/")
    if any(p.startswith(".") or p == "node_modules" for p in parts[:-1]):
        return False
    return parts[-1].lower().endswith(tuple(extensions))
