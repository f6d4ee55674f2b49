"""What a batch carries to a worker, and what comes back for each file.

A Job is small and picklable: the command-line settings, the config file to
use (absolute), and for URLs the configuration the client found, because a
bucket has no ``.factlint.yaml`` above its objects. Rules are never in it: each
worker process compiles them once from the same rule files (engine/loader).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from factlint.config.file import Config
from factlint.findings import Claim, Finding


@dataclass(frozen=True, slots=True)
class Job:
    """The settings of one run, the same for every batch."""

    cli: Mapping[str, Any] = field(default_factory=dict)
    config_file: str | None = None  # absolute, or None to discover per file
    url_config: Config | None = None  # governs every URL of the run

    @property
    def key(self) -> str:
        """A short stable name for these settings: the worker caches its compiled state by it."""
        data = pickle.dumps((sorted(self.cli.items()), self.config_file, self.url_config))
        return hashlib.sha1(data).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Item:
    """One file: the name reported (as the user gave it) and where the worker reads it."""

    shown: str
    target: str


@dataclass(slots=True)
class FileOutcome:
    """One file's result; ``text`` is sent back only when a reporter will need its lines."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    checked: list[Claim] = field(default_factory=list)  # every claim evaluated, any verdict
    rule_seconds: dict[str, float] = field(default_factory=dict)  # CPU time of each rule
    text: str = ""
    error: str | None = None
    note: str | None = None
    fail_on: str | None = None
    worker: str = ""  # address of the worker that checked it
