"""A compiled rule: everything checked, nothing left to interpret at run time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from factlint.engine.expr import Expression
from factlint.engine.frames import Frame
from factlint.engine.patterns import CompiledPattern
from factlint.findings import RuleMeta


@dataclass(frozen=True, slots=True)
class Record:
    """How a match becomes a fact: its name (an expression) and the slot it remembers."""

    key: Expression
    value: str
    where: Expression | None = None


@dataclass(frozen=True, slots=True)
class FactPattern:
    """A sentence shape that only records facts ("Some 100 troops were in Bamako")."""

    pattern: CompiledPattern
    record: Record


@dataclass(frozen=True, slots=True)
class Expectation:
    """What a bad example states about its finding; empty fields are not checked."""

    at: str = ""
    message: str = ""
    fix: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    description: str
    severity: str
    patterns: tuple[CompiledPattern, ...]
    assertion: Expression
    message: str
    where: Expression | None = None
    fix: str | None = None
    safe_fix: bool = True
    at: str | None = None
    record: Record | None = None
    facts: tuple[FactPattern, ...] = ()
    doc: str = ""
    bad_examples: tuple[str, ...] = ()
    good_examples: tuple[str, ...] = ()
    pack: str = "builtin"
    path: str = ""
    line: int = 0
    frame: Frame | None = None  # a frame rule checks the frame's readings, not patterns
    needs: tuple[str, ...] = ()  # the roles a reading must bind
    expectations: tuple[Expectation, ...] = ()  # one per bad example

    def asks_facts(self, functions: Iterable[str]) -> bool:
        """Whether its `where` or `assert` calls one of `functions` (the fact functions):
        only then must the document's earlier facts be gathered for it."""
        called = self.assertion.calls | (self.where.calls if self.where is not None else set())
        return not called.isdisjoint(functions)

    @property
    def slots(self) -> tuple[tuple[str, str], ...]:
        if self.frame is not None:
            return tuple((role, "role") for role in self.needs)
        seen: dict[str, str] = {}
        for pattern in self.patterns:
            for name, kind in pattern.slots:
                seen.setdefault(name, kind)
        return tuple(seen.items())

    def meta(self) -> RuleMeta:
        return RuleMeta(
            id=self.id,
            description=self.description,
            severity=self.severity,
            pack=self.pack,
            help=self.doc,
            bad_examples=self.bad_examples,
            good_examples=self.good_examples,
        )
