"""Verdict graphics on a right-to-left page, drawn by Chromium: the label, in Arabic, sits
beside the meter or icon, not over it."""

from __future__ import annotations

from typing import Any

import pytest

from factdesk.records.settings import Settings
from factdesk.render.i18n import localized_settings, words
from factdesk.render.verdict import verdict_svg, verdicts

from browser import chromium


@pytest.fixture(scope="module")
def page() -> Any:
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 800, "height": 600})
        yield context.new_page()
        context.close()


@pytest.mark.parametrize("key", ["mostly-true", "misleading"])
def test_the_label_follows_the_meter_on_a_right_to_left_page(page: Any, key: str) -> None:
    scale = verdicts(localized_settings(Settings(), "ar"), words("ar"))
    svg = verdict_svg(scale[key])
    page.set_content(f'<html lang="ar" dir="rtl"><body><p>{svg}</p></body></html>')
    # The drawing's shapes end where the label's space begins; the label's box starts
    # after them, inside the drawing.
    shapes_end, label_start, width = page.evaluate(
        """() => {
          const svg = document.querySelector("svg");
          const texts = svg.querySelectorAll("text");
          const label = texts[texts.length - 1];
          const shapes = [...svg.querySelectorAll("rect, path")].map(s => s.getBBox());
          return [Math.max(...shapes.map(b => b.x + b.width)), label.getBBox().x,
                  svg.viewBox.baseVal.width];
        }"""
    )
    assert shapes_end < label_start < width
