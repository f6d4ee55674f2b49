"""Reporters: every format from the same hand-built findings on realistic copy."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from factlint.findings import Finding, Fix, RuleMeta, Span
from factlint.report import FORMATS, render
from factlint.report import sarif as sarif_module
from factlint.report import text as text_module

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

ARTICLE_PATH = "dépêches/mali 2013.txt"
ARTICLE = (
    "Niono is about 350 kilometres (215 miles) northeast of the Malian capital "
    "and 60 kilometres (20 miles) south of Diabaly.\n"
    "\tBenin said it was boosting its troop allotment for Mali to 650 soldiers from 300.\n"
    "Troops 🌍 arrived: 50 Senegalese soldiers took the number of African troops to 150.\n"
)
NOTES_PATH = "notes.txt"
NOTES = "Senegal, Benin and six other west African nations --\nNigeria, Togo and Ghana.\n"
CLEAN_PATH = "clean.txt"
SOURCES = {ARTICLE_PATH: ARTICLE, NOTES_PATH: NOTES, CLEAN_PATH: "Nothing to see.\n"}

RULES = [
    RuleMeta(
        id="unit-conversion",
        description="A measurement converted in brackets must match the original.",
        severity="error",
        help="Converts the first figure and compares it with the one in brackets.",
        bad_examples=("60 kilometres (20 miles)",),
        good_examples=("1,500 kilometres (900 miles)",),
    ),
    RuleMeta(id="stated-change", description="A stated change must agree.", severity="warning"),
    RuleMeta(id="count-total", description="A total must follow.", severity="info"),
    RuleMeta(id="list-count", description="Announced counts match lists.", severity="info"),
]


def span(text: str, needle: str, length: int | None = None) -> Span:
    """Span of ``needle`` in ``text`` with 1-based code-point line/column, end exclusive."""
    start = text.index(needle)
    end = start + (len(needle) if length is None else length)

    def position(offset: int) -> tuple[int, int]:
        before = text[:offset]
        return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1

    (line, column), (end_line, end_column) = position(start), position(end)
    return Span(start, end, line, column, end_line, end_column)


ERROR_SPAN = span(ARTICLE, "20 miles")
ERROR = Finding(
    rule="unit-conversion",
    severity="error",
    message="60 kilometres is about 37 miles, not 20 miles",
    span=ERROR_SPAN,
    path=ARTICLE_PATH,
    fix=Fix(ERROR_SPAN, "37 miles"),
    stated="20 miles",
    expected="37 miles",
)
WARNING = Finding(
    rule="stated-change",
    severity="warning",
    message="650 from 300 is an extra 350",
    span=span(ARTICLE, "650 soldiers from 300"),
    path=ARTICLE_PATH,
    stated="650",
)
INFO = Finding(
    rule="count-total",
    severity="info",
    message="50 of 150 African troops",
    span=span(ARTICLE, "50 Senegalese soldiers"),
    path=ARTICLE_PATH,
    stated="150",
    related=(span(ARTICLE, "150."),),
)
MULTILINE = Finding(
    rule="list-count",
    severity="info",
    message="six announced, three listed",
    span=span(NOTES, "six other west African nations --\nNigeria"),
    path=NOTES_PATH,
    stated="six",
)
FINDINGS = [ERROR, WARNING, INFO, MULTILINE]


def out(fmt: str, findings=FINDINGS, sources=SOURCES, **kw) -> str:
    return render(fmt, findings, rules=RULES, sources=sources, **kw)


def block_of(output: str, header_start: str) -> list[str]:
    """The lines of the text block whose header starts with ``header_start``."""
    blocks = output.split("\n\n")
    (found,) = [b for b in blocks if b.startswith(header_start)]
    return found.split("\n")


# --- text -----------------------------------------------------------------------------------


def test_text_header_source_line_and_fix():
    lines = block_of(out("text"), f"{ARTICLE_PATH}:1:")
    assert lines[0] == (
        f"{ARTICLE_PATH}:{ERROR.line}:{ERROR.column}: error unit-conversion {ERROR.message}"
    )
    assert lines[1] == ARTICLE.splitlines()[0]
    assert lines[2].strip() == "^" * len("20 miles")
    assert lines[2].index("^") == ARTICLE.index("20 miles")
    assert lines[3] == '  fix: replace with "37 miles"'


def test_text_carets_keep_tab_padding():
    lines = block_of(out("text"), f"{ARTICLE_PATH}:2:")
    source, carets = lines[1], lines[2]
    assert source.startswith("\t") and carets.startswith("\t")
    assert carets.expandtabs(8).index("^") == source.expandtabs(8).index("650 soldiers")
    assert carets.count("^") == len("650 soldiers from 300")
    assert not any("fix:" in line for line in lines)


def test_text_carets_count_emoji_as_two_cells():
    lines = block_of(out("text"), f"{ARTICLE_PATH}:3:")
    prefix = "Troops 🌍 arrived: "
    assert lines[1].startswith(prefix)
    # 17 one-cell characters plus the emoji, which a terminal draws two cells wide.
    assert lines[2] == " " * (len(prefix) + 1) + "^" * len("50 Senegalese soldiers")


def test_text_multiline_span_carets_run_to_end_of_first_line():
    lines = block_of(out("text"), f"{NOTES_PATH}:1:")
    first = NOTES.splitlines()[0]
    assert lines[1] == first
    assert lines[2] == " " * first.index("six") + "^" * (len(first) - first.index("six"))


def test_text_blank_line_between_findings_and_summary():
    output = out("text")
    assert output.count("\n\n") == len(FINDINGS)
    files = len(SOURCES)
    fixable = sum(1 for f in FINDINGS if f.fix is not None and f.fix.safe)
    assert output.endswith(
        f"\n4 findings (1 error, 1 warning, 2 info) in 2 files; {files} files checked, "
        f"{fixable} fixable with --fix\n"
    )
    one = out("text", findings=[ERROR])
    assert "\n1 finding (1 error) in 1 file; " in one
    assert out("text", findings=[]) == f"no findings; {files} files checked\n"


def test_text_stdin_missing_source_and_multiline_message():
    finding = Finding("unit-conversion", "error", "first\nsecond", ERROR_SPAN, path=None)
    output = out("text", findings=[finding], sources={})
    header = output.splitlines()[0]
    assert header == f"<stdin>:{ERROR.line}:{ERROR.column}: error unit-conversion first second"
    assert "^" not in output
    piped = out("text", findings=[finding], sources={"-": ARTICLE})
    assert piped.splitlines()[1] == ARTICLE.splitlines()[0]


def test_text_colour_only_when_asked():
    plain = out("text")
    assert "\x1b" not in plain
    coloured = out("text", color=True)
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_text_unsafe_and_empty_fixes_say_so():
    unsafe = Finding(
        "unit-conversion", "error", "m", ERROR_SPAN, ARTICLE_PATH, Fix(ERROR_SPAN, "", safe=False)
    )
    lines = block_of(out("text", findings=[unsafe]), ARTICLE_PATH)
    assert lines[-1].startswith("  fix: delete") and "unsafe" in lines[-1]


def test_caret_line_points_at_empty_span():
    assert text_module.caret_line("abc", 3, 3) == "   ^"


# --- json -----------------------------------------------------------------------------------


def test_json_round_trips_with_documented_keys():
    output = out("json")
    data = json.loads(output)
    assert list(data) == ["version", "findings", "summary", "files", "errors"]
    assert data["files"] == len(SOURCES) and data["errors"] == []
    assert data["version"] == 1
    assert data["summary"] == {"error": 1, "warning": 1, "info": 2}
    assert data["findings"] == [json.loads(json.dumps(f.to_json())) for f in FINDINGS]
    first = data["findings"][0]
    assert (first["line"], first["column"]) == (ERROR.line, ERROR.column)
    assert first["fix"]["replacement"] == "37 miles"
    assert ARTICLE_PATH in output  # non-ASCII written as is, not \u escapes
    assert output.splitlines()[1].startswith('  "version"')
    assert json.loads(out("json", findings=[]))["summary"] == {"error": 0, "warning": 0, "info": 0}


# --- sarif ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid(validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_sarif_validates_against_official_schema(sarif_validator):
    log = json.loads(out("sarif"))
    assert_valid(sarif_validator, log)
    assert log["version"] == "2.1.0" and "$schema" in log
    broken = json.loads(out("sarif"))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert list(sarif_validator.iter_errors(broken))  # the validator does reject bad logs


def test_sarif_driver_rules_and_results(sarif_validator):
    run = json.loads(out("sarif"))["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "factlint" and driver["informationUri"].startswith("https://")
    assert run["columnKind"] == "unicodeCodePoints"
    first = driver["rules"][0]
    assert first["id"] == "unit-conversion"
    assert first["shortDescription"]["text"] == RULES[0].description
    assert first["defaultConfiguration"]["level"] == "error"
    assert "60 kilometres (20 miles)" in first["help"]["text"]
    assert "1,500 kilometres (900 miles)" in first["help"]["text"]
    assert [r["defaultConfiguration"]["level"] for r in driver["rules"][1:3]] == ["warning", "note"]
    results = run["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note", "note"]
    for result, finding in zip(results, FINDINGS, strict=True):
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == finding.rule
        assert result["message"]["text"] == finding.message
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region == {
            "startLine": finding.line,
            "startColumn": finding.column,
            "endLine": finding.end_line,
            "endColumn": finding.end_column,
        }


def test_sarif_uri_is_relative_escaped_and_ascii():
    results = json.loads(out("sarif"))["runs"][0]["results"]
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "d%C3%A9p%C3%AAches/mali%202013.txt"
    assert uri.isascii() and " " not in uri
    windows_style = Finding("count-total", "info", "m", ERROR_SPAN, path="./a b/c.txt")
    log = sarif_module.build([windows_style], rules=RULES, sources={})
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "a%20b/c.txt"


def test_sarif_absolute_path_and_stdin_stay_valid(sarif_validator):
    absolute = Finding("count-total", "info", "m", ERROR_SPAN, path="/srv/copy/é.txt")
    piped = Finding("count-total", "info", "m", ERROR_SPAN, path=None)
    log = json.loads(out("sarif", findings=[absolute, piped]))
    assert_valid(sarif_validator, log)
    locations = [r["locations"][0]["physicalLocation"] for r in log["runs"][0]["results"]]
    assert locations[0]["artifactLocation"]["uri"] == "file:///srv/copy/%C3%A9.txt"
    assert "uri" not in locations[1]["artifactLocation"]


def test_sarif_fix_is_a_replacement():
    result = json.loads(out("sarif"))["runs"][0]["results"][0]
    (fix,) = result["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"].endswith("mali%202013.txt")
    (replacement,) = change["replacements"]
    assert replacement["insertedContent"]["text"] == "37 miles"
    assert replacement["deletedRegion"]["startColumn"] == ERROR.column
    assert replacement["deletedRegion"]["endColumn"] == ERROR.column + len("20 miles")
    later = json.loads(out("sarif"))["runs"][0]["results"][1:]
    assert all("fixes" not in r for r in later)


def test_sarif_fingerprint_survives_edits_elsewhere():
    def fingerprint(text: str, stated: str = "20 miles") -> str:
        finding = Finding(
            "unit-conversion", "error", "m", span(text, "20 miles"), "a.txt", stated=stated
        )
        log = sarif_module.build([finding], rules=RULES, sources={"a.txt": text})
        return log["runs"][0]["results"][0]["partialFingerprints"][sarif_module.FINGERPRINT_KEY]

    line = "and 60 kilometres (20 miles) south of Diabaly.\n"
    original = fingerprint("Intro.\n" + line)
    assert fingerprint("A new lead paragraph.\n\nIntro.\n" + line) == original
    assert fingerprint("Intro.\n" + line.replace("south", "north")) != original
    assert fingerprint("Intro.\n" + line, stated="20 mi") != original


def test_sarif_identical_lines_get_distinct_fingerprints():
    text = "60 km (20 miles)\n60 km (20 miles)\n"
    second = text.index("20 miles", 5)
    first_span = span(text, "20 miles")
    second_span = Span(second, second + 8, 2, first_span.column, 2, first_span.end_column)
    findings = [
        Finding("unit-conversion", "error", "m", first_span, "a.txt", stated="20 miles"),
        Finding("unit-conversion", "error", "m", second_span, "a.txt", stated="20 miles"),
    ]
    results = sarif_module.build(findings, rules=RULES, sources={"a.txt": text})["runs"][0][
        "results"
    ]
    prints = [r["partialFingerprints"][sarif_module.FINGERPRINT_KEY] for r in results]
    assert prints[0] != prints[1]


def test_sarif_rule_missing_from_rules_is_added(sarif_validator):
    stray = Finding("no-such-rule", "warning", "m", ERROR_SPAN, ARTICLE_PATH)
    log = json.loads(render("sarif", [stray], rules=[], sources={}))
    assert_valid(sarif_validator, log)
    run = log["runs"][0]
    assert run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"]]["id"] == "no-such-rule"


# --- github ---------------------------------------------------------------------------------


def test_github_commands_per_severity():
    lines = out("github").splitlines()
    assert len(lines) == len(FINDINGS)
    assert [line.split(" ", 1)[0] for line in lines] == [
        "::error",
        "::warning",
        "::notice",
        "::notice",
    ]
    assert lines[0] == (
        f"::error file={ARTICLE_PATH},line={ERROR.line},col={ERROR.column},"
        f"endLine={ERROR.end_line},endColumn={ERROR.end_column},"
        f"title=unit-conversion::{ERROR.message}"
    )


def test_github_escapes_message_and_properties():
    finding = Finding(
        "rule:x,y",
        "warning",
        "100% sure, see: line one\r\nline two",
        ERROR_SPAN,
        path="desk,copy/a:b.txt",
    )
    (line,) = out("github", findings=[finding]).splitlines()
    props, message = line[len("::warning ") :].split("::", 1)
    assert message == "100%25 sure, see: line one%0D%0Aline two"
    assert "file=desk%2Ccopy/a%3Ab.txt," in props
    assert props.endswith(",title=rule%3Ax%2Cy")
    assert len(props.split(",")) == 6


def test_github_stdin_has_no_file():
    finding = Finding("count-total", "info", "m", ERROR_SPAN, path=None)
    line = out("github", findings=[finding])
    assert line.startswith("::notice line=") and "file=" not in line
    assert out("github", findings=[]) == ""


# --- junit ----------------------------------------------------------------------------------


def test_junit_parses_with_right_counts():
    root = ET.fromstring(out("junit"))
    suites = root.findall("testsuite")
    assert len(suites) == 1 and suites[0].get("name") == "factlint"
    suite = suites[0]
    cases = suite.findall("testcase")
    assert sorted(c.get("name") for c in cases) == sorted(SOURCES)
    assert suite.get("tests") == str(len(SOURCES))
    assert suite.get("failures") == "2"  # files with findings
    failures = {c.get("name"): c.findall("failure") for c in cases}
    assert len(failures[ARTICLE_PATH]) == 3
    assert len(failures[NOTES_PATH]) == 1
    assert failures[CLEAN_PATH] == []
    first = failures[ARTICLE_PATH][0]
    assert first.get("type") == "unit-conversion"
    assert first.get("message") == ERROR.message
    assert f":{ERROR.line}:{ERROR.column}: error" in first.text


def test_junit_survives_markup_and_control_characters():
    finding = Finding("count-total", "info", 'a <b> & "c" \x0c end', ERROR_SPAN, path="<odd>.txt")
    root = ET.fromstring(out("junit", findings=[finding], sources={}))
    (case,) = root.iter("testcase")
    assert case.get("name") == "<odd>.txt"
    assert case.find("failure").get("message").startswith('a <b> & "c" ')


# --- rdjson ---------------------------------------------------------------------------------


def test_rdjson_structure():
    data = json.loads(out("rdjson"))
    assert data["source"]["name"] == "factlint"
    assert data["severity"] == "ERROR"
    diagnostics = data["diagnostics"]
    assert [d["severity"] for d in diagnostics] == ["ERROR", "WARNING", "INFO", "INFO"]
    assert [d["code"]["value"] for d in diagnostics] == [f.rule for f in FINDINGS]
    first = diagnostics[0]
    assert first["message"] == ERROR.message
    assert first["location"]["path"] == ARTICLE_PATH
    assert first["location"]["range"] == {
        "start": {"line": ERROR.line, "column": ERROR.column},
        "end": {"line": ERROR.end_line, "column": ERROR.end_column},
    }
    (suggestion,) = first["suggestions"]
    assert suggestion["text"] == "37 miles"
    assert suggestion["range"] == first["location"]["range"]
    assert "suggestions" not in diagnostics[1]


def test_rdjson_columns_are_utf8_bytes_end_exclusive():
    diagnostic = json.loads(out("rdjson"))["diagnostics"][2]
    line = ARTICLE.splitlines()[2]
    prefix = line[: line.index("50 Senegalese")]
    start = diagnostic["location"]["range"]["start"]["column"]
    end = diagnostic["location"]["range"]["end"]["column"]
    assert start == len(prefix.encode("utf-8")) + 1
    assert start == INFO.column + 3  # the emoji is one character but four bytes
    assert end - start == len("50 Senegalese soldiers")


def test_rdjson_stdin_and_empty():
    finding = Finding("count-total", "info", "m", ERROR_SPAN, path=None)
    data = json.loads(out("rdjson", findings=[finding], sources={}))
    assert "path" not in data["diagnostics"][0]["location"]
    assert data["diagnostics"][0]["location"]["range"]["start"]["column"] == ERROR.column
    assert json.loads(out("rdjson", findings=[]))["diagnostics"] == []


# --- dispatch -------------------------------------------------------------------------------


def test_formats_and_dispatch():
    assert set(FORMATS) == {
        "text",
        "concise",
        "json",
        "sarif",
        "github",
        "gitlab",
        "junit",
        "rdjson",
    }
    for name, renderer in FORMATS.items():
        assert render(name, FINDINGS, rules=RULES, sources=SOURCES) == renderer(
            FINDINGS, rules=RULES, sources=SOURCES
        )
    with pytest.raises(ValueError, match="sarif"):
        render("yaml", FINDINGS, rules=RULES, sources=SOURCES)
