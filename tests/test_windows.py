"""Rules scan only the stretches that hold a figure, and find exactly what they found before.

engine/windows.py blanks the paragraphs (for patterns) and clauses (for frames)
without a figure or date token; these tests hold it to the promise that nothing
a rule could match is lost, over the development corpus and over sentences
built to tempt a match across a blanked stretch.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from factlint.api import Options, builtin_rules, check_source
from factlint.engine import windows
from factlint.engine.figures import TOKEN_START
from factlint.engine.runner import DocumentView
from factlint.text.source import read_source, source_from_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc-dev"


def test_a_stretch_without_a_token_is_blanked_and_keeps_its_length_and_line_breaks():
    tagged = f"No figure here. Sold {TOKEN_START}0 cars.\nNone\nhere."
    first, second = tagged.index("Sold"), tagged.index("None")
    blanked = windows.blank_without_figures(tagged, [first, second])
    assert len(blanked) == len(tagged)
    assert blanked[first:second] == tagged[first:second]
    assert set(blanked[:first]) == {windows.FILLER}
    assert blanked[second:].replace(windows.FILLER, "") == "\n"


def test_the_filler_is_no_word_character_and_no_space():
    for pattern in (r"\w", r"\s", r"\b", r"[^\S\n]", r"\p{L}", r"\d", r"\p{Sc}"):
        assert regex.search(pattern, windows.FILLER * 3) is None, pattern


def test_paragraphs_without_figures_are_blanked_whole():
    view = DocumentView.of("Nothing counted here.\n\nThe 60 kilometres took a day.\n\nNor here.")
    paragraphs = view.figured.split("\n\n")
    assert set(paragraphs[0]) == {windows.FILLER}
    assert paragraphs[1] == view.tagged.split("\n\n")[1]
    assert set(paragraphs[2]) == {windows.FILLER}


TEMPTING = (
    # a change's parts in two sentences, the second without a figure: no reading
    "Profits were $11.1bn. They rose sharply from a low base.",
    "Exports fell. Imports rose to 5,200 tonnes from 4,900 tonnes, up 6%.",
    "Shares rose 4%. Nothing else moved. Then they fell 2% to 930p from 950p.",
    "About 300 firefighters were already at the scene.\n\nNobody knew why.\n\n"
    "Another 80 arrived, bringing the number of firefighters there to 400.",
    "Five members - Chile, Peru, Colombia and Ecuador - abstained.",
)


def _findings(text: str, rules) -> list[tuple]:  # noqa: ANN001
    result = check_source(source_from_text(text), Options(rules=rules))
    return [(f.rule, f.line, f.column, f.message, f.fix) for f in result.findings]


def _both_ways(texts, rules) -> tuple[list, list]:  # noqa: ANN001
    windowed = [_findings(text, rules) for text in texts]
    windows.ENABLED = False
    try:
        whole = [_findings(text, rules) for text in texts]
    finally:
        windows.ENABLED = True
    return windowed, whole


def test_sentences_built_to_tempt_a_match_across_a_blank_find_the_same():
    windowed, whole = _both_ways(TEMPTING, builtin_rules())
    assert windowed == whole
    assert any(windowed)  # the built-in rules do read these


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs the shared corpus")
def test_every_fourth_corpus_article_gets_the_same_findings_scanned_in_windows():
    files = sorted(CORPUS.rglob("*.txt"))[::4]
    texts = [read_source(str(path)).text for path in files]
    windowed, whole = _both_ways(texts, builtin_rules())
    assert windowed == whole
    assert sum(map(len, windowed)) > 20


def test_a_slot_never_binds_part_of_a_figure():
    """The token is taken whole: a pattern cannot end a slot inside a figure's digits."""
    from factlint.engine.figures import TOKEN_FILL, TOKEN_PATTERN

    token = TOKEN_START + TOKEN_FILL * 3
    assert regex.fullmatch(TOKEN_PATTERN, token)
    assert regex.fullmatch(f"(?:{TOKEN_PATTERN}){TOKEN_FILL}", token) is None


def test_the_change_frame_reads_only_clauses_with_two_figures():
    """Every built-in rule over the change frame needs two figures (old and new, or a
    percentage and one of them)."""
    from factlint.engine.frames import figure_roles, figures_needed

    framed = [rule for rule in builtin_rules() if rule.frame is not None]
    frame = framed[0].frame
    assert figure_roles(frame) == {"old", "new", "pct", "delta"}
    assert figures_needed(frame, [rule.needs for rule in framed]) == 2


_ONE_FIGURE_FRAME = """
pack: mine
vocabularies:
  rise: [rose, jumped]
frames:
  bump:
    roles: [pct, up]
    cues: ["{up:rise} {pct:number}"]
rules:
  - id: too-steep
    description: a rise of half or more is written out
    severity: warning
    frame: bump
    needs: [pct, up]
    where: pct.percent
    assert: pct < 50
    message: "a rise of {pct}"
    examples: {bad: ["Shares jumped 70% on Monday."], good: ["Shares rose 6% on Monday."]}
"""


def test_a_frame_whose_rule_needs_one_figure_still_reads_a_clause_of_one():
    from factlint.engine.loader import load_rule_text

    rules = load_rule_text(_ONE_FIGURE_FRAME, path="mine.yaml")
    found = _findings("Shares rose 60% on Monday. Nobody knew why.", rules)
    assert [(rule, message) for rule, _line, _col, message, _fix in found] == [
        ("too-steep", "a rise of 60%")
    ]
