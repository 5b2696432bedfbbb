"""Rendering every page does work in proportion to the claims, not to their square: a
step done for each page must not walk every claim."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factdesk.check.pipeline import validate_root
from factdesk.render import render_site


class _Counted(list[Any]):
    """A list that counts the items handed out by walking it."""

    walked = 0

    def __iter__(self) -> Any:
        for item in super().__iter__():
            _Counted.walked += 1
            yield item


def _claims_walked(root: Path) -> int:
    kb = validate_root(root).kb
    kb.__dict__["published"] = _Counted(kb.published)  # a cached_property: set it so
    _Counted.walked = 0
    render_site(kb)
    return _Counted.walked


def test_the_claims_walked_grow_linearly_with_the_claims(tmp_path: Path) -> None:
    # Each source page once made a set of every published claim: four times the claims
    # (and so the sources) made sixteen times the walk.
    from bench.synth import write_kb

    small = _claims_walked(write_kb(tmp_path / "small", 40))
    large = _claims_walked(write_kb(tmp_path / "large", 160))
    assert large <= 5 * small, (small, large)
