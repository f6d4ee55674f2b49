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

from collections.abc import Callable, Mapping, Sequence

from factlint.findings import Finding, RuleMeta
from factlint.report import concise, github, gitlab, junit, rdjson, sarif, text
from factlint.report import json as json_format

Renderer = Callable[..., str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "concise": concise.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "gitlab": gitlab.render,
    "junit": junit.render,
    "rdjson": rdjson.render,
}


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
