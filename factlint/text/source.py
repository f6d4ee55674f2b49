"""Bytes to text, once, safely.

Every later step works on character offsets into `Source.text`, so this is the
only place that knows about encodings, byte-order marks and line endings. A
file factlint cannot read as text is refused here with one user-facing line,
instead of surfacing later as a confusing finding or a traceback. `--fix` needs
to write a file back byte-for-byte like the original apart from the fix, so the
source remembers its encoding, BOM and line-ending style.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from typing import BinaryIO

DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024

# How much of the start of a file the binary sniffing looks at.
_SNIFF_SIZE = 8192
# Share of control characters above which a file is taken for binary data. Text
# sometimes carries a stray form feed or escape, never one byte in ten.
_CONTROL_SHARE = 0.10
# C0 controls that never occur in text (tab, LF, VT, FF, CR and ESC are allowed) and DEL.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# Bytes that Windows-1252 maps to printable characters but Latin-1 to C1 controls.
_C1_BYTES = re.compile(rb"[\x80-\x9f]")

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE mark.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)


class SourceError(Exception):
    """A file that cannot be linted; str() is one line naming the file, for people."""

    def __init__(self, path: str | None, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path if path is not None else '<text>'}: {reason}")

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Keeps the error intact across process pools (parallel linting of many files).
        return type(self), (self.path, self.reason)


@dataclass(frozen=True, slots=True)
class Source:
    """Decoded text plus what is needed to write it back the way it came.

    `text` never holds a BOM, so offset 0 is the first visible character. `bom`
    is the exact byte-order mark the file started with (b"" for none); it tells
    UTF-16 little- from big-endian, which `encoding` alone ("utf-16") does not.
    """

    text: str
    path: str | None
    encoding: str
    newline: str
    note: str | None = None
    bom: bytes = b""


def read_source(path: str, *, max_size: int = DEFAULT_MAX_FILE_SIZE) -> Source:
    """Read and decode a file, refusing what is not reasonable text.

    The size is checked on the stat result before a byte is read, so a
    multi-gigabyte log passed by mistake costs nothing. "-" (stdin) is the CLI's
    business: it reads the stream and calls source_from_text().
    """
    try:
        info = os.stat(path)
    except OSError as err:
        raise SourceError(path, _os_reason(err)) from None
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(path, "is a directory, not a file")
    if info.st_size > max_size:
        raise SourceError(path, _too_big(info.st_size, max_size))
    try:
        with _open_for_reading(path, info) as handle:
            # One byte more than allowed tells a file that grew since stat (or a
            # pipe/device whose size stat cannot know) from one that did not.
            data = handle.read(max_size + 1)
    except OSError as err:
        raise SourceError(path, _os_reason(err)) from None
    if len(data) > max_size:
        raise SourceError(path, _too_big(len(data), max_size, at_least=True))
    return _decode(data, path)


def _open_for_reading(path: str, info: os.stat_result) -> BinaryIO:
    """Open without ever blocking on a named pipe that no one writes to.

    open() on a FIFO waits for a writer, so a stray FIFO named *.md among the
    articles would hang the whole run. Opened non-blocking, a FIFO without a
    writer reads as empty; blocking is switched back on for the read itself,
    so a pipe with a writer (`factlint check <(curl ...)`) is read in full.
    """
    if stat.S_ISREG(info.st_mode):
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def decode_source(data: bytes, path: str, *, max_size: int = DEFAULT_MAX_FILE_SIZE) -> Source:
    """Bytes read elsewhere (object storage, a Dask worker's fsspec file) decoded and refused
    exactly as read_source() would, so a file checked remotely reads as it does locally."""
    if len(data) > max_size:
        raise SourceError(path, _too_big(len(data), max_size, at_least=True))
    return _decode(data, path)


def source_from_text(text: str, path: str | None = None) -> Source:
    """Wrap text that is already decoded (stdin, an HTTP body, an editor buffer)."""
    if text.startswith("\ufeff"):
        return Source(text[1:], path, "utf-8-sig", _newline(text), None, codecs.BOM_UTF8)
    return Source(text, path, "utf-8", _newline(text))


def encode_like(source: Source, text: str) -> bytes:
    """Bytes for a fixed `text` in the source's encoding, with its BOM put back.

    Line endings are not touched: the fixed text comes from `source.text` and
    already uses its endings. A fix that introduces a character the original
    encoding cannot hold (say "≈" in a Latin-1 file) raises SourceError rather
    than writing a corrupted file.
    """
    codec = _codec_for(source)
    try:
        body = text.encode(codec)
    except UnicodeEncodeError as err:
        char = err.object[err.start]
        raise SourceError(
            source.path,
            f"cannot write {char!r} (U+{ord(char):04X}, offset {err.start}) "
            f"in the file's encoding {source.encoding}",
        ) from None
    return source.bom + body


def _codec_for(source: Source) -> str:
    for bom, _name, codec in _BOMS:
        if source.bom == bom:
            return codec
    if source.encoding == "utf-8-sig":  # built by hand without a bom field
        return "utf-8"
    return source.encoding


def _decode(data: bytes, path: str) -> Source:
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, path, bom, name, codec)
    _refuse_binary_bytes(data, path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return _decode_legacy(data, path, err.start)
    return Source(text, path, "utf-8", _newline(text))


def _decode_with_bom(data: bytes, path: str, bom: bytes, name: str, codec: str) -> Source:
    try:
        text = data[len(bom) :].decode(codec)
    except UnicodeDecodeError as err:
        label = name.upper().replace("-SIG", "")
        raise SourceError(
            path,
            f"not valid {label} despite its byte-order mark "
            f"(first bad byte at offset {err.start + len(bom)})",
        ) from None
    if codec != "utf-8":
        # The NUL sniffing cannot run on UTF-16/32 bytes, which are full of NULs.
        sample = text[:_SNIFF_SIZE]
        first = _binary_at(sample, _CONTROL_CHARS)
        if first is not None:
            byte = len(bom) + len(sample[:first].encode(codec))
            raise SourceError(path, f"not a text file (binary data at byte {byte})")
    else:
        _refuse_binary_bytes(data[len(bom) :], path, len(bom))
    return Source(text, path, name, _newline(text), None, bom)


def _decode_legacy(data: bytes, path: str, bad: int) -> Source:
    """Fall back for files that are not UTF-8: almost always Windows-1252 or Latin-1.

    Windows-1252 is tried first because its 0x80-0x9F bytes are curly quotes,
    dashes and the euro sign, which Latin-1 would turn into invisible controls.
    Where no such byte occurs the two agree, and the file is called Latin-1.
    """
    encoding, label = "latin-1", "Latin-1"
    if _C1_BYTES.search(data):
        try:
            text = data.decode("cp1252")
            encoding, label = "cp1252", "Windows-1252"
        except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
            text = data.decode("latin-1")
    else:
        text = data.decode("latin-1")
    note = f"decoded as {label}: not valid UTF-8 (first bad byte at offset {bad})"
    return Source(text, path, encoding, _newline(text), note)


def _refuse_binary_bytes(data: bytes, path: str, base: int = 0) -> None:
    first = _binary_at(data[:_SNIFF_SIZE], _CONTROL_BYTES)
    if first is not None:
        raise SourceError(path, f"not a text file (binary data at byte {base + first})")


def _binary_at(sample, pattern: re.Pattern) -> int | None:  # type: ignore[type-arg]
    """Index of the first telling control character if `sample` looks binary."""
    nul = sample.find(b"\0" if isinstance(sample, bytes) else "\0")
    if nul >= 0:
        return nul
    found = pattern.search(sample)
    if found is None:
        return None
    if len(pattern.findall(sample)) > _CONTROL_SHARE * len(sample):
        return found.start()
    return None


def _newline(text: str) -> str:
    """The dominant line ending; ties and newline-free text count as "\\n"."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    if crlf > lf and crlf >= cr:
        return "\r\n"
    if cr > lf and cr > crlf:
        return "\r"
    return "\n"


def _os_reason(err: OSError) -> str:
    if isinstance(err, FileNotFoundError):
        return "no such file"
    if isinstance(err, IsADirectoryError):
        return "is a directory, not a file"
    return f"cannot read: {err.strerror or err}"


def _too_big(size: int, limit: int, *, at_least: bool = False) -> str:
    shown, limit_shown = _human(size), _human(limit, exact=True)
    if shown.replace(".0 ", " ") == limit_shown:  # 10 MB + 1 byte would read "10.0 MB"
        shown = f"{size:,} bytes"
        limit_shown = f"{limit_shown} ({limit:,} bytes)"
    more = "more than " if at_least else ""
    return f"{more}{shown} is over the {limit_shown} limit (setting max_file_size)"


def _human(size: int, *, exact: bool = False) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            value = size / factor
            if exact and value == int(value):
                return f"{int(value)} {unit}"
            return f"{value:.1f} {unit}"
    return f"{size} bytes"
