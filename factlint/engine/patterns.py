"""Rule sentence shapes to compiled regular expressions.

A rule's `match` is a regular expression in which `{name:type}` stands for
a typed slot and a literal space stands for "one or more spaces on the same
prose line", because hard-wrapped and marked-up copy reaches the rules with
its markup blanked to spaces. Three more placeholders keep what is data out
of the regex (docs/rules.md, "Vocabularies, fragments and gaps"):

- `{rise}`: a pack vocabulary, a word list written once for the whole pack;
- `{from_to}`: a pack fragment, a named sub-pattern (it may hold slots and
  other placeholders), expanded where it is named;
- `{gap}` / `{gap:N}`: up to three (or N) words between two parts;
- `{up:rise}` / `{items:names}`: a slot typed by a vocabulary or a fragment,
  bound to the text it matched.

Errors quote the author's text ("{rse} is no vocabulary or fragment"),
never a position in the expanded regex. Everything else is the `regex`
module's syntax.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import regex

from factlint.engine.anchors import starts_at_boundary, zero_width
from factlint.engine.slots import slot_regex, slot_type
from factlint.infra.trie import phrase_trie

# Not after \p, \P, \N or \x: `\p{Lu}` is a Unicode property, not a placeholder.
_PLACEHOLDER = regex.compile(r"(?<!\\[pPNx])\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z_]+|\d+))?\}")
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


GAP_WORDS = 3  # {gap}: words an author lets stand between two parts
MAX_GAP_WORDS = 12
MAX_EXPANSION_DEPTH = 8
MAX_EXPANDED_LENGTH = 200_000
_WORD = r"[\w'’\-]+"


class PatternError(ValueError):
    """A pattern that cannot be used; `text` is the author's text at fault (for a column)."""

    def __init__(self, message: str, text: str = "") -> None:
        super().__init__(message)
        self.text = text


@dataclass(frozen=True, slots=True)
class Library:
    """A pack's vocabularies (name -> words) and fragments (name -> sub-pattern)."""

    vocabularies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fragments: Mapping[str, str] = field(default_factory=dict)

    def vocabulary_regex(self, name: str) -> str:
        """One word (or phrase) of the list, whole: a trie of the words, so the regex
        engine tries each letter once instead of every word at every position."""
        return f"\\b{phrase_trie(self.vocabularies[name], SPACE)}(?![\\w'’-])"


EMPTY_LIBRARY = Library()


def gap_regex(words: int) -> str:
    """Up to `words` words between two parts of a pattern, as few as possible."""
    return f"(?:{SPACE}{_WORD}){{0,{words}}}?"


def _replacement(found: regex.Match, library: Library, depth: int) -> str | None:
    """What one placeholder stands for; None for a typed slot, which compile_pattern reads."""
    name, type_name, text = found.group(1), found.group(2), found.group()
    if name == "gap":
        if type_name and not type_name.isdigit():
            raise PatternError(f"{text}: a gap takes a word count, e.g. {{gap:5}}", text)
        words = int(type_name) if type_name else GAP_WORDS
        if words > MAX_GAP_WORDS:
            raise PatternError(f"{text}: a gap spans at most {MAX_GAP_WORDS} words", text)
        return gap_regex(words)
    if type_name is not None:
        return None
    if name in library.vocabularies:
        return library.vocabulary_regex(name)
    if name in library.fragments:
        try:
            return "(?:" + expand(library.fragments[name], library, depth + 1) + ")"
        except PatternError as err:
            raise PatternError(f"in fragment {text}: {err}", text) from None
    raise PatternError(
        f"{text} is no vocabulary or fragment of this pack "
        f"(a slot needs a type, e.g. {{{name}:number}})",
        text,
    )


def expand(source: str, library: Library, depth: int = 0) -> str:
    """Replace vocabularies, fragments and gaps by their regex source; slots stay."""
    if depth > MAX_EXPANSION_DEPTH:
        raise PatternError(f"fragments nested more than {MAX_EXPANSION_DEPTH} deep (a cycle?)")
    pieces: list[str] = []
    position = 0
    for found in _PLACEHOLDER.finditer(source):
        replacement = _replacement(found, library, depth)
        if replacement is None:
            continue
        pieces.append(_LITERAL_SPACE.sub(_spaces, source[position : found.start()]))
        pieces.append(replacement)
        position = found.end()
    pieces.append(_LITERAL_SPACE.sub(_spaces, source[position:]))
    expanded = "".join(pieces)
    if len(expanded) > MAX_EXPANDED_LENGTH:
        raise PatternError(f"the pattern expands to more than {MAX_EXPANDED_LENGTH:,} characters")
    return expanded


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
    source: str  # as the author wrote it
    regex: regex.Pattern
    slots: tuple[tuple[str, str], ...]  # (name, type) in order of appearance
    expanded: str = ""  # vocabularies, fragments and gaps written out; slots still {name:type}


