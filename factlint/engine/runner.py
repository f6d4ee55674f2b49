"""The run loop: every rule over a document's prose, matches to findings.

Rules run over the figure-tagged view of `Document.prose` (same offsets as the
source, markup blanked, figures and dates as tokens: engine/figures.py), so a
match's span is already the source span, and slots read the original text.
All facts are gathered first, then every match is checked; when the caller
asks for them, every checked match also leaves a `RawClaim` with its verdict
(consistent, inconsistent, unknown): the one place the claims ledger is fed
from (engine/claims.py writes what a consistent claim computed). A pattern that
runs past its time limit is reported as that rule's own error and the other
rules still run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from factlint.engine.budget import DEFAULT_DOCUMENT_LIMIT, Budget, OverLimit, RuleClock
from factlint.engine.claims import RawClaim, claim_of
from factlint.engine.expr import Undecidable, evaluate
from factlint.engine.figures import tag_figures
from factlint.engine.frames import Frame, Instance, Reading, figures_needed, read_frame
from factlint.engine.patterns import CompiledPattern
from factlint.engine.prefilter import Prefilter, candidate_rules, requires_token
from factlint.engine.registry import FACT_FUNCTIONS, FUNCTIONS
from factlint.engine.rule import Record, Rule
from factlint.engine.semantics import EvalContext, Miss, RuleSemantics
from factlint.engine.slots import Bound, bind
from factlint.engine.templates import fill_template
from factlint.engine.windows import paragraphs_with_figures
from factlint.findings import SEVERITIES
from factlint.quantities.mentions import read_figures
from factlint.quantities.tolerance import severity_for_gap

DEFAULT_PATTERN_TIMEOUT = 1.0  # CPU seconds per rule and document


@dataclass(frozen=True, slots=True)
class RawFinding:
    """A finding before positions are computed: offsets only."""

    rule: str
    severity: str
    message: str
    start: int
    end: int
    fix: str | None = None
    fix_start: int = 0
    fix_end: int = 0
    safe_fix: bool = True
    stated: str | None = None
    expected: str | None = None
    related: tuple[tuple[int, int], ...] = ()  # earlier statements the finding relies on


class RuleTimeout(Exception):
    def __init__(self, rule: Rule, seconds: float, *, skipped: int = 0) -> None:
        if skipped:
            message = (
                f"rule {rule.id} ({rule.path}:{rule.line}) and {skipped - 1} more not run: "
                f"this document's rule time ({seconds:g}s of CPU) was spent"
            )
        else:
            message = (
                f"rule {rule.id} ({rule.path}:{rule.line}): pattern took longer than "
                f"{seconds:.3g}s of CPU and was stopped"
            )
        super().__init__(message)
        self.rule = rule
        self.skipped = skipped


@dataclass(frozen=True, slots=True)
class Fact:
    """Something the document has established: "there were 100 troops" (key "troop")."""

    key: str
    value: Bound
    start: int


class FactBook:
    """Facts by key in document order; a match may only rely on what came before it."""

    def __init__(self, facts: Iterable[Fact]) -> None:
        self._by_key: dict[str, list[Fact]] = {}
        for fact in sorted(facts, key=lambda f: f.start):
            self._by_key.setdefault(fact.key, []).append(fact)

    def before(self, key: str, offset: int) -> Fact | None:
        earlier = [f for f in self._by_key.get(key, ()) if f.start < offset]
        return earlier[-1] if earlier else None

    def only(self, key: str, offset: int) -> Fact | None:
        """The one figure stated for `key` before `offset` (repeats of it count once)."""
        earlier = [f for f in self._by_key.get(key, ()) if f.start < offset]
        if not earlier or len({f.value.text.strip() for f in earlier}) > 1:
            return None
        return earlier[-1]


Bindings = dict[str, Bound]


def _bindings(found: regex.Match, slots: Iterable[tuple[str, str]], prose: str) -> Bindings | None:
    """Bind each slot to the original text of its span (the match ran over tokens)."""
    bindings: Bindings = {}
    for name, kind in slots:
        start, end = found.span(name)
        if start < 0:
            continue
        q_start, q_end = (
            found.span(f"{name}__q") if f"{name}__q" in found.re.groupindex else (-1, -1)
        )
        qualifier = prose[q_start:q_end] if q_start >= 0 else None
        bound = bind(kind, prose[start:end], start, end, qualifier)
        if bound is None:
            return None
        bindings[name] = bound
    return bindings


def _matches(
    rule: Rule, pattern: CompiledPattern, view: DocumentView, clock: RuleClock
) -> list[tuple[Bindings, tuple[int, int]]]:
    """Each match's bindings with the span of the whole match (the claim as written)."""
    try:
        found = list(clock.finditer(pattern.regex, view.text_for(pattern)))
    except OverLimit:
        raise RuleTimeout(rule, clock.limit) from None
    pairs = ((_bindings(m, pattern.slots, view.prose), m.span()) for m in found)
    return [(b, span) for b, span in pairs if b is not None]


