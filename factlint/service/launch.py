"""Start `factlint serve` in a child process on a free loopback port and wait until it answers.

The tests and the load benchmark need the real thing (uvicorn, sockets, worker
threads) rather than an in-process test client, because what they measure —
limits, slow clients, latency under load — only exists on a real connection.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx


@dataclass
class ServerProcess:
    process: subprocess.Popen
    url: str
    log_path: Path
    _log: object = field(repr=False, default=None)

    @property
    def pid(self) -> int:
        return self.process.pid

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Ask politely (SIGTERM lets uvicorn finish), then insist."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log is not None:
            self._log.close()  # type: ignore[attr-defined]
        self.log_path.unlink(missing_ok=True)

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    args: Sequence[str] = (),
    *,
    env: dict[str, str] | None = None,
    startup_timeout: float = 30.0,
    attempts: int = 3,
) -> ServerProcess:
    """Run `python -m factlint serve --port N ARGS...`; retry if another process took the port."""
    last_log = ""
    for _ in range(attempts):
        port = free_port()
        log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed by ServerProcess.stop
            "w+b", prefix="factlint-serve-", suffix=".log", delete=False
        )
        command = [sys.executable, "-m", "factlint", "serve", "--host", "127.0.0.1"]
        command += ["--port", str(port), *args]
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
        server = ServerProcess(process, f"http://127.0.0.1:{port}", Path(log.name), log)
        if _wait_healthy(server, startup_timeout):
            return server
        last_log = server.log()
        server.stop()
        if "address already in use" not in last_log.lower():
            break
    raise RuntimeError(f"factlint serve did not start:\n{last_log}")


def _wait_healthy(server: ServerProcess, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            if httpx.get(f"{server.url}/healthz", timeout=1.0).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    return False
