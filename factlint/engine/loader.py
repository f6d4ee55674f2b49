"""Rule files to compiled rules, with errors that name file, line and field.

The JSON Schema in factlint/schema/rule.schema.json is the contract (editors
can use it too); this module applies it and then checks what a schema cannot:
that patterns compile, that assertions and templates only use known names.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from factlint.engine.expr import ExpressionError, parse_expression
from factlint.engine.frames import DEFAULT_CLAUSE, Frame
from factlint.engine.patterns import (
    EMPTY_LIBRARY,
    CompileBudget,
    CompiledPattern,
    Library,
    PatternError,
    compile_pattern,
)
from factlint.engine.registry import FACT_FUNCTIONS, FUNCTIONS
from factlint.engine.rule import Expectation, FactPattern, Record, Rule
from factlint.engine.rule_cache import cached_rules
from factlint.engine.templates import TemplateError, check_template

MAX_RULE_FILE_SIZE = 2 * 1024 * 1024
MAX_RULES_PER_FILE = 2000
TEMPLATE_NAMES = ("expected", "stated", "date", "date_source", "note")
RULE_SUFFIXES = (".yaml", ".yml")


class RuleError(Exception):
    """A rule file that cannot be used; str() is the one-line message for the user."""

    def __init__(
        self, path: str, line: int, message: str, field: str | None = None, column: int = 0
    ) -> None:
        where = f"{path}:{line}" if line else path
        where = f"{where}:{column}" if line and column else where
        text = f"{where}: field '{field}': {message}" if field else f"{where}: {message}"
        super().__init__(text)
        self.path = path
        self.line = line
        self.field = field
        self.column = column


def builtin_rules_dir() -> Path:
    """The packs shipped in the wheel (the top-level rules/ folder, installed as factlint.rules).

    Run from a source checkout, `factlint` is imported from the working tree,
    where the packs sit beside the package rather than inside it.
    """
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if checkout.is_dir() and (checkout.parent / "pyproject.toml").is_file():
        return checkout
    spec = importlib.util.find_spec("factlint.rules")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:  # a namespace package: the first folder that holds packs
        if any(Path(location).glob("*.yaml")):
            return Path(location)
    raise RuleError("factlint.rules", 0, "the built-in rule packs are missing from this install")


@lru_cache(maxsize=1)
def rule_schema() -> dict[str, Any]:
    from importlib import resources  # deferred: only a (re)compile validates

    text = resources.files("factlint").joinpath("schema/rule.schema.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=2)
def _validator(definition: str) -> Any:
    import jsonschema  # deferred: only needed when a rule file is (re)compiled

    schema = rule_schema()
    return jsonschema.Draft202012Validator(
        {"$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    )


def rule_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand folders to their rule files, sorted so load order (and output) is stable."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in RULE_SUFFIXES))
        elif path.exists():
            found.append(path)
        else:
            raise RuleError(str(given), 0, "no such rule file or folder")
    return found


def load_rule_file(
    path: str | os.PathLike[str], *, pack: str | None = None, budget: CompileBudget | None = None
) -> list[Rule]:
    """One rule file's rules; `budget` is the compile budget shared with the other files."""
    name = str(path)
    budget = budget if budget is not None else CompileBudget()
    try:
        size = os.stat(path).st_size
    except OSError as err:
        raise RuleError(name, 0, f"cannot read: {err.strerror}") from None
    if size > MAX_RULE_FILE_SIZE:
        raise RuleError(
            name, 0, f"rule file of {size:,} bytes is over the {MAX_RULE_FILE_SIZE:,}-byte limit"
        )
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_RULE_FILE_SIZE + 1)
        text = raw.decode("utf-8-sig")
    except OSError as err:
        raise RuleError(name, 0, f"cannot read: {err.strerror}") from None
    except UnicodeDecodeError as err:
        raise RuleError(name, 0, f"not UTF-8 (byte {err.start})") from None
    pack = pack or Path(name).stem
    compiled: list[bool] = []

    def compile_now() -> list[Rule]:
        compiled.append(True)
        return load_rule_text(text, path=name, pack=pack, budget=budget)

    rules = cached_rules(name, raw, pack, compile_now)
    if not compiled:  # from the cache: still counts towards the total of this load
        try:
            budget.charge(sum(_expanded_size(rule) for rule in rules))
        except PatternError as err:
            raise RuleError(name, 0, str(err), "match") from None
    return rules


