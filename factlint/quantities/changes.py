"""Changes: a figure that says by how much something moved ("rose by 35 miles", "fell 3%").

A figure right after a rise or fall word, or after "a rise of", is the size of
a change, not a level: `extract` reports its direction. "rose 12% to $11.1bn"
makes 12% a change and leaves $11.1bn a level; "up to 50" is a qualifier, read
before this.
"""

from __future__ import annotations

from functools import lru_cache

import regex

_UP = """rose rise rises risen rising increased increase increases increasing grew grow grows
grown growing gained gain gains climbed climb climbs jumped jump jumps soared soar soars surged
surge surges rocketed boosted boost raised raise lifted added up higher expanded widened""".split()  # noqa: SIM905
_DOWN = """fell fall falls fallen falling dropped drop drops declined decline declines decreased
decrease decreases slipped slip slid sank slumped plunged tumbled cut cuts reduced reduce
lowered lost shed shrank shrunk down lower eased dipped narrowed""".split()  # noqa: SIM905
_UP_NOUNS = "rise increase gain jump growth boost".split()  # noqa: SIM905
_DOWN_NOUNS = "fall drop decline cut decrease reduction".split()  # noqa: SIM905
_SPACE = r"[^\S\n]"


def _words(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _change_regex() -> regex.Pattern:
    verbs = rf"(?P<up>{_words(_UP)})|(?P<down>{_words(_DOWN)})"
    nouns = rf"(?P<upn>{_words(_UP_NOUNS)})|(?P<downn>{_words(_DOWN_NOUNS)})"
    nouns = rf"(?:an?{_SPACE}+)?(?:{nouns}){_SPACE}+of"
    return regex.compile(
        rf"(?<![\w'’-])(?i:(?:{verbs})(?:{_SPACE}+by)?|{nouns}){_SPACE}+\Z", regex.VERSION0
    )


def change_before(text: str, start: int) -> tuple[str, str] | None:
    """("up" or "down", the words as written) when a change word ends right before `start`."""
    found = _change_regex().search(text, max(0, start - 40), start)
    if found is None:
        return None
    direction = "up" if found["up"] or found["upn"] else "down"
    return direction, " ".join(found.group().split())
