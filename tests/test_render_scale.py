"""Rendering every page does work in proportion to the claims, not to their square: a
step done for each page must not walk every claim."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import factdesk.render.pages as pages_module
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


def test_the_claims_walked_grow_linearly_with_the_claims(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each source page once made a set of every published claim, and each browse page
    # the list of every claimant from every claim: four times the claims (and so the
    # sources and the browse pages) made sixteen times the walk. Ten rows a browse page,
    # so that the small desk has several.
    from bench.synth import write_kb

    monkeypatch.setattr(pages_module, "BROWSE_PAGE", 10)
    small = _claims_walked(write_kb(tmp_path / "small", 40))
    large = _claims_walked(write_kb(tmp_path / "large", 160))
    assert large <= 5 * small, (small, large)
