"""A claim's history, read from a desk repository built in the test with set dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factdesk.check.pipeline import validate_root
from factdesk.cli import cli
from factdesk.load import revisions
from factdesk.records.history import Snapshot, changes
from factdesk.render.api import render_api
from factdesk.render.pages import PageRenderer
from gitrepo import commit, git, init

from conftest import MakeKB
from kbfactory import BASE_CLAIM, claim_with

SETTINGS = "site_name: t\nrepo_url: https://github.com/desk/t\nplugins:\n  - factdesk\n"
DRAFT = claim_with("status: published", "status: draft")
SRC_B = "id: src-b\ntitle: B\nkind: report\n"
REVISED = (
    claim_with('rating: "false"', "rating: misleading")
    .replace(
        "    stance: refutes\n",
        "    stance: refutes\n  - source: src-b\n    stance: refutes\n",
    )
    .replace(
        "status: published",
        "corrections:\n  - date: 2024-02-01\n    kind: correction\n"
        "    note: The rating was too strong.\nstatus: published",
    )
)


@pytest.fixture
def desk(make_kb: MakeKB) -> tuple[Path, list[str]]:
    """claim-a: a draft, published, revised, its analysis edited, moved to a sub-folder."""
    root = init(make_kb({"mkdocs.yml": SETTINGS, "claims/claim-a.yaml": DRAFT}))
    shas = [
        commit(root, {}, "2024-01-01", "draft"),
        commit(root, {"claims/claim-a.yaml": BASE_CLAIM}, "2024-01-02", "publish"),
        commit(root, {"claims/claim-a.yaml": REVISED, "sources/src-b.yaml": SRC_B}, "2024-02-01"),
        commit(root, {"claims/claim-a.yaml": REVISED + "analysis: More words.\n"}, "2024-03-01"),
        commit(
            root,
            {"claims/claim-a.yaml": None, "claims/2024/claim-a.yaml": REVISED},
            "2024-04-01",
            "move",
        ),
    ]
    return root, shas


def test_history_lists_publication_and_each_change_of_verdict(
    desk: tuple[Path, list[str]],
) -> None:
    root, shas = desk
    events = revisions.histories(root)["claim-a"]
    # The draft, the analysis edit and the move are no news to readers.
    assert [(e.date, e.commit) for e in events] == [
        ("2024-01-02", shas[1]),
        ("2024-02-01", shas[2]),
    ]
    assert [c.kind for c in events[0].changes] == ["published"]
    assert [c.kind for c in events[1].changes] == ["rating", "evidence", "corrected"]
    assert (events[1].changes[0].before, events[1].changes[0].after) == ("false", "misleading")
    assert events[1].changes[1].added == (("src-b", "refutes"),)


def test_history_is_read_in_one_pass_however_many_claims(
    make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch
) -> None:
    files: dict[str, str | bytes | None] = {
        f"claims/claim-{n}.yaml": BASE_CLAIM.replace("claim-a", f"claim-{n}") for n in range(30)
    }
    root = init(make_kb(files))
    commit(root, {}, "2024-01-02")
    for n in range(0, 30, 3):
        text = BASE_CLAIM.replace("claim-a", f"claim-{n}").replace('"false"', "misleading")
        commit(root, {f"claims/claim-{n}.yaml": text}, "2024-02-01")
    calls: list[str] = []
    real = revisions.git

    def counted(where: Path, *args: str, data: bytes | None = None) -> bytes:
        calls.append(args[0])
        return real(where, *args, data=data)

    monkeypatch.setattr(revisions, "git", counted)
    found = revisions.histories(root)
    assert calls == ["rev-parse", "rev-list", "diff-tree", "cat-file"], "one pass, one batch"
    assert len(found) == 31 and len(found["claim-3"]) == 2 and len(found["claim-4"]) == 1


def test_claim_page_and_api_show_the_history_with_links(desk: tuple[Path, list[str]]) -> None:
    root, shas = desk
    kb = validate_root(root).kb
    kb.history = revisions.histories(root)
    page = PageRenderer(kb).claim(kb.claims["claim-a"].record)
    assert "## History" in page
    assert "published, rated False" in page
    assert "rating False → Misleading; 1 refuting source added; correction logged" in page
    assert f'href="https://github.com/desk/t/commit/{shas[2]}"' in page
    files = dict(render_api(kb))
    doc = json.loads(files["api/claims/claim-a/history.json"])
    assert [e["date"] for e in doc["events"]] == ["2024-01-02", "2024-02-01"]
    assert doc["events"][1]["url"] == f"https://github.com/desk/t/commit/{shas[2]}"
    assert doc["events"][1]["changes"][0] == {
        "kind": "rating",
        "text": "rating False → Misleading",
        "before": "false",
        "after": "misleading",
        "added": [],
        "removed": [],
    }


def test_without_a_repository_the_site_builds_and_says_so_once(
    make_kb: MakeKB, tmp_path: Path
) -> None:
    root = make_kb({"mkdocs.yml": SETTINGS})  # a desk unpacked from a tarball
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "--root", str(root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("no git history") == 1
    page = (out / "claims/claim-a.md").read_text(encoding="utf-8")
    assert "## History" not in page
    assert not (out / "api/claims/claim-a/history.json").exists()


def test_a_shallow_clone_has_no_history(desk: tuple[Path, list[str]], tmp_path: Path) -> None:
    root, _ = desk
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{root}", str(clone))
    history, note = revisions.read_histories(clone)
    assert history is None and "shallow clone" in note


def test_a_withdrawn_claim_keeps_its_page_with_the_reason_and_leaves_the_lists(
    make_kb: MakeKB,
) -> None:
    withdrawn = claim_with(
        "status: published", "status: withdrawn\nwithdrawal: The video was a parody."
    )
    root = init(make_kb({"mkdocs.yml": SETTINGS}))
    commit(root, {}, "2024-01-02")
    commit(root, {"claims/claim-a.yaml": withdrawn}, "2024-03-01")
    result = validate_root(root)
    assert result.diagnostics == []
    kb = result.kb
    kb.history = revisions.histories(root)
    assert kb.published == [] and [c.id for c in kb.withdrawn] == ["claim-a"]
    page = PageRenderer(kb).claim(kb.claims["claim-a"].record)
    assert "Withdrawn" in page and "The video was a parody." in page
    assert "jsonld:" not in page, "a withdrawn verdict is offered to no search engine"
    assert "withdrawn" in page.split("## History", 1)[1]


def test_a_withdrawn_claim_without_a_note_is_fd056(make_kb: MakeKB) -> None:
    root = make_kb({"claims/claim-a.yaml": claim_with("status: published", "status: withdrawn")})
    assert [(d.code, d.line) for d in validate_root(root).diagnostics] == [("FD057", 12)]


def test_drafts_have_no_history_and_going_back_to_draft_is_not_an_event() -> None:
    draft = Snapshot("x", status="draft", rating="false")
    live = Snapshot("x", status="published", rating="false")
    assert changes(None, draft) == () and changes(live, draft) == ()
    assert [c.kind for c in changes(draft, live)] == ["published"]


@pytest.mark.parametrize(
    "text",
    [
        REVISED + "analysis: |\n  rating: not a field\n  status: draft\n",
        "# a comment\n"
        + BASE_CLAIM.replace(
            "evidence:\n  - source: src-a\n    stance: refutes\n",
            "evidence:\n- source: src-a\n  stance: refutes  # sequence at the margin\n",
        ),
        REVISED.replace('rating: "false"', '"rating": misleading'),
        "{id: claim-a, rating: misleading, status: published}\n",
    ],
)
def test_history_fields_read_as_the_whole_record(text: str) -> None:
    """The shortcut that parses only the fields a history reads gives the same Snapshot
    as the whole record, whatever the layout."""
    from factdesk.load.loader import load_bytes

    whole = load_bytes(text.encode(), "x").data
    assert whole is not None
    fields = revisions.history_fields(text.encode())
    short = load_bytes(fields, "x").data if fields else None
    assert Snapshot.of(short or whole, "") == Snapshot.of(whole, "")
