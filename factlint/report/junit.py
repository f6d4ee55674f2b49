"""JUnit XML, for CI systems that only show test reports.

One ``<testsuite name="factlint">`` (inside ``<testsuites>``) with one
``<testcase>`` per checked file (the keys of ``sources``, plus any path a finding
names that is missing there) and one ``<failure>`` per finding, whose ``type`` is
the rule id. A testcase with findings counts once in ``failures``, as JUnit
counts failed tests, not failure elements. Standard input is named ``<stdin>``.
Characters XML 1.0 forbids (most control characters) become U+FFFD, since a
report that does not parse is worse than one with a replaced character.
Errors that stopped part of the run (a broken configuration, an unreadable
file) are one ``<testcase name="factlint run">`` with an ``<error>`` each and
count in ``errors``, so the CI shows a broken run rather than a green one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

from factlint.findings import Finding, RuleMeta
from factlint.report._paths import display_path, source_key

_NOT_XML = "[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


def render(
    findings: Sequence[Finding],
    *,
    rules: Sequence[RuleMeta],
    sources: Mapping[str, str],
    errors: Sequence[str] = (),
) -> str:
    import xml.etree.ElementTree as ET

    by_file: dict[str, list[Finding]] = {key: [] for key in sources}
    for finding in findings:
        by_file.setdefault(source_key(finding.path), []).append(finding)

    failed = sum(1 for found in by_file.values() if found)
    root = ET.Element("testsuites", name="factlint")
    suite = ET.SubElement(
        root,
        "testsuite",
        name="factlint",
        tests=str(len(by_file)),
        failures=str(failed),
        errors="1" if errors else "0",
        skipped="0",
    )
    tests = len(by_file) + (1 if errors else 0)
    suite.set("tests", str(tests))
    root.set("tests", str(tests))
    root.set("failures", str(failed))
    root.set("errors", "1" if errors else "0")
    for key, found in by_file.items():
        name = _clean(display_path(key))
        case = ET.SubElement(suite, "testcase", name=name, classname="factlint", file=name)
        for finding in found:
            failure = ET.SubElement(
                case, "failure", message=_clean(finding.message), type=_clean(finding.rule)
            )
            failure.text = _clean(_detail(finding))
    if errors:
        case = ET.SubElement(suite, "testcase", name="factlint run", classname="factlint")
        for message in errors:
            ET.SubElement(case, "error", message=_clean(message), type="factlint-error")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _detail(finding: Finding) -> str:
    text = (
        f"{display_path(finding.path)}:{finding.line}:{finding.column}: "
        f"{finding.severity} {finding.rule} {finding.message}"
    )
    if finding.fix is not None:
        text += "\nfix: replace with " + json.dumps(finding.fix.replacement, ensure_ascii=False)
    return text


def _clean(value: str) -> str:
    # re caches the compiled pattern; compiling it at import cost every run ~5 ms.
    return re.sub(_NOT_XML, "\ufffd", value)
