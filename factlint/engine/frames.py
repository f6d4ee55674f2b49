"""Frames: a claim whose parts come in any order inside one clause.

A stated change has up to six parts (the old figure, the new one, the
difference, the percentage, a rise word, a fall word) and news writes them
in every order: "rose 12% to $11.1bn from $10.9bn", "up 45 pence, or 2%, at
930p", "fell from 8% to 6%, a drop of two percentage points". One regex per
word order does not scale, so a frame is read in two steps:

1. each *cue* (a short pattern such as "from {old:amount}" or
   "{pct:number} {up:rise_noun}") is matched over the whole document once;
2. the cues found in one clause are put together into *readings*: every figure
   takes exactly one of the roles its cues gave it, and a role holds at most
   one figure (a word role, such as the rise word, may be named twice: "rose
   ..., up from"). A clause with two percentages has no reading (it is ambiguous);
   "up 23,600 to 27,700" has two (23,600 the old figure, or the difference).

Rules over a frame check each reading; a clause draws a finding only when no
reading is consistent with every rule that applies to it (engine/runner.py),
so an ambiguous clause stays silent.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from factlint.engine.expr import Expression
from factlint.engine.patterns import CompiledPattern
from factlint.engine.windows import FIGURE_TYPES, blank_without_figures

MAX_READINGS = 16  # a clause with more ways of reading it is too ambiguous to judge
# A clause ends at a sentence end, a semicolon outside brackets ("($54.98m; £29.32m)" is
# one aside), a line break, or a comma before a new clause ("..., while sales fell").
DEFAULT_CLAUSE = (
    r"[.!?](?=[^\S\n]|$)|;(?![^(\n]*\))|\n|,[^\S\n]+(?:while|whereas|but|although)[^\S\n]"
)

Reading = dict[str, Any]  # role -> Bound


@dataclass(frozen=True, slots=True)
class Frame:
    name: str
    roles: tuple[str, ...]
    cues: tuple[CompiledPattern, ...]
    clause: regex.Pattern
    where: Expression | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class Instance:
    """One clause the frame read: its readings, and the span of the cues found in it."""

    start: int
    end: int
    readings: tuple[Reading, ...]


BindMatch = Callable[[regex.Match, Iterable[tuple[str, str]]], "Mapping[str, Any] | None"]
FindIter = Callable[[regex.Pattern, str], Iterator[regex.Match]]


def figure_roles(frame: Frame) -> frozenset[str]:
    """The roles only a figure can take: every cue that binds one binds it to a slot of
    a figure type ("old" in "from {old:level}"), never to a word."""
    types: dict[str, set[str]] = {}
    for cue in frame.cues:
        for name, type_name in cue.slots:
            types.setdefault(name, set()).add(type_name)
    return frozenset(role for role, kinds in types.items() if kinds <= FIGURE_TYPES)


def figures_needed(frame: Frame, needs: Iterable[tuple[str, ...]]) -> int:
    """How many figures a clause must hold for any of the rules (their `needs`) to judge it."""
    roles = figure_roles(frame)
    return min((len(set(need) & roles) for need in needs), default=0)


def read_frame(
    frame: Frame,
    tagged: str,
    bind_match: BindMatch,
    keep: Callable[[Reading], bool],
    finditer: FindIter,
    figures: int = 0,
) -> list[Instance]:
    """Every clause of `tagged` in which the frame's cues bind at least two parts.

    `bind_match` turns a cue's match into slot bindings (the run loop's reader);
    `keep` applies the frame's `where` to a reading; `finditer` runs a pattern
    within the rule's time (engine/budget.py), whose limit is the caller's to report.
    Clauses with fewer than `figures` figures are not read (none of the rules needs less).
    """
    ends = [found.end() for found in finditer(frame.clause, tagged)]
    figured = blank_without_figures(tagged, ends, figures)  # a clause without figures: nothing
    clauses: dict[int, dict[tuple[int, int], tuple[Any, set[str]]]] = {}
    for cue in frame.cues:
        for found in finditer(cue.regex, figured):
            bindings = bind_match(found, cue.slots)
            if not bindings:
                continue
            for role, bound in bindings.items():
                clause = clauses.setdefault(bisect_right(ends, bound.start), {})
                span = (bound.start, bound.end)
                clause.setdefault(span, (bound, set()))[1].add(role)
    instances = []
    for spans in map(_merge_nested, clauses.values()):
        if len(spans) < 2:
            continue
        readings = [r for r in _readings(spans, frame.roles) if keep(r)]
        if readings:
            start = min(a for a, _ in spans)
            end = max(b for _, b in spans)
            instances.append(Instance(start, end, tuple(readings)))
    return sorted(instances, key=lambda instance: instance.start)


def _merge_nested(
    spans: dict[tuple[int, int], tuple[Any, set[str]]],
) -> dict[tuple[int, int], tuple[Any, set[str]]]:
    """A figure inside a longer one is the same figure: "40" of "40 pence" takes the
    roles its cues gave it to the longer span, whose reading (money) is kept."""
    merged: dict[tuple[int, int], tuple[Any, set[str]]] = {}
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        outer = next((o for o in merged if o[0] <= span[0] and span[1] <= o[1]), None)
        if outer is None:
            merged[span] = (spans[span][0], set(spans[span][1]))
        else:
            merged[outer][1].update(spans[span][1])
    return merged


def _readings(
    spans: Mapping[tuple[int, int], tuple[Any, set[str]]], order: tuple[str, ...]
) -> list[Reading]:
    """Each figure takes one of its roles; a figure role taken twice makes a reading invalid.

    Readings come in the order of the frame's roles, so the first one (whose findings
    stand when every reading fails) prefers the role listed first.
    """
    rank = {role: index for index, role in enumerate(order)}
    choices = [
        [(role, bound) for role in sorted(roles, key=rank.__getitem__)]
        for bound, roles in spans.values()
    ]
    total = 1
    for options in choices:
        total *= len(options)
    if total > MAX_READINGS:
        return []
    readings = []
    for combination in itertools.product(*choices):
        reading: Reading = {}
        for role, bound in combination:
            if role in reading:
                if bound.kind == "word" and reading[role].kind == "word":
                    continue  # "rose 12% to $11.1bn, up from $10.9bn": one direction
                break
            reading[role] = bound
        else:
            readings.append(reading)
    return readings
