"""The desk's pictures in the site: each published claim's picture, read and checked once
(records/media.py), for the page (its size in pixels) and for the output (its bytes)."""

from __future__ import annotations

from factdesk.kb import KnowledgeBase
from factdesk.records.media import Picture, read_picture
from factdesk.render import urls


def claim_pictures(kb: KnowledgeBase) -> dict[str, Picture]:
    """Claim id → its picture, for published claims whose picture is usable. A file that
    is missing or too large is left out: `validate` reports it and stops the build."""
    if kb.root is None:
        return {}
    found: dict[str, Picture] = {}
    for claim in kb.published:
        if claim.image is not None:
            picture = read_picture(kb.root, claim.image.file)
            if isinstance(picture, Picture):
                found[claim.id] = picture
    return found


def render_media(pictures: dict[str, Picture]) -> dict[str, bytes]:
    """Site path → bytes of every picture the pages show, in sorted order."""
    return dict(sorted((urls.media(p.rel), p.data) for p in pictures.values()))