def _expanded_size(rule: Rule) -> int:
    patterns = [*rule.patterns, *(fact.pattern for fact in rule.facts)]
    return sum(len(pattern.regex.pattern) for pattern in patterns)


def load_rule_text(
    text: str, *, path: str = "<rules>", pack: str = "user", budget: CompileBudget | None = None
) -> list[Rule]:
    """Rules from YAML text; `budget` bounds what compiling all their patterns may cost."""
    from factlint.infra.safe_yaml import (  # deferred: a cached run reads no YAML
        YamlError,
        load_with_lines,
    )

    # Text can arrive without a file (the service, tests): the same cap applies,
    # and one character is at least one byte, so this never refuses a valid file.
    if len(text) > MAX_RULE_FILE_SIZE:
        raise RuleError(
            path,
            0,
            f"rule text of {len(text):,} characters is over the {MAX_RULE_FILE_SIZE:,}-byte limit",
        )
    try:
        data, lines = load_with_lines(text, count=("rules", MAX_RULES_PER_FILE))
    except YamlError as err:
        raise RuleError(path, err.line, str(err)) from None
    if not isinstance(data, dict):
        raise RuleError(
            path, 1, "a rule file must be a mapping (one rule, or a pack with 'rules:')"
        )
    is_pack = "rules" in data
    if is_pack and isinstance(data["rules"], list) and len(data["rules"]) > MAX_RULES_PER_FILE:
        raise RuleError(
            path,
            lines.get(("rules",), 1),
            f"{len(data['rules']):,} rules is over the limit of {MAX_RULES_PER_FILE:,} per file",
        )
    _validate(data, lines, path, "pack" if is_pack else "rule")
    if is_pack:
        pack = data.get("pack", pack)
        entries = [(item, ("rules", index)) for index, item in enumerate(data["rules"])]
    else:
        entries = [(data, ())]
    library = _library(data) if is_pack else EMPTY_LIBRARY
    budget = budget if budget is not None else CompileBudget()
    frames = _frames(data, lines, path, library, text, budget) if is_pack else {}
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for entry, prefix in entries:
        context = _Context(prefix, lines, path, pack, library, frames, budget)
        context.text = text
        rule = _compile_rule(entry, context)
        if rule.id in seen:
            raise RuleError(
                path, rule.line, f"duplicate rule id {rule.id!r} (first on line {seen[rule.id]})"
            )
        seen[rule.id] = rule.line
        rules.append(rule)
    return rules


