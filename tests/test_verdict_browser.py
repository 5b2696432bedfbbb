"""Verdict graphics in other languages, drawn by Chromium: on a right-to-left page the
label, in Arabic, sits beside the meter or icon, not over it; a Korean label fits in the
drawing, which the browse table shows through a <symbol> that clips at its edge."""

from __future__ import annotations

from typing import Any

import pytest

from browser import chromium
from factdesk.records.settings import Settings
from factdesk.render.i18n import localized_settings, words
from factdesk.render.verdict import verdict_svg, verdicts


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


@pytest.mark.parametrize("key", ["missing-context", "mostly-false", "unproven"])
def test_a_korean_label_fits_inside_its_drawing(page: Any, key: str) -> None:
    scale = verdicts(localized_settings(Settings(), "ko"), words("ko"))
    svg = verdict_svg(scale[key])
    page.set_content(
        f'<html lang="ko"><body style="font-family: sans-serif"><p>{svg}</p></body></html>'
    )
    right, width = page.evaluate(
        """() => {
          const svg = document.querySelector("svg");
          const texts = svg.querySelectorAll("text");
          const box = texts[texts.length - 1].getBBox();
          return [box.x + box.width, svg.viewBox.baseVal.width];
        }"""
    )
    assert right <= width