@dataclass(frozen=True, slots=True)
class DocumentView:
    """The prose, and the same prose with figures as tokens, which rules match against."""

    prose: str
    tagged: str
    dates: tuple = ()  # every date of the figure pass, for the dateline
    figured: str = ""  # `tagged` with the paragraphs that hold no figure blanked

    @classmethod
    def of(cls, prose: str) -> DocumentView:
        reading = read_figures(prose)
        tagged = tag_figures(prose, reading)
        return cls(prose, tagged, reading.dates, paragraphs_with_figures(tagged))

    def text_for(self, pattern: CompiledPattern) -> str:
        """What `pattern` is run over: only the figures' paragraphs when it needs a figure
        (engine/windows.py); the whole tagged prose otherwise."""
        return self.figured if self.figured and requires_token(pattern) else self.tagged


def _recorded(record: Record, bindings: Bindings, context: EvalContext) -> Fact | None:
    semantics = RuleSemantics(context)
    env = {**bindings, "date": context.date}
    try:
        if record.where is not None and not evaluate(record.where, env, FUNCTIONS, semantics):
            return None
        key = evaluate(record.key, env, FUNCTIONS, semantics)
    except Undecidable:
        return None  # no key can be made of what this match bound: nothing is recorded
    value = bindings.get(record.value)
    if not key or value is None:
        return None
    return Fact(str(key), value, value.start)


def _functions(semantics: RuleSemantics, facts: FactBook, offset: int) -> dict:
    """fact() and known() see only what the document said before this match."""

    def fact(key: str) -> Bound:
        found = facts.before(str(key), offset)
        if found is None:
            raise Undecidable(_no_fact(key))
        semantics.facts_used.append(found.value)
        return found.value

    def known(key: str) -> bool:
        if facts.before(str(key), offset) is not None:
            return True
        semantics.undecidable(_no_fact(key))
        return False

    def only(key: str) -> Bound:
        found = facts.only(str(key), offset)
        if found is None:
            raise Undecidable(_no_sole_fact(key, facts.before(str(key), offset) is not None))
        semantics.facts_used.append(found.value)
        return found.value

    return {**FUNCTIONS, "fact": fact, "known": known, "only": only}


def _no_sole_fact(key: str, several: bool) -> str:
    if several:
        return f"several earlier figures for “{' '.join(str(key).split('|'))}”: which is meant?"
    return _no_fact(key)


def _no_fact(key: str) -> str:
    return f"no earlier figure for “{' '.join(str(key).split('|'))}” in the article"


def check_match(
    rule: Rule,
    bindings: Bindings,
    slots: tuple[tuple[str, str], ...],
    context: EvalContext,
    facts: FactBook | None = None,
    claims: list[RawClaim] | None = None,
    span: tuple[int, int] | None = None,
) -> RawFinding | None:
    """Evaluate one match; with `claims`, also log its verdict there (`span`: the match)."""
    env: dict[str, object] = dict(bindings)
    env["date"] = context.date
    semantics = RuleSemantics(context)
    offset = min(bound.start for bound in bindings.values())
    functions = _functions(semantics, facts or FactBook(()), offset)
    try:
        if rule.where is not None and not semantics.truth(
            evaluate(rule.where, env, functions, semantics)
        ):
            return None
        semantics.reset()
        holds = semantics.truth(evaluate(rule.assertion, env, functions, semantics))
    except Undecidable as undecided:
        semantics.undecidable(str(undecided))
        holds = True
    finding = None if holds else _finding(rule, bindings, slots, context, semantics)
    if claims is not None:
        message, at = (finding.message, (finding.start, finding.end)) if finding else (None, None)
        claim = claim_of(rule.id, bindings, span, semantics, message, at)
        if claim is not None:
            claims.append(claim)
    return finding


