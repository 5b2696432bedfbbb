"""A hostile mkdocs.yml: every malformed setting is a diagnostic at its line, in bounded
time and memory, and `factdesk build` refuses it before MkDocs (whose loader expands
aliases and builds Python objects from tags) reads it."""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from factdesk.cli import cli
from factdesk.load.site_config import load_settings

from conftest import MakeKB

HEAD = "site_name: t\n"
LOL = "".join(f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]\n" for i in range(2, 10))
BILLION_LAUGHS = HEAD + 'lol1: &lol1 ["lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + LOL


@dataclass(frozen=True)
class Hostile:
    text: str | bytes
    code: str
    line: int
    column: int | None = None
    says: str = ""


CASES: dict[str, Hostile] = {
    "billion-laughs": Hostile(BILLION_LAUGHS, "FD005", 7, says="expand to more than"),
    "alias-cycle": Hostile(HEAD + "nav: &n [*n, *n, *n, *n, *n, *n, *n, *n]\n", "FD005", 2, 10),
    "deep-nesting": Hostile(HEAD + "extra: " + "[" * 40 + "]" * 40 + "\n", "FD009", 2),
    "nesting-500": Hostile(HEAD + "x: " + "[" * 500 + "]" * 500 + "\n", "FD009", 2, 35),
    # libyaml (0.2.6+) itself stops at 1,000 levels; the loader reports that as FD009.
    "nesting-100000": Hostile(HEAD + "x: " + "[" * 100_000 + "\n", "FD009", 2),
    "two-megabytes": Hostile(HEAD + "extra: " + "x" * (2 * 1024 * 1024) + "\n", "FD001", 1),
    "python-apply": Hostile(
        HEAD + 'hooks: !!python/object/apply:os.system ["touch PWNED"]\n', "FD006", 2, 8
    ),
    "python-new": Hostile(HEAD + "x: !!python/object/new:os.system [id]\n", "FD006", 2),
    "python-object": Hostile(HEAD + "x: !!python/object:os.Foo {a: 1}\n", "FD006", 2),
    "python-module": Hostile(HEAD + "x: !!python/module:os ''\n", "FD006", 2),
    "syntax-error": Hostile(HEAD + "plugins: [factdesk\n", "FD003", 3),
    "not-a-mapping": Hostile("- site_name\n- plugins\n", "FD008", 1, says="setting: value"),
    "empty": Hostile("", "FD008", 1),
    "options-are-text": Hostile(
        HEAD + "plugins:\n  - factdesk: abc\n", "FD038", 3, 15, says="found the text 'abc'"
    ),
    "options-are-a-list": Hostile(
        HEAD + "plugins:\n  - factdesk: [ab]\n", "FD038", 3, says="must be a mapping"
    ),
    "plugins-are-text": Hostile(HEAD + "plugins: factdesk\n", "FD038", 2, 10),
    "license-not-a-url": Hostile(
        HEAD + "plugins:\n  - factdesk:\n      license: CC BY 4.0\n",
        "FD038",
        4,
        16,
        says="is not a web address",
    ),
    "mapping-form-bad-option": Hostile(
        HEAD + "plugins:\n  search: {}\n  factdesk:\n    search: lunr\n",
        "FD038",
        5,
        13,
        says="'lunr' is not allowed",
    ),
    "rating-words-for-no-language": Hostile(
        HEAD
        + "plugins:\n  - factdesk:\n      ratings:\n        - key: t\n          label: T\n"
        + "          definition: d\n          color: '#2e7d32'\n          translations:\n"
        + "            Korean: {label: 사실}\n",
        "FD038",
        10,
        says="'Korean' is not a language tag",
    ),
    "unknown-option": Hostile(
        HEAD + "plugins:\n  - factdesk:\n      serach: pagefind\n",
        "FD038",
        4,
        7,
        says="did you mean 'search'?",
    ),
    "ratings-not-a-list": Hostile(
        HEAD + "plugins:\n  - factdesk:\n      ratings: abc\n", "FD038", 4, 16
    ),
    "publisher-name-a-list": Hostile(
        HEAD + "plugins:\n  - factdesk:\n      publisher:\n        name: [a]\n", "FD038", 5
    ),
    "rating-value-not-a-number": Hostile(
        HEAD + "plugins:\n  - factdesk:\n      ratings:\n        - key: a\n          label: A\n"
        '          definition: d\n          color: "#000000"\n          value: many\n',
        "FD038",
        9,
        18,
        says="a whole number",
    ),
    "publisher-contact-neither-email-nor-address": Hostile(
        HEAD + "plugins:\n  - factdesk:\n      publisher:\n        name: a\n"
        "        contact: call us\n",
        "FD038",
        6,
        says="neither an email address nor a web address",
    ),
    "publisher-contact-breaks-out-of-the-href": Hostile(
        HEAD + "plugins:\n  - factdesk:\n      publisher:\n        name: a\n"
        "        contact: 'a@b.org\"><script>'\n",
        "FD038",
        6,
        says="neither an email address nor a web address",
    ),
    "top-level-site-url-a-list": Hostile(HEAD + "site_url: [a]\n", "FD038", 2),
    "inherit-outside": Hostile(HEAD + "INHERIT: ../../etc/mkdocs.yml\n", "FD038", 2, 10),
}


