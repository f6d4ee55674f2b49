"""Project configuration: `.factlint.yaml`, `.factlint.yml` or `[tool.factlint]`.

The file is found by walking up from each checked file's folder, like ruff
and Vale do, so one repository can hold folders with different settings; the
closest file wins (files are not stacked). Command-line options then win over
the file, and `overrides:` entries whose globs match the file win over the
top level. Every key is documented in docs/config.md.

A configuration comes from the article repository, which may not be trusted:
it is read with the same plain-YAML loader as rule files, and every key is
checked, so a typo is an error naming file, line and key instead of a
setting silently ignored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from factlint.api import Options, builtin_rules, selected
from factlint.engine.loader import load_rules
from factlint.engine.rule import Rule
from factlint.findings import SEVERITIES
from factlint.quantities.tolerance import Tolerance
from factlint.text.source import DEFAULT_MAX_FILE_SIZE

DEFAULT_EXTENSIONS = (".md", ".markdown", ".mdx", ".txt")

CONFIG_NAMES = (".factlint.yaml", ".factlint.yml", "pyproject.toml")
SEVERITY_VALUES = (*SEVERITIES, "off")
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*", re.I)
_SIZE_UNITS = {None: 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2}
_SIZE_UNITS.update({"g": 1024**3, "gb": 1024**3})


class ConfigError(Exception):
    """A configuration that cannot be used; str() is "path:line: message" for people."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path = path
        self.line = line

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Crosses process pools intact, like SourceError.
        return _rebuild_config_error, (str(self), self.path, self.line)


def _rebuild_config_error(text: str, path: str, line: int) -> ConfigError:
    error = ConfigError.__new__(ConfigError)
    Exception.__init__(error, text)
    error.path, error.line = path, line
    return error


@dataclass(frozen=True, slots=True)
class Override:
    """Settings for files matching `files` globs (relative to the config's folder)."""

    files: tuple[str, ...]
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    tolerance: Mapping[str, float] = field(default_factory=dict)
    date: dt.date | None = None
    currency: str | None = None


@dataclass(frozen=True, slots=True)
class Config:
    """One configuration file, parsed and checked (or the defaults, with path None)."""

    path: str | None = None
    root: str = "."
    rules: tuple[str, ...] = ()  # extra rule files/folders, absolute
    builtin: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    tolerance: Mapping[str, float] = field(default_factory=dict)
    date: dt.date | None = None
    currency: str | None = None
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    fail_on: str | None = None
    overrides: tuple[Override, ...] = ()
    rule_docs_url: str | None = None  # "https://wiki.example/factlint/{rule}": rule links
    scheduler: str | None = None  # Dask scheduler address for `check` (cli/check_cluster.py)

    def excludes(self, path: str) -> bool:
        """Whether `path` (or a folder above it, up to the config's root) matches `exclude`."""
        relative = _relative(path, self.root)
        return relative is not None and any(_glob_match(g, relative) for g in self.exclude)

    def overrides_for(self, path: str | None) -> tuple[Override, ...]:
        if path is None or path == "-":
            return ()
        relative = _relative(path, self.root)
        if relative is None:
            return ()
        return tuple(o for o in self.overrides if any(_glob_match(g, relative) for g in o.files))

    def to_dict(self) -> dict[str, Any]:
        """Plain data for `factlint config` (YAML/JSON printable)."""
        data = {
            "path": self.path,
            "rules": list(self.rules),
            "builtin": self.builtin,
            "select": list(self.select),
            "ignore": list(self.ignore),
            "severity": dict(self.severity),
            "tolerance": {**dataclasses.asdict(Tolerance()), **self.tolerance},
            "date": self.date.isoformat() if self.date else None,
            "currency": self.currency,
            "extensions": list(self.extensions),
            "exclude": list(self.exclude),
            "max_file_size": self.max_file_size,
            "fail_on": self.fail_on,
            "rule_docs_url": self.rule_docs_url,
            "scheduler": self.scheduler,
            "overrides": [
                {
                    key: (list(value) if isinstance(value, tuple) else value)
                    for key, value in (
                        ("files", o.files),
                        ("select", o.select),
                        ("ignore", o.ignore),
                        ("severity", dict(o.severity)),
                        ("tolerance", dict(o.tolerance)),
                        ("date", o.date.isoformat() if o.date else None),
                        ("currency", o.currency),
                    )
                    if value not in (None, (), {})
                }
                for o in self.overrides
            ],
        }
        return data


