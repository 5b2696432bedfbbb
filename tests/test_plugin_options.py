"""The MkDocs adapter accepts exactly the options factdesk's settings model defines."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

from factdesk.mkdocs_plugin import FactdeskConfig
from factdesk.records.settings import MKDOCS_SETTINGS, Settings, plugin_options


def test_the_plugin_accepts_every_option_of_the_settings_model_and_no_other() -> None:
    accepted = {name for name, _ in FactdeskConfig._schema}  # type: ignore[attr-defined]
    assert accepted == set(plugin_options())
    assert accepted | set(MKDOCS_SETTINGS) == set(Settings.model_fields)


def test_mkdocs_loads_a_config_that_sets_every_option(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    options = "\n".join(f"      {name}: null" for name in plugin_options())
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: t\nsite_url: https://example.org/t/\nplugins:\n  - factdesk:\n{options}\n",
        encoding="utf-8",
    )
    loaded = load_config(str(config))
    assert set(loaded.plugins["factdesk"].config) >= set(plugin_options())
