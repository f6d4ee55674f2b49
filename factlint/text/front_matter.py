"""Front matter: the YAML (---) or TOML (+++) block at the top of a Markdown article.

It is read with the same guarded YAML loader as rule packs and configs
(infra/safe_yaml.py): the article comes from the same pull request as a pack
might, so aliases (a 411-byte alias bomb expanded to gigabytes), tags, deep
nesting and numbers thousands of digits long are refused with the line they
are on. Broken front matter is reported as the document's `metadata_error`,
never raised.

`title`, `description` and `summary` are published copy, so their text is
checked like the body: `published_copy` gives their spans in the source, and
the document keeps those spans as prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from factlint.text.prose import blank_urls

PUBLISHED_FIELDS = ("title", "description", "summary")

_FRONT_OPEN = re.compile(r"(---|\+\+\+)[ \t]*(\r\n|\r|\n)")
_YAML_CLOSE = re.compile(r"(\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?=[\r\n]|\Z)")
_TOML_CLOSE = re.compile(r"(\r\n|\r|\n)\+\+\+[ \t]*(?=[\r\n]|\Z)")
_TOML_LINE = re.compile(r"line (\d+)")
_LINE_BREAKS = re.compile(r"[\r\n]")
_FIRST_LINE = 2  # the body starts on the line after the opening delimiter


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Where the block is: its kind ("yaml" or "toml"), body [start, end) and block end."""

    kind: str
    start: int
    end: int
    block_end: int


@dataclass(frozen=True, slots=True)
class Metadata:
    data: dict[str, Any]
    error: str | None = None
    published: tuple[tuple[int, int], ...] = ()  # source spans of title, description, summary


def find_front_matter(text: str) -> FrontMatter | None:
    """The closed block at the very top, or None."""
    opened = _FRONT_OPEN.match(text)
    if opened is None:
        return None
    kind = "yaml" if opened.group(1) == "---" else "toml"
    closer = _YAML_CLOSE if kind == "yaml" else _TOML_CLOSE
    closed = closer.search(text, opened.start(2))
    if closed is None:
        return None
    body_start = opened.end()
    # The body keeps its last line break, so parsers see complete lines.
    return FrontMatter(kind, body_start, max(body_start, closed.end(1)), closed.end())


def load_front_matter(text: str, front: FrontMatter) -> Metadata:
    """Parse the block; broken metadata is reported, never fatal."""
    body = text[front.start : front.end]
    if front.kind == "toml":
        return _toml(body)
    # Deferred: a warm run over articles without front matter never imports yaml.
    from factlint.infra.safe_yaml import YamlError, load_with_lines

    spans: dict[tuple[Any, ...], tuple[int, int]] = {}
    try:
        data, _lines = load_with_lines(
            body, allow_dates=True, what="front matter", first_line=_FIRST_LINE, spans=spans
        )
    except YamlError as err:
        return Metadata({}, f"front matter line {err.line}: {err}")
    if data is None:
        return Metadata({})
    if not isinstance(data, dict):
        return Metadata({}, f"front matter line {_FIRST_LINE}: expected a mapping")
    published = tuple(
        (front.start + start, front.start + end)
        for field in PUBLISHED_FIELDS
        if isinstance(data.get(field), str) and (span := spans.get((field,)))
        for start, end in (span,)
    )
    return Metadata(data, None, published)


def _toml(body: str) -> Metadata:
    import tomllib

    try:
        data = tomllib.loads(body)
    except tomllib.TOMLDecodeError as err:
        message = _TOML_LINE.sub(lambda m: f"line {int(m.group(1)) + _FIRST_LINE - 1}", str(err))
        return Metadata({}, f"front matter: {message}")
    except (ValueError, RecursionError) as err:  # tomllib's own limits
        return Metadata({}, f"front matter (line {_FIRST_LINE} on): {err}")
    return Metadata(data)


def with_published_copy(prose: str, text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The prose view with each published front-matter value put back as text.

    Quotes and a block scalar's `|`/`>` line are left blank; line breaks inside a
    value become spaces, so a folded title is one paragraph, as YAML reads it.
    """
    if not spans:
        return prose
    pieces, position = [], 0
    for start, end in sorted(spans):
        raw = text[start:end]
        if raw[:1] in "\"'":
            raw = " " + raw[1:-1] + " " if len(raw) >= 2 else " " * len(raw)
        elif raw[:1] in "|>":
            cut = min((i for i in (raw.find("\n"), raw.find("\r")) if i >= 0), default=len(raw))
            raw = " " * cut + raw[cut:]
        pieces.append(prose[position:start])
        pieces.append(blank_urls(_LINE_BREAKS.sub(" ", raw)))
        position = end
    pieces.append(prose[position:])
    return "".join(pieces)