# ---------------------------------------------------------------- discovery


def find_config(start: str | os.PathLike[str] | None) -> str | None:
    """The closest config file at or above `start` (a file or folder; None: the cwd)."""
    if _MEMO is not None and start not in (None, "-") and _plain_file(start):
        start = os.path.dirname(os.path.abspath(start))  # a file has its folder's config
    return _remembered(f"{os.getcwd()}\0{start}", lambda: _find_from(start))


def _plain_file(path: str | os.PathLike[str]) -> bool:
    """A file that is no link (whose own folder is where its config is looked for): one
    lstat, where resolving every file's path cost a tenth of a corpus run."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _find_from(start: str | os.PathLike[str] | None) -> str | None:
    folder = Path(start) if start not in (None, "-") else Path.cwd()
    # realpath, not Path.resolve(): a file link that points at itself must reach the
    # reader (which names it), not raise "Symlink loop" here.
    folder = Path(os.path.realpath(folder if folder.is_absolute() else Path.cwd() / folder))
    if not folder.is_dir():
        folder = folder.parent
    return _find_in(str(folder))


# A run of the CLI asks for the config of a thousand files that live in a few folders; a
# long-running server (LSP) must see a config created after it started. So a folder's answer
# is remembered only inside `remembered_discovery()`, which one CLI run (and each of its
# pool workers) enters, and never in the library or the servers.
_MEMO: dict[str, str | None] | None = None


@contextmanager
def remembered_discovery() -> Iterator[None]:
    """Within the block, each folder is searched for a config file once (one run's view)."""
    global _MEMO
    outer = _MEMO
    _MEMO = {} if outer is None else outer
    try:
        yield
    finally:
        _MEMO = outer


def remember_discovery() -> None:
    """For a process that lives for one run only (a pool worker): remember from now on."""
    global _MEMO
    if _MEMO is None:
        _MEMO = {}


def _find_in(folder: str) -> str | None:
    return _remembered(folder, lambda: _search_folder(folder))


def _remembered(key: str, search: Callable[[], str | None]) -> str | None:
    """`search()`, answered once per key while discovery is remembered (see _MEMO)."""
    memo = _MEMO
    if memo is None:
        return search()
    if key not in memo:
        memo[key] = search()
    return memo[key]


def _search_folder(folder: str) -> str | None:
    # three stat calls per folder level; remembered per run (above), never across runs
    here = Path(folder)
    for name in CONFIG_NAMES:
        candidate = here / name
        if candidate.is_file() and (name != "pyproject.toml" or _has_tool_section(candidate)):
            return str(candidate)
    if here.parent == here:
        return None
    return _find_in(str(here.parent))


def _has_tool_section(path: Path) -> bool:
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*factlint\s*[\].]", text, re.M) is not None


def load_config(path: str | os.PathLike[str]) -> Config:
    """Parse one config file; cached by path, size and modification time."""
    name = str(path)
    try:
        info = os.stat(name)
    except OSError as err:
        raise ConfigError(name, 0, f"cannot read: {err.strerror or err}") from None
    return _load_config(os.path.abspath(name), info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=64)
