"""Output formats: each module turns sorted findings into one string.

Every format has the same entry point,
``render(findings, *, rules, sources, errors=()) -> str``, where ``rules`` describes the
rules that ran (SARIF lists them) and ``sources`` maps each checked path to its
full text (the text format prints source lines from it, rdjson counts UTF-8
columns with it, SARIF hashes line text for fingerprints, JUnit takes its keys
as the list of checked files, JSON and text count them) and ``errors`` lists
what kept part of the run from checking, one line each: every format shows
them, so a failed run never looks clean. Standard input is keyed ``"-"``; how each format
names it is in ``_paths``. The output ends with a line break unless it is empty,
so a front end writes it as is.

Modules import their heavier dependencies (hashlib, xml) inside ``render`` so
that a run printing text pays nothing for formats it does not use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence

from factlint.findings import Finding, RuleMeta

Renderer = Callable[..., str]


class _Renderers(Mapping[str, Renderer]):
    """Format name -> render function; a format's module is imported when it is asked for,
    so a run that prints text does not import seven other formats."""

    _MODULES = ("text", "concise", "json", "sarif", "github", "gitlab", "junit", "rdjson")

    def __getitem__(self, name: str) -> Renderer:
        if name not in self._MODULES:
            raise KeyError(name)
        return importlib.import_module(f"factlint.report.{name}").render

    def __iter__(self) -> Iterator[str]:
        return iter(self._MODULES)

    def __len__(self) -> int:
        return len(self._MODULES)


FORMATS: Mapping[str, Renderer] = _Renderers()


def render(
    fmt: str,
    findings: Sequence[Finding],
    *,
    rules: Sequence[RuleMeta],
    sources: Mapping[str, str],
    errors: Sequence[str] = (),
    color: bool = False,
    quiet: bool = False,
    list_errors: bool = True,
) -> str:
    """Render in the named format; ``color``, ``quiet`` (no summary) and ``list_errors``
    only affect ``text``.

    An unknown name raises ValueError listing the known ones, which a command
    line reports as a usage error.
    """
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        known = ", ".join(FORMATS)
        raise ValueError(f"unknown output format {fmt!r}; choose one of: {known}") from None
    if fmt == "text":
        return renderer(
            findings,
            rules=rules,
            sources=sources,
            errors=errors,
            color=color,
            quiet=quiet,
            list_errors=list_errors,
        )
    return renderer(findings, rules=rules, sources=sources, errors=errors)
