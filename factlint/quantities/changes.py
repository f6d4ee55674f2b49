"""Changes: a figure that says by how much something moved ("rose by 35 miles", "fell 3%").

A figure right after a rise or fall word, or after "a rise of", is the size of
a change, not a level: `extract` reports its direction. "rose 12% to $11.1bn"
makes 12% a change and leaves $11.1bn a level; "up to 50" is a qualifier, read
before this.
"""

from __future__ import annotations

_UP = """rose rise rises risen rising increased increase increases increasing grew grow grows
grown growing gained gain gains climbed climb climbs jumped jump jumps soared soar soars surged
surge surges rocketed boosted boost raised raise lifted added up higher expanded widened""".split()  # noqa: SIM905
_DOWN = """fell fall falls fallen falling dropped drop drops declined decline declines decreased
decrease decreases slipped slip slid sank slumped plunged tumbled cut cuts reduced reduce
lowered lost shed shrank shrunk down lower eased dipped narrowed""".split()  # noqa: SIM905
_UP_NOUNS = "rise increase gain jump growth boost".split()  # noqa: SIM905
_DOWN_NOUNS = "fall drop decline cut decrease reduction".split()  # noqa: SIM905


_UP_WORDS = frozenset(_UP)
_DOWN_WORDS = frozenset(_DOWN)
_NOUNS = {**dict.fromkeys(_UP_NOUNS, "up"), **dict.fromkeys(_DOWN_NOUNS, "down")}


def change_before(text: str, start: int) -> tuple[str, str] | None:
    """("up" or "down", the words as written) when a change word ends right before `start`.

    Plain word tests, not a regex: this runs before every figure of every document.
    """
    if start == 0 or not text[start - 1].isspace() or text[start - 1] == "\n":
        return None
    words = text[max(0, start - 40) : start].split()[-3:]
    lower = [word.lower() for word in words]
    if lower and lower[-1] == "by":
        lower, words = lower[:-1], words  # "rose by": the verb comes before "by"
        taken = 2
    else:
        taken = 1
    if lower and lower[-1] in _UP_WORDS | _DOWN_WORDS and _whole(text, start, words[-taken:]):
        direction = "up" if lower[-1] in _UP_WORDS else "down"
        return direction, " ".join(words[-taken:])
    if taken == 1 and len(lower) >= 2 and lower[-1] == "of" and lower[-2] in _NOUNS:
        article = 1 if len(lower) >= 3 and lower[-3] in ("a", "an") else 0
        phrase = words[-2 - article :]
        if _whole(text, start, phrase):
            return _NOUNS[lower[-2]], " ".join(phrase)
    return None


def _whole(text: str, start: int, words: list[str]) -> bool:
    """The words end at `start` on one line, and the first is a whole word there."""
    stretch = text[max(0, start - 40) : start]
    for word in reversed(words):
        stretch = stretch.rstrip(" \t\u00a0")
        if not stretch.endswith(word):
            return False
        stretch = stretch[: -len(word)]
    before = stretch[-1:] or " "
    return not (before.isalnum() or before in "'’-")
