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

Path = tuple[Any, ...]


class YamlError(ValueError):
    """A problem in a YAML file, with the 1-based line it was found on."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def load_with_lines(text: str) -> tuple[Any, dict[Path, int]]:
    """Parse one YAML document into plain data plus a map from path to line."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(f"invalid YAML: {err.problem or err.context}", line) from None
    except yaml.YAMLError as err:
        raise YamlError(f"invalid YAML: {err}", 1) from None
    if node is None:
        return None, {(): 1}
    lines: dict[Path, int] = {}
    seen: set[int] = set()
    scalar_loader = _Loader("")
    try:
        return _convert(node, (), lines, seen, scalar_loader), lines
    finally:
        scalar_loader.dispose()


def _convert(
    node: yaml.Node, path: Path, lines: dict[Path, int], seen: set[int], loader: Any
) -> Any:
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise YamlError("YAML aliases (*name) are not allowed in rule files", line)
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        raise YamlError(f"YAML tag {node.tag!r} is not allowed in rule files", line)
    lines[path] = line
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, path + ("<key>",), lines, seen, loader)
            if not isinstance(key, str):
                raise YamlError(f"mapping keys must be strings, not {key!r}", line)
            if key in result:
                raise YamlError(f"duplicate key {key!r}", key_node.start_mark.line + 1)
            result[key] = _convert(value_node, path + (key,), lines, seen, loader)
            lines[path + (key,)] = value_node.start_mark.line + 1
            lines[path + (key, "<key>")] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, path + (index,), lines, seen, loader)
            for index, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)
