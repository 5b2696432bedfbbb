"""`factdesk new claim ID --claim TEXT` writes the text into the skeleton and warns (FD113,
never an error) when the desk has a claim that reads like it, in any language."""

from __future__ import annotations

from click.testing import CliRunner

from factdesk.check.pipeline import validate_root
from factdesk.cli import cli
from test_related_checks import ENGLISH

from conftest import MakeKB

REWORDED = 'Bill Gates says the COVID-19 vaccines put 5G microchips in "every" arm'


def test_new_warns_about_an_earlier_check_with_file_line_id_and_score(make_kb: MakeKB) -> None:
    root = make_kb({"claims/claim-a.yaml": ENGLISH})
    result = CliRunner().invoke(
        cli, ["new", "claim", "gates-chips", "--claim", REWORDED, "--root", str(root)]
    )
    assert result.exit_code == 0, result.output
    assert "wrote claims/gates-chips.yaml" in result.stdout
    [warning] = [line for line in result.stderr.splitlines() if "FD113" in line]
    assert warning.startswith("claims/gates-chips.yaml:8:1")
    assert "claim-a" in warning and "score 0." in warning
    text = (root / "claims/gates-chips.yaml").read_text()
    assert text.splitlines()[7].startswith("claim: ")
    # the text is written exactly, quotes and all
    record = validate_root(root).kb.claims["gates-chips"].record
    assert record.claim == REWORDED


def test_new_is_quiet_for_an_unrelated_claim_and_without_claim(make_kb: MakeKB) -> None:
    root = make_kb({"claims/claim-a.yaml": ENGLISH})
    quiet = CliRunner().invoke(
        cli, ["new", "claim", "penguins", "--claim", "Penguins fly south", "--root", str(root)]
    )
    assert quiet.exit_code == 0 and "FD113" not in quiet.stderr
    plain = CliRunner().invoke(cli, ["new", "claim", "other", "--root", str(root)])
    assert plain.exit_code == 0 and "FD113" not in plain.stderr
    assert 'claim: "TODO: the claim as made"' in (root / "claims/other.yaml").read_text()


def test_claim_is_refused_for_a_source(make_kb: MakeKB) -> None:
    root = make_kb({})
    result = CliRunner().invoke(
        cli, ["new", "source", "src-b", "--claim", "x", "--root", str(root)]
    )
    assert result.exit_code == 2
    assert not (root / "sources/src-b.yaml").exists()
