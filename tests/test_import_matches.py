"""`import claimreview` reports which incoming reviews read like claims already in the desk
(id and score), so an editor adds an appearance or a translation instead of a new claim."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from factdesk.cli import cli
from factdesk.tools.importer.run import exact_matches, import_claimreview
from test_related_checks import ENGLISH

from conftest import MakeKB


def _review(tmp_path: Path, claim: str, url: str) -> Path:
    path = tmp_path / "incoming.json"
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "datePublished": "2024-03-01",
        "claimReviewed": claim,
        "author": {"@type": "Organization", "name": "Another desk"},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A user"}},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    }
    path.write_text(json.dumps(review))
    return path


REWORDED = "Bill Gates says the COVID-19 vaccines put 5G microchips in every arm"


def test_a_reworded_claim_is_reported_with_the_desks_id_and_score(
    make_kb: MakeKB, tmp_path: Path
) -> None:
    root = make_kb({"claims/claim-a.yaml": ENGLISH})
    incoming = _review(tmp_path, REWORDED, "https://other.example/fact-check/gates-5g/")
    report = import_claimreview(root, [incoming])
    [match] = report.matches
    assert match.path == "claims/claim-a.yaml"
    assert match.reason.startswith("reads alike, score ")
    assert 0.55 <= float(match.reason.rsplit(" ", 1)[1]) <= 1


def test_the_command_prints_the_match_and_an_unrelated_claim_matches_nothing(
    make_kb: MakeKB, tmp_path: Path
) -> None:
    root = make_kb({"claims/claim-a.yaml": ENGLISH})
    incoming = _review(tmp_path, REWORDED, "https://other.example/fact-check/gates-5g/")
    result = CliRunner().invoke(cli, ["import", "claimreview", str(incoming), "--root", str(root)])
    assert "matches claims/claim-a.yaml (reads alike, score" in result.stderr
    other = _review(tmp_path, "Penguins can fly south", "https://other.example/penguins/")
    quiet = CliRunner().invoke(cli, ["import", "claimreview", str(other), "--root", str(root)])
    assert "reads alike" not in quiet.stderr


def test_exact_matches_alone_stays_available(make_kb: MakeKB, tmp_path: Path) -> None:
    root = make_kb({"claims/claim-a.yaml": ENGLISH})
    incoming = _review(tmp_path, REWORDED, "https://other.example/fact-check/gates-5g/")
    assert import_claimreview(root, [incoming], matcher=exact_matches).matches == []
