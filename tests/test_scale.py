"""A claim page's size must not depend on the number of claims (no per-claim navigation)."""

from __future__ import annotations

from pathlib import Path

from bench.synth import write_site

from sitebuild import build


def mean_claim_page(site: Path, ids: list[str]) -> float:
    sizes = [(site / "claims" / cid / "index.html").stat().st_size for cid in ids]
    return sum(sizes) / len(sizes)


def test_claim_page_html_at_2000_claims_is_within_10_percent_of_200(tmp_path: Path) -> None:
    small = build(write_site(tmp_path / "small", 200), tmp_path / "small-site")
    large = build(write_site(tmp_path / "large", 2000), tmp_path / "large-site")
    # The same 50 claims exist in both (the generator is deterministic in its first claims).
    ids = [f"claim-{i:06d}" for i in range(0, 200, 4)]
    small_size, large_size = mean_claim_page(small, ids), mean_claim_page(large, ids)
    assert abs(large_size - small_size) / small_size < 0.10, (small_size, large_size)
    assert large_size < 80 * 1024, "a typical claim page stays under 80 KB"
    first_browse = (large / "browse" / "index.html").stat().st_size
    assert first_browse < 200 * 1024, "the browse page's first load stays small"
