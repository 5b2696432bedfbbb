"""The verdict graphic: every rating is told apart by position or shape and by its label,
never by colour alone, and has an accessible name."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from factdesk.records.settings import DEFAULT_RATINGS, RatingDef, Settings
from factdesk.render.verdict import ICONS, rating_svg, verdict_svg, verdicts

SVG = "{http://www.w3.org/2000/svg}"


def _parsed(settings: Settings, key: str) -> ET.Element:
    return ET.fromstring(str(rating_svg(settings, key)))


def _shape(svg: ET.Element) -> tuple[str, ...]:
    """What the drawing looks like without its colours: element kinds and geometry."""
    drop = {"fill", "stroke", "data-rating", "aria-label"}
    return tuple(
        f"{el.tag}{sorted((k, v) for k, v in el.attrib.items() if k not in drop)}{el.text or ''}"
        for el in svg.iter()
        if el.tag != f"{SVG}text" or el.text not in {r.label for r in DEFAULT_RATINGS}
    )


def test_every_rating_has_a_distinct_drawing_without_colour_and_its_label() -> None:
    settings = Settings()
    shapes = {}
    for r in settings.ratings:
        svg = _parsed(settings, r.key)
        assert svg.get("role") == "img"
        assert svg.get("aria-label", "").startswith(f"Rating: {r.label},")
        texts = [t.text for t in svg.iter(f"{SVG}text")]
        assert texts[-1] == r.label, "the label is written in the drawing"
        shapes[r.key] = _shape(svg)
    assert len(set(shapes.values())) == len(shapes), "two ratings differ only by colour"


def test_ordinal_ratings_are_a_position_on_a_meter_of_the_scale() -> None:
    settings = Settings()
    scale = sorted((r for r in settings.ratings if r.value), key=lambda r: r.value or 0)
    for index, r in enumerate(scale):
        svg = _parsed(settings, r.key)
        segments = [el for el in svg.iter(f"{SVG}rect")]
        assert len(segments) == len(scale)
        marked = [i for i, el in enumerate(segments) if el.get("class") == "fd-verdict-mark"]
        assert marked == [index]
        assert f"{index + 1} of {len(scale)} on a scale from False to True" in svg.get(
            "aria-label", ""
        )


def test_ratings_off_the_scale_get_an_icon_each() -> None:
    drawn = verdicts(Settings())
    icons = [v.icon.name for v in drawn.values() if v.icon is not None]
    assert len(icons) == 4 and len(set(icons)) == 4
    assert drawn["unproven"].icon and drawn["unproven"].icon.glyph == "?"
    assert "not on the true-to-false scale" in drawn["satire"].accessible_name


def test_a_scale_of_its_own_still_gets_distinct_icons() -> None:
    extra = [
        RatingDef(key=f"other-{i}", label=f"Other {i}", definition="d", color="#123456")
        for i in range(len(ICONS))
    ]
    icons = [v.icon for v in verdicts(Settings(ratings=tuple(extra))).values()]
    assert len({i.name for i in icons if i}) == len(ICONS)


def test_unknown_rating_is_drawn_with_its_key() -> None:
    svg = _parsed(Settings(), "no-such-rating")
    assert svg.get("aria-label") == "Rating: no-such-rating, not on the true-to-false scale"


@pytest.mark.parametrize("label", ['Not "true" <ever>', "Faux & usage"])
def test_labels_are_escaped(label: str) -> None:
    rating = RatingDef(key="odd", label=label, definition="d", color="#123456", value=1)
    svg = verdict_svg(verdicts(Settings(ratings=(rating,)))["odd"])
    assert ET.fromstring(str(svg)).get("aria-label", "").startswith(f"Rating: {label},")
    assert not re.search(r"<ever>", str(svg))
