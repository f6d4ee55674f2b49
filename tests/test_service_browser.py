"""The web page in a real browser: Playwright driving Debian's chromium against `factlint serve`.

The page is pasted the seed article, must highlight exactly "20 miles" of
"60 kilometres (20 miles)", show the finding when the highlight is pointed at,
apply its fix and see the finding go. A screenshot of the highlighted state is
kept in test-artifacts/service.png for people to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factlint import lint
from factlint.service.launch import start_server

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "mali-2013.txt"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(
        "browser test needs Debian's chromium at /usr/bin/chromium (apt-get install chromium; "
        ".ci/run installs it in CI)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")


@pytest.fixture(scope="module")
def server():
    with start_server(["--log-level", "warning"]) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(server.url + "/")
    yield page
    context.close()
    assert errors == [], errors  # no script errors, no refused resources (CSP)


def marks(page, text: str):
    """The marks of findings (claims that hold have marks of their own: claim_marks)."""
    return page.locator("#backdrop mark[data-findings]", has_text=text)


def claim_marks(page, verdict: str):
    return page.locator(f"#backdrop mark.claim.{verdict}")


def test_seed_article_highlight_and_fix(page):
    article = SEED.read_text(encoding="utf-8")
    page.fill("#text", article)
    mark = marks(page, "20 miles")
    mark.wait_for(state="visible", timeout=15_000)
    assert mark.count() == 1 and mark.inner_text() == "20 miles"
    assert "60 kilometres (" in page.locator("#backdrop").inner_text()
    assert page.locator("#findings li").count() == 1
    assert "1 finding" in page.locator("#status").inner_text()
    # The summary above the text counts every claim checked; the seed's hold, but one.
    summary = page.locator("#summary")
    claims = lint(article, checked=True).checked  # pinned in test_checked.py
    consistent = sum(c.verdict == "consistent" for c in claims)
    assert summary.inner_text() == (
        f"{len(claims)} claims checked: {consistent} consistent, 1 wrong, 1 undecidable."
    )
    assert summary.evaluate(
        "s => s.compareDocumentPosition(document.getElementById('editor'))"
        " & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    green = claim_marks(page, "ok")
    assert green.count() == consistent >= 8
    first = green.first
    assert first.inner_text() == "1,500 kilometres (900 miles)"
    assert first.get_attribute("title") == "Checked: 1,500 kilometres ≈ 932 miles"
    money = claim_marks(page, "ok").filter(has_text="500 million dollars")
    assert money.get_attribute("title") == "Checked: 500 million dollars ≈ 375.3 million euros"
    (grey,) = claim_marks(page, "unknown").all()
    assert grey.inner_text().startswith("50 Senegalese soldiers arrived")
    assert "no earlier figure" in grey.get_attribute("title")
    # Pointing at a green mark says what was computed, with no fix to apply.
    money.scroll_into_view_if_needed()
    box = money.evaluate("m => m.getClientRects()[0].toJSON()")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    popup = page.locator("#popup")
    popup.wait_for(state="visible")
    assert "375.3 million euros" in popup.inner_text()
    assert page.locator("#popup-apply").is_hidden()
    page.mouse.move(0, 0)
    popup.wait_for(state="hidden")

    # Point at the highlight: the message and the fix appear next to it.
    mark.scroll_into_view_if_needed()
    # A mark can wrap over two lines: aim at the middle of its first line box.
    box = mark.evaluate("m => m.getClientRects()[0].toJSON()")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    popup = page.locator("#popup")
    popup.wait_for(state="visible")
    assert "60 kilometres is about 37 miles, not 20 miles" in popup.inner_text()
    assert "37 miles" in page.locator("#popup-apply").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "service.png"), full_page=False)

    page.click("#popup-apply")
    page.wait_for_function(
        "() => document.querySelectorAll('#findings li').length === 0"
        " && document.getElementById('status').textContent.includes('No findings')",
        timeout=15_000,
    )
    value = page.input_value("#text")
    assert "60 kilometres (37 miles)" in value and "(20 miles)" not in value
    fixed = claim_marks(page, "ok").filter(has_text="60 kilometres (37 miles)")
    assert fixed.get_attribute("title") == "Checked: 60 kilometres ≈ 37.3 miles"
    assert f"{consistent + 1} consistent, 0 wrong" in page.locator("#summary").inner_text()
    assert value.replace("(37 miles)", "(20 miles)", 1) == article
    assert marks(page, "20 miles").count() == 0 and marks(page, "37 miles").count() == 0
    # The fix is one step in the editor's undo history.
    page.focus("#text")
    page.keyboard.press("Control+z")
    assert "(20 miles)" in page.input_value("#text")


def test_highlights_land_on_the_right_characters_after_astral_text(page):
    """Offsets are code points; without the UTF-16 conversion the mark slides by one per emoji."""
    page.fill("#text", "🎉🎉 𝐀 Niono is 60 kilometres (20 miles) south of Diabaly.")
    page.click("#check")
    mark = marks(page, "miles")
    mark.wait_for(state="visible", timeout=15_000)
    assert mark.inner_text() == "20 miles"


def test_keyboard_only_fix_from_the_findings_list(page):
    page.fill("#text", "The storm brought winds of 120 km/h (95 mph).")
    page.keyboard.press("Control+Enter")
    apply = page.locator("#findings button.apply")
    apply.wait_for(state="visible", timeout=15_000)
    expected = apply.inner_text()
    assert page.locator("#status").get_attribute("aria-live") == "polite"
    apply.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.getElementById('status').textContent.includes('No findings')",
        timeout=15_000,
    )
    replacement = expected.split("“", 1)[1].rstrip("”")
    assert f"({replacement})" in page.input_value("#text")


def test_dropped_file_is_loaded_and_checked(page, tmp_path):
    page.evaluate(
        """() => {
            const file = new File(["Niono is 60 kilometres (20 miles) away."], "story.md",
                                  {type: "text/markdown"});
            const data = new DataTransfer();
            data.items.add(file);
            document.getElementById("editor").dispatchEvent(
                new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
        }"""
    )
    marks(page, "20 miles").wait_for(state="visible", timeout=15_000)
    assert page.input_value("#format") == "markdown"
    assert page.input_value("#text").startswith("Niono is 60 kilometres")
