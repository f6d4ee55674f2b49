"""The prose view: same length and offsets as the text, markup blanked, wrapped claims joined."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.text.document import Comment, Document, parse_document
from factlint.text.source import read_source, source_from_text

CLAIM = "60 kilometres (20 miles)"


def md(text: str) -> Document:
    return parse_document(source_from_text(text, "article.md"))


def txt(text: str) -> Document:
    return parse_document(source_from_text(text, "article.txt"))


def squeeze(text: str) -> str:
    return " ".join(text.split())


def claim_span(text: str) -> tuple[int, int]:
    start = text.index("60")
    return start, text.index("miles)", start) + len("miles)")


def check_mask(doc: Document) -> None:
    """Every prose character is the source character, a space, or a paragraph break."""
    text, prose = doc.source.text, doc.prose
    assert len(prose) == len(text)
    assert "\r" not in prose
    for original, seen in zip(text, prose, strict=True):
        if seen == "\n":
            assert original in "\r\n"
        elif original in "\r\n":
            assert seen in " \n"
        else:
            assert seen in (original, " ")


# ---------------------------------------------------------------- positions


def test_positions_after_front_matter():
    text = "---\ntitle: Mali\ndate: 2013-01-21\n---\nKidal lies 60 kilometres (20 miles) away.\n"
    doc = md(text)
    a = text.index("60")
    assert doc.position(a) == (5, 12)
    assert doc.metadata == {"title": "Mali", "date": datetime.date(2013, 1, 21)}
    assert doc.metadata_error is None
    front_end = text.index("Kidal")
    title = text.index("Mali")
    assert doc.prose[:front_end].split() == ["Mali"]  # the title is published copy
    assert doc.prose[title : title + 4] == "Mali"
    assert doc.prose[a : a + len(CLAIM)] == CLAIM
    check_mask(doc)


def test_positions_with_crlf():
    text = "First line.\r\nIt is 60 kilometres\r\n(20 miles) away.\r\n"
    doc = txt(text)
    a, b = claim_span(text)
    assert doc.position(a) == (2, 7)
    assert doc.position(text.index("(20")) == (3, 1)
    assert doc.position(len(text)) == (4, 1)
    assert doc.prose[a:b] == "60 kilometres  (20 miles)"  # the CRLF became two spaces
    assert doc.prose[text.index("\r\nIt") : text.index("It")] == "\n\n"  # a sentence ended
    check_mask(doc)


def test_lone_cr_line_endings():
    text = "One.\rTwo 60 kilometres\r(20 miles).\r"
    doc = txt(text)
    a, b = claim_span(text)
    assert doc.position(a) == (2, 5)
    assert doc.prose[a:b] == "60 kilometres (20 miles)"
    check_mask(doc)


def test_tab_is_one_column():
    text = "\tTotal:\t60 kilometres (20 miles)\n"
    doc = txt(text)
    assert doc.position(text.index("60")) == (1, 9)
    assert doc.utf16_position(text.index("60")) == (0, 8)


def test_utf8_bom_does_not_shift_columns(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf# Title\n\n60 kilometres (20 miles)\n")
    doc = parse_document(read_source(str(path)))
    assert doc.format == "markdown"
    assert doc.position(0) == (1, 1)
    assert doc.source.text[0] == "#"
    a = doc.source.text.index("60")
    assert doc.position(a) == (3, 1)
    assert doc.prose[a : a + len(CLAIM)] == CLAIM


def test_non_ascii_columns_count_code_points_and_utf16_units():
    text = "Café’s — 5\u00a0km 😀 then 60 kilometres (20 miles)\nsecond 😀😀 line 7\n"
    doc = txt(text)
    a = text.index("60")
    prefix = text[:a]
    assert doc.position(a) == (1, len(prefix) + 1)
    # The emoji is one code point but two UTF-16 code units.
    assert doc.utf16_position(a) == (0, len(prefix) + 1)
    seven = text.index("7")
    assert doc.position(seven) == (2, 16)
    assert doc.utf16_position(seven) == (1, 17)
    assert doc.prose[a : a + len(CLAIM)] == CLAIM


def test_offset_of_inverts_position():
    text = "a\r\nbé😀\rc\n\nd"
    doc = txt(text)
    for offset in range(len(text) + 1):
        assert doc.offset_of(*doc.position(offset)) == offset
        if text[offset - 1 : offset + 1] != "\r\n":  # no editor puts a caret inside CRLF
            assert doc.offset_of_utf16(*doc.utf16_position(offset)) == offset
    with pytest.raises(ValueError):
        doc.offset_of(9, 1)
    with pytest.raises(ValueError):
        doc.offset_of(1, 5)
    with pytest.raises(ValueError):
        doc.position(len(text) + 1)
    with pytest.raises(ValueError):
        doc.position(-1)


def test_offset_of_utf16_clamps_like_lsp():
    text = "ab😀c\nxyz"
    doc = txt(text)
    assert doc.offset_of_utf16(0, 99) == text.index("\n")  # past the end of the line
    assert doc.offset_of_utf16(0, 3) == text.index("😀")  # inside the surrogate pair
    assert doc.offset_of_utf16(0, 4) == text.index("c")
    assert doc.offset_of_utf16(7, 0) == len(text)  # past the last line


def test_empty_document():
    doc = txt("")
    assert doc.prose == ""
    assert doc.position(0) == (1, 1)
    assert doc.utf16_position(0) == (0, 0)
    assert doc.paragraphs() == []
    assert md("").prose == ""


# ---------------------------------------------------------------- wrapped claims


def test_hard_wrapped_claim_in_a_block_quote():
    text = "> Kidal is 60 kilometres\n> (20 miles) from the border.\n"
    doc = md(text)
    a, b = claim_span(text)
    assert doc.prose[a:b] == "60 kilometres   (20 miles)"  # newline, ">" and space
    assert squeeze(doc.prose[a:b]) == CLAIM
    assert doc.position(a) == (1, 12)
    assert doc.source.text[a] == "6"
    assert doc.prose[0] == " "  # the marker is not prose
    check_mask(doc)


def test_hard_wrapped_claim_in_a_nested_block_quote():
    text = "> > Kidal is 60 kilometres\n> > (20 miles) away.\n"
    doc = md(text)
    a, b = claim_span(text)
    assert doc.prose[a:b] == "60 kilometres" + " " * 5 + "(20 miles)"
    assert doc.position(a) == (1, 14)


def test_hard_wrapped_claim_in_a_list_item():
    text = "Intro.\n\n- Kidal is 60 kilometres\n  (20 miles) away.\n- Gao is next.\n"
    doc = md(text)
    a, b = claim_span(text)
    assert doc.prose[a:b] == "60 kilometres   (20 miles)"
    assert doc.position(a) == (3, 12)
    item_two = text.index("Gao")
    # The second item is its own paragraph.
    assert doc.prose[item_two - 3 : item_two] == "\n  "
    spans = [doc.prose[s:e] for s, e in doc.paragraphs()]
    assert spans[0] == "Intro."
    assert squeeze(spans[1]) == "Kidal is 60 kilometres (20 miles) away."
    assert spans[2] == "Gao is next."


def test_ordered_list_item_with_crlf():
    text = "1. Kidal is 60 kilometres\r\n   (20 miles) away.\r\n2. Next.\r\n"
    doc = md(text)
    a, b = claim_span(text)
    assert squeeze(doc.prose[a:b]) == CLAIM
    assert doc.prose[:3] == "   "
    assert doc.position(a) == (1, 13)
    check_mask(doc)


def test_plain_text_joins_wrapped_lines_but_keeps_one_paragraph_per_line():
    text = (
        "The militants fled to Kidal, 60 kilometres\n"
        "(20 miles) north.\n"
        "A second paragraph starts here.\n"
        "He said: “It ends here”\n"
        "Third.\n"
    )
    doc = txt(text)
    a, b = claim_span(text)
    assert doc.prose[a:b] == CLAIM
    assert doc.prose[text.index("north.") + 6] == "\n"
    assert doc.prose[text.index("here”") + 5] == "\n"
    paragraphs = [doc.prose[s:e] for s, e in doc.paragraphs()]
    assert paragraphs == [
        "The militants fled to Kidal, 60 kilometres (20 miles) north.",
        "A second paragraph starts here.",
        "He said: “It ends here”",
        "Third.",
    ]


def test_markdown_soft_breaks_always_join_inside_a_paragraph():
    text = "One sentence ends.\nAnother follows 60 kilometres\n(20 miles).\n\nNew paragraph.\n"
    doc = md(text)
    spans = [doc.prose[s:e] for s, e in doc.paragraphs()]
    assert spans == [
        "One sentence ends. Another follows 60 kilometres (20 miles).",
        "New paragraph.",
    ]


def test_headings_are_their_own_paragraph():
    text = "## Kidal, 60 kilometres ##\nBody text (20 miles).\n\nTitle\n=====\nMore.\n"
    doc = md(text)
    spans = [doc.prose[s:e] for s, e in doc.paragraphs()]
    assert spans == ["Kidal, 60 kilometres", "Body text (20 miles).", "Title", "More."]


# ---------------------------------------------------------------- what is not prose


def test_fenced_code_blocks_are_blanked():
    text = (
        "Before 5 km.\n\n```python title=x\nspeed = 60 km\n```\n\n"
        "~~~\n10 miles\n~~~~\nAfter.\n\n> ```\n> 7 km\n> ```\n> Quoted.\n"
    )
    doc = md(text)
    for hidden in ("speed", "60 km", "python", "10 miles", "~~~", "7 km", "```"):
        index = text.index(hidden)
        assert doc.prose[index : index + len(hidden)].strip() == "", hidden
    for shown in ("Before 5 km.", "After.", "Quoted."):
        index = text.index(shown)
        assert doc.prose[index : index + len(shown)] == shown
    check_mask(doc)


def test_unclosed_fence_runs_to_the_end():
    text = "Intro.\n\n```\ncode 5 km\n\nstill code 6 km\n"
    doc = md(text)
    assert doc.prose[text.index("code") :].strip() == ""
    assert doc.prose.startswith("Intro.")


def test_inline_triple_backticks_are_a_code_span_not_a_fence():
    text = "```x = 5 km``` and 6 km.\n"
    doc = md(text)
    assert doc.prose.strip() == "and 6 km."


def test_indented_code_blocks_are_blanked_but_not_in_lists_or_paragraphs():
    text = (
        "Para 1 km.\n\n    code 2 km\n    more 3 km\n\nPara 4 km\n    continued 5 km.\n\n"
        "- item 6 km\n\n    item paragraph 7 km\n"
    )
    doc = md(text)
    for hidden in ("code 2 km", "more 3 km"):
        index = text.index(hidden)
        assert doc.prose[index : index + len(hidden)].strip() == ""
    for shown in ("Para 4 km", "continued 5 km.", "item 6 km", "item paragraph 7 km"):
        index = text.index(shown)
        assert doc.prose[index : index + len(shown)] == shown


def test_inline_code_spans_are_blanked():
    text = "Run `factlint 60 km` or ``a ` tick`` then 20 miles.\n"
    doc = md(text)
    assert squeeze(doc.prose) == "Run or then 20 miles."
    check_mask(doc)


def test_inline_code_span_across_a_soft_break():
    text = "See `code\nspan` here.\n"
    assert squeeze(md(text).prose) == "See here."


def test_urls_are_blanked_in_both_formats():
    text = "See https://example.com/a_(b)_c?x=1, www.bbc.co.uk/news. And (http://x.io/y).\n"
    for doc in (md(text), txt(text)):
        assert squeeze(doc.prose) == "See , . And ( )."
        check_mask(doc)


def test_html_comments_are_blanked_and_recorded():
    text = (
        "Kidal is 60 km <!-- factlint-disable-next-line unit-conversion --> away.\n\n"
        "<!-- editor's note:\n\n12 km here\n-->\n"
        "After the comment.\n"
    )
    doc = md(text)
    assert squeeze(doc.prose) == "Kidal is 60 km away. After the comment."
    assert [c.body for c in doc.comments] == [
        "factlint-disable-next-line unit-conversion",
        "editor's note:\n\n12 km here",
    ]
    for comment in doc.comments:
        assert text[comment.start : comment.start + 4] == "<!--"
        assert text[comment.end - 3 : comment.end] == "-->"
    check_mask(doc)


def test_html_tags_and_autolinks_are_blanked():
    text = 'Line<br>break <span class="x">60 km</span> <https://a.b/c> <me@x.org>.\n'
    doc = md(text)
    assert squeeze(doc.prose) == "Line break 60 km ."


def test_links_keep_their_text_only():
    text = (
        'Kidal is [60 kilometres](https://maps.example/k "map") (20 miles) away; '
        "![a 5 km map](img.png) and [ref text][r1] and [nested ![i](i.png)](u).\n\n"
        "[r1]: https://example.com/ref\n"
    )
    doc = md(text)
    a, b = claim_span(text)
    assert squeeze(doc.prose[a:b]) == "60 kilometres (20 miles)"
    assert squeeze(doc.prose) == (
        "Kidal is 60 kilometres (20 miles) away; a 5 km map and ref text and nested i ."
    )
    ref = text.index("[r1]:")
    assert doc.prose[ref:].strip() == ""


def test_brackets_that_are_not_links_stay():
    text = "He [the minister] said 5 km [sic].\n"
    assert md(text).prose == text


def test_emphasis_markers_are_blanked_but_not_intraword_underscores():
    text = "It is **60 kilometres** (*20 miles*), __bold__ _em_ in snake_case_name, 5 * 3.\n"
    doc = md(text)
    assert squeeze(doc.prose) == (
        "It is 60 kilometres ( 20 miles ), bold em in snake_case_name, 5 * 3."
    )
    a = text.index("60")
    assert doc.prose[a : a + 13] == "60 kilometres"


def test_nested_emphasis():
    assert squeeze(md("**a *b* c** and ***d***\n").prose) == "a b c and d"


def test_table_pipes_and_delimiter_row_are_blanked():
    text = "| Distance | In miles |\n|---|:--:|\n| 60 km | 37 miles |\n\nAfter | pipe.\n"
    doc = md(text)
    spans = [squeeze(doc.prose[s:e]) for s, e in doc.paragraphs()]
    assert spans == ["Distance In miles", "60 km 37 miles", "After | pipe."]


def test_thematic_breaks_and_escapes():
    text = "One.\n\n***\n\nTwo \\*not emphasis\\* 5 km.\n"
    doc = md(text)
    assert squeeze(doc.prose) == "One. Two *not emphasis * 5 km."


def test_toml_front_matter():
    text = '+++\ntitle = "Mali"\ndate = 2013-01-21\n+++\nBody 5 km.\n'
    doc = md(text)
    assert doc.metadata == {"title": "Mali", "date": datetime.date(2013, 1, 21)}
    assert squeeze(doc.prose) == "Body 5 km."


def test_date_string_is_kept_as_given():
    doc = md('---\ndate: "21 January 2013"\n---\nText.\n')
    assert doc.metadata["date"] == "21 January 2013"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # The problem shows at the end of the block; the message also says where it began.
        ("---\ntitle: ok\ndate: [unclosed\n---\nBody.\n", "from line 3"),
        ("---\ntitle: a\n  bad: indent\n---\nBody.\n", "front matter line 3:"),
        ('+++\ntitle = "a"\ndate = \n+++\nBody.\n', "line 3"),
    ],
)
def test_broken_front_matter_is_reported_not_raised(text, where):
    doc = md(text)
    assert doc.metadata == {}
    assert doc.metadata_error is not None
    assert where in doc.metadata_error
    assert squeeze(doc.prose) == "Body."


def test_front_matter_with_impossible_date_and_non_mapping():
    assert md("---\ndate: 2013-02-30\n---\nX.\n").metadata_error is not None
    doc = md("---\n- a\n- b\n---\nX.\n")
    assert doc.metadata == {}
    assert "mapping" in doc.metadata_error


def test_plain_text_keeps_markdown_syntax_as_prose():
    text = "# Not a heading\n> not a quote 60 km\n* star `tick` <b>\n"
    doc = txt(text)
    assert doc.prose == text[:-1].replace("\n", " ") + "\n"  # only the wrapping changes
    assert doc.format == "text"


def test_plain_text_directives_are_comments_and_blanked():
    text = (
        "Kidal is 60 km away.\n"
        "<!-- factlint-disable unit-conversion -->\n"
        "  [factlint-disable-next-line unit-conversion]  \n"
        "Next 5 km.\n"
        "[factlint-enable]\n"
        "[not a directive]\n"
    )
    doc = txt(text)
    assert doc.comments == [
        Comment(text.index("<!--"), text.index("-->") + 3, "factlint-disable unit-conversion"),
        Comment(
            text.index("[factlint-disable-next"),
            text.index("conversion]  ") + len("conversion]"),
            "factlint-disable-next-line unit-conversion",
        ),
        Comment(text.index("[factlint-enable]"), text.index("[not") - 1, "factlint-enable"),
    ]
    assert [doc.prose[s:e] for s, e in doc.paragraphs()] == [
        "Kidal is 60 km away.",
        "Next 5 km.",
        "[not a directive]",
    ]


def test_markdown_directive_comment_works_too():
    doc = md("<!-- factlint-disable -->\nText.\n")
    assert doc.comments == [Comment(0, 25, "factlint-disable")]
    assert doc.prose.strip() == "Text."


def test_later_list_items_start_new_paragraphs_but_a_year_does_not_interrupt():
    doc = md("1) first 5 km\n2) second 6 km\n\nIn 2012 the army\n2013. was the year.\n")
    spans = [doc.prose[s:e] for s, e in doc.paragraphs()]
    assert spans == ["first 5 km", "second 6 km", "In 2012 the army 2013. was the year."]


def test_block_html_starts_a_paragraph_and_tags_are_blanked():
    doc = md("Para one.\n<div class='box'>\nInside 5 km\n</div>\n")
    spans = [squeeze(doc.prose[s:e]) for s, e in doc.paragraphs()]
    assert spans == ["Para one.", "Inside 5 km"]


def test_script_blocks_are_not_prose():
    text = "Before.\n\n<script>\nvar distance = 60;\n</script>\nAfter.\n"
    assert squeeze(md(text).prose) == "Before. After."


def test_backslash_hard_break_is_markup():
    text = "It is 60 kilometres\\\n(20 miles) away.\n"
    doc = md(text)
    a, b = claim_span(text)
    assert squeeze(doc.prose[a:b]) == CLAIM


def test_comment_inside_code_span_is_not_a_suppression():
    doc = md("Write `<!-- factlint-disable -->` to silence it. <!-- real -->\n")
    assert [c.body for c in doc.comments] == ["real"]
    assert squeeze(doc.prose) == "Write to silence it."


def test_deeply_nested_front_matter_is_an_error_not_a_crash():
    # PyYAML's C composer overflows the C stack (SIGSEGV) on a few thousand
    # levels; the guard must refuse long before that.
    doc = md("---\ntitle: x\ntags: " + "[" * 200 + "\n---\nBody.\n")
    assert doc.metadata == {}
    assert "nested deeper" in doc.metadata_error
    assert "line 3" in doc.metadata_error


@pytest.mark.parametrize(
    ("unit", "format"),
    [
        ("*a ", "markdown"),
        ("_a _b ", "markdown"),
        ("`a`` ", "markdown"),
        ("x <!-- a ", "markdown"),
        ("[[a]", "markdown"),
        ("<!-- factlint-disable" + " " * 50, "text"),
    ],
)
def test_pathological_paragraphs_stay_linear(unit, format):
    text = unit * (300_000 // len(unit))  # one paragraph with thousands of openers
    began = time.process_time()
    doc = parse_document(source_from_text(text), format)
    assert len(doc.prose) == len(text)
    assert time.process_time() - began < 3.0  # a quadratic scan takes minutes


# ---------------------------------------------------------------- format and paragraphs


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("a.md", "x", "markdown"),
        ("A.MARKDOWN", "x", "markdown"),
        ("a.mdx", "x", "markdown"),
        ("a.txt", "x", "text"),
        (None, "x", "text"),
        ("a.txt", "---\ntitle: x\n---\nBody", "markdown"),
        (None, "+++\ntitle = 'x'\n+++\nBody", "markdown"),
        (None, "---\nnot closed front matter\n", "text"),
    ],
)
def test_format_detection(path, text, expected):
    assert parse_document(source_from_text(text, path)).format == expected


def test_explicit_format_wins_and_is_checked():
    src = source_from_text("# x `y`\n", "a.md")
    assert parse_document(src, "text").prose == "# x `y`\n"
    with pytest.raises(ValueError):
        parse_document(src, "html")


def test_paragraphs_are_trimmed_spans_of_prose():
    text = "  First para.  \n\n\nSecond\n"
    doc = txt(text)
    assert doc.paragraphs() == [(2, 13), (text.index("Second"), text.index("Second") + 6)]


# ---------------------------------------------------------------- properties

_TOKENS = [
    "a", "60", " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "km", "(20 miles)", "é", "😀", "’",
    "#", "## ", "> ", ">", "- ", "* ", "1. ", "2) ", "+ ", "    ", "*", "**", "_", "__", "`",
    "```", "~~~", "[", "]", "(", ")", "](", "![", "<", ">", "<!--", "-->", "<br>", "</p>",
    "http://x.io/a", "www.b.c", "---", "+++", "===", "|", "|---|", "\\", ":", "[id]: u",
    "factlint-disable", "[factlint-enable]", "\ufeff", "\x00", "\u2028", "<script>", "</script>",
    "<div>", "+++\n", "---\n", "\\\n", "&amp;", "[^1]", "2013. ",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_TOKENS) | st.text(max_size=3), max_size=40).map("".join),
    st.sampled_from(["markdown", "text"]),
)
def test_prose_is_a_same_length_mask_of_the_text(text, format):
    doc = parse_document(source_from_text(text, "x"), format)
    check_mask(doc)
    for comment in doc.comments:
        assert 0 <= comment.start < comment.end <= len(doc.source.text)
    for start, end in doc.paragraphs():
        assert 0 <= start < end <= len(text)
        assert "\n" not in doc.prose[start:end]
    for offset in {0, len(doc.source.text) // 2, len(doc.source.text)}:
        assert doc.offset_of(*doc.position(offset)) == offset


# ---------------------------------------------------------------- speed

CORPUS_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc-dev"
CORPUS = sorted(str(path) for path in CORPUS_DIR.glob("*/*.txt"))


@pytest.mark.skipif(not CORPUS, reason="the BBC development corpus is not available")
def test_corpus_parses_fast_enough():
    sources = [read_source(path) for path in CORPUS]
    size = sum(len(src.text.encode("utf-8")) for src in sources)
    began = time.perf_counter()
    docs = [parse_document(src) for src in sources]
    elapsed = time.perf_counter() - began
    assert all(len(doc.prose) == len(doc.source.text) for doc in docs)
    assert all(doc.paragraphs() for doc in docs)
    # The target is > 20 MB/s; the floor here only catches a pathological slowdown
    # on a busy test machine.
    assert size / 1e6 / elapsed > 5, f"{size / 1e6 / elapsed:.1f} MB/s"
