"""Which rules can match a document at all, decided before any rule runs.

Running a rule means running its full pattern (tens of kilobytes of regex once placeholders
are expanded) over the whole prose, so a hundred user rules would cost a hundred scans. Most
rules cannot match most articles, and a necessary condition is much cheaper to test:

- the literal words a pattern requires outside any group, alternative or optional part
  ("zorblax" in ``{a:number} zorblax {b:number}``, the "(" of a conversion), looked up with
  ``in`` on the case-folded prose (folding works character by character, so a substring
  stays a substring, and it covers what a case-insensitive pattern could match);
- for each placeholder the pattern requires, that its type can match somewhere in the prose:
  one search per slot type and document, shared by every rule that uses the type.

A rule is skipped only when one of these provably fails, so skipping never loses a finding.
When in doubt (top-level alternation, verbose mode, full case folding) a pattern simply has
no requirements and always runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from factlint.engine.figures import TOKEN_START, tag_figures
from factlint.engine.rule import Rule
from factlint.engine.windows import FIGURE_TYPES, TOKEN_TYPES

ENABLED = True  # the benchmark turns this off to measure the difference
_PLACEHOLDER = regex.compile(r"\{([A-Za-z_][A-Za-z0-9_]*):([A-Za-z_]+)\}")
_OPTIONAL_QUANTIFIER = regex.compile(r"\?|\*|\{0*,|\{0+(?:,\d*)?\}")
_ANY_QUANTIFIER = regex.compile(r"[?*+]|\{\d*,?\d*\}")
_ESCAPE_TAIL = regex.compile(r"\w*(?:\{[^}]*\}|<[^>]*>)?")
_UNSAFE_FLAGS = regex.FULLCASE | regex.VERBOSE | regex.VERSION1


@dataclass(frozen=True, slots=True)
class Requirements:
    """What one pattern needs from a document's prose to have any chance of matching."""

    literals: tuple[str, ...] = ()  # case-folded, each must occur
    slot_types: tuple[str, ...] = ()  # each type must match somewhere
    flags: int = 0
    one_of: tuple[tuple[str, ...], ...] = ()  # from each group, at least one word must occur


@lru_cache(maxsize=4096)
def requirements(source: str, flags: int) -> Requirements:
    """Read a rule's `match` source at its top level: literal runs and placeholders that
    every match must contain. Anything the reader does not understand ends a literal run."""
    if flags & _UNSAFE_FLAGS or "(?" in source and _inline_unsafe(source):
        return Requirements()
    scan = _Scan(source)
    while scan.index < len(source):
        if not scan.step():
            return Requirements()  # top-level alternatives: nothing is certain
    scan.close_run()
    return Requirements(
        tuple(dict.fromkeys(scan.literals)),
        tuple(dict.fromkeys(scan.slots)),
        flags,
        tuple(scan.groups),
    )


