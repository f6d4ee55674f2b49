"""`check --timing`: which rules a run spent its CPU time in.

A pack author whose own rule makes every article slow needs to see it named,
beside the built-in rules, before reading profiles; like a linter's TIMING
table, this is the rules' own CPU time summed over every file checked (a
frame's rules share one line, as they share one reading of each clause).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

TOP = 10


def timing_table(per_file: Iterable[Mapping[str, float]], top: int = TOP) -> str:
    """The `top` rules by CPU time over all files, with their share of the total."""
    totals: dict[str, float] = {}
    files = 0
    for seconds in per_file:
        files += 1
        for name, used in seconds.items():
            totals[name] = totals.get(name, 0.0) + used
    overall = sum(totals.values())
    if not totals:
        return "rule timing: no rule ran"
    width = max(len("all rules"), *(len(name) for name in totals))
    lines = [f"{'rule':<{width}}  {'CPU s':>8}  {'share':>6}"]
    for name, used in sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:top]:
        share = used / overall * 100 if overall else 0.0
        lines.append(f"{name:<{width}}  {used:>8.3f}  {share:>5.1f}%")
    plural = "s" if files != 1 else ""
    lines.append(
        f"{'all rules':<{width}}  {overall:>8.3f}  ({len(totals)} rules, {files} file{plural})"
    )
    return "\n".join(lines)
