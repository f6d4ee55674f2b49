"""factlint: numbers in news copy that must add up.

The public API is small on purpose: `lint()` for text, `load_rules()` for
rule packs, and the `Finding` it returns. Every front end is built on it.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import lint
from .engine.loader import RuleError, load_rules
from .extract import Mention, extract
from .findings import Finding, Fix, Span

__all__ = [
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
