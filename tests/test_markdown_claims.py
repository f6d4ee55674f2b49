"""Claims in Markdown as writers wrap them: across lines, in quotes, lists and emphasis,
reported at their place in the source; code is never checked."""

from factlint import lint

ARTICLE = """\
---
date: 2013-01-21
---

> It is 60 kilometres
> (20 miles) away, and **350 km** (100 miles) further.

- A list item 10 km
  (10 miles) long

```
60 kilometres (20 miles)
```

    60 kilometres (20 miles) in an indented code block

Inline `60 kilometres (20 miles)` code and <!-- 60 kilometres (20 miles) --> a comment.
"""


def test_wrapped_quoted_and_listed_claims_are_found_where_they_stand():
    found = [
        (f.line, f.column, f.end_line, f.end_column, f.fix.replacement)
        for f in lint(ARTICLE, path="story.md")
    ]
    assert found == [
        (6, 4, 6, 12, "37 miles"),
        (6, 36, 6, 45, "220 miles"),
        (9, 4, 9, 12, "6.2 miles"),
    ]


def test_the_same_claims_in_code_and_comments_are_not_checked():
    lines = ARTICLE.splitlines()
    ignored = {i + 1 for i, line in enumerate(lines) if "code" in line or "```" in line}
    ignored |= {12}
    assert not [f for f in lint(ARTICLE, path="story.md") if f.line in ignored]