class _Scan:
    """One left-to-right pass over a pattern's source, collecting what it requires."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.literals: list[str] = []
        self.slots: list[str] = []
        self.groups: list[tuple[str, ...]] = []
        self.run: list[str] = []
        self.depth = 0
        self.index = 0

    def close_run(self) -> None:
        word = "".join(self.run).strip()
        if word and word.isascii():
            self.literals.append(word.casefold())
        self.run.clear()

    def step(self) -> bool:
        """Read what starts at `index`; False at a top-level `|`."""
        source, index = self.source, self.index
        char = source[index]
        if char == "\\":
            self.index = self._escape(index)
        elif char == "[":
            self.close_run()
            self.index = _class_end(source, index)
        elif char == "(":
            self.close_run()
            if self.depth == 0:
                words, after = _word_group(source, index)
                if words and not _OPTIONAL_QUANTIFIER.match(source, after):
                    self.groups.append(words)
            self.depth += 1
            self.index = index + 1
        elif char == ")":
            self.close_run()
            self.depth = max(0, self.depth - 1)
            self.index = index + 1
        elif char == "|":
            if self.depth == 0:
                return False
            self.index = index + 1
        elif self.depth == 0 and char == "{" and self._brace(index):
            pass
        elif self.depth == 0 and (char.isalnum() or char in ",;:'\"%£€-/&<>=!@"):
            self.index = _literal(source, index, index + 1, char, self.run, self.close_run)
        else:
            self.close_run()  # a space (one or more spaces), ^, $, ., a quantifier...
            self.index = index + 1
        return True

    def _escape(self, index: int) -> int:
        escaped = self.source[index + 1 : index + 2]
        if self.depth == 0 and escaped and not escaped.isalnum():
            return _literal(self.source, index, index + 2, escaped, self.run, self.close_run)
        # a class (\d), an anchor (\b), a code (\x41, \N{...}) or a back-reference: not
        # a literal; skip what may follow it too, at worst giving up a requirement
        self.close_run()
        return _ESCAPE_TAIL.match(self.source, index + 1).end()

    def _brace(self, index: int) -> bool:
        """A placeholder or a counted repeat at the top level; False for a literal brace."""
        placeholder = _PLACEHOLDER.match(self.source, index)
        if placeholder:
            self.close_run()
            end = placeholder.end()
            if not _OPTIONAL_QUANTIFIER.match(self.source, end):
                self.slots.append(placeholder.group(2))
            self.index = end
            return True
        quantifier = _ANY_QUANTIFIER.match(self.source, index)
        if quantifier:  # after a group, class or escape: "(...){2}", "\\d{3}"
            self.close_run()
            self.index = quantifier.end()
            return True
        return False


_WORD_GROUP = regex.compile(r"\(\?:((?:[A-Za-z]+(?: [A-Za-z]+)*)(?:\|[A-Za-z]+(?: [A-Za-z]+)*)*)\)")


def _word_group(source: str, index: int) -> tuple[tuple[str, ...], int]:
    """A group of plain alternative words, "(?:taking|bringing|raising)": one must occur."""
    found = _WORD_GROUP.match(source, index)
    if found is None:
        return (), index
    # a space in a pattern is one or more spaces: only each alternative's first word is
    # certain to appear as written
    return tuple(words.split()[0].casefold() for words in found.group(1).split("|")), found.end()


def _literal(source: str, start: int, end: int, char: str, run: list[str], close_run) -> int:  # noqa: ANN001
    """Add one literal character to the run unless a quantifier makes it optional or repeated."""
    quantifier = _ANY_QUANTIFIER.match(source, end)
    if quantifier is None:
        run.append(char)
        return end
    close_run()
    if not _OPTIONAL_QUANTIFIER.match(source, end):
        run.append(char)  # "x+" or "x{2}" still needs one x, but ends the run
        close_run()
    return quantifier.end()


def _class_end(source: str, start: int) -> int:
    index = start + 1
    if source[index : index + 1] == "^":
        index += 1
    if source[index : index + 1] == "]":
        index += 1
    nesting = 1
    while index < len(source) and nesting:
        if source[index] == "\\":
            index += 2
            continue
        if source[index] == "[":
            nesting += 1
        elif source[index] == "]":
            nesting -= 1
        index += 1
    return index


def _inline_unsafe(source: str) -> bool:
    """Global inline flags that change what a literal matches: (?x), (?f), (?V1)."""
    return bool(regex.search(r"\(\?[a-zA-Z]*[xf][a-zA-Z]*[):]|\(\?V1\)", source))


class Prefilter:
    """Per-document answers, shared by every rule run over the same prose.

    `prose` is the figure-tagged view the rules run over (engine/figures.py).
    """

    def __init__(self, prose: str) -> None:
        self.prose = prose
        self._folded: str | None = None
        self._types: dict[tuple[str, int], bool] = {}

    def folded(self) -> str:
        """The prose case-folded, once per document."""
        if self._folded is None:
            self._folded = self.prose.casefold()
        return self._folded

    def _type_present(self, name: str, flags: int) -> bool:
        """Figure slots need a figure token in the prose; the other types are always
        possible. (Searching each slot's own pattern cost as much as running the rules.)"""
        if name in FIGURE_TYPES:
            return TOKEN_START in self.prose
        return True

    def pattern_may_match(self, needs: Requirements) -> bool:
        if needs.literals:
            folded = self.folded()
            if any(word not in folded for word in needs.literals):
                return False
        if needs.one_of:
            folded = self.folded()
            if not all(any(word in folded for word in group) for group in needs.one_of):
                return False
        return all(self._type_present(name, needs.flags) for name in needs.slot_types)

    def may_match(self, rule: Rule) -> bool:
        if not ENABLED:
            return True
        return any(
            self.pattern_may_match(requirements(p.expanded or p.source, p.regex.flags))
            for p in rule.patterns
        )


# Below this many rules, asking each rule is cheaper than reading the prose for the index.
MIN_INDEXED_RULES = 64
_INDEXES: dict[tuple[int, ...], RuleIndex] = {}
_MAX_INDEXES = 8


class RuleIndex:
    """One rule list's literals, read once, so that a document asks only the rules it may
    match: the cost of a thousand rules that cannot match is one pass over the prose.

    Each pattern's longest required literal is its anchor (a rule is skipped only when no
    pattern's anchor occurs, which `may_match` would also conclude). Anchors are filed by
    their last three characters; the prose's set of three-character runs picks the few
    anchors worth an `in` test, so the work per document grows with the prose and with
    the anchors it holds, not with the number of rules.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._always: list[int] = []  # a pattern without a literal: always asked
        self._short: dict[str, list[int]] = {}  # anchors of one or two characters
        self._by_key: dict[str, dict[str, list[int]]] = {}  # last 3 characters -> anchor
        for index, rule in enumerate(self.rules):
            if rule.frame is not None:
                continue
            anchors = {_anchor(p) for p in rule.patterns}
            if not anchors or None in anchors:
                self._always.append(index)
                continue
            for anchor in anchors:
                assert anchor is not None
                if len(anchor) < 3:
                    self._short.setdefault(anchor, []).append(index)
                else:
                    self._by_key.setdefault(anchor[-3:], {}).setdefault(anchor, []).append(index)

    def candidates(self, prefilter: Prefilter) -> list[Rule]:
        """The rules without a frame that may match the prefilter's prose, in rule order."""
        if not ENABLED:
            return [rule for rule in self.rules if rule.frame is None]
        folded = prefilter.folded()
        chosen = set(self._always)
        for anchor, indices in self._short.items():
            if anchor in folded:
                chosen.update(indices)
        runs = {folded[i : i + 3] for i in range(len(folded) - 2)}
        for key in runs & self._by_key.keys():
            for anchor, indices in self._by_key[key].items():
                if anchor in folded:
                    chosen.update(indices)
        return [self.rules[i] for i in sorted(chosen) if prefilter.may_match(self.rules[i])]


def requires_token(pattern) -> bool:  # noqa: ANN001 - a CompiledPattern
    """Whether every match of `pattern` holds a figure or date token: it requires a slot
    of such a type at its top level (so it can skip the stretches without one)."""
    needs = requirements(pattern.expanded or pattern.source, pattern.regex.flags)
    return any(name in TOKEN_TYPES for name in needs.slot_types)


def _anchor(pattern) -> str | None:  # noqa: ANN001 - a CompiledPattern
    needs = requirements(pattern.expanded or pattern.source, pattern.regex.flags)
    return max(needs.literals, key=len) if needs.literals else None


def candidate_rules(rules: Sequence[Rule], prefilter: Prefilter) -> list[Rule]:
    """The rules without a frame that may match; through a RuleIndex for a long rule list."""
    if len(rules) < MIN_INDEXED_RULES:
        return [rule for rule in rules if rule.frame is None and prefilter.may_match(rule)]
    key = tuple(map(id, rules))
    index = _INDEXES.get(key)
    if index is None:  # it holds the rules, so their ids are not reused while it is kept
        if len(_INDEXES) >= _MAX_INDEXES:
            _INDEXES.pop(next(iter(_INDEXES)))
        index = _INDEXES[key] = RuleIndex(rules)
    return index.candidates(prefilter)


def rule_may_match(rule: Rule, prose: str) -> bool:
    """False only when `rule` certainly finds nothing in `prose` (a one-off question: the run
    loop keeps one Prefilter per document over the figure-tagged prose instead)."""
    if not ENABLED:
        return True
    return Prefilter(tag_figures(prose)).may_match(rule)
