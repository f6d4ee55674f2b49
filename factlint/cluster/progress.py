"""A one-line count of finished batches on stderr, only when stderr is a terminal."""

from __future__ import annotations

import sys
from typing import TextIO

WIDTH = 30


class BatchProgress:
    def __init__(self, batches: int, files: int, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.batches, self.files = batches, files
        self.done_batches = self.done_files = 0
        self.active = batches > 0 and self.stream.isatty()

    def advance(self, files: int) -> None:
        """One more batch finished, holding ``files`` files."""
        self.done_batches += 1
        self.done_files += files
        if self.active:
            filled = WIDTH * self.done_batches // self.batches
            bar = "#" * filled + "-" * (WIDTH - filled)
            self.stream.write(
                f"\r[{bar}] {self.done_batches}/{self.batches} batches, "
                f"{self.done_files}/{self.files} files"
            )
            self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\r" + " " * (WIDTH + 50) + "\r")
            self.stream.flush()
