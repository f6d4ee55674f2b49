"""The claims ledger in the outputs: what was verified, not only what failed.

Every format's own renderer prints the findings; this module adds the claims
to what it printed, so the ledger stays one piece whatever the formats do:

- text: "9 claims checked: 8 consistent, 1 wrong, 0 undecidable" always
  stands just above the run's summary line, which stays the last line (scripts
  read it); with ``show`` a ✓ line per consistent claim (with what it
  computed) and a ? line per undecidable one (with why) come before both;
- JSON: ``"claims"`` counts always; with ``show`` a ``"checked"`` array of
  ``Claim.to_json()`` entries and ``"checked_version": 1``;
- SARIF: with ``show``, consistent claims as results of ``kind: "pass"`` and
  undecidable ones as ``kind: "open"`` (SARIF's "not enough information to
  decide"), both at ``level: "none"``.

"Wrong" counts inconsistent claims whose finding is shown; one an inline
comment or the config silenced counts as neither.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from factlint.findings import CONSISTENT, INCONSISTENT, UNKNOWN, VERDICTS, Claim
from factlint.report._paths import display_path

CHECKED_VERSION = 1
MAX_CLAIM_WIDTH = 60  # characters of the claim's text on a ✓ line
_MARKS = {CONSISTENT: "✓", UNKNOWN: "?"}
_GREEN = "\033[32m"
_DIM = "\033[2m"
_RESET = "\033[0m"


def counts(claims: Sequence[Claim]) -> dict[str, int]:
    """Claims by verdict; a silenced inconsistent claim is not counted as wrong."""
    tally = Counter(c.verdict for c in claims if not c.suppressed)
    return {
        "checked": sum(tally.values()),
        CONSISTENT: tally[CONSISTENT],
        INCONSISTENT: tally[INCONSISTENT],
        UNKNOWN: tally[UNKNOWN],
    }


def summary_line(claims: Sequence[Claim]) -> str:
    """ "9 claims checked: 8 consistent, 1 wrong, 0 undecidable"."""
    n = counts(claims)
    noun = "claim" if n["checked"] == 1 else "claims"
    return (
        f"{n['checked']} {noun} checked: {n[CONSISTENT]} consistent, "
        f"{n[INCONSISTENT]} wrong, {n[UNKNOWN]} undecidable"
    )


def claim_line(claim: Claim) -> str:
    """`path:line:col: ✓ rule text: computed` (or `? ... undecidable: reason`)."""
    where = f"{display_path(claim.path)}:{claim.line}:{claim.column}:"
    text = " ".join(claim.text.split())
    if len(text) > MAX_CLAIM_WIDTH:
        text = text[: MAX_CLAIM_WIDTH - 1] + "…"
    if claim.verdict == UNKNOWN:
        said = f"undecidable: {claim.reason}"
    else:
        said = claim.computed or "consistent"
    return f"{where} {_MARKS[claim.verdict]} {claim.rule} {text}: {said}"


def text_block(claims: Sequence[Claim], *, color: bool = False) -> str:
    """The ✓ and ? lines, in the order given (path, then offset)."""
    lines = []
    for claim in claims:
        if claim.verdict not in _MARKS:
            continue
        line = claim_line(claim)
        if color:
            line = f"{_GREEN if claim.verdict == CONSISTENT else _DIM}{line}{_RESET}"
        lines.append(line)
    return "\n".join(lines)


def extend_text(output: str, claims: Sequence[Claim], *, show: bool, color: bool = False) -> str:
    """The ✓ lines and the count of claims, before the text format's summary (its last line)."""
    body, _, last = output.rstrip("\n").rpartition("\n")
    parts = [body] if body else []
    block = text_block(claims, color=color) if show else ""
    if block:
        parts.append(block + "\n")
    parts.append(summary_line(claims))
    parts.append(last)
    return "\n".join(parts) + "\n"


def checked_payload(claims: Sequence[Claim], *, show: bool = True) -> dict:
    """The keys JSON output (and the service's answer) add: counts, and the claims."""
    payload: dict = {"claims": counts(claims)}
    if show:
        payload["checked_version"] = CHECKED_VERSION
        payload["checked"] = [claim.to_json() for claim in claims]
    return payload


def extend_json(output: str, claims: Sequence[Claim], *, show: bool) -> str:
    document = json.loads(output)
    document.update(checked_payload(claims, show=show))
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def extend_sarif(output: str, claims: Sequence[Claim]) -> str:
    """Add consistent and undecidable claims as SARIF results that are not failures."""
    # One way of writing a SARIF location, shared with the findings' results.
    from factlint.report.sarif import _location

    log = json.loads(output)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    for claim in claims:
        if claim.verdict not in _MARKS:
            continue
        if claim.rule not in index:
            index[claim.rule] = len(rules)
            rules.append({"id": claim.rule, "shortDescription": {"text": claim.rule}})
        said = (claim.computed or "consistent") if claim.verdict == CONSISTENT else claim.reason
        result = {
            "ruleId": claim.rule,
            "ruleIndex": index[claim.rule],
            "kind": "pass" if claim.verdict == CONSISTENT else "open",
            "level": "none",
            "message": {"text": f"{claim.verdict}: {said}"},
            "locations": [_location(claim.path, claim.span)],
        }
        run["results"].append(result)
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def extend(
    fmt: str,
    output: str,
    claims: Sequence[Claim],
    *,
    show: bool,
    color: bool = False,
) -> str:
    """The output of format `fmt` with the claims added as that format carries them."""
    if fmt == "text":
        return extend_text(output, claims, show=show, color=color)
    if fmt == "json":
        return extend_json(output, claims, show=show)
    if fmt == "sarif" and show:
        return extend_sarif(output, claims)
    return output


def _per_rule(claims: Sequence[Claim]) -> list[tuple[str, Counter]]:
    """Verdict counts per rule, most checked first (silenced claims left out)."""
    by_rule: dict[str, Counter] = {}
    for claim in claims:
        if not claim.suppressed:
            by_rule.setdefault(claim.rule, Counter())[claim.verdict] += 1
    return sorted(by_rule.items(), key=lambda item: (-sum(item[1].values()), item[0]))


def extend_statistics(fmt: str, output: str, claims: Sequence[Claim]) -> str:
    """`--statistics`: the findings' counts, then the claims' per rule (JSON: `claims`)."""
    if fmt != "json":  # the claims' table before the run's summary, which stays last
        body, _, last = output.rstrip("\n").rpartition("\n")
        return (body + "\n\n" if body else "") + statistics(claims) + last + "\n"
    document = json.loads(output)
    document["claims"] = {
        **counts(claims),
        "rules": [
            {"rule": rule, "checked": sum(c.values()), **{v: c[v] for v in VERDICTS}}
            for rule, c in _per_rule(claims)
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def statistics(claims: Sequence[Claim]) -> str:
    """Claims per rule and verdict, most checked first, for `--statistics`."""
    rows = _per_rule(claims)
    if not rows:
        return summary_line(claims) + "\n"
    width = max(len(str(sum(c.values()))) for _, c in rows)
    lines = [
        f"{sum(c.values()):>{width}}  {rule}  ({c[CONSISTENT]} consistent, "
        f"{c[INCONSISTENT]} wrong, {c[UNKNOWN]} undecidable)"
        for rule, c in rows
    ]
    lines.append(summary_line(claims))
    return "\n".join(lines) + "\n"