def _validate(data: Any, lines: dict, path: str, definition: str) -> None:
    errors = sorted(_validator(definition).iter_errors(data), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    error = min(errors, key=lambda e: (-len(e.absolute_path), str(e.message)))
    location = tuple(error.absolute_path)
    field = next((str(p) for p in reversed(location) if isinstance(p, str)), None)
    message = error.message
    line = lines.get(location, 0)
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        field = extra[0]
        line = lines.get(location + (field, "<key>"), line)
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        message = "unknown field; expected one of: " + allowed
    elif error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        message = f"missing required field '{missing}'"
        field = None
    elif error.validator == "enum":
        message = f"{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}"
    elif error.validator == "type":
        message = f"expected {error.validator_value}, got {type(error.instance).__name__}"
    elif error.validator == "pattern":
        message = f"{error.instance!r} does not match {error.validator_value}"
    raise RuleError(path, line, message, field)


def _record(item: dict, names: list[str], where: tuple, line_of: Any, path: str) -> Record:
    """A fact to remember: its key is an expression, its value one of the slots.

    The key and the condition are read when the match is found, before any fact is
    known, so `fact()` and `known()` are refused there: they could never be answered.
    """
    if item["value"] not in names:
        raise RuleError(path, line_of(*where, "value"), f"unknown slot {item['value']!r}", "value")
    parsed = {}
    functions = [name for name in FUNCTIONS if name not in FACT_FUNCTIONS]
    for field in ("key", "where"):
        if field in item:
            try:
                parsed[field] = parse_expression(
                    item[field], names=names + ["date"], functions=functions
                )
            except ExpressionError as err:
                raise RuleError(path, line_of(*where, field), _no_facts(err), field) from None
    return Record(key=parsed["key"], value=item["value"], where=parsed.get("where"))


def _no_facts(err: ExpressionError) -> str:
    text = str(err)
    for name in FACT_FUNCTIONS:
        if f"unknown function {name!r}" in text:
            return f"{name}() cannot be used here: facts are recorded before any is known"
    return text


class _Context:
    """What compiling one rule needs: where it sits, its pack's library and frames."""

    def __init__(
        self,
        prefix: tuple,
        lines: dict,
        path: str,
        pack: str,
        library: Library,
        frames: dict,
        budget: CompileBudget | None = None,
    ) -> None:
        self.prefix, self.lines, self.path, self.pack = prefix, lines, path, pack
        self.library, self.frames, self.budget = library, frames, budget
        self.text = ""

    def line_of(self, *keys: Any) -> int:
        return self.lines.get(self.prefix + keys, self.lines.get(self.prefix, 0))

    def pattern(self, source: str, keys: tuple, field: str) -> CompiledPattern:
        try:
            return compile_pattern(source, self.budget, library=self.library)
        except PatternError as err:
            line, column = author_position(self.text, self.line_of(*keys), err.text)
            raise RuleError(self.path, line, str(err), field, column) from None

    def expression(self, entry: dict, field: str, names: list[str]) -> Any:
        try:
            return parse_expression(entry[field], names=names, functions=FUNCTIONS)
        except ExpressionError as err:
            raise RuleError(self.path, self.line_of(field), str(err), field) from None


def author_position(text: str, line: int, snippet: str) -> tuple[int, int]:
    """Line and column of `snippet` in the rule file, searched from the field's line on.

    A pattern is expanded (fragments, vocabularies, slot regexes) before it
    compiles, so a position inside the expanded regex would mean nothing to
    the author: the error names the author's own text, found where they wrote it.
    """
    if not text or not line or not snippet:
        return line, 0
    rows = text.splitlines()
    for index in range(line - 1, min(len(rows), line + 20)):
        column = rows[index].find(snippet)
        if column >= 0:
            return index + 1, column + 1
    return line, 0


def _patterns(entry: dict, context: _Context) -> tuple[CompiledPattern, ...]:
    if "frame" in entry:
        if "match" in entry:
            raise RuleError(
                context.path, context.line_of("frame"), "a rule has a frame or a match", "frame"
            )
        return ()
    sources = entry["match"] if isinstance(entry["match"], list) else [entry["match"]]
    keys = [("match", i) if isinstance(entry["match"], list) else ("match",) for i in range(99)]
    return tuple(context.pattern(s, keys[i], "match") for i, s in enumerate(sources))


def _frame_of(entry: dict, context: _Context) -> tuple[Frame | None, tuple[str, ...]]:
    if "frame" not in entry:
        return None, ()
    frame = context.frames.get(entry["frame"])
    if frame is None:
        known = ", ".join(sorted(context.frames)) or "none"
        message = f"no frame {entry['frame']!r} in this pack (frames: {known})"
        raise RuleError(context.path, context.line_of("frame"), message, "frame")
    needs = tuple(entry["needs"])
    unknown = [role for role in needs if role not in frame.roles]
    if unknown:
        message = f"{unknown[0]!r} is not a role of frame {frame.name!r} ({', '.join(frame.roles)})"
        raise RuleError(context.path, context.line_of("needs"), message, "needs")
    return frame, needs


def _compile_rule(entry: dict, context: _Context) -> Rule:
    patterns = _patterns(entry, context)
    frame, needs = _frame_of(entry, context)
    if frame is not None:
        slot_names, shared = set(frame.roles), set(needs)
    else:
        slot_names = {name for pattern in patterns for name, _ in pattern.slots}
        shared = set.intersection(*({n for n, _ in p.slots} for p in patterns))
    names = sorted(frame.roles if frame else shared) + ["date"]
    assertion = context.expression(entry, "assert", names)
    where = context.expression(entry, "where", names) if "where" in entry else None
    _check_templates(entry, slot_names, context)
    at = entry.get("at")
    if at is not None and at not in (set(frame.roles) if frame else shared):
        raise RuleError(context.path, context.line_of("at"), f"unknown slot {at!r}", "at")
    record = None
    if "record" in entry:
        record = _record(
            entry["record"], sorted(shared), ("record",), context.line_of, context.path
        )
    return Rule(
        id=entry["id"],
        description=entry["description"],
        severity=entry["severity"],
        patterns=patterns,
        assertion=assertion,
        message=entry["message"],
        where=where,
        fix=entry.get("fix"),
        safe_fix=entry.get("safe_fix", True),
        at=at,
        record=record,
        facts=_facts(entry, context),
        doc=entry.get("doc", ""),
        bad_examples=tuple(_example_text(e) for e in entry["examples"]["bad"]),
        good_examples=tuple(entry["examples"]["good"]),
        pack=context.pack,
        path=context.path,
        line=context.line_of("id"),
        frame=frame,
        needs=needs,
        expectations=tuple(_expectation(e) for e in entry["examples"]["bad"]),
    )


def _check_templates(entry: dict, slot_names: set[str], context: _Context) -> None:
    template_names = list(slot_names) + list(TEMPLATE_NAMES)
    for field in ("message", "fix"):
        if field in entry:
            try:
                check_template(entry[field], template_names)
            except TemplateError as err:
                raise RuleError(context.path, context.line_of(field), str(err), field) from None


def _facts(entry: dict, context: _Context) -> tuple[FactPattern, ...]:
    facts = []
    for index, item in enumerate(entry.get("facts", ())):
        location = ("facts", index)
        fact_pattern = context.pattern(item["match"], location + ("match",), "facts")
        names = sorted(name for name, _ in fact_pattern.slots)
        record = _record(item, names, location, context.line_of, context.path)
        facts.append(FactPattern(fact_pattern, record))
    return tuple(facts)


def _example_text(example: str | dict) -> str:
    return example if isinstance(example, str) else example["text"]


def _expectation(example: str | dict) -> Expectation:
    if isinstance(example, str):
        return Expectation()
    return Expectation(example.get("at", ""), example.get("message", ""), example.get("fix"))


def _library(data: dict) -> Library:
    vocabularies = {name: tuple(words) for name, words in data.get("vocabularies", {}).items()}
    return Library(vocabularies=vocabularies, fragments=dict(data.get("fragments", {})))


def _frames(
    data: dict, lines: dict, path: str, library: Library, text: str, budget: CompileBudget
) -> dict:
    """A pack's frames, their cues compiled once; every cue slot must be one of the roles."""
    frames: dict[str, Frame] = {}
    for name, spec in data.get("frames", {}).items():
        context = _Context(("frames", name), lines, path, "", library, {}, budget)
        context.text = text
        cues = tuple(
            context.pattern(cue, ("cues", index), "cues") for index, cue in enumerate(spec["cues"])
        )
        roles = tuple(spec["roles"])
        for index, cue in enumerate(cues):
            stray = [slot for slot, _ in cue.slots if slot not in roles]
            if stray:
                message = f"slot {stray[0]!r} is not one of the roles ({', '.join(roles)})"
                raise RuleError(path, context.line_of("cues", index), message, "cues")
        clause_source = spec.get("clause", DEFAULT_CLAUSE)
        try:
            clause = regex.compile(clause_source, flags=regex.VERSION0)
        except regex.error as err:
            raise RuleError(path, context.line_of("clause"), err.msg, "clause") from None
        where = context.expression(spec, "where", list(roles)) if "where" in spec else None
        frames[name] = Frame(name, roles, cues, clause, where, spec.get("description", ""))
    return frames


def load_rules(extra: Sequence[str | os.PathLike[str]] = (), *, builtin: bool = True) -> list[Rule]:
    """Built-in packs first, then the user's; a user rule may not reuse a built-in id."""
    files = rule_files(([builtin_rules_dir()] if builtin else []) + list(extra))
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    budget = CompileBudget()
    for file in files:
        for rule in load_rule_file(file, budget=budget):
            if rule.id in seen:
                first = seen[rule.id]
                raise RuleError(
                    str(file),
                    rule.line,
                    f"rule id {rule.id!r} is already defined in {first.path}:{first.line}",
                )
            seen[rule.id] = rule
            rules.append(rule)
    return rules
