"""Lint jobs off the event loop, with a bounded number running, a bounded queue, and a deadline.

Linting is CPU work: run on the event loop it would stall every other client,
health checks included. The jobs run on a small thread pool instead, whose size
is the concurrency limit. A job keeps its thread until it really ends, even
after its request was answered 503 for taking too long: a Python thread cannot
be killed, and counting only the jobs still awaited would let runaway work pile
up behind the limit. Requests beyond the pool and its queue are refused at once
rather than left to wait for a slot that will come too late.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class Overloaded(Exception):
    """Every slot and queue place is taken: try again shortly."""


class TimedOut(Exception):
    """The job did not finish before the request's deadline."""


class LintPool:
    def __init__(self, *, concurrency: int, max_queue: int, timeout: float) -> None:
        self.concurrency = concurrency
        self.max_queue = max_queue
        self.timeout = timeout
        self._executor = ThreadPoolExecutor(concurrency, thread_name_prefix="factlint-lint")
        self._lock = threading.Lock()
        self._pending = 0  # submitted and not yet finished (running or waiting)

    @property
    def pending(self) -> int:
        return self._pending

    async def run(self, func: Callable[..., T], *args: object) -> T:
        """Run func(*args) on the pool; raise Overloaded or TimedOut instead of waiting forever."""
        with self._lock:
            if self._pending >= self.concurrency + self.max_queue:
                raise Overloaded
            self._pending += 1
        try:
            future = self._executor.submit(func, *args)
        except BaseException:
            self._finished(None)
            raise
        future.add_done_callback(self._finished)
        try:
            async with asyncio.timeout(self.timeout):
                # Cancelling the wrapper cancels a job still queued; a running one runs on.
                return await asyncio.wrap_future(future)
        except TimeoutError:
            raise TimedOut from None

    def _finished(self, _future: Future | None) -> None:
        with self._lock:
            self._pending -= 1

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