def _finding(
    rule: Rule,
    bindings: Bindings,
    slots: tuple[tuple[str, str], ...],
    context: EvalContext,
    semantics: RuleSemantics,
) -> RawFinding:
    miss: Miss | None = semantics.miss
    at_name = rule.at or (miss.stated and _slot_name(bindings, miss.stated)) or slots[-1][0]
    # a frame rule's `at` role may be unbound in a reading ("up" when the word was "fell"):
    # then the finding points at the word the reading did bind
    at = (
        bindings.get(at_name)
        or next((b for b in bindings.values() if b.kind == "word"), None)
        or next(iter(bindings.values()))
    )
    gap = miss.gap if miss else 1.0
    severity = severity_for_gap(gap, context.tolerance, worst=rule.severity)
    values: dict[str, object] = {name: bound.text for name, bound in bindings.items()}
    used_date = context.services.get("money_date") or context.date
    values.update(
        expected=miss.expected_text if miss else "",
        stated=at.text,
        date=str(used_date) if used_date else "",
        date_source=getattr(used_date, "source", ""),
        note=f" ({miss.note})" if miss and miss.note else "",
    )
    message = fill_template(rule.message, values)
    fix = fill_template(rule.fix, values) if rule.fix and miss and miss.fixable else None
    return RawFinding(
        rule=rule.id,
        severity=severity if severity in SEVERITIES else rule.severity,
        message=message,
        start=at.start,
        end=at.end,
        fix=fix,
        fix_start=at.start,
        fix_end=at.end,
        safe_fix=rule.safe_fix,
        stated=at.text,
        expected=miss.expected_text if miss else None,
        related=tuple((b.start, b.end) for b in semantics.facts_used if b is not at),
    )


def _slot_name(bindings: dict[str, Bound], bound: Bound) -> str | None:
    return next((name for name, value in bindings.items() if value is bound), None)


Matched = list[tuple[Rule, list[tuple[CompiledPattern, tuple[Bindings, tuple[int, int]]]]]]


def run_rules(
    rules: Iterable[Rule],
    prose: str,
    context: EvalContext,
    *,
    timeout: float = DEFAULT_PATTERN_TIMEOUT,
    document_timeout: float = DEFAULT_DOCUMENT_LIMIT,
    view: DocumentView | None = None,
    claims: list[RawClaim] | None = None,
    max_findings: int | None = None,
    timings: dict[str, float] | None = None,
) -> tuple[list[RawFinding], list[RuleTimeout]]:
    """Match every rule once, gather the facts they record, then check each match.

    Facts come first so that a total stated in paragraph five can be checked
    against a count from paragraph two whatever order the rules load in; the rules'
    `facts:` patterns run only when a rule that asks for facts matched (or a frame
    rule may ask), since a fact nobody asks for changes nothing. With a
    `claims` list, every evaluated match's verdict is appended to it.
    `timeout` is each rule's CPU time, `document_timeout` all rules' together
    (engine/budget.py); `max_findings` stops checking once that many are found. With a
    `timings` dict, each rule's CPU seconds are added to it (a frame's under "frame NAME").
    """
    view = view if view is not None else DocumentView.of(prose)
    context.services.setdefault("prose", view.prose)  # converters read a claim's clause
    prefilter = Prefilter(view.tagged)
    budget = Budget(timeout, document_timeout)
    failures: list[RuleTimeout] = []
    facts: list[Fact] = []
    rules = list(rules)
    framed = [rule for rule in rules if rule.frame is not None]
    candidates = candidate_rules(rules, prefilter)
    matched = _matched(candidates, view, context, budget, facts, failures)
    if any(pairs and rule.asks_facts(FACT_FUNCTIONS) for rule, pairs in matched) or any(
        rule.asks_facts(FACT_FUNCTIONS) for rule in framed
    ):
        matched = _stated_facts(matched, view, context, budget, facts, failures)
    book = FactBook(facts)
    findings = _checked(matched, book, context, claims, max_findings)
    if framed and (max_findings is None or len(findings) < max_findings):
        findings.extend(_run_frames(framed, view, context, book, budget, failures, claims))
    if timings is not None:
        for name, seconds in budget.by_name.items():
            timings[name] = timings.get(name, 0.0) + seconds
    return findings, failures


def _matched(
    candidates: list[Rule],
    view: DocumentView,
    context: EvalContext,
    budget: Budget,
    facts: list[Fact],
    failures: list[RuleTimeout],
) -> Matched:
    """Each rule's matches, within its time; what a match records as a fact (`record:`)
    is added to `facts`."""
    matched: Matched = []
    for index, rule in enumerate(candidates):
        if budget.exhausted():
            skipped = len(candidates) - index
            failures.append(RuleTimeout(rule, budget.document_limit, skipped=skipped))
            break
        clock = budget.clock(rule.id)
        try:
            pairs = [(p, m) for p in rule.patterns for m in _matches(rule, p, view, clock)]
        except RuleTimeout as failure:
            failures.append(failure)
            continue
        finally:
            clock.close()
        if rule.record is not None:
            for _pattern, (bindings, _span) in pairs:
                fact = _recorded(rule.record, bindings, context)
                if fact is not None:
                    facts.append(fact)
        matched.append((rule, pairs))
    return matched


