"""Every generated page's front matter comes from one place (render.pages.PageHead)."""

from __future__ import annotations

import yaml

from factdesk.check.pipeline import validate_root
from factdesk.render import render_site

from conftest import REPO

KINDS = {"claim", "source", "claimant", "list"}


def test_every_generated_page_opens_with_its_title_description_and_kind() -> None:
    pages = {p: t for p, t in render_site(validate_root(REPO).kb).items() if p.endswith(".md")}
    assert len(pages) > 30
    for path, text in pages.items():
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        assert list(meta)[:2] == ["title", "description"], path
        assert meta["title"] and meta["description"], path
        assert meta["factdesk"]["page"] in KINDS, path
        if meta["factdesk"]["page"] in ("claim", "source"):
            assert meta["factdesk"]["record"].endswith(".yaml"), path