def compile_pattern(
    source: str, budget: CompileBudget | None = None, library: Library = EMPTY_LIBRARY
) -> CompiledPattern:
    """`source` as the author wrote it; vocabularies, fragments and gaps come from `library`;
    `budget` is shared by every pattern of one load."""
    for text in (source, *library.fragments.values()):
        _check_written(_PLACEHOLDER.sub("", text))
    written, source = source, expand(source, library)
    slots: list[tuple[str, str]] = []
    pieces: list[str] = []
    position = 0
    for found in _PLACEHOLDER.finditer(source):
        pieces.append(source[position : found.start()])
        name, type_name, text = found.group(1), found.group(2), found.group()
        if name.startswith("_") or "__" in name:
            raise PatternError(f"slot name {name!r} may not start with _ or contain __", text)
        if any(existing == name for existing, _ in slots):
            raise PatternError(f"slot {name!r} appears twice", text)
        if type_name in library.vocabularies:  # {up:rise}: the word of the list that is there
            slots.append((name, "word"))
            pieces.append(f"(?P<{name}>{library.vocabulary_regex(type_name)})")
        elif type_name in library.fragments:  # {items:names}: the text the fragment matched
            inner = expand(library.fragments[type_name], library)
            if _PLACEHOLDER.search(inner):
                raise PatternError(f"{text}: a fragment that types a slot holds no slots", text)
            slots.append((name, "word"))
            pieces.append(f"(?P<{name}>{inner})")
        elif slot_type(type_name) is None:
            raise PatternError(f"unknown placeholder type {type_name!r} in {text}", text)
        else:
            slots.append((name, type_name))
            leading = zero_width(source[: found.start()])
            pieces.append(slot_regex(name, type_name, leading=leading))
        position = found.end()
    pieces.append(source[position:])
    if not slots:
        raise PatternError("the pattern has no {name:type} placeholder")
    if len(slots) > MAX_SLOTS:
        raise PatternError(f"{len(slots)} placeholders; at most {MAX_SLOTS} per pattern")
    expanded = "".join(pieces)
    if budget is not None:
        budget.charge(len(expanded))
    # a leading \b that every alternative has anyway lets the engine skip mid-word
    # positions at once (engine/anchors.py); the matches are the same
    first = not expanded.startswith("\\b") and starts_at_boundary(expanded)
    anchored = f"\\b(?:{expanded})" if first else expanded
    compiled = _compile(anchored, written)
    user_groups = set(compiled.groupindex) - {n for n, _ in slots} - {f"{n}__q" for n, _ in slots}
    if user_groups:
        raise PatternError(f"named groups are reserved for placeholders: {sorted(user_groups)}")
    return CompiledPattern(source=written, regex=compiled, slots=tuple(slots), expanded=source)


def _compile(expanded: str, written: str) -> regex.Pattern:
    try:
        return regex.compile(expanded, flags=regex.VERSION0)
    except regex.error as err:
        raise PatternError(f"invalid regular expression: {err.msg}", _near(written)) from None
    except (RecursionError, OverflowError, MemoryError):
        raise PatternError("regular expression too complex to compile") from None


def _near(written: str) -> str:
    """The author's text a regex error is about: the bracket left open, the bad escape.

    The error's own position is in the expanded pattern, which the author never saw, so
    the shortest start of their own text that fails to compile alone is named instead.
    """
    plain = _PLACEHOLDER.sub("x", written)
    for end in range(1, len(plain) + 1):
        head = plain[:end]
        try:
            regex.compile(head + ")" * max(0, head.count("(") - head.count(")")))
        except regex.error:
            return written[max(0, end - 12) : end] if plain == written else head[-12:]
    return written[-12:]


def _check_written(written: str) -> None:
    """The cost checks on the author's own regex, in both readings of verbose mode."""
    _check_cost(_without_comments(written, verbose=False))
    if _VERBOSE_FLAG.search(written):
        _check_cost(_without_comments(written, verbose=True))


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
