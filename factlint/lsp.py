"""`factlint lsp`: the language server that underlines findings as a writer types.

It is one more front end of `api.check_source`: the editor's buffer becomes a
Source, findings come back with offsets, and offsets become LSP positions here,
once, in whatever unit the client and server agreed on at `initialize`
(UTF-16 unless the client offers another; Neovim, for one, prefers UTF-8).
Linting runs on a worker thread so a slow article never stalls the protocol,
and typing is debounced so a burst of keystrokes costs one run, not one each.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import logging
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from factlint._version import __version__
from factlint.api import Options, Result, check_source
from factlint.config.file import CONFIG_NAMES, ConfigError
from factlint.config.file import options_for as configured_options
from factlint.engine.loader import RuleError
from factlint.findings import CONSISTENT, Claim, Finding, Span
from factlint.text.document import MARKDOWN_SUFFIXES, Document, parse_document
from factlint.text.source import source_from_text

SOURCE = "factlint"
DEBOUNCE_SECONDS = 0.15
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.{SOURCE}"
ERROR_CODE = "factlint-error"

_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}

log = logging.getLogger(__name__)


# ------------------------------------------------------------------ the command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # Editors' LSP clients (vscode-languageclient among them) append --stdio
    # when they talk over stdio; accept it so no wrapper script is needed.
    parser.add_argument(
        "--stdio", action="store_true", help="talk over stdin/stdout (the default and only mode)"
    )
    parser.add_argument(
        "--log-level",
        choices=["error", "warning", "info", "debug"],
        default="warning",
        help="what the server logs on stderr (default: warning)",
    )


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=args.log_level.upper(), format="factlint lsp: %(message)s")
    server = create_server()
    server.start_io()
    # The protocol says: exit after a shutdown request is a success, anything
    # else (exit without shutdown, the editor vanishing) is not.
    return 0 if getattr(server.protocol, "_shutdown", False) else 1


# ------------------------------------------------------------------ settings


def options_for(path: str | None) -> Options | None:
    """The workspace's settings for one article, or None when its config excludes it
    or does not check its file type (`extensions`).

    The closest `.factlint.yaml` / `[tool.factlint]` above the file governs it,
    exactly as for `factlint check`; an untitled buffer (no path) gets the one
    above the server's working folder, which editors set to the workspace.
    load_config() re-reads a file whose mtime or size changed, so an edited
    config applies from the next keystroke on.
    """
    options, config = configured_options(path)
    if path is not None and config.excludes(path):
        return None
    if path is not None and not path.lower().endswith(tuple(config.extensions)):
        return None  # a file type the config does not check (by default .md, .txt ...)
    return options


def _suffix(uri: str) -> str:
    return PurePosixPath(unquote(urlparse(uri).path)).suffix.lower()


def _options(uri: str, path: str | None, language_id: str | None) -> Options | None:
    """Config first; then the URI's suffix or the editor's language picks Markdown.

    An untitled buffer has no file name, so the languageId the editor sends is
    the only hint that it is Markdown; without either, parse_document still
    treats a leading front-matter block as Markdown.
    """
    options = options_for(path)
    if options is None:
        return None
    markdown = _suffix(uri) in MARKDOWN_SUFFIXES or language_id in ("markdown", "mdx")
    if options.format is None and markdown:
        options = dataclasses.replace(options, format="markdown")
    return options


def lint_text(
    text: str, uri: str, language_id: str | None = None, *, checked: bool = False
) -> Result:
    """Check an editor buffer; runs on a worker thread. `checked`: also list the claims.

    Raises what the configuration or a rule pack raises (ConfigError,
    RuleError): the server shows that as a diagnostic.
    """
    path = to_fs_path(uri) if uri.startswith("file:") else None
    source = source_from_text(text, path or uri)
    options = _options(uri, path, language_id)
    if options is None:  # excluded by the config: an empty run, same positions
        return Result(document=parse_document(source), findings=[])
    return check_source(source, dataclasses.replace(options, checked=checked))


# ------------------------------------------------------------------ positions


def lsp_position(document: Document, offset: int, encoding: str | None) -> types.Position:
    """Offset -> LSP position in the negotiated unit (UTF-16 code units by default).

    source_from_text() drops a leading BOM that the editor's buffer still has
    as its first character, so positions on line 0 are moved past it.
    """
    if encoding in (None, types.PositionEncodingKind.Utf16):
        line, character = document.utf16_position(offset)
    else:
        line, column = document.position(offset)
        line, character = line - 1, column - 1
        if encoding == types.PositionEncodingKind.Utf8:
            start = offset - character
            text = document.text[start:offset]
            character = len(text.encode("utf-8", "surrogatepass"))
    if line == 0 and document.source.bom:
        character += 3 if encoding == types.PositionEncodingKind.Utf8 else 1
    return types.Position(line=line, character=character)


def lsp_range(document: Document, span: Span, encoding: str | None) -> types.Range:
    return types.Range(
        start=lsp_position(document, span.start, encoding),
        end=lsp_position(document, span.end, encoding),
    )


def _key(position: types.Position) -> tuple[int, int]:
    return position.line, position.character


def overlaps(a: types.Range, b: types.Range) -> bool:
    """Ranges touch or overlap: an empty range (a cursor) at either end counts."""
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)


# ------------------------------------------------------------------ findings -> LSP


def to_diagnostic(
    finding: Finding, document: Document, uri: str, encoding: str | None, url: str = ""
) -> types.Diagnostic:
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=lsp_range(document, span, encoding)),
            message="related figure",
        )
        for span in finding.related
    ]
    return types.Diagnostic(
        range=lsp_range(document, finding.span, encoding),
        severity=_SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.rule,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
        message=finding.message,
        related_information=related or None,
    )


def to_diagnostics(result: Result, uri: str, encoding: str | None) -> list[types.Diagnostic]:
    """Diagnostics for one check, each code linked to its rule's page (`rule_docs_url`),
    then a Hint for each claim that holds when `showChecked` is on."""
    links = _rule_links(result)
    found = [
        to_diagnostic(f, result.document, uri, encoding, links.get(f.rule, ""))
        for f in result.findings
    ]
    return found + [
        claim_hint(c, result.document, encoding) for c in result.checked if c.verdict == CONSISTENT
    ]


def claim_hint(claim: Claim, document: Document, encoding: str | None) -> types.Diagnostic:
    """A consistent claim as a Hint (the `showChecked` setting): what was verified."""
    return types.Diagnostic(
        range=lsp_range(document, claim.span, encoding),
        severity=types.DiagnosticSeverity.Hint,
        code=claim.rule,
        source=SOURCE,
        message=f"checked: {claim.computed or 'consistent'}",
    )


def show_checked_setting(settings: object) -> bool | None:
    """`{"showChecked": true}` or `{"factlint": {"showChecked": true}}`, as editors send
    settings (initializationOptions, workspace/didChangeConfiguration); None if absent."""
    if isinstance(settings, dict) and isinstance(settings.get("factlint"), dict):
        settings = settings["factlint"]
    value = settings.get("showChecked") if isinstance(settings, dict) else None
    return value if isinstance(value, bool) else None


def _rule_links(result: Result) -> dict[str, str]:
    from factlint.config.file import config_for, rule_link

    try:
        config = config_for(result.document.source.path)
    except ConfigError:
        return {}  # reported as its own diagnostic when the document was checked
    if not config.rule_docs_url:
        return {}
    return {f.rule: rule_link(config, f.rule) for f in result.findings}


def _edit(finding: Finding, document: Document, encoding: str | None) -> types.TextEdit:
    assert finding.fix is not None
    return types.TextEdit(
        range=lsp_range(document, finding.fix.span, encoding), new_text=finding.fix.replacement
    )


def code_actions(
    result: Result,
    uri: str,
    wanted: types.Range,
    encoding: str | None,
    only: Sequence[str] | None = None,
) -> list[types.CodeAction]:
    """Quick fixes for the findings under `wanted`, plus one 'fix all safe ones'.

    Findings are matched by range rather than by the diagnostics the client
    sends back, since clients differ in what they include in the context.
    """
    document = result.document
    fixable = [f for f in result.findings if f.fix is not None]
    actions: list[types.CodeAction] = []
    if _asked(only, types.CodeActionKind.QuickFix):
        for finding in fixable:
            diagnostic = to_diagnostic(finding, document, uri, encoding)
            if not overlaps(diagnostic.range, wanted):
                continue
            assert finding.fix is not None
            actions.append(
                types.CodeAction(
                    title=f"Replace with “{finding.fix.replacement}” ({finding.rule})",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=finding.fix.safe,
                    edit=types.WorkspaceEdit(changes={uri: [_edit(finding, document, encoding)]}),
                )
            )
    safe = _non_overlapping(f for f in fixable if f.fix is not None and f.fix.safe)
    if safe and _asked(only, FIX_ALL_KIND):
        actions.append(
            types.CodeAction(
                title=f"Apply every safe factlint fix ({len(safe)})",
                kind=FIX_ALL_KIND,
                edit=types.WorkspaceEdit(
                    changes={uri: [_edit(finding, document, encoding) for finding in safe]}
                ),
            )
        )
    return actions


def _asked(only: Sequence[str] | None, kind: str) -> bool:
    """`only` filters by kind prefix: "source" asks for "source.fixAll.factlint" too."""
    return not only or any(kind == want or kind.startswith(want + ".") for want in only)


def _non_overlapping(findings: Iterable[Finding]) -> list[Finding]:
    """LSP rejects a WorkspaceEdit whose edits overlap; keep the first of each clash."""
    fixes = sorted(
        (f.fix.span.start, f.fix.span.end, i, f) for i, f in enumerate(findings) if f.fix
    )
    chosen: list[Finding] = []
    end = -1
    for start, stop, _, finding in fixes:
        if start >= end:
            chosen.append(finding)
            end = max(stop, start + 1)
    return chosen


def error_diagnostic(err: Exception) -> types.Diagnostic:
    """A broken rule pack or config must show up in the editor, not kill the server."""
    return types.Diagnostic(
        range=types.Range(
            start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
        ),
        severity=types.DiagnosticSeverity.Error,
        code=ERROR_CODE,
        source=SOURCE,
        message=f"factlint could not check this file: {err}",
    )


# ------------------------------------------------------------------ the server


_ANSWERED = object()  # a request already answered with an error: nothing more to do


class _Protocol(LanguageServerProtocol):
    """pygls, minus two silences.

    A request whose params do not deserialize (a malformed codeAction) was only
    logged, so the client waited for an answer forever: it is answered with the
    JSON-RPC error instead. An incremental change outside the text was applied
    somewhere or nowhere, so factlint's copy drifted from the editor's without
    a word: it is refused, and the document shows an error until the editor
    sends its whole text again (reopening the file does).
    """

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as err:
            if not ("jsonrpc" in data and "id" in data and "method" in data):
                raise
            self._send_response(data["id"], error=err.to_response_error())
            return _ANSWERED

    def handle_message(self, message: Any) -> Any:
        if message is _ANSWERED:
            return None
        return super().handle_message(message)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        server = self._server
        assert isinstance(server, FactlintServer)
        uri = params.text_document.uri
        changes = params.content_changes
        if uri in server.drifted and not any(_is_full(c) for c in changes):
            return  # still out of step: only a whole text can bring it back
        document = self.workspace.get_text_document(uri)
        lines = document.source.splitlines(keepends=True)
        for change in changes:
            problem = None if _is_full(change) else _outside(change.range, lines)
            if problem is not None:
                server.drift(uri, problem)
                return
            lines = _after(change, lines, self.workspace, uri)
        server.drifted.discard(uri)
        yield from super().lsp_text_document__did_change(params)


def _is_full(change: Any) -> bool:
    return getattr(change, "range", None) is None


def _outside(change_range: types.Range, lines: list[str]) -> str | None:
    """Why a change's range is not in the text (None when it is). A character past
    the end of its line is the end of that line, as LSP says; a line past the end
    of the text is not anywhere."""
    start, end = change_range.start, change_range.end
    last = len(lines)  # the line after the last one holds only the end of the text
    for position in (start, end):
        if position.line > last or (position.line == last and position.character > 0):
            return (
                f"the editor sent a change at line {position.line + 1}, character "
                f"{position.character}, of a text of {last} lines"
            )
    if (end.line, end.character) < (start.line, start.character):
        return "the editor sent a change whose range ends before it starts"
    return None


def _after(change: Any, lines: list[str], workspace: Any, uri: str) -> list[str]:
    """The lines after one change, so the next change is checked against them."""
    from pygls.workspace import TextDocument

    scratch = TextDocument(uri, "".join(lines), position_codec=workspace.position_codec)
    scratch.apply_change(change)
    return scratch.source.splitlines(keepends=True)


class FactlintServer(LanguageServer):
    """Keeps, per open document, the pending lint task and the last result."""

    def __init__(self) -> None:
        super().__init__("factlint", __version__, protocol_cls=_Protocol)
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.results: dict[str, tuple[str, Result]] = {}
        self.show_checked = False  # opt-in: hints on the claims that were checked and hold
        self.drifted: set[str] = set()  # documents whose text no longer follows the editor's

    def drift(self, uri: str, problem: str) -> None:
        """Say that factlint's copy of `uri` is out of step, and stop checking it."""
        self.drifted.add(uri)
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        message = f"{problem}; factlint stops checking this file until it is reopened"
        log.error("%s: %s", uri, message)
        self.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Error, message=f"factlint: {message}")
        )
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, diagnostics=[error_diagnostic(RuntimeError(message))]
            )
        )

    @property
    def encoding(self) -> str | None:
        return self.workspace.position_encoding

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """(Re)start the lint of `uri`; a newer request cancels the older one."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        task = asyncio.get_running_loop().create_task(self._lint_and_publish(uri, delay))
        self.pending[uri] = task
        task.add_done_callback(lambda done: self._forget(uri, done))

    def _forget(self, uri: str, task: asyncio.Task[None]) -> None:
        if self.pending.get(uri) is task:
            del self.pending[uri]

    async def _lint_and_publish(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        if uri not in self.workspace.text_documents:
            return
        document = self.workspace.get_text_document(uri)
        version, text = document.version, document.source
        try:
            result = await self.result_for(uri, text, document.language_id)
            diagnostics = to_diagnostics(result, uri, self.encoding)
        except (ConfigError, RuleError) as err:  # the user's files: say so, no traceback
            log.warning("%s: %s", uri, err)
            diagnostics = [error_diagnostic(err)]
        except Exception as err:  # noqa: BLE001 - a bug must not take the server down
            log.exception("checking %s failed", uri)
            diagnostics = [error_diagnostic(err)]
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return  # closed or edited meanwhile: a newer run publishes
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )

    async def result_for(self, uri: str, text: str, language_id: str | None) -> Result:
        """The last result if the text has not changed since, else a fresh one."""
        cached = self.results.get(uri)
        if cached is not None and cached[0] == text:
            return cached[1]
        result = await asyncio.to_thread(
            lint_text, text, uri, language_id, checked=self.show_checked
        )
        if uri in self.workspace.text_documents:
            self.results[uri] = (text, result)
        return result

    def close(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.results.pop(uri, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def relint_all(self) -> None:
        self.results.clear()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri)


def create_server() -> FactlintServer:
    server = FactlintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: FactlintServer, params: types.InitializeParams) -> None:
        ls.show_checked = bool(show_checked_setting(params.initialization_options))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: FactlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.drifted.discard(params.text_document.uri)
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: FactlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: FactlintServer, params: types.DidSaveTextDocumentParams) -> None:
        # Saving a config file may change the settings of every open article.
        if PurePosixPath(urlparse(params.text_document.uri).path).name in CONFIG_NAMES:
            ls.relint_all()
        else:
            ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: FactlintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(
        ls: FactlintServer, params: types.DidChangeConfigurationParams
    ) -> None:
        show = show_checked_setting(params.settings)
        if show is not None:
            ls.show_checked = show
        ls.relint_all()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False,
        ),
    )
    async def code_action(
        ls: FactlintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        if uri not in ls.workspace.text_documents:
            return None
        document = ls.workspace.get_text_document(uri)
        try:
            result = await ls.result_for(uri, document.source, document.language_id)
        except Exception:  # noqa: BLE001 - already reported as a diagnostic
            return None
        return code_actions(result, uri, params.range, ls.encoding, params.context.only) or None

    return server
