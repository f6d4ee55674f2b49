"""factlint: numbers in news copy that must add up.

The public API is small on purpose: `lint()` for text, `load_rules()` for
rule packs, and the `Finding` it returns. Every front end is built on it.
"""

from __future__ import annotations

from factlint._version import __version__
from factlint.api import lint
from factlint.engine.loader import RuleError, load_rules
from factlint.extract import Mention, extract
from factlint.findings import Claim, ClaimFigure, Finding, Fix, Span

__all__ = [
    "Claim",
    "ClaimFigure",
    "Finding",
    "Fix",
    "Mention",
    "RuleError",
    "Span",
    "__version__",
    "extract",
    "lint",
    "load_rules",
]