def _load_config(path: str, _mtime: int, _size: int) -> Config:
    try:
        with open(path, "rb") as handle:
            text = handle.read(1024 * 1024).decode("utf-8-sig")
    except OSError as err:
        raise ConfigError(path, 0, f"cannot read: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise ConfigError(path, 0, f"not UTF-8 (byte {err.start})") from None
    if os.path.basename(path) == "pyproject.toml":
        data, lines = _from_pyproject(text, path)
    else:
        # deferred: most runs find no configuration file and never need a YAML parser
        from factlint.infra.safe_yaml import YamlError, load_with_lines

        try:
            data, lines = load_with_lines(text, allow_dates=True, what="configuration files")
        except YamlError as err:
            raise ConfigError(path, err.line, str(err)) from None
    if data is None:
        data = {}
    return parse_config(data, lines, path)


def _from_pyproject(text: str, path: str) -> tuple[Any, dict[tuple, int]]:
    import tomllib  # deferred: only a pyproject.toml config needs a TOML parser

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(path, 0, f"invalid TOML: {err}") from None
    section = data.get("tool", {}).get("factlint", {})
    # tomllib keeps no positions; find each top-level key's line in the section by text.
    lines: dict[tuple, int] = {(): 1}
    in_section = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            header = stripped.strip("[]").replace(" ", "")
            in_section = header == "tool.factlint" or header.startswith("tool.factlint.")
            if in_section and header != "tool.factlint":
                key = header.split(".")[2].strip("\"'")
                lines.setdefault((key,), number)
                lines.setdefault((key, "<key>"), number)
            continue
        if in_section and "=" in stripped and not stripped.startswith("#"):
            key = stripped.split("=", 1)[0].strip().strip("\"'")
            lines.setdefault((key,), number)
            lines.setdefault((key, "<key>"), number)
    return section, lines


# ---------------------------------------------------------------- checking

_TOP_KEYS = (
    "rules",
    "builtin",
    "select",
    "ignore",
    "severity",
    "tolerance",
    "date",
    "currency",
    "extensions",
    "exclude",
    "max_file_size",
    "fail_on",
    "rule_docs_url",
    "overrides",
    "scheduler",
)
_OVERRIDE_KEYS = ("files", "select", "ignore", "severity", "tolerance", "date", "currency")
_TOLERANCE_KEYS = tuple(f.name for f in dataclasses.fields(Tolerance))


def parse_config(data: Any, lines: Mapping[tuple, int], path: str = "<config>") -> Config:
    """Check plain data against the documented keys and build a Config."""
    checker = _Checker(lines, path)
    if not isinstance(data, dict):
        raise ConfigError(path, lines.get((), 1), "the configuration must be a mapping of keys")
    checker.keys(data, (), _TOP_KEYS)
    root = os.path.dirname(os.path.abspath(path)) if path != "<config>" else os.getcwd()
    extensions = tuple(checker.strings(data, ("extensions",)) or DEFAULT_EXTENSIONS)
    config = Config(
        path=path if path != "<config>" else None,
        root=root,
        rules=tuple(
            os.path.normpath(os.path.join(root, p)) for p in checker.strings(data, ("rules",))
        ),
        builtin=checker.boolean(data, ("builtin",), True),
        select=tuple(checker.strings(data, ("select",))),
        ignore=tuple(checker.strings(data, ("ignore",))),
        severity=checker.severity(data, ("severity",)),
        tolerance=checker.tolerance(data, ("tolerance",)),
        date=checker.date(data, ("date",)),
        currency=checker.currency(data, ("currency",)),
        extensions=tuple(e if e.startswith(".") else "." + e for e in extensions),
        exclude=tuple(checker.strings(data, ("exclude",))),
        max_file_size=checker.size(data, ("max_file_size",)),
        fail_on=checker.choice(data, ("fail_on",), SEVERITIES),
        rule_docs_url=checker.link_template(data, ("rule_docs_url",)),
        overrides=checker.overrides(data, ("overrides",)),
        scheduler=checker.address(data, ("scheduler",)),
    )
    checker.rule_names(config)
    return config


class _Checker:
    """Reads one value at a time, raising ConfigError with the value's line."""

    def __init__(self, lines: Mapping[tuple, int], path: str) -> None:
        self.lines = lines
        self.path = path

    def fail(self, where: tuple, message: str) -> ConfigError:
        line = self.lines.get(where, 0)
        probe = where
        while not line and probe:
            probe = probe[:-1]
            line = self.lines.get(probe, 0)
        return ConfigError(self.path, line, message)

    @staticmethod
    def get(data: Mapping, where: tuple) -> Any:
        return data.get(where[-1])

    def keys(self, data: Mapping, where: tuple, allowed: Sequence[str]) -> None:
        for key in data:
            if key not in allowed:
                hint = _closest(key, allowed)
                extra = f" (did you mean '{hint}'?)" if hint else ""
                raise self.fail(where + (key, "<key>"), f"unknown key '{key}'{extra}")

    def strings(self, data: Mapping, where: tuple) -> list[str]:
        value = self.get(data, where)
        if value is None:
            return []
        if isinstance(value, str):
            return [p.strip() for p in value.split(",") if p.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(where, f"'{where[-1]}' must be a list of strings")
        return list(value)

    def boolean(self, data: Mapping, where: tuple, default: bool) -> bool:
        value = self.get(data, where)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(where, f"'{where[-1]}' must be true or false")
        return value

    def choice(self, data: Mapping, where: tuple, allowed: Sequence[str]) -> str | None:
        value = self.get(data, where)
        if value is None:
            return None
        if value not in allowed:
            raise self.fail(where, f"'{where[-1]}' must be one of {', '.join(allowed)}")
        return value

    def severity(self, data: Mapping, where: tuple) -> dict[str, str]:
        value = self.get(data, where)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(where, "'severity' must map rule ids to error, warning, info or off")
        value = {rule: "off" if level is False else level for rule, level in value.items()}
        for rule, level in value.items():
            # YAML 1.1 reads a bare `off` as false: accept it as the "off" the docs promise.
            if level not in SEVERITY_VALUES:
                raise self.fail(
                    where + (rule,),
                    f"severity of '{rule}' must be one of {', '.join(SEVERITY_VALUES)}",
                )
        return dict(value)

    def rule_names(self, config: Config) -> None:
        """Every id or pack in select/ignore/severity names a rule this config loads:
        a typo would otherwise switch checking off without a word."""
        from factlint.engine.loader import RuleError

        try:
            known = _rules_for(tuple(config.rules), config.builtin)
        except RuleError as err:  # a pack `rules:` names is missing or broken
            raise self.fail(("rules",), str(err)) from None
        places: list[tuple[tuple, Sequence[str]]] = [
            (("select",), config.select),
            (("ignore",), config.ignore),
            (("severity",), tuple(config.severity)),
        ]
        for index, item in enumerate(config.overrides):
            places.append(((("overrides", index, "select")), item.select or ()))
            places.append(((("overrides", index, "ignore")), item.ignore))
            places.append(((("overrides", index, "severity")), tuple(item.severity)))
        for where, names in places:
            for name in names:
                problem = unknown_rule_name(name, known)
                if problem:
                    raise self.fail(where + (name,), f"{where[-1]}: {problem}")

    def tolerance(self, data: Mapping, where: tuple) -> dict[str, float]:
        value = self.get(data, where)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(where, "'tolerance' must be a mapping")
        self.keys(value, where, _TOLERANCE_KEYS)
        for key, number in value.items():
            if (
                isinstance(number, bool)
                or not isinstance(number, int | float)
                or not math.isfinite(number)  # .nan gave "390 miles, not 390 miles"
                or number < 0
            ):
                raise self.fail(where + (key,), f"'{key}' must be a finite number of 0 or more")
        return {k: float(v) for k, v in value.items()}

    def date(self, data: Mapping, where: tuple) -> dt.date | None:
        value = self.get(data, where)
        if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
            return value
        if isinstance(value, dt.datetime):
            return value.date()
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(
                where, f"'date' must be a date in YYYY-MM-DD form, not {value!r}"
            ) from None

    def currency(self, data: Mapping, where: tuple) -> str | None:
        value = self.get(data, where)
        if value is None:
            return None
        if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{3}", value):
            raise self.fail(where, "'currency' must be a three-letter ISO code such as EUR")
        return value.upper()

    def address(self, data: Mapping, where: tuple) -> str | None:
        value = self.get(data, where)
        if value is None:
            return None
        if not isinstance(value, str) or not re.fullmatch(r"\S+", value):
            raise self.fail(where, "'scheduler' must be an address such as tcp://10.0.0.5:8786")
        return value

    def link_template(self, data: Mapping, where: tuple) -> str | None:
        value = self.get(data, where)
        if value is None:
            return None
        if (
            not isinstance(value, str)
            or not re.match(r"(https?|file)://\S+$", value)
            or "{rule}" not in value
            or re.search(r"\{(?!rule\}|pack\})[^}]*\}", value)
        ):
            raise self.fail(
                where,
                "'rule_docs_url' must be an http(s) or file URL holding {rule} (and optionally "
                "{pack}), such as https://wiki.example/factlint/{rule}",
            )
        return value

    def size(self, data: Mapping, where: tuple) -> int:
        value = self.get(data, where)
        if value is None:
            return DEFAULT_MAX_FILE_SIZE
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        found = _SIZE.fullmatch(value) if isinstance(value, str) else None
        if found is None:
            raise self.fail(where, "'max_file_size' must be bytes or a size such as 5 MB")
        unit = found.group(2).lower() if found.group(2) else None
        return int(float(found.group(1)) * _SIZE_UNITS[unit])

    def overrides(self, data: Mapping, where: tuple) -> tuple[Override, ...]:
        value = self.get(data, where)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(where, "'overrides' must be a list of mappings with 'files'")
        result = []
        for index, item in enumerate(value):
            at = where + (index,)
            if not isinstance(item, dict):
                raise self.fail(at, "each override must be a mapping with 'files'")
            self.keys(item, at, _OVERRIDE_KEYS)
            files = self.strings(item, at + ("files",))
            if not files:
                raise self.fail(at, "an override needs 'files': a list of globs")
            select = self.strings(item, at + ("select",)) if "select" in item else None
            result.append(
                Override(
                    files=tuple(files),
                    select=tuple(select) if select is not None else None,
                    ignore=tuple(self.strings(item, at + ("ignore",))),
                    severity=self.severity(item, at + ("severity",)),
                    tolerance=self.tolerance(item, at + ("tolerance",)),
                    date=self.date(item, at + ("date",)),
                    currency=self.currency(item, at + ("currency",)),
                )
            )
        return tuple(result)


def _closest(key: str, allowed: Sequence[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return found[0] if found else None


# ---------------------------------------------------------------- globs


@lru_cache(maxsize=512)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """gitignore-like globs: `*` stays in a folder, `**` crosses folders.

    A pattern without a slash matches a name at any depth ("drafts" or
    "*.txt"); a pattern that matches a folder matches everything under it.
    """
    anchored = "/" in pattern.rstrip("/")
    body = pattern.strip("/")
    out = []
    index = 0
    while index < len(body):
        char = body[index]
        if body.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if body.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        out.append({"*": "[^/]*", "?": "[^/]"}.get(char, re.escape(char)))
        index += 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(prefix + "".join(out) + "(?:/.*)?")


def glob_match(pattern: str, relative: str) -> bool:
    """Whether a slash-separated relative path matches a gitignore-like glob."""
    return _glob_regex(pattern).fullmatch(relative) is not None


_glob_match = glob_match


def _relative(path: str, root: str) -> str | None:
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        return None
    if relative == ".." or relative.startswith(".." + os.sep):
        return None
    return relative.replace(os.sep, "/")


# ---------------------------------------------------------------- Options


@lru_cache(maxsize=32)
def _rules_for(extra: tuple[str, ...], builtin: bool) -> tuple[Rule, ...]:
    if not extra:
        return builtin_rules() if builtin else ()
    own = tuple(load_rules(list(extra), builtin=False))
    return (builtin_rules() + own) if builtin else own


def unknown_rule_name(name: str, rules: Sequence[Rule]) -> str | None:
    """Why `name` selects nothing among `rules` ("unknown rule or pack 'x' (did you mean
    'y'?)"), or None when it names a rule id, an id prefix, a pack or a finding of
    factlint's own."""
    from factlint.api import ENGINE_FINDINGS
    from factlint.text.suppressions import UNUSED_ID

    if name in ENGINE_FINDINGS or name == UNUSED_ID:
        return None
    prefix = name.rstrip("-") + "-"
    if any(r.id == name or r.id.startswith(prefix) or r.pack == name for r in rules):
        return None
    names = sorted({r.id for r in rules} | {r.pack for r in rules} | set(ENGINE_FINDINGS))
    hint = _closest(name, names)
    extra = f" (did you mean '{hint}'?)" if hint else "; `factlint rules` lists them"
    return f"unknown rule or pack '{name}'{extra}"


def _check_cli_names(option: str, names: Sequence[str], rules: Sequence[Rule]) -> None:
    for name in names:
        problem = unknown_rule_name(name, rules)
        if problem:
            raise ConfigError(option, 0, problem)


def _ids(values: Sequence[str] | None) -> list[str]:
    return [p.strip() for v in values or () for p in v.split(",") if p.strip()]


def resolve(config: Config, path: str | None, cli: Mapping[str, Any] | None = None) -> Options:
    """Options for one file: config top level, then matching overrides, then the command line.

    `cli` keys (all optional): rules (list of paths), builtin (bool), select,
    ignore (lists of ids), date, format, severity (mapping), tolerance
    (mapping), report_unused_disables. A given `select` replaces the
    configured one; `ignore` and `rules` add to it.
    """
    cli = dict(cli or {})
    select = list(config.select)
    ignore = list(config.ignore)
    severity = dict(config.severity)
    tolerance = dict(config.tolerance)
    date, currency = config.date, config.currency
    for override in config.overrides_for(path):
        if override.select is not None:
            select = list(override.select)
        ignore.extend(override.ignore)
        severity.update(override.severity)
        tolerance.update(override.tolerance)
        date = override.date or date
        currency = override.currency or currency
    if cli.get("select"):
        select = _ids(cli["select"])
    ignore.extend(_ids(cli.get("ignore")))
    severity.update(cli.get("severity") or {})
    tolerance.update(cli.get("tolerance") or {})
    ignore.extend(rule for rule, level in severity.items() if level == "off")
    severity = {rule: level for rule, level in severity.items() if level != "off"}
    extra = tuple(config.rules) + tuple(os.path.abspath(p) for p in cli.get("rules") or ())
    builtin = config.builtin and cli.get("builtin", True)
    available = _rules_for(extra, builtin)
    _check_cli_names("--select", _ids(cli.get("select")), available)
    _check_cli_names("--ignore", _ids(cli.get("ignore")), available)
    rules = selected(available, select, ignore)
    return Options(
        date=cli.get("date"),
        rules=rules,
        tolerance=Tolerance(**tolerance) if tolerance else Tolerance(),
        format=cli.get("format"),
        default_date=date,
        currency=currency,
        severity=severity,
        report_unused_disables=bool(cli.get("report_unused_disables")),
    )


def rule_link(config: Config, rule: str, pack: str | None = None) -> str:
    """The documentation URL of `rule` by the config's `rule_docs_url`, or "" without one.
    Without `pack`, the pack is looked up among the rules the config loads."""
    if not config.rule_docs_url:
        return ""
    from urllib.parse import quote

    if pack is None:
        known = _rules_for(tuple(config.rules), config.builtin)
        pack = next((r.pack for r in known if r.id == rule), "")

    return config.rule_docs_url.format(rule=quote(rule, safe=""), pack=quote(pack, safe=""))


def config_for(path: str | None, *, config_file: str | None = None) -> Config:
    """The Config that governs `path`: `config_file` if given, else the closest one found."""
    found = config_file or find_config(path)
    return load_config(found) if found else Config(root=os.getcwd())


def options_for(
    path: str | None,
    *,
    cli: Mapping[str, Any] | None = None,
    config_file: str | None = None,
) -> tuple[Options, Config]:
    """Ready-to-use Options for checking `path` (None or "-": the current folder).

    The front ends (CLI, LSP, service) call this instead of building Options
    by hand, so all of them honour the same files the same way.
    """
    config = config_for(path, config_file=config_file)
    return resolve(config, path, cli), config
