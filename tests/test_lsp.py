"""The language server as an editor meets it: framed JSON-RPC over the real process's stdio.

A tiny client lives here rather than a dependency: it frames messages with
Content-Length, reads on a thread, and every wait has a timeout so a broken
server fails the test instead of hanging it.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types

from factlint import lsp
from factlint.findings import Finding, Fix, Span

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 30.0
WRONG = "😀 It is 60 kilometres (20 miles) away."
ARTICLE = f"# Convoy\n{WRONG}\n"


class Client:
    """Just enough of an LSP client: requests, notifications, and a message queue."""

    def __init__(self, cwd: Path) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        self.stderr = (cwd / "server.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "factlint", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            cwd=cwd,
            env=env,
        )
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.next_id = 0
        self.seen: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers = {}
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            if not line:
                self.messages.put(None)
                return
            body = stream.read(int(headers["content-length"]))
            self.messages.put(json.loads(body))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any] | None) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)
        assert "error" not in reply, reply
        return reply["result"]

    def wait(self, wanted) -> dict[str, Any]:  # noqa: ANN001 - a predicate on a message
        while True:
            try:
                message = self.messages.get(timeout=TIMEOUT)
            except queue.Empty:
                pytest.fail(f"no expected message within {TIMEOUT}s; server log:\n{self.log()}")
            if message is None:
                pytest.fail(f"server closed its output; log:\n{self.log()}")
            self.seen.append(message)
            if wanted(message):
                return message

    def diagnostics(self, uri: str, version: int) -> list[dict[str, Any]]:
        message = self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            )
        )
        return message["params"]["diagnostics"]

    def log(self) -> str:
        self.stderr.flush()
        return Path(self.stderr.name).read_text(errors="replace")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=TIMEOUT)
        self.stderr.close()


@pytest.fixture
def client(tmp_path: Path):
    started = Client(tmp_path)
    yield started
    started.close()


def initialize(client: Client, root: Path, capabilities: dict[str, Any] | None = None) -> dict:
    result = client.request(
        "initialize",
        {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": capabilities or {}},
    )
    client.notify("initialized", {})
    return result


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_stdio_session_diagnostics_code_action_and_clean_exit(client: Client, tmp_path: Path):
    article = tmp_path / "convoy.md"
    article.write_text(ARTICLE, encoding="utf-8")
    uri = article.as_uri()
    result = initialize(client, tmp_path)
    capabilities = result["capabilities"]
    assert capabilities.get("positionEncoding", "utf-16") == "utf-16"
    assert capabilities["codeActionProvider"]

    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": ARTICLE}},
    )
    (diagnostic,) = client.diagnostics(uri, 1)
    start = WRONG.index("20 miles")
    # The emoji is one code point but two UTF-16 code units.
    assert utf16_units(WRONG[:start]) == start + 1
    assert diagnostic["range"] == {
        "start": {"line": 1, "character": start + 1},
        "end": {"line": 1, "character": start + 1 + len("20 miles")},
    }
    assert diagnostic["code"] == "unit-conversion"
    assert diagnostic["source"] == "factlint"
    assert diagnostic["severity"] == 1
    assert "37 miles" in diagnostic["message"] and "20 miles" in diagnostic["message"]

    cursor = {"line": 1, "character": start + 3}
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": cursor, "end": cursor},
            "context": {"diagnostics": [diagnostic], "only": ["quickfix"]},
        },
    )
    (action,) = actions
    assert action["kind"] == "quickfix"
    (edit,) = action["edit"]["changes"][uri]
    assert edit["newText"] == "37 miles"
    assert edit["range"] == diagnostic["range"]

    elsewhere = {"line": 0, "character": 0}
    quiet = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": elsewhere, "end": elsewhere},
            "context": {"diagnostics": [], "only": ["quickfix"]},
        },
    )
    assert not quiet

    fixed = ARTICLE.replace("20 miles", "37 miles")
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": edit["range"], "text": edit["newText"]}],
        },
    )
    assert client.diagnostics(uri, 2) == []

    # A burst of typing ends with the mistake back in: only its state counts.
    line = fixed.splitlines()[1]
    begin = utf16_units(line[: line.index("37 miles")])
    for version, text in ((3, "2"), (4, "20"), (5, "20 miles")):
        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": fixed.replace("37 miles", text)}],
            },
        )
    (again,) = client.diagnostics(uri, 5)
    assert again["range"]["start"] == {"line": 1, "character": begin}
    published = [
        m["params"].get("version")
        for m in client.seen
        if m.get("method") == "textDocument/publishDiagnostics"
    ]
    assert 3 not in published and 4 not in published  # debounced away

    assert client.request("shutdown", None) is None
    client.notify("exit", None)
    assert client.process.wait(timeout=TIMEOUT) == 0


def test_utf8_position_encoding_when_the_client_prefers_it(client: Client, tmp_path: Path):
    uri = (tmp_path / "note.txt").as_uri()
    result = initialize(client, tmp_path, {"general": {"positionEncodings": ["utf-8", "utf-16"]}})
    assert result["capabilities"]["positionEncoding"] == "utf-8"
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 7, "text": WRONG}},
    )
    (diagnostic,) = client.diagnostics(uri, 7)
    start = len(WRONG[: WRONG.index("20 miles")].encode("utf-8"))
    assert diagnostic["range"]["start"] == {"line": 0, "character": start}
    assert diagnostic["range"]["end"] == {"line": 0, "character": start + len("20 miles")}

    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri, 7) == [diagnostic]

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / ".factlint.yaml").write_text("select: [unit]\ncolour: red\n", encoding="utf-8")
    other = (broken / "other.txt").as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": other, "languageId": "plaintext", "version": 1, "text": WRONG}},
    )
    (problem,) = client.diagnostics(other, 1)
    assert problem["code"] == lsp.ERROR_CODE and problem["range"]["start"]["line"] == 0
    assert ".factlint.yaml:2" in problem["message"] and "colour" in problem["message"]
    assert client.process.poll() is None  # the server lives on

    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    cleared = client.wait(
        lambda m: (
            m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri
            and "version" not in m["params"]
        )
    )
    assert cleared["params"]["diagnostics"] == []


# ------------------------------------------------------------------ in-process pieces


def test_positions_in_each_encoding_and_after_a_bom():
    text = "\ufeffé😀 60 kilometres (20 miles)\nnext"
    result = lsp.lint_text(text, "untitled:Untitled-1")
    (finding,) = [f for f in result.findings if f.rule == "unit-conversion"]
    offset = finding.span.start  # in the text without its BOM
    body = text[1:]
    before = body[:offset]
    expect = {
        types.PositionEncodingKind.Utf16: 1 + utf16_units(before),
        types.PositionEncodingKind.Utf8: 3 + len(before.encode("utf-8")),
        types.PositionEncodingKind.Utf32: 1 + len(before),
    }
    for encoding, character in expect.items():
        position = lsp.lsp_position(result.document, offset, encoding)
        assert (position.line, position.character) == (0, character), encoding
    second = lsp.lsp_position(result.document, len(body), types.PositionEncodingKind.Utf8)
    assert (second.line, second.character) == (1, len("next"))


def test_markdown_chosen_by_suffix_or_language(tmp_path: Path):
    text = "`60 kilometres (20 miles)` is quoted code.\n"
    assert lsp.lint_text(text, (tmp_path / "a.md").as_uri()).findings == []
    assert lsp.lint_text(text, "untitled:Untitled-2", "markdown").findings == []
    assert lsp.lint_text(text, (tmp_path / "a.txt").as_uri(), "plaintext").findings != []


def test_workspace_config_selects_rules_and_excludes_files(tmp_path: Path):
    (tmp_path / ".factlint.yaml").write_text(
        "ignore: [unit-conversion]\nexclude: ['archive/**']\n", encoding="utf-8"
    )
    (tmp_path / "archive").mkdir()
    text = "It is 60 kilometres (20 miles) away.\n"
    rules = {f.rule for f in lsp.lint_text(text, (tmp_path / "a.txt").as_uri()).findings}
    assert "unit-conversion" not in rules
    outside = tmp_path.parent / f"{tmp_path.name}-other.txt"
    assert lsp.lint_text(text, outside.as_uri()).findings != []
    (tmp_path / ".factlint.yaml").write_text("select: [unit]\n", encoding="utf-8")
    archived = (tmp_path / "archive" / "old.txt").as_uri()
    assert [f.rule for f in lsp.lint_text(text, archived).findings] == ["unit-conversion"]
    (tmp_path / ".factlint.yaml").write_text("exclude: ['archive/**']\n", encoding="utf-8")
    assert lsp.lint_text(text, archived).findings == []


def test_workspace_config_extensions_choose_the_file_types(tmp_path: Path):
    text = "It is 60 kilometres (20 miles) away.\n"
    notes = (tmp_path / "notes.rst").as_uri()
    assert lsp.lint_text(text, notes).findings == []  # not a type factlint checks by default
    (tmp_path / ".factlint.yaml").write_text("extensions: [.rst]\n", encoding="utf-8")
    assert [f.rule for f in lsp.lint_text(text, notes).findings] == ["unit-conversion"]


def test_fix_all_gathers_the_quick_fixes_and_respects_only(tmp_path: Path):
    text = "It is 60 kilometres (20 miles) away and 10 kilometres (20 miles) back.\n"
    uri = (tmp_path / "a.txt").as_uri()
    result = lsp.lint_text(text, uri)
    assert len([f for f in result.findings if f.fix]) == 2
    everywhere = types.Range(
        start=types.Position(line=0, character=0), end=types.Position(line=1, character=0)
    )
    actions = lsp.code_actions(result, uri, everywhere, None)
    kinds = [a.kind for a in actions]
    assert kinds.count(types.CodeActionKind.QuickFix) == 2 and lsp.FIX_ALL_KIND in kinds
    (fix_all,) = [a for a in actions if a.kind == lsp.FIX_ALL_KIND]
    edits = fix_all.edit.changes[uri]
    quick = [a.edit.changes[uri][0] for a in actions if a.kind == "quickfix"]
    assert edits == quick and edits[0].new_text == "37 miles"
    assert text[edits[1].range.start.character : edits[1].range.end.character] == "20 miles"
    only_source = lsp.code_actions(result, uri, everywhere, None, ["source"])
    assert [a.kind for a in only_source] == [lsp.FIX_ALL_KIND]


def test_fix_all_leaves_out_an_edit_that_overlaps_an_earlier_one():
    text = "abcdefghij"
    result = lsp.lint_text(text, "untitled:Untitled-3")

    def fixing(start: int, end: int, new: str, safe: bool = True) -> Finding:
        span = Span(start, end)
        return Finding("r", "warning", "m", span, fix=Fix(span, new, safe))

    result.findings[:] = [
        fixing(4, 6, "X"),
        fixing(0, 3, "A"),
        fixing(2, 5, "B"),
        fixing(6, 6, "I"),
        fixing(8, 9, "U", safe=False),
    ]
    whole = types.Range(
        start=types.Position(line=0, character=0), end=types.Position(line=0, character=10)
    )
    (fix_all,) = lsp.code_actions(result, "u", whole, None, [lsp.FIX_ALL_KIND])
    edits = fix_all.edit.changes["u"]
    assert [(e.new_text, e.range.start.character, e.range.end.character) for e in edits] == [
        ("A", 0, 3),
        ("X", 4, 6),
        ("I", 6, 6),
    ]


def test_error_becomes_a_diagnostic_at_the_top():
    diagnostic = lsp.error_diagnostic(ValueError("bad rule pack"))
    assert diagnostic.range.start.line == 0 and diagnostic.severity == 1
    assert "bad rule pack" in diagnostic.message and diagnostic.source == "factlint"


def test_show_checked_setting_adds_hints_for_consistent_claims(client: Client, tmp_path: Path):
    """Off by default; on with initializationOptions, off again through the workspace settings."""
    article = tmp_path / "trail.md"
    text = "# Trail\n😀 The trail is 60 kilometres (37 miles) long. It is 60 km (20 miles) away.\n"
    article.write_text(text, encoding="utf-8")
    uri = article.as_uri()
    result = client.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": tmp_path.as_uri(),
            "capabilities": {},
            "initializationOptions": {"factlint": {"showChecked": True}},
        },
    )
    assert result["capabilities"]["codeActionProvider"]
    client.notify("initialized", {})
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
    )
    diagnostics = client.diagnostics(uri, 1)
    (hint,) = [d for d in diagnostics if d["severity"] == 4]
    (error,) = [d for d in diagnostics if d["severity"] == 1]
    assert hint["message"] == "checked: 60 kilometres ≈ 37.3 miles"
    assert hint["code"] == "unit-conversion" and hint["source"] == "factlint"
    line = text.splitlines()[1]
    claim = "60 kilometres (37 miles)"
    begin = utf16_units(line[: line.index(claim)])
    assert hint["range"] == {
        "start": {"line": 1, "character": begin},
        "end": {"line": 1, "character": begin + len(claim)},
    }
    assert "37 miles" in error["message"]

    client.notify("workspace/didChangeConfiguration", {"settings": {"showChecked": False}})
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text + "\n"}]},
    )
    assert [d["severity"] for d in client.diagnostics(uri, 2)] == [1]


def test_without_the_setting_there_are_no_hints(client: Client, tmp_path: Path):
    article = tmp_path / "trail.md"
    text = "The trail is 60 kilometres (37 miles) long.\n"
    article.write_text(text, encoding="utf-8")
    initialize(client, tmp_path)
    client.notify(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": article.as_uri(),
                "languageId": "markdown",
                "version": 1,
                "text": text,
            }
        },
    )
    assert client.diagnostics(article.as_uri(), 1) == []
