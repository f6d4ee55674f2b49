"""Message and fix templates: `{name}` substitution and nothing more.

str.format would let a rule reach attributes (`{a.__class__}`) and indexes,
so templates are checked against a plain `{identifier}` grammar at load time
and filled by simple substitution.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import regex

_FIELD = regex.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_IDENTIFIER = regex.compile(r"[A-Za-z][A-Za-z0-9_]*")


class TemplateError(ValueError):
    pass


def check_template(template: str, names: Iterable[str]) -> None:
    known = set(names)
    for found in _FIELD.finditer(template):
        token = found.group(0)
        if token in ("{{", "}}"):
            continue
        field = found.group(1)
        if field is None:
            raise TemplateError(
                f"unbalanced brace at character {found.start() + 1}; write {{{{ or }}}}"
            )
        if not _IDENTIFIER.fullmatch(field):
            raise TemplateError(f"{{{field}}} is not allowed: only {{name}} fields")
        if field not in known:
            raise TemplateError(f"unknown name {field!r}; known: {', '.join(sorted(known))}")


def fill_template(template: str, values: Mapping[str, object]) -> str:
    def substitute(found: regex.Match) -> str:
        token = found.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        value = values.get(found.group(1))
        return "" if value is None else str(value)

    return _FIELD.sub(substitute, template)
