"""Many literal phrases as one regular expression that shares their common starts.

A plain alternation of a hundred unit names, rise words or qualifiers makes the
regex engine try every phrase at every position; factored by prefix, it tries
each letter once, and the pattern is shorter (the compile budget counts it).
At each point a longer phrase is tried before one it begins with ("rose
sharply" before "rose", "km/h" before "km").
"""

from __future__ import annotations

from collections.abc import Iterable

_SPECIAL = frozenset(".^$*+?{}[]\\|()-#&~")


def _escape(char: str) -> str:
    return "\\" + char if char in _SPECIAL else char


def phrase_trie(phrases: Iterable[str], separator: str) -> str:
    """One regex for `phrases`; a space inside a phrase becomes `separator`."""
    trie: dict = {}
    for phrase in phrases:
        words = phrase.split()
        if not words:
            continue
        node = trie
        for char in " ".join(words):
            node = node.setdefault(char, {})
        node[""] = {}

    def piece(char: str) -> str:
        return separator if char == " " else _escape(char)

    def emit(node: dict) -> str:
        prefix = []
        while len(node) == 1 and "" not in node:  # a plain run of characters: no group needed
            ((char, node),) = node.items()
            prefix.append(piece(char))
        head = "".join(prefix)
        branches = [piece(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return head
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # greedy optional: try the longer phrase, fall back to the shorter
            return head + (body if len(branches) > 1 else "(?:" + body + ")") + "?"
        return head + body

    return emit(trie)
