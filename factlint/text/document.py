"""The prose view of a source, with every offset unchanged.

Rules are regexes over sentences; they must neither match inside code, URLs or
front matter nor miss a claim because the writer's editor wrapped it across
lines or inside a block quote. So instead of extracting prose fragments (and
then mapping fragment offsets back), `Document.prose` is a mask of the text:
the same length, the same offsets, with markup replaced by spaces and line
breaks inside a paragraph replaced by spaces. A finding's offsets are source
offsets by construction, and line/column positions are computed from them only
at output time.

The Markdown reading is a line-based approximation of CommonMark + GFM tables,
tuned to be fast and to fail towards keeping text as prose.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from factlint.text.source import Source

FORMATS = ("markdown", "text")
# Real front matter nests two or three levels; see _too_deep_yaml for why there is a cap.
MAX_FRONT_MATTER_DEPTH = 50
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment (Markdown) or a directive line (plain text), for suppressions.

    start/end cover the whole comment in the source; body is the inner text, stripped.
    """

    start: int
    end: int
    body: str


@dataclass(slots=True)
class Document:
    source: Source
    format: str
    prose: str
    metadata: dict[str, Any]
    comments: list[Comment]
    metadata_error: str | None = None
    _line_starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _paragraphs: list[tuple[int, int]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def text(self) -> str:
        return self.source.text

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) as an editor shows it; columns count code points."""
        starts = self._starts(offset)
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def utf16_position(self, offset: int) -> tuple[int, int]:
        """0-based (line, character) in UTF-16 code units, as LSP counts them."""
        starts = self._starts(offset)
        index = bisect_right(starts, offset) - 1
        return index, _utf16_len(self.source.text[starts[index] : offset])

    def offset_of(self, line: int, column: int) -> int:
        """Inverse of position(); raises ValueError for a position not in the text."""
        starts = self._starts(0)
        if not 1 <= line <= len(starts):
            raise ValueError(f"line {line} is outside 1..{len(starts)}")
        start = starts[line - 1]
        last = starts[line] - 1 if line < len(starts) else len(self.source.text)
        if not 1 <= column <= last - start + 1:
            raise ValueError(f"column {column} is outside 1..{last - start + 1} on line {line}")
        return start + column - 1

    def offset_of_utf16(self, line: int, character: int) -> int:
        """Inverse of utf16_position(), clamping like LSP.

        A line past the end means the end of the text; a character past the end of
        the line means the end of that line (before its line break); a character
        in the middle of a surrogate pair means the start of that character.
        """
        text = self.source.text
        starts = self._starts(0)
        if line < 0 or character < 0:
            raise ValueError("LSP positions are not negative")
        if line >= len(starts):
            return len(text)
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(text)
        content = text[start:end].rstrip("\r\n")
        if content.isascii():
            return start + min(character, len(content))
        units = 0
        for index, char in enumerate(content):
            units += 2 if ord(char) > 0xFFFF else 1
            if units > character:
                return start + index
        return start + len(content)

    def paragraphs(self) -> list[tuple[int, int]]:
        """[start, end) of each prose paragraph, trimmed of surrounding blanks."""
        if self._paragraphs is None:
            self._paragraphs = [m.span() for m in _PARAGRAPH.finditer(self.prose)]
        return self._paragraphs

    def _starts(self, offset: int) -> list[int]:
        if not 0 <= offset <= len(self.source.text):
            raise ValueError(f"offset {offset} is outside 0..{len(self.source.text)}")
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in _LINE_BREAK.finditer(self.source.text))]
        return self._line_starts


def parse_document(source: Source, format: str | None = None) -> Document:
    """Build the prose view, metadata and comments of a source.

    Without an explicit format, a Markdown file name or a front-matter block at
    the top makes it Markdown; anything else is plain text.
    """
    text = source.text
    front = _front_matter(text)
    if format is None:
        is_md = source.path is not None and source.path.lower().endswith(MARKDOWN_SUFFIXES)
        format = "markdown" if is_md or front is not None else "text"
    elif format not in FORMATS:
        raise ValueError(f"unknown document format {format!r}; expected one of {FORMATS}")
    comments: list[Comment] = []
    metadata: dict[str, Any] = {}
    error = None
    if format == "markdown":
        if front is not None:
            metadata, error = _load_front_matter(text, front)
        prose = _markdown_prose(text, front[3] if front else 0, comments)
    else:
        prose = _plain_prose(text, comments)
    comments.sort(key=lambda c: c.start)
    return Document(source, format, prose, metadata, comments, error)


# ---------------------------------------------------------------- shared pieces

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINE_SPLIT = re.compile(r"(\r\n|\r|\n)")
_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?")
_NOT_NEWLINE = re.compile(r"[^\n]")
# Separator replacements: (paragraph break, joined).
_SEPARATORS = {"\n": ("\n", " "), "\r\n": ("\n\n", "  "), "\r": ("\n", " "), "": ("", "")}

_BLANK, _TEXT, _OTHER, _CODE = range(4)

_URL = r"(?<![\w/@.\-])(?:[hH][tT][tT][pP][sS]?://|[wW][wW][wW]\.)[^\s<>]+"
_URL_RE = re.compile(_URL)
_URL_HINTS = ("://", "www.", "WWW.", "Www.")
_URL_TRAILING = ".,:;!?'\"*_~”’»"
_URL_OPENERS = {")": "(", "]": "["}


def _utf16_len(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _blank(text: str) -> str:
    """Spaces for every character but "\\n", which keeps marking a paragraph break."""
    if "\n" in text:
        return _NOT_NEWLINE.sub(" ", text)
    return " " * len(text)


def _split_lines(text: str) -> tuple[list[str], list[str], list[int]]:
    parts = _LINE_SPLIT.split(text)
    contents = parts[0::2]
    seps = parts[1::2]
    seps.append("")
    starts = []
    offset = 0
    for content, sep in zip(contents, seps, strict=True):
        starts.append(offset)
        offset += len(content) + len(sep)
    return contents, seps, starts


def _join(contents: list[str], seps: list[str], joined: list[bool]) -> str:
    pieces = []
    for content, sep, join in zip(contents, seps, joined, strict=True):
        pieces.append(content)
        pieces.append(_SEPARATORS[sep][join])
    return "".join(pieces)


def _blank_urls(prose: str) -> str:
    # Substring tests are much faster than the pattern's scan, and most texts have no URL.
    if not any(hint in prose for hint in _URL_HINTS):
        return prose
    return _URL_RE.sub(_blank_url, prose)


def _blank_url(match: re.Match[str]) -> str:
    url = match.group()
    core = _trim_url(url)
    return " " * len(core) + url[len(core) :]


def _trim_url(url: str) -> str:
    """Leave trailing punctuation and an unbalanced closing bracket to the prose."""
    while url:
        last = url[-1]
        opener = _URL_OPENERS.get(last)
        if last in _URL_TRAILING or (opener and url.count(last) > url.count(opener)):
            url = url[:-1]
        else:
            break
    return url


# ---------------------------------------------------------------- plain text

_SENTENCE_END = frozenset(".!?:…\"'”’»")
_QUOTES = frozenset("\"'”’»")
_DIRECTIVE = re.compile(r"factlint-(?:disable-next-line|disable|enable)(?![\w-])")


def _ends_sentence(line: str) -> bool:
    line = line.rstrip()
    last = line[-1:]
    if last in _SENTENCE_END:
        return True
    if last in (")", "]"):  # "... (as reported.)"
        before = line[-2:-1]
        if before in _QUOTES:
            before = line[-3:-2]
        return before in (".", "!", "?", "…")
    return False


def _directive(line: str) -> str | None:
    """The body of a whole-line "<!-- factlint-... -->" or "[factlint-...]", else None.

    Slicing instead of one regex: a lazy body followed by optional whitespace
    is quadratic on a long line of spaces.
    """
    if line.startswith("<!--") and line.endswith("-->") and len(line) >= 7:
        body = line[4:-3].strip()
    elif line.startswith("[") and line.endswith("]"):
        body = line[1:-1].strip()
        if "[" in body or "]" in body:
            return None
    else:
        return None
    return body if _DIRECTIVE.match(body) else None


def _plain_prose(text: str, comments: list[Comment]) -> str:
    """One paragraph per blank-line block, or per line where lines end sentences."""
    contents, seps, starts = _split_lines(text)
    count = len(contents)
    kinds = [_TEXT] * count
    for index, content in enumerate(contents):
        stripped = content.strip()
        if not stripped:
            kinds[index] = _BLANK
        elif stripped[0] in "<[":
            body = _directive(stripped)
            if body is not None:
                begin = starts[index] + len(content) - len(content.lstrip())
                comments.append(Comment(begin, begin + len(stripped), body))
                contents[index] = " " * len(content)
                kinds[index] = _OTHER
    joined = [
        kinds[i] == _TEXT
        and i + 1 < count
        and kinds[i + 1] == _TEXT
        and not _ends_sentence(contents[i])
        for i in range(count)
    ]
    prose = _join(contents, seps, joined)
    return _blank_urls(prose)


# ---------------------------------------------------------------- front matter

_FRONT_OPEN = re.compile(r"(---|\+\+\+)[ \t]*(\r\n|\r|\n)")
_YAML_CLOSE = re.compile(r"(\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?=[\r\n]|\Z)")
_TOML_CLOSE = re.compile(r"(\r\n|\r|\n)\+\+\+[ \t]*(?=[\r\n]|\Z)")
_TOML_LINE = re.compile(r"line (\d+)")


def _front_matter(text: str) -> tuple[str, int, int, int] | None:
    """(kind, body start, body end, block end) of a closed block at the very top."""
    opened = _FRONT_OPEN.match(text)
    if opened is None:
        return None
    kind = "yaml" if opened.group(1) == "---" else "toml"
    closer = _YAML_CLOSE if kind == "yaml" else _TOML_CLOSE
    closed = closer.search(text, opened.start(2))
    if closed is None:
        return None
    body_start = opened.end()
    # The body keeps its last line break, so parsers see complete lines.
    return kind, body_start, max(body_start, closed.end(1)), closed.end()


def _load_front_matter(
    text: str, front: tuple[str, int, int, int]
) -> tuple[dict[str, Any], str | None]:
    """Parse the block; broken metadata is reported, never fatal."""
    kind, start, end, _ = front
    body = text[start:end]
    first_line = 2  # the body starts on the line after the opening delimiter
    try:
        if kind == "toml":
            import tomllib

            try:
                data = tomllib.loads(body)
            except tomllib.TOMLDecodeError as err:
                message = _TOML_LINE.sub(
                    lambda m: f"line {int(m.group(1)) + first_line - 1}", str(err)
                )
                return {}, f"front matter: {message}"
        else:
            import yaml

            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            try:
                deep = _too_deep_yaml(yaml, body, loader)
                if deep is not None:
                    return {}, (
                        f"front matter line {first_line + deep}: nested deeper than "
                        f"{MAX_FRONT_MATTER_DEPTH} levels"
                    )
                data = yaml.load(body, Loader=loader)  # noqa: S506 - a safe loader
            except yaml.MarkedYAMLError as err:
                mark = err.problem_mark or err.context_mark
                line = first_line + mark.line if mark is not None else first_line
                message = f"front matter line {line}: {err.problem or err.context or err}"
                if err.problem and err.context and err.context_mark is not None:
                    # "did not find expected ']'" is found at the end; say where it began.
                    began = first_line + err.context_mark.line
                    message += f" ({err.context} from line {began})"
                return {}, message
            except yaml.YAMLError as err:
                return {}, f"front matter: {err}"
    except (ValueError, TypeError, RecursionError) as err:  # e.g. "date: 2013-02-30"
        return {}, f"front matter (line {first_line} on): {err}"
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, f"front matter line {first_line}: expected a mapping, got {type(data).__name__}"
    return data, None


def _too_deep_yaml(yaml: Any, body: str, loader: Any) -> int | None:
    """0-based line where nesting passes the limit, or None.

    libyaml's parser is a state machine, but PyYAML's C composer recurses per
    level and crashes the whole process (SIGSEGV) somewhere past a few thousand
    levels: "[" * 30000 in an article header must not take down the service.
    Walking the events first is cheap next to building the nodes.
    """
    depth = 0
    for event in yaml.parse(body, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_FRONT_MATTER_DEPTH:
                return event.start_mark.line if event.start_mark is not None else 0
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


# ---------------------------------------------------------------- Markdown blocks

_QUOTE = re.compile(r"(?:[ ]{0,3}>[ \t]?)+")
_THEMATIC = re.compile(r"[ ]{0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$")
_SETEXT = re.compile(r"[ ]{0,3}(?:=+|-+)[ \t]*$")
_FENCE_OPEN = re.compile(r"[ \t]*(`{3,}|~{3,})(.*)$")
_FENCE_CLOSE = re.compile(r"[ \t]*(`{3,}|~{3,})[ \t]*$")
_ATX = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_LIST = re.compile(r"[ \t]*(?:[-*+]|(\d{1,9})[.)])(?:([ \t]+)|$)")
_REFDEF = re.compile(
    r"[ ]{0,3}\[(?!\^)(?:[^\[\]\\]|\\.)+\]:[ \t]*(?:<[^<>]*>|\S+)"
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*$"
)
_TABLE_DELIM = re.compile(
    r"[ \t]*(?=[^|]*\|)\|?(?:[ \t]*:?-+:?[ \t]*\|)*[ \t]*:?-+:?[ \t]*\|?[ \t]*$"
)
_PIPE = re.compile(r"(?<!\\)\|")
_RAW_OPEN = re.compile(r"<(script|style|pre|textarea)(?=[\s>]|$)", re.IGNORECASE)
# Block-level HTML starts a new paragraph (CommonMark HTML blocks of type 6).
_BLOCK_TAG = re.compile(
    r"[ ]{0,3}</?(?:address|article|aside|blockquote|details|div|dl|dd|dt|figcaption|figure"
    r"|footer|h[1-6]|header|hr|li|main|nav|ol|p|section|summary|table|tbody|td|tfoot|th"
    r"|thead|tr|ul)(?=[\s/>]|$)",
    re.IGNORECASE,
)


def _indent_width(text: str) -> int:
    lead = len(text) - len(text.lstrip(" \t"))
    return len(text[:lead].expandtabs(4))


def _markdown_prose(text: str, front_end: int, comments: list[Comment]) -> str:
    contents, seps, starts = _split_lines(text)
    count = len(contents)
    out = list(contents)
    kinds = [_OTHER] * count
    new_block = [False] * count
    fence: tuple[str, int, int] | None = None  # (char, length, quote depth)
    raw_end = 0  # end offset of a block comment or raw HTML block
    in_list = False
    table_depth = -1  # quote depth of the table being read, -1 for none
    delimiter_row = -1
    prev_kind, prev_depth = _BLANK, 0

    for i in range(count):
        content, start = contents[i], starts[i]
        if start < front_end:
            out[i] = " " * len(content)
            prev_kind = _OTHER
            continue
        if start < raw_end:
            cut = raw_end - start
            out[i] = " " * len(content) if cut >= len(content) else " " * cut + content[cut:]
            prev_kind = _OTHER
            continue
        quote = _QUOTE.match(content)
        q = quote.end() if quote else 0
        depth = content.count(">", 0, q)
        if fence is not None:
            char, length, fence_depth = fence
            if fence_depth and depth < fence_depth:
                fence = None  # the container ended, and the fence with it
            else:
                close = _FENCE_CLOSE.match(content, q if fence_depth else 0)
                if close and close.group(1)[0] == char and len(close.group(1)) >= length:
                    fence = None
                out[i] = " " * len(content)
                prev_kind = _OTHER
                continue
        rest = content[q:]
        if i == delimiter_row:
            out[i] = " " * len(content)
            prev_kind, prev_depth = _OTHER, depth
            continue
        if not rest.strip():
            out[i] = " " * len(content)
            kinds[i] = _BLANK
            table_depth = -1
            prev_kind = _BLANK
            continue
        width = _indent_width(rest)
        item = _LIST.match(rest)
        if item is not None and prev_kind == _TEXT and not in_list:
            # Only "1." and non-empty items may start a list inside a paragraph.
            number = item.group(1)
            if item.group(2) is None or (number is not None and number != "1"):
                item = None
        if item is not None and width > 3 and not in_list:
            item = None
        if width == 0 and item is None and prev_kind != _TEXT:
            in_list = False
        opening = _FENCE_OPEN.match(rest) if width <= 3 or in_list else None
        if opening is not None and opening.group(1)[0] == "`" and "`" in opening.group(2):
            opening = None  # "```code```" is an inline code span, not a fence
        blank_prefix = " " * q
        is_row = False
        kind = _OTHER
        starts_block = depth > prev_depth

        if width >= 4 and prev_kind != _TEXT and not in_list:
            out[i] = " " * len(content)  # indented code
            kind = _CODE
        elif _THEMATIC.match(rest) or (prev_kind == _TEXT and _SETEXT.match(rest)):
            out[i] = " " * len(content)
        elif opening is not None:
            fence = (opening.group(1)[0], len(opening.group(1)), depth)
            out[i] = " " * len(content)
        elif width <= 3 and (heading := _ATX.match(rest)):
            body = rest[heading.end() :]
            closing = _ATX_CLOSE.search(body)
            if closing is not None:
                body = body[: closing.start()] + " " * (len(body) - closing.start())
            out[i] = blank_prefix + " " * heading.end() + body
        elif width <= 3 and rest.lstrip().startswith("<") and _raw_block(rest.lstrip()):
            begin = start + q + len(rest) - len(rest.lstrip())
            raw_end = _raw_block_end(text, begin, comments)
            cut = raw_end - start
            out[i] = " " * len(content) if cut >= len(content) else " " * cut + content[cut:]
        elif width <= 3 and rest.lstrip().startswith("[") and _REFDEF.match(rest):
            out[i] = " " * len(content)
        elif "|" in rest and (
            table_depth == depth or (i + 1 < count and _is_delimiter_row(contents[i + 1], depth))
        ):
            if table_depth != depth:
                table_depth, delimiter_row = depth, i + 1
            is_row = True
            out[i] = blank_prefix + _PIPE.sub(" ", rest)
        elif item is not None:
            in_list = True
            kind, starts_block = _TEXT, True
            out[i] = blank_prefix + " " * item.end() + rest[item.end() :]
        else:
            kind = _TEXT
            starts_block = starts_block or ("<" in rest[:4] and _BLOCK_TAG.match(rest) is not None)
            if q:
                out[i] = blank_prefix + rest
        if not is_row:
            table_depth = -1
        kinds[i], new_block[i] = kind, starts_block
        prev_kind, prev_depth = kind, depth

    joined = [
        kinds[i] == _TEXT and i + 1 < count and kinds[i + 1] == _TEXT and not new_block[i + 1]
        for i in range(count)
    ]
    for i in range(count):
        if joined[i] and out[i].endswith("\\"):
            out[i] = out[i][:-1] + " "  # a backslash hard line break is markup
    return _inline_markdown(_join(out, seps, joined), text, comments)


def _is_delimiter_row(line: str, depth: int) -> bool:
    quote = _QUOTE.match(line)
    q = quote.end() if quote else 0
    return line.count(">", 0, q) == depth and _TABLE_DELIM.match(line, q) is not None


def _raw_block(line: str) -> bool:
    return line.startswith("<!--") or _RAW_OPEN.match(line) is not None


def _raw_block_end(text: str, begin: int, comments: list[Comment]) -> int:
    """End offset of a block-level comment or script/style/pre block starting at `begin`.

    Like CommonMark, an unclosed one runs to the end of the document.
    """
    if text.startswith("<!--", begin):
        close = text.find("-->", begin + 4)
        if close < 0:
            return len(text)
        comments.append(Comment(begin, close + 3, text[begin + 4 : close].strip()))
        return close + 3
    opening = _RAW_OPEN.match(text, begin)
    assert opening is not None
    closing = re.compile(rf"</{opening.group(1)}\s*>", re.IGNORECASE).search(text, opening.end())
    return len(text) if closing is None else closing.end()


# ---------------------------------------------------------------- Markdown inlines

# Every pattern here stops at a bracket, a quote, whitespace or a paragraph break,
# and link text is capped, so no input makes the scan quadratic. Code spans and
# comments, which may run far, are found by _blank_code_and_comments instead.
_INLINE = re.compile(
    r"""
    (?=[<!\[])  # cheap first-character test: most positions start nothing
    (?:
    (?P<autolink><(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*
        |[\w.!\#$%&'*+/=?^`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?)>)
  | (?P<tag></?[A-Za-z][A-Za-z0-9\-]*
        (?:\s+[A-Za-z_:][\w.:\-]*(?:\s*=\s*(?:"[^"\n]*"|'[^'\n]*'|[^\s"'=<>`]+))?)*\s*/?>)
  | (?P<link>(?<!\\)!?\[(?P<ltext>(?:[^\[\]\n\\]|\\.|\[(?:[^\[\]\n\\]|\\.)*\]){0,999})\]
        (?:\([ \t]*(?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)
              (?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\)
          |\[[^\[\]\n]*\]))
    )
    """,
    re.VERBOSE,
)
_CODE_OR_COMMENT = re.compile(r"`+|<!--")
_DELIMITER_RUN = re.compile(r"\*+|_+")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _inline_markdown(prose: str, text: str, comments: list[Comment]) -> str:
    # Link targets and autolinks go first, so that only bare URLs are left for the URL pass.
    if "`" in prose or "<!--" in prose:
        prose = _blank_code_and_comments(prose, text, comments)
    prose = _blank_urls(_blank_inlines(prose))
    if "*" in prose or "_" in prose:
        prose = _blank_emphasis(prose)
    if "\\" in prose:
        prose = _ESCAPE.sub(" ", prose)
    return prose


def _is_punctuation(char: str) -> bool:
    if char.isascii():
        return char in _ASCII_PUNCTUATION
    return unicodedata.category(char)[0] in "PS"


def _blank_emphasis(prose: str) -> str:
    """Pair * and _ delimiter runs with CommonMark's flanking rules; blank the pairs.

    A stack per delimiter character keeps this linear: a pairing regex is
    quadratic on a paragraph full of unpaired asterisks, which untrusted input
    to the HTTP service may well be. Unpaired markers ("5 * 3", a footnote "*")
    stay as they are.
    """
    blanks: list[tuple[int, int]] = []
    stacks: dict[str, list[list[int]]] = {"*": [], "_": []}
    last_end = 0
    for run in _DELIMITER_RUN.finditer(prose):
        start, end = run.span()
        if prose.find("\n", last_end, start) >= 0:  # emphasis never crosses paragraphs
            stacks["*"].clear()
            stacks["_"].clear()
        last_end = end
        before = prose[start - 1] if start else " "
        if before == "\\":  # an escaped first marker is literal
            start += 1
            if start == end:
                continue
        after = prose[end] if end < len(prose) else " "
        left = not after.isspace() and (
            not _is_punctuation(after) or before.isspace() or _is_punctuation(before)
        )
        right = not before.isspace() and (
            not _is_punctuation(before) or after.isspace() or _is_punctuation(after)
        )
        char = prose[start]
        if char == "_":  # no intraword emphasis: snake_case_name stays
            can_open = left and (not right or _is_punctuation(before))
            can_close = right and (not left or _is_punctuation(after))
        else:
            can_open, can_close = left, right
        stack = stacks[char]
        if can_close:
            while stack and start < end:
                opener = stack[-1]
                used = min(opener[1] - opener[0], end - start)
                blanks.append((opener[1] - used, opener[1]))
                blanks.append((start, start + used))
                opener[1] -= used
                start += used
                if opener[1] == opener[0]:
                    stack.pop()
        if can_open and start < end:
            stack.append([start, end])
    blanks.sort()
    return _apply_blanks(prose, blanks)


def _blank_inlines(prose: str) -> str:
    """Blank tags, autolinks and link targets; keep link text (nested images too)."""

    def replace(match: re.Match[str]) -> str:
        if match.lastgroup == "link":
            inner_start, inner_end = match.span("ltext")
            return (
                " " * (inner_start - match.start())
                + _blank_inlines(match.group("ltext"))
                + _blank(match.string[inner_end : match.end()])
            )
        return _blank(match.group())

    return _INLINE.sub(replace, prose)


def _blank_code_and_comments(prose: str, text: str, comments: list[Comment]) -> str:
    """Blank code spans and inline HTML comments in one left-to-right pass.

    Whichever starts first wins, as in CommonMark, so a comment shown inside a
    code span is not a suppression. Each search resumes where the previous one
    stopped, which keeps this linear even for a paragraph of unmatched
    backticks or "<!--" that a regex would rescan from every opener.
    """
    tokens = [m.span() for m in _CODE_OR_COMMENT.finditer(prose)]
    runs_by_length: dict[int, list[int]] = {}
    for start, end in tokens:
        if prose[start] == "`":
            runs_by_length.setdefault(end - start, []).append(start)
    pointers = dict.fromkeys(runs_by_length, 0)
    blanks: list[tuple[int, int]] = []
    cursor = 0  # everything before it is already inside a span
    next_break = -1  # cached position of the next "\n" at or after a query
    next_close = -1  # cached position of the next "-->", len(prose) when none is left

    def break_after(position: int) -> int:
        nonlocal next_break
        if next_break < position:
            found = prose.find("\n", position)
            next_break = len(prose) if found < 0 else found
        return next_break

    for start, end in tokens:
        if start < cursor:
            continue
        if prose[start] == "`":
            if start and prose[start - 1] == "\\":
                continue  # an escaped backtick opens nothing
            length = end - start
            starts = runs_by_length[length]
            index = pointers[length]
            while index < len(starts) and starts[index] <= start:
                index += 1
            pointers[length] = index
            if index < len(starts) and starts[index] < break_after(end):
                cursor = starts[index] + length
                blanks.append((start, cursor))
        else:
            if next_close < start + 4:
                found = prose.find("-->", start + 4)
                next_close = len(prose) if found < 0 else found
            if next_close < len(prose) and next_close < break_after(start):
                cursor = next_close + 3
                blanks.append((start, cursor))
                comments.append(Comment(start, cursor, text[start + 4 : next_close].strip()))
    return _apply_blanks(prose, blanks)


def _apply_blanks(prose: str, blanks: list[tuple[int, int]]) -> str:
    """Replace sorted, non-overlapping [start, end) ranges by spaces."""
    if not blanks:
        return prose
    pieces = []
    position = 0
    for start, end in blanks:
        pieces.append(prose[position:start])
        pieces.append(" " * (end - start))
        position = end
    pieces.append(prose[position:])
    return "".join(pieces)