def _stated_facts(
    matched: Matched,
    view: DocumentView,
    context: EvalContext,
    budget: Budget,
    facts: list[Fact],
    failures: list[RuleTimeout],
) -> Matched:
    """Run each matched rule's `facts:` patterns within what is left of its time, adding
    to `facts`; a rule whose facts ran out of time is dropped (its matches would be judged
    on half the facts)."""
    kept: Matched = []
    for rule, pairs in matched:
        if not rule.facts:
            kept.append((rule, pairs))
            continue
        if budget.exhausted():
            failures.append(RuleTimeout(rule, budget.document_limit))
            continue
        clock = budget.clock(rule.id)  # what its patterns left of the rule's time
        try:
            for fact_pattern in rule.facts:
                for bindings, _span in _matches(rule, fact_pattern.pattern, view, clock):
                    fact = _recorded(fact_pattern.record, bindings, context)
                    if fact is not None:
                        facts.append(fact)
        except RuleTimeout as failure:
            failures.append(failure)
            continue
        finally:
            clock.close()
        kept.append((rule, pairs))
    return kept


def _checked(
    matched: Matched,
    book: FactBook,
    context: EvalContext,
    claims: list[RawClaim] | None,
    max_findings: int | None,
) -> list[RawFinding]:
    findings: list[RawFinding] = []
    for rule, pairs in matched:
        for pattern, (bindings, span) in pairs:
            if max_findings is not None and len(findings) >= max_findings:
                return findings
            finding = check_match(rule, bindings, pattern.slots, context, book, claims, span)
            if finding is not None:
                findings.append(finding)
    return findings


def _run_frames(
    rules: list[Rule],
    view: DocumentView,
    context: EvalContext,
    book: FactBook,
    budget: Budget,
    failures: list[RuleTimeout],
    claims: list[RawClaim] | None,
) -> list[RawFinding]:
    """Each frame is read once; each clause it read is judged by all of its rules together."""
    by_frame: dict[int, tuple[Frame, list[Rule]]] = {}
    for rule in rules:
        assert rule.frame is not None
        by_frame.setdefault(id(rule.frame), (rule.frame, []))[1].append(rule)
    findings: list[RawFinding] = []
    for frame, frame_rules in by_frame.values():
        if budget.exhausted():
            failures.append(RuleTimeout(frame_rules[0], budget.document_limit))
            break
        clock = budget.clock(f"frame {frame.name}")
        try:
            instances = read_frame(
                frame,
                view.tagged,
                lambda found, slots: _bindings(found, slots, view.prose),
                lambda reading, frame=frame: _keeps(frame, reading, context),
                clock.finditer,
                figures_needed(frame, (rule.needs for rule in frame_rules)),
            )
        except OverLimit:
            failures.append(RuleTimeout(frame_rules[0], clock.limit))
            continue
        finally:
            clock.close()
        for instance in instances:
            findings.extend(_judge(instance, frame_rules, context, book, claims))
    return findings


def _keeps(frame: Frame, reading: Reading, context: EvalContext) -> bool:
    if frame.where is None:
        return True
    env = {role: reading.get(role) for role in frame.roles}
    semantics = RuleSemantics(context)
    try:
        return semantics.truth(evaluate(frame.where, env, FUNCTIONS, semantics))
    except Undecidable:
        return False  # a reading the frame's condition cannot even judge is no reading


def _applies(rule: Rule, reading: Reading, context: EvalContext, book: FactBook) -> bool:
    if any(role not in reading for role in rule.needs):
        return False
    if rule.where is None:
        return True
    semantics = RuleSemantics(context)
    env = {**reading, "date": context.date}
    functions = _functions(semantics, book, min(bound.start for bound in reading.values()))
    try:
        return semantics.truth(evaluate(rule.where, env, functions, semantics))
    except Undecidable:
        return False  # the rule cannot tell whether it applies to this reading


def _judge(
    instance: Instance,
    rules: list[Rule],
    context: EvalContext,
    book: FactBook,
    claims: list[RawClaim] | None,
) -> list[RawFinding]:
    """A clause is consistent when one of its readings satisfies every rule that applies.

    So an ambiguous clause ("down $1.33 to $42.12": the old figure or the difference)
    is left alone when any reading makes sense, and a reading no rule can check makes
    sense; when every reading fails, the first one's findings stand.
    """
    first: tuple[list[RawFinding], list[RawClaim]] | None = None
    span = (instance.start, instance.end)
    for reading in instance.readings:
        logged: list[RawClaim] = []  # the ledger hears the reading that was kept
        found = [
            finding
            for rule in rules
            if _applies(rule, reading, context, book)
            and (finding := check_match(rule, reading, rule.slots, context, book, logged, span))
        ]
        if not found:
            first = ([], logged)
            break
        first = first if first is not None else (found, logged)
    if first is None:
        return []
    if claims is not None:
        claims.extend(first[1])
    return first[0]
