"""CPU-time limits for rule patterns: one per rule, one for all rules of a document.

The `regex` module's `timeout=` is wall-clock time spent matching, so the same
article gave tens of thousands of findings on an idle server and only
`rule-error`s while another heavy request ran. Here a rule's limit is the CPU
time of the thread that runs it (`time.thread_time`, which counts time spent
matching with the GIL released): when `regex` stops a search because its
wall-clock slice ran out but the thread has not yet used its CPU share (it was
waiting for a core), the search resumes after the last match found, with what
is left. A wall-clock guard (`WALL_FACTOR` times the limit) still ends a rule
on a machine so loaded that it never gets the CPU.

A document also has a total: sixty rules that each use most of their second
must not make one article take a minute, and the document's total (2 s) plus a
cold load of the packs (about 1 s) stays inside the 5 s answer for hostile
input. Once a document's budget is spent, the rules not yet run are reported
as not run, and the others' findings stand.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import regex

WALL_FACTOR = 4.0  # a rule ends after this many times its CPU limit of wall-clock time
DEFAULT_RULE_LIMIT = 1.0  # CPU seconds per rule and document
DEFAULT_DOCUMENT_LIMIT = 2.0  # CPU seconds for all rules of one document


class OverLimit(Exception):
    """A rule used up its CPU time (or the wall-clock guard) and was stopped."""


class Budget:
    """What is left of one document's rule time; one Budget per document."""

    def __init__(
        self, rule_limit: float = DEFAULT_RULE_LIMIT, document_limit: float = DEFAULT_DOCUMENT_LIMIT
    ) -> None:
        self.rule_limit = rule_limit
        self.document_limit = document_limit
        self.spent = 0.0
        self.by_name: dict[str, float] = {}  # CPU seconds each rule (or frame) has used

    def exhausted(self) -> bool:
        return self.spent >= self.document_limit

    def clock(self, name: str = "") -> RuleClock:
        """A clock for rule `name`: what is left of its own limit (a rule timed twice, its
        patterns and then its facts, shares one limit), or of the document's."""
        left = self.rule_limit - self.by_name.get(name, 0.0)
        return RuleClock(self, min(left, self.document_limit - self.spent), name)


class RuleClock:
    """Times one rule; `finditer` is the only way its patterns should be run."""

    def __init__(self, budget: Budget, limit: float, name: str = "") -> None:
        self.budget = budget
        self.limit = limit
        self.name = name
        self._cpu_start = time.thread_time()
        self._wall_start = time.monotonic()
        self._closed = False

    def used(self) -> float:
        return time.thread_time() - self._cpu_start

    def close(self) -> float:
        """Charge the rule's CPU time to the document and to its name; returns it."""
        used = self.used()
        if not self._closed:
            self.budget.spent += used
            by_name = self.budget.by_name
            by_name[self.name] = by_name.get(self.name, 0.0) + used
            self._closed = True
        return used

    def finditer(self, pattern: regex.Pattern, text: str) -> Iterator[regex.Match]:
        """Every match of `pattern` in `text`, as finditer would give them, within the limit."""
        position = 0
        last: tuple[int, int] | None = None
        while True:
            cpu_left = self.limit - self.used()
            wall_left = self.limit * WALL_FACTOR - (time.monotonic() - self._wall_start)
            if cpu_left <= 0 or wall_left <= 0:
                raise OverLimit
            try:
                for found in pattern.finditer(text, position, timeout=min(cpu_left, wall_left)):
                    if found.span() == last:
                        continue  # resumed at an empty match already given
                    last = found.span()
                    position = found.end()
                    yield found
                return
            except TimeoutError:
                continue  # out of its slice: the loop decides between resuming and stopping