@pytest.fixture
def parse_spy(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Counts the YAML events read and the files handed on to the loader."""
    settings_module = importlib.import_module("factdesk.load.site_config")
    seen: dict[str, Any] = {"events": 0, "loaded": 0}
    real_parse, real_load = yaml.parse, settings_module.load_bytes

    def parse(stream: Any, Loader: Any) -> Any:
        for event in real_parse(stream, Loader=Loader):
            seen["events"] += 1
            yield event

    def load(*args: Any, **kwargs: Any) -> Any:
        seen["loaded"] += 1
        return real_load(*args, **kwargs)

    monkeypatch.setattr(settings_module.yaml, "parse", parse)
    monkeypatch.setattr(settings_module, "load_bytes", load)
    return seen


def _kb_with(make_kb: MakeKB, text: str | bytes) -> Path:
    return make_kb({"mkdocs.yml": text})


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_settings_are_diagnostics_at_their_line(name: str, make_kb: MakeKB) -> None:
    case = CASES[name]
    diags = load_settings(_kb_with(make_kb, case.text))[1]
    hits = [d for d in diags if d.code == case.code]
    assert hits, f"{name}: expected {case.code}, got {diags}"
    assert (hits[0].file, hits[0].line) == ("mkdocs.yml", case.line), hits[0]
    if case.column is not None:
        assert hits[0].column == case.column, hits[0]
    assert case.says in hits[0].message
    assert hits[0].hint


@pytest.mark.parametrize("name", ["billion-laughs", "alias-cycle", "nesting-500"])
def test_refusal_costs_one_pass_over_the_events(
    name: str, make_kb: MakeKB, parse_spy: dict[str, Any]
) -> None:
    """Bounded by construction: the scan reads each event of the file at most once (an
    alias counts as one event, never its expansion) and stops; nothing expands it."""
    text = CASES[name].text
    assert isinstance(text, str)
    events_in_file = text.count("*") + text.count("[") + text.count(",") + text.count(":") * 2
    load_settings(_kb_with(make_kb, text))
    assert parse_spy["events"] <= events_in_file + 10
    assert parse_spy["loaded"] == 0, "a refused file is never composed or walked"


def test_anchors_for_repeated_settings_are_fine(make_kb: MakeKB) -> None:
    text = (
        HEAD + "extra:\n  social: &social\n    - icon: fontawesome/brands/github\n"
        "      link: https://example.org\n  footer: *social\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
        "  - toc: !ENV [TOC, {}]\n"
        "plugins:\n  - search\n  - factdesk:\n      search: pagefind\n"
    )
    settings, diags = load_settings(_kb_with(make_kb, text))
    assert diags == []
    assert settings.search == "pagefind"


@pytest.mark.parametrize(
    "plugins",
    ["plugins:\n  - factdesk\n", "plugins: [search, factdesk]\n", "plugins:\n  factdesk:\n"],
)
def test_the_plugin_without_options_takes_the_defaults(plugins: str, make_kb: MakeKB) -> None:
    settings, diags = load_settings(_kb_with(make_kb, HEAD + plugins))
    assert diags == [] and settings.search == "auto"


def test_the_mapping_form_of_plugins_is_read(make_kb: MakeKB) -> None:
    text = HEAD + "plugins:\n  search: {}\n  factdesk:\n    search: material\n"
    settings, diags = load_settings(_kb_with(make_kb, text))
    assert diags == [] and settings.search == "material"


def test_no_mkdocs_yml_means_the_defaults(make_kb: MakeKB) -> None:
    root = make_kb({})
    assert not (root / "mkdocs.yml").exists()
    assert load_settings(root) == (type(load_settings(root)[0])(), [])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_named_mkdocs_yml_is_refused_without_blocking(make_kb: MakeKB) -> None:
    root = make_kb({})
    os.mkfifo(root / "mkdocs.yml")  # opening it for reading would wait for a writer
    [diag] = load_settings(root)[1]
    assert (diag.code, diag.file, diag.line) == ("FD038", "mkdocs.yml", 1)
    assert "not a regular file" in diag.message


def test_a_folder_named_mkdocs_yml_is_a_diagnostic(make_kb: MakeKB) -> None:
    root = make_kb({})
    (root / "mkdocs.yml").mkdir()
    [diag] = load_settings(root)[1]
    assert diag.file == "mkdocs.yml" and diag.code in ("FD001", "FD038")


def test_an_inherited_file_gets_the_same_scan(make_kb: MakeKB) -> None:
    root = make_kb({"mkdocs.yml": HEAD + "INHERIT: config/base.yml\n"})
    (root / "config").mkdir()
    (root / "config" / "base.yml").write_text(BILLION_LAUGHS)
    diags = load_settings(root)[1]
    assert [(d.code, d.file, d.line) for d in diags] == [("FD005", "config/base.yml", 7)]


def test_build_refuses_a_hostile_mkdocs_yml_before_mkdocs_reads_it(
    make_kb: MakeKB, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mkdocs.config

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("MkDocs read the hostile mkdocs.yml")

    monkeypatch.setattr(mkdocs.config, "load_config", never)
    monkeypatch.chdir(tmp_path)
    for name in ("billion-laughs", "python-apply", "alias-cycle"):
        root = _kb_with(make_kb, CASES[name].text)
        site = tmp_path / "site"
        result = CliRunner().invoke(cli, ["build", "--root", str(root), "--site-dir", str(site)])
        assert result.exit_code == 1, (name, result.output, result.exception)
        assert CASES[name].code in result.stderr
        assert not site.exists() and not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize(
    ("contact", "href"),
    [
        ("desk@example.org", "mailto:desk@example.org"),
        ("https://example.org/contact/", "https://example.org/contact/"),
    ],
)
def test_a_contact_is_an_email_or_a_web_address(contact: str, href: str, make_kb: MakeKB) -> None:
    text = (
        HEAD
        + "plugins:\n  - factdesk:\n      publisher:\n        name: a\n"
        + f"        contact: {contact}\n"
    )
    settings, diags = load_settings(_kb_with(make_kb, text))
    assert diags == []
    assert settings.publisher.contact_href == href
