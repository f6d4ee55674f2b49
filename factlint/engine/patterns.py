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
# Compiling costs about 5 µs and 60 bytes per character of expanded pattern, and
# a `{x:measure}` placeholder alone expands to ~6,500 characters: 100 rules of ten
# measures each (29 KB of YAML, within every other limit) took 40 s and 390 MB to
# load. So all the patterns of one load share a budget of expanded characters; the
# built-in packs use about 63,000.
MAX_EXPANDED_TOTAL = 400_000
_REPEAT = regex.compile(r"\{(\d*)(?:,(\d*))?\}")
# Any inline flag group that may switch verbose mode on: (?x), (?ix:...), (?V1x).
_VERBOSE_FLAG = regex.compile(r"\(\?[\w\-]*x")


class PatternError(ValueError):
    pass


class CompileBudget:
    """Expanded pattern characters left for one load of rule packs (see MAX_EXPANDED_TOTAL)."""

    def __init__(self, limit: int = MAX_EXPANDED_TOTAL) -> None:
        self.limit = limit
        self.used = 0

    def charge(self, size: int) -> None:
        """Count a pattern's expanded size; refuse it, before compiling, if over the total."""
        if self.used + size > self.limit:
            raise PatternError(
                f"the rule packs' patterns expand to more than {self.limit:,} characters "
                "of regular expression (placeholders are large); use fewer placeholders or rules"
            )
        self.used += size


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    source: str
    regex: regex.Pattern
    slots: tuple[tuple[str, str], ...]  # (name, type) in order of appearance


def compile_pattern(source: str, budget: CompileBudget | None = None) -> CompiledPattern:
    """Expand placeholders and compile; `budget` is shared by every pattern of one load."""
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
    written = _PLACEHOLDER.sub("", source)
    _check_cost(_without_comments(written, verbose=False))
    if _VERBOSE_FLAG.search(written):
        _check_cost(_without_comments(written, verbose=True))
    expanded = "".join(pieces)
    if budget is not None:
        budget.charge(len(expanded))
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


def _without_comments(written: str, *, verbose: bool) -> str:
    """The pattern as the compiler reads it: `(?#...)` comments dropped, and in
    verbose mode `#` comments and whitespace outside classes dropped too.

    Without this, `(?#[)x{4294967294}(?#])` hides a counted repeat inside what
    looks like a character class. Whether `(?x)` applies is not worked out: the
    caller checks both readings, which errs on the side of refusing.
    """
    kept: list[str] = []
    index, in_class, length = 0, False, len(written)
    while index < length:
        char = written[index]
        if char == "\\":
            kept.append(written[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            close_first = written[index + 1 : index + 2] == "]"
            kept.append(written[index : index + 2] if close_first else char)
            index += 2 if close_first else 1
            continue
        elif written.startswith("(?#", index):
            index = _comment_end(written, index + 3)
            continue
        elif verbose and char == "#":
            newline = written.find("\n", index)
            index = length if newline < 0 else newline + 1
            continue
        elif verbose and char.isspace():
            index += 1
            continue
        kept.append(char)
        index += 1
    return "".join(kept)


def _comment_end(written: str, index: int) -> int:
    """Index after the `)` closing a `(?#` comment; a backslash escapes it, as in `regex`."""
    while index < len(written):
        if written[index] == "\\":
            index += 2
        elif written[index] == ")":
            return index + 1
        else:
            index += 1
    return len(written)


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
