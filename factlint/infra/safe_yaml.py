"""YAML to plain data, remembering where every value came from.

Rule files are untrusted: only plain YAML types are accepted (no
`!!python/...` tags), aliases are refused outright (an alias bomb would
otherwise expand exponentially while we convert it), and every value keeps
its line so an error can point at it.
"""

from __future__ import annotations

from typing import Any

import yaml

try:  # the C composer is ~10x faster; fall back to pure Python where absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the wheel
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_NUMBERS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
# No real value in a rule file, config or front matter has more digits than this;
# a 3,700-digit hex integer cannot even be printed (Python caps int to str at 4,300).
MAX_NUMBER_LENGTH = 100

# Real rule packs and configs nest four or five levels and hold a few values per
# rule; these caps are far above that and far below what hurts (see _prescan).
MAX_DEPTH = 50
MAX_NODES = 200_000

Path = tuple[Any, ...]


class YamlError(ValueError):
    """A problem in a YAML file, with the 1-based line it was found on."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def load_with_lines(
    text: str,
    *,
    allow_dates: bool = False,
    what: str = "rule files",
    count: tuple[str, int] | None = None,
    first_line: int = 1,
    spans: dict[Path, tuple[int, int]] | None = None,
) -> tuple[Any, dict[Path, int]]:
    """Parse one YAML document into plain data plus a map from path to line.

    `allow_dates` accepts unquoted dates (a config's `date: 2013-01-21`);
    `what` names the kind of file in error messages. `count` = (key, limit)
    refuses a top-level `key:` list of more than `limit` entries before
    anything is built, so a pack of 100,000 rules costs milliseconds.
    `first_line` is the line `text` starts on in its file (front matter starts
    on line 2), for every line reported; `spans`, when given, receives the
    [start, end) character offsets in `text` of every scalar, quotes included.
    """
    _valid_unicode(text, first_line)
    try:
        _prescan(text, count)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        raise _marked_error(err, first_line) from None
    except yaml.YAMLError as err:
        raise YamlError(f"invalid YAML: {err}", first_line) from None
    except YamlError as err:
        raise YamlError(str(err), err.line + first_line - 1) from None
    if node is None:
        return None, {(): first_line}
    converter = _Converter(allow_dates, what, first_line, spans)
    try:
        return converter.convert(node, ()), converter.lines
    finally:
        converter.loader.dispose()


def _valid_unicode(text: str, first_line: int) -> None:
    """Refuse a lone surrogate ("\\ud800" from JSON): the YAML parser cannot encode it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        line = text.count("\n", 0, err.start) + first_line
        raise YamlError(
            f"character {err.start + 1} is a lone surrogate, not text ({text[err.start]!r})", line
        ) from None


def _marked_error(err: yaml.MarkedYAMLError, first_line: int) -> YamlError:
    mark = err.problem_mark or err.context_mark
    line = mark.line + first_line if mark else first_line
    problem = str(err.problem or err.context)
    if "nesting depth" in problem:  # newer PyYAML stops deep nesting itself, first
        return YamlError(f"nested deeper than {MAX_DEPTH} levels", line)
    message = f"invalid YAML: {problem}"
    if err.problem and err.context and err.context_mark is not None:
        # "did not find expected ']'" is found at the end; say where it began.
        message += f" ({err.context} from line {err.context_mark.line + first_line})"
    return YamlError(message, line)


class _Converter:
    """Nodes to plain data, refusing aliases and tags, noting each value's line."""

    def __init__(
        self,
        allow_dates: bool,
        what: str,
        first_line: int,
        spans: dict[Path, tuple[int, int]] | None,
    ) -> None:
        self.tags = _PLAIN_TAGS | ({_TIMESTAMP} if allow_dates else set())
        self.what = what
        self.offset = first_line - 1
        self.spans = spans
        self.lines: dict[Path, int] = {}
        self.seen: set[int] = set()
        self.loader = _Loader("")

    def convert(self, node: yaml.Node, path: Path) -> Any:
        line = node.start_mark.line + 1 + self.offset
        if id(node) in self.seen:
            raise YamlError(f"YAML aliases (*name) are not allowed in {self.what}", line)
        self.seen.add(id(node))
        if node.tag not in self.tags:
            raise YamlError(f"YAML tag {node.tag!r} is not allowed in {self.what}", line)
        self.lines[path] = line
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, line)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (index,)) for index, item in enumerate(node.value)]
        if self.spans is not None:
            self.spans[path] = (node.start_mark.index, node.end_mark.index)
        if node.tag in _NUMBERS:
            return _number(node, line, self.loader)
        try:
            return self.loader.construct_object(node, deep=True)
        except ValueError as err:  # a timestamp such as 2013-02-30
            raise YamlError(f"invalid value {node.value!r}: {err}", line) from None

    def _mapping(self, node: yaml.MappingNode, path: Path, line: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.convert(key_node, path + ("<key>",))
            key_line = key_node.start_mark.line + 1 + self.offset
            if not isinstance(key, str):
                raise YamlError(f"mapping keys must be strings, not {key!r}", key_line)
            if key in result:
                raise YamlError(f"duplicate key {key!r}", key_line)
            result[key] = self.convert(value_node, path + (key,))
            self.lines[path + (key,)] = value_node.start_mark.line + 1 + self.offset
            self.lines[path + (key, "<key>")] = key_line
        return result


def _number(node: yaml.ScalarNode, line: int, loader: Any) -> Any:
    """An int or float, except YAML 1.1's base 60, which is read as text (as YAML 1.2 does).

    `1:0:0:...` is base 60 to PyYAML, built digit by digit into an ever larger
    integer (quadratic), and `12:30` becoming 750 surprises everyone anyway.
    """
    if ":" in node.value:
        return node.value
    if len(node.value) > MAX_NUMBER_LENGTH:
        raise YamlError(f"a number of {len(node.value):,} characters is too long", line)
    return loader.construct_object(node, deep=True)


def _prescan(text: str, count: tuple[str, int] | None) -> None:
    """Walk the parser's events and stop at the first limit passed.

    Composing nodes costs about six times as much as reading events, and
    PyYAML's C composer recurses once per nesting level: "[" * 30000 in a
    60 KB file kills the process with SIGSEGV, and a 2 MB flat list takes
    seconds. Events are cheap and flat, so the limits are checked here, on
    the way, before a single node exists.
    """
    depth = nodes = items = 0
    # (is_mapping, children so far, counted) for each open collection.
    stack: list[list[Any]] = []
    watched_key = False
    for event in yaml.parse(text, Loader=_Loader):
        if not isinstance(event, yaml.NodeEvent):
            if isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                depth -= 1
            continue
        line = event.start_mark.line + 1 if event.start_mark else 1
        nodes += 1
        if nodes > MAX_NODES:
            raise YamlError(f"more than {MAX_NODES:,} YAML values; refused as too large", line)
        parent = stack[-1] if stack else None
        if parent is not None:
            is_key = parent[0] and parent[1] % 2 == 0
            if parent[2]:
                items += 1
                if count is not None and items > count[1]:
                    raise YamlError(
                        f"'{count[0]}' holds more than {count[1]:,} entries, "
                        f"over the limit of {count[1]:,} per file",
                        line,
                    )
            parent[1] += 1
        else:
            is_key = False
        counted = watched_key and len(stack) == 1 and isinstance(event, yaml.SequenceStartEvent)
        if is_key and len(stack) == 1:
            value = getattr(event, "value", None)
            watched_key = count is not None and value == count[0]
        elif len(stack) == 1:
            watched_key = False
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(f"nested deeper than {MAX_DEPTH} levels", line)
            stack.append([isinstance(event, yaml.MappingStartEvent), 0, counted])
