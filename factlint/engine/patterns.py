"""Rule sentence shapes to compiled regular expressions.

A rule's `match` is a regular expression in which `{name:type}` stands for
a typed slot and a literal space stands for "one or more spaces on the same
prose line", because hard-wrapped and marked-up copy reaches the rules with
its markup blanked to spaces. Everything else is the `regex` module's syntax.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .slots import slot_regex, slot_type

_PLACEHOLDER = regex.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z_]+))?\}")
_LITERAL_SPACE = regex.compile(r"(?<!\\) +")
SPACE = r"[^\S\n]+"


class PatternError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    source: str
    regex: regex.Pattern
    slots: tuple[tuple[str, str], ...]  # (name, type) in order of appearance


def compile_pattern(source: str) -> CompiledPattern:
    slots: list[tuple[str, str]] = []
    pieces: list[str] = []
    position = 0
    for found in _PLACEHOLDER.finditer(source):
        pieces.append(_LITERAL_SPACE.sub(lambda _m: SPACE, source[position : found.start()]))
        name, type_name = found.group(1), found.group(2)
        if type_name is None:
            raise PatternError(f"placeholder {{{name}}} needs a type, e.g. {{{name}:number}}")
        if name.startswith("_") or "__" in name:
            raise PatternError(f"slot name {name!r} may not start with _ or contain __")
        if slot_type(type_name) is None:
            raise PatternError(f"unknown placeholder type {type_name!r} in {{{name}:{type_name}}}")
        if any(existing == name for existing, _ in slots):
            raise PatternError(f"slot {name!r} appears twice")
        slots.append((name, type_name))
        pieces.append(slot_regex(name, type_name))
        position = found.end()
    pieces.append(_LITERAL_SPACE.sub(lambda _m: SPACE, source[position:]))
    if not slots:
        raise PatternError("the pattern has no {name:type} placeholder")
    expanded = "".join(pieces)
    try:
        compiled = regex.compile(expanded, flags=regex.VERSION0)
    except regex.error as err:
        raise PatternError(f"invalid regular expression: {err}") from None
    user_groups = set(compiled.groupindex) - {n for n, _ in slots} - {f"{n}__q" for n, _ in slots}
    if user_groups:
        raise PatternError(f"named groups are reserved for placeholders: {sorted(user_groups)}")
    return CompiledPattern(source=source, regex=compiled, slots=tuple(slots))
