"""Reading files: encodings, BOMs, line endings and the files factlint must refuse."""

from __future__ import annotations

import codecs
import os
import pickle
import time

import pytest

from factlint.text import source as source_module
from factlint.text.source import (
    DEFAULT_MAX_FILE_SIZE,
    Source,
    SourceError,
    encode_like,
    read_source,
    source_from_text,
)

CLAIM = "The town is 60 kilometres (20 miles) from Bamako – says “AFP”.\n"


def write(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_plain_utf8(tmp_path):
    path = write(tmp_path, "a.txt", CLAIM.encode())
    src = read_source(path)
    assert src.text == CLAIM
    assert (src.encoding, src.newline, src.note, src.bom) == ("utf-8", "\n", None, b"")
    assert src.path == path
    assert encode_like(src, src.text) == CLAIM.encode()


def test_path_is_kept_as_given(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.md").write_text("Hello.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert read_source("sub/x.md").path == "sub/x.md"
    assert read_source("./sub/../sub/x.md").path == "./sub/../sub/x.md"


def test_utf8_bom_is_stripped_and_restored(tmp_path):
    data = codecs.BOM_UTF8 + "Ça coûte 5 €.\r\nFin.\r\n".encode()
    src = read_source(write(tmp_path, "bom.txt", data))
    assert src.text == "Ça coûte 5 €.\r\nFin.\r\n"
    assert src.encoding == "utf-8-sig"
    assert src.newline == "\r\n"
    assert encode_like(src, src.text) == data
    fixed = src.text.replace("5", "6")
    assert encode_like(src, fixed) == codecs.BOM_UTF8 + fixed.encode()


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_utf16_with_bom_round_trips_in_its_byte_order(tmp_path, bom, codec):
    text = "Café 60 km (20 miles) 😀\r\nsecond line\r\n"
    data = bom + text.encode(codec)
    src = read_source(write(tmp_path, "u16.txt", data))
    assert src.text == text
    assert src.encoding == "utf-16"
    assert src.newline == "\r\n"
    assert encode_like(src, src.text) == data
    fixed = text.replace("20 miles", "37 miles")
    assert encode_like(src, fixed) == bom + fixed.encode(codec)


def test_latin1_file_is_decoded_with_a_note(tmp_path):
    data = "Le café coûte 5 francs.\n".encode("latin-1")
    src = read_source(write(tmp_path, "l1.txt", data))
    assert src.text == "Le café coûte 5 francs.\n"
    assert src.encoding == "latin-1"
    assert src.note is not None
    assert "Latin-1" in src.note
    first_bad = data.index("é".encode("latin-1"))
    assert f"first bad byte at offset {first_bad})" in src.note
    assert encode_like(src, src.text) == data


def test_windows_1252_quotes_are_not_read_as_controls(tmp_path):
    data = "He said “60 km” – costs €5.\n".encode("cp1252")
    src = read_source(write(tmp_path, "w.txt", data))
    assert src.text == "He said “60 km” – costs €5.\n"
    assert src.encoding == "cp1252"
    assert "Windows-1252" in src.note
    assert encode_like(src, src.text) == data


def test_fix_that_the_encoding_cannot_hold_is_refused(tmp_path):
    src = read_source(write(tmp_path, "l1.txt", "café\n".encode("latin-1")))
    with pytest.raises(SourceError) as caught:
        encode_like(src, "café ≈ 5\n")
    assert "U+2248" in str(caught.value)
    assert str(caught.value).startswith(src.path + ": ")


def test_empty_file(tmp_path):
    src = read_source(write(tmp_path, "empty.md", b""))
    assert src.text == ""
    assert (src.encoding, src.newline, src.note) == ("utf-8", "\n", None)
    assert encode_like(src, "") == b""


def test_binary_nul_bytes_are_refused(tmp_path):
    data = b"GIF89a" + b"\x00" * 20 + b"text"
    path = write(tmp_path, "image.txt", data)
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert str(caught.value) == f"{path}: not a text file (binary data at byte 6)"
    assert caught.value.path == path


def test_control_character_soup_is_refused(tmp_path):
    data = bytes(range(1, 9)) * 50 + b"some words here"
    with pytest.raises(SourceError, match="not a text file"):
        read_source(write(tmp_path, "blob.txt", data))


def test_a_stray_form_feed_or_escape_is_still_text(tmp_path):
    data = b"Page one.\x0c\nPage two \x1b[1mbold\x1b[0m.\n" + b"Words. " * 20
    assert read_source(write(tmp_path, "ff.txt", data)).text.startswith("Page one.\x0c")


def test_utf8_bom_followed_by_invalid_utf8_is_refused(tmp_path):
    data = codecs.BOM_UTF8 + b"ok \xff bad"
    with pytest.raises(SourceError, match=r"not valid UTF-8 .*offset 6"):
        read_source(write(tmp_path, "bad.txt", data))


def test_file_over_the_size_limit_is_refused_without_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse: takes no disk space

    def no_open(*args, **kwargs):
        raise AssertionError("the file must not be opened")

    monkeypatch.setattr(source_module, "open", no_open, raising=False)
    began = time.perf_counter()
    with pytest.raises(SourceError) as caught:
        read_source(str(path))
    assert time.perf_counter() - began < 1.0
    assert str(caught.value) == (f"{path}: 2.0 GB is over the 10 MB limit (setting max_file_size)")
    assert DEFAULT_MAX_FILE_SIZE == 10 * 1024 * 1024


def test_custom_size_limit(tmp_path):
    path = write(tmp_path, "a.txt", b"x" * 2048)
    assert read_source(path, max_size=2048).text == "x" * 2048
    with pytest.raises(SourceError, match=r"2,049 bytes is over the 2 KB \(2,048 bytes\) limit"):
        read_source(write(tmp_path, "b.txt", b"x" * 2049), max_size=2048)


@pytest.mark.may_skip_in_ci
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "secret.txt", b"hidden")
    os.chmod(path, 0)
    try:
        with pytest.raises(SourceError) as caught:
            read_source(path)
    finally:
        os.chmod(path, 0o644)
    assert str(caught.value) == f"{path}: cannot read: Permission denied"


def test_permission_error_becomes_a_source_error(tmp_path, monkeypatch):
    """The same path as above, reachable when the suite runs as root."""
    path = write(tmp_path, "secret.txt", b"hidden")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(source_module, "open", denied, raising=False)
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert str(caught.value) == f"{path}: cannot read: Permission denied"
    assert caught.value.path == path


def test_source_error_survives_pickling():
    err = pickle.loads(pickle.dumps(SourceError("a.md", "no such file")))
    assert (str(err), err.path, err.reason) == ("a.md: no such file", "a.md", "no such file")


def test_directory_is_refused(tmp_path):
    with pytest.raises(SourceError) as caught:
        read_source(str(tmp_path))
    assert str(caught.value) == f"{tmp_path}: is a directory, not a file"


def test_missing_file(tmp_path):
    path = str(tmp_path / "nope.md")
    with pytest.raises(SourceError, match=r"nope\.md: no such file$"):
        read_source(path)


@pytest.mark.parametrize(
    ("text", "newline"),
    [
        ("a\nb\n", "\n"),
        ("a\r\nb\r\nc\n", "\r\n"),
        ("a\rb\rc\r", "\r"),
        ("no line break", "\n"),
        ("a\nb\r\n", "\n"),
    ],
)
def test_dominant_newline(text, newline):
    assert source_from_text(text).newline == newline


def test_source_from_text_strips_a_leading_bom():
    src = source_from_text("\ufeffHello\r\n", "stdin.md")
    assert src.text == "Hello\r\n"
    assert src.encoding == "utf-8-sig"
    assert src.path == "stdin.md"
    assert encode_like(src, src.text) == codecs.BOM_UTF8 + b"Hello\r\n"
    plain = source_from_text("Hello")
    assert (plain.encoding, plain.path) == ("utf-8", None)
    assert encode_like(plain, "Héllo") == "Héllo".encode()


def test_source_is_immutable():
    src = Source("x", None, "utf-8", "\n")
    with pytest.raises(AttributeError):
        src.text = "y"  # type: ignore[misc]
