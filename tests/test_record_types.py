"""One word per idea: a record's kind ("claim", "source") is not its folder ("claims",
"sources"). One table pairs them; discovery, the checks, the cache, fmt, `new` and the
importer all take the kind and look the folder and the model up there."""

from __future__ import annotations

from pathlib import Path

from factdesk.check.facts import from_row, to_row
from factdesk.check.incremental import check_root
from factdesk.check.pipeline import check_loaded
from factdesk.load.discover import discover
from factdesk.load.loader import load_file
from factdesk.records.models import BY_FOLDER, BY_KIND, RECORD_TYPES, Claim, Source
from factdesk.tools.fmt import format_record_text
from factdesk.tools.scaffold import existing_ids, skeleton, skeleton_path

from conftest import MakeKB
from kbfactory import BASE_CLAIM


def test_one_table_pairs_each_kind_with_its_folder_and_model() -> None:
    pairs = [(t.kind, t.folder, t.model) for t in RECORD_TYPES]
    assert pairs == [("claim", "claims", Claim), ("source", "sources", Source)]
    assert {k: t.folder for k, t in BY_KIND.items()} == {"claim": "claims", "source": "sources"}
    assert {f: t.kind for f, t in BY_FOLDER.items()} == {"claims": "claim", "sources": "source"}


def test_discovered_files_carry_their_kind_folder_and_model(make_kb: MakeKB) -> None:
    root = make_kb({"claims/2023/claim-b.yaml": BASE_CLAIM.replace("claim-a", "claim-b")})
    files, _ = discover(root)
    seen = [(f.rel, f.kind, f.folder, f.model) for f in files]
    assert seen == [
        ("claims/2023/claim-b.yaml", "claim", "claims", Claim),
        ("claims/claim-a.yaml", "claim", "claims", Claim),
        ("sources/src-a.yaml", "source", "sources", Source),
    ]


def test_facts_keep_the_kind_through_the_cache(make_kb: MakeKB) -> None:
    root = make_kb({})
    for item in discover(root)[0]:
        facts = check_loaded(item, load_file(item.path, item.rel))[1]
        assert facts.kind == item.kind
        assert from_row(item.rel, to_row(facts)) == facts


def test_a_warm_run_reads_the_kind_back_from_the_cache(make_kb: MakeKB) -> None:
    """The cache stores no kind: it comes back from the folder in the path, so a source
    stays a source (FD101, an uncited source, is a rule about sources only)."""
    root = make_kb({"sources/uncited.yaml": "id: uncited\ntitle: Not cited\nkind: article\n"})
    cold = check_root(root)
    warm = check_root(root)
    assert warm.reused == 3 and warm.diagnostics == cold.diagnostics
    assert [d.code for d in warm.diagnostics] == ["FD101"]


def test_fmt_takes_the_kind() -> None:
    text = "title: A source\nid: src-a\nkind: article\n"
    assert format_record_text(text, "source", "s.yaml").text.startswith("id: src-a\n")


def test_new_writes_each_kind_into_its_folder(tmp_path: Path) -> None:
    assert skeleton_path(tmp_path, "claim", "x") == tmp_path / "claims" / "x.yaml"
    assert skeleton_path(tmp_path, "source", "x") == tmp_path / "sources" / "x.yaml"
    assert skeleton("source", "x").startswith(
        "# yaml-language-server: $schema=../schemas/source.schema.json\n"
    )


def test_existing_ids_are_looked_up_by_folder(make_kb: MakeKB) -> None:
    root = make_kb({})
    assert existing_ids(root, "claims") == {"claim-a": "claims/claim-a.yaml"}
    assert existing_ids(root, "sources") == {"src-a": "sources/src-a.yaml"}
