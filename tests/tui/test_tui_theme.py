"""Both themes are readable: every text style of the claims list, the detail pane and the
status bar has a WCAG contrast ratio of at least 4.5 against the background it is drawn
on, and no colour is written in the Python code or the stylesheet (all come from the
theme's variables)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.style import Style

from workbench.services import Workbench
from workbench.tui.app import THEMES, WorkbenchApp
from workbench.tui.widgets.claim_detail import ClaimDetailPane
from workbench.tui.widgets.claim_list import ClaimList
from workbench.tui.widgets.status_bar import StatusBar

ROOT = Path(__file__).parents[2]
MINIMUM = 4.5  # WCAG 2 AA, normal text


def luminance(color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground, background) -> float:
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ratios(styles: dict[str, Style], base: Style) -> dict[str, float]:
    return {name: round(contrast(style.color or base.color, style.bgcolor or base.bgcolor), 2)
            for name, style in styles.items()}


@pytest.mark.parametrize("theme", THEMES)
async def test_every_text_style_has_enough_contrast(seeded_root, theme):
    app = WorkbenchApp(Workbench.open(seeded_root, "contrast"), theme=theme)
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        claims = app.screen.query_one(ClaimList)
        list_styles = claims._styles()
        found = {f"list {k}": v for k, v in ratios(list_styles, list_styles["base"]).items()}
        claims.blur()
        await pilot.pause()
        found["list cursor (unfocused)"] = ratios({"c": claims._styles()["cursor"]}, claims._styles()["base"])["c"]
        pane = app.screen.query_one(ClaimDetailPane)
        found |= {f"detail {k}": v for k, v in ratios(pane.styles_by_name(), pane.rich_style).items()}
        bar = app.screen.query_one(StatusBar)
        found |= {f"status {k}": v for k, v in ratios(
            {name: bar.style(name) for name in ("reviewer", "message", "notice", "count", "needle")},
            bar.rich_style).items()}
    low = {name: ratio for name, ratio in found.items() if ratio < MINIMUM}
    assert not low, f"{theme}: below {MINIMUM}: {low}"


COLOUR_WORDS = r"\b(?:red|green|blue|yellow|cyan|magenta|white|black|grey|gray|orange)\b"


def test_no_colour_is_written_in_the_code_or_the_stylesheet():
    stylesheet = (ROOT / "styles" / "workbench.tcss").read_text(encoding="utf-8")
    rules = re.sub(r"/\*.*?\*/", "", stylesheet, flags=re.S)
    assert not re.findall(r"#[0-9a-fA-F]{3,8}\b|rgb\(|hsl\(", rules.split("{", 1)[1] if "{" in rules else "")
    for line in rules.splitlines():
        if re.match(r"\s*(color|background|border[-\w]*|tint)\s*:", line):
            assert "$" in line or "none" in line, line
    for path in (ROOT / "workbench" / "tui").rglob("*.py"):
        code = path.read_text(encoding="utf-8")
        for match in re.finditer(r"style\s*=\s*\"([^\"]*)\"", code):
            assert not re.search(COLOUR_WORDS, match.group(1)), f"{path.name}: {match.group(0)}"
        assert not re.search(r"#[0-9a-fA-F]{6}\b", code), path.name
