"""Rule sentence shapes to compiled regular expressions.

A rule's `match` is a regular expression in which `{name:type}` stands for
a typed slot and a literal space stands for "one or more spaces on the same
prose line", because hard-wrapped and marked-up copy reaches the rules with
its markup blanked to spaces. Everything else is the `regex` module's syntax.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from factlint.engine.slots import slot_regex, slot_type

# Not after \p, \P, \N or \x: `\p{Lu}` is a Unicode property, not a placeholder.
_PLACEHOLDER = regex.compile(r"(?<!\\[pPNx])\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z_]+))?\}")
_LITERAL_SPACE = regex.compile(r"(?<!\\) +([?*+](?![?+]))?")
SPACE = r"[^\S\n]+"
OPTIONAL_SPACE = r"[^\S\n]*"


def _spaces(found: regex.Match) -> str:
    """ " " is one or more spaces; " ?" and " *" are optional spaces, " +" the same as " "."""
    return OPTIONAL_SPACE if found.group(1) in ("?", "*") else SPACE


# A rule's pattern is compiled when the pack loads, where no time limit applies,
# so what makes compiling slow is refused first. Real rules use two or three
# placeholders, a few levels of groups and repeats like {1,3}. Measured: each
# placeholder adds ~0.1 s of compiling (40 took 9 s); `a{4294967294}` or
# `(?:a{60000}){60000}` never finish (the compiler spells repeated literals
# out); 5,000 nested groups overflow the parser's recursion.
MAX_SLOTS = 10
MAX_GROUP_DEPTH = 50
MAX_REPEAT = 1000
MAX_REPEAT_PRODUCT = 100_000
_REPEAT = regex.compile(r"\{(\d*)(?:,(\d*))?\}")


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
        pieces.append(_LITERAL_SPACE.sub(_spaces, source[position : found.start()]))
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
        pieces.append(slot_regex(name, type_name, leading=found.start() == 0))
        position = found.end()
    pieces.append(_LITERAL_SPACE.sub(_spaces, source[position:]))
    if not slots:
        raise PatternError("the pattern has no {name:type} placeholder")
    if len(slots) > MAX_SLOTS:
        raise PatternError(f"{len(slots)} placeholders; at most {MAX_SLOTS} per pattern")
    _check_cost(_PLACEHOLDER.sub("", source))
    expanded = "".join(pieces)
    try:
        compiled = regex.compile(expanded, flags=regex.VERSION0)
    except regex.error as err:
        raise PatternError(f"invalid regular expression: {err}") from None
    except (RecursionError, OverflowError, MemoryError):
        raise PatternError("regular expression too complex to compile") from None
    user_groups = set(compiled.groupindex) - {n for n, _ in slots} - {f"{n}__q" for n, _ in slots}
    if user_groups:
        raise PatternError(f"named groups are reserved for placeholders: {sorted(user_groups)}")
    return CompiledPattern(source=source, regex=compiled, slots=tuple(slots))


def _check_cost(written: str) -> None:
    """Refuse group nesting and counted repeats that make compiling hang.

    `written` is the author's own regex (placeholders removed: their regexes
    are ours). Escapes and character classes are skipped, so `\\{` and `[(]`
    are not mistaken for syntax; a group's repeat multiplies with the repeats
    inside it only approximately (all counted repeats are multiplied), which
    errs on the side of refusing.
    """
    depth = deepest = 0
    product = 1
    index, in_class = 0, False
    while index < len(written):
        char = written[index]
        if char == "\\":
            index += 2
            if written[index - 1 : index + 1] in ("p{", "P{", "N{", "x{"):
                index = written.find("}", index) % (len(written) + 1) + 1
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            index += 2 if written[index + 1 : index + 2] == "]" else 1
            continue
        elif char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth -= 1
        elif char == "{" and (found := _REPEAT.match(written, index)):
            bound = max((int(part) for part in found.groups() if part), default=0)
            if bound > MAX_REPEAT:
                raise PatternError(f"repeat {found.group()} is over the limit of {MAX_REPEAT}")
            product *= max(bound, 1)
            if product > MAX_REPEAT_PRODUCT:
                raise PatternError(
                    f"counted repeats multiply to more than {MAX_REPEAT_PRODUCT:,}; "
                    "use + or * instead"
                )
            index = found.end()
            continue
        index += 1
    if deepest > MAX_GROUP_DEPTH:
        raise PatternError(f"groups nested {deepest} deep; at most {MAX_GROUP_DEPTH}")
