"""Splitting a run's files into batches: few enough to keep the scheduler idle, enough
to keep every worker thread busy and to lose little when a worker dies."""

from __future__ import annotations

import math
from collections.abc import Sequence

from factlint.cluster.job import Item

BATCHES_PER_THREAD = 4
MAX_BATCH_FILES = 100


def batch_size(files: int, threads: int) -> int:
    """Files per batch: about four batches per worker thread, at most 100 files each."""
    if files <= 0:
        return 1
    return max(1, min(MAX_BATCH_FILES, math.ceil(files / (max(threads, 1) * BATCHES_PER_THREAD))))


def partition(items: Sequence[Item], size: int) -> list[list[Item]]:
    """Consecutive runs of ``size`` items, in order (neighbouring files share a folder and
    so a configuration, which each worker resolves once per folder)."""
    size = max(1, size)
    return [list(items[i : i + size]) for i in range(0, len(items), size)]
