"""Issue 17 item 10: the language server answers malformed requests and refuses changes
outside the text instead of silently dropping them (its copy would drift from the editor's).

A raw JSON-RPC client over the server's real stdio: a pygls client would refuse to
send the malformed messages an editor bug (or an attacker's plugin) can send.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
WRONG = "It is 60 kilometres (20 miles) away.\n"


class RawClient:
    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "factlint", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self.buffer = b""

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _message(self) -> dict[str, Any] | None:
        if b"\r\n\r\n" not in self.buffer:
            return None
        head, rest = self.buffer.split(b"\r\n\r\n", 1)
        length = next(
            int(line.split(b":")[1]) for line in head.split(b"\r\n") if b"length" in line.lower()
        )
        if len(rest) < length:
            return None
        self.buffer = rest[length:]
        return json.loads(rest[:length])

    def until(self, wanted, timeout: float = 30) -> tuple[dict | None, list[dict]]:
        """Messages from the server until one is `wanted` (or the time is up)."""
        end, seen = time.monotonic() + timeout, []
        assert self.process.stdout is not None
        while time.monotonic() < end:
            message = self._message()
            if message is not None:
                seen.append(message)
                if wanted(message):
                    return message, seen
                continue
            ready, _, _ = select.select([self.process.stdout], [], [], end - time.monotonic())
            if ready:
                chunk = os.read(self.process.stdout.fileno(), 65536)
                if not chunk:
                    break
                self.buffer += chunk
        return None, seen

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture
def opened(tmp_path):
    client = RawClient(tmp_path)
    client.send({"id": 1, "method": "initialize", "params": {"capabilities": {}}})
    assert client.until(lambda m: m.get("id") == 1)[0] is not None
    client.send({"method": "initialized", "params": {}})
    uri = (tmp_path / "a.md").as_uri()
    document = {"uri": uri, "languageId": "markdown", "version": 1, "text": WRONG}
    client.send({"method": "textDocument/didOpen", "params": {"textDocument": document}})
    published, _ = client.until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert published is not None and len(published["params"]["diagnostics"]) == 1
    yield client, uri
    client.close()


def _publish(message: dict) -> bool:
    return message.get("method") == "textDocument/publishDiagnostics"


@pytest.mark.parametrize(
    "params",
    [
        {"range": {"start": {"line": "x"}}},  # no context, a string for a line
        {"range": {"start": {"line": 0, "character": 0}, "end": {"line": -1, "character": 0}}},
        {},
    ],
)
def test_a_malformed_code_action_is_answered_with_an_error(opened, params):
    client, uri = opened
    asked = {"textDocument": {"uri": uri}, **params}
    client.send({"id": 7, "method": "textDocument/codeAction", "params": asked})
    answer, _ = client.until(lambda m: m.get("id") == 7, timeout=10)
    assert answer is not None, "the request was never answered"
    assert answer["error"]["code"] == -32602


def _change(uri: str, version: int, change: dict) -> dict:
    return {
        "method": "textDocument/didChange",
        "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
    }


def test_a_change_outside_the_text_is_refused_and_said_until_the_whole_text_comes(opened):
    client, uri = opened
    outside = {"start": {"line": 50, "character": 0}, "end": {"line": 50, "character": 0}}
    client.send(_change(uri, 2, {"range": outside, "text": "60 kilometres (20 miles)"}))
    published, seen = client.until(_publish)
    assert any(m.get("method") == "window/showMessage" for m in seen)
    (diagnostic,) = published["params"]["diagnostics"]
    assert diagnostic["code"] == "factlint-error" and "line 51" in diagnostic["message"]
    # Edits relative to the editor's text are ignored now: factlint's copy is not that text.
    inside = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 2}}
    client.send(_change(uri, 3, {"range": inside, "text": "It"}))
    assert client.until(_publish, timeout=2)[0] is None
    client.send(_change(uri, 4, {"text": "Fine now.\n"}))  # the whole text: back in step
    published, _ = client.until(_publish)
    assert published["params"]["diagnostics"] == []
    client.send(_change(uri, 5, {"range": inside, "text": "60 km (20 miles) "}))
    published, _ = client.until(_publish)
    assert [d["code"] for d in published["params"]["diagnostics"]] == ["unit-conversion"]


def test_a_change_at_the_very_end_and_past_a_line_end_is_fine(opened):
    client, uri = opened
    end = {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}
    client.send(_change(uri, 2, {"range": end, "text": "And 10 km (10 miles) more.\n"}))
    published, _ = client.until(_publish)
    assert len(published["params"]["diagnostics"]) == 2
    past = {"start": {"line": 0, "character": 999}, "end": {"line": 0, "character": 999}}
    client.send(_change(uri, 3, {"range": past, "text": " Yes."}))
    published, _ = client.until(_publish)
    assert len(published["params"]["diagnostics"]) == 2
    assert all(d["code"] == "unit-conversion" for d in published["params"]["diagnostics"])
