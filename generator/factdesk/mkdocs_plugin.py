"""Thin MkDocs adapter. The only module (with parts of cli.py) that imports MkDocs."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from factdesk.diagnostics import format_text
from factdesk.validation import Validation, validate_root

log = logging.getLogger("mkdocs.plugins.factdesk")


class FactdeskConfig(base.Config):
    # The options are validated by factdesk's own settings model (with line numbers);
    # MkDocs only needs to accept them.
    publisher = opt.Type(dict, default={})
    ratings = opt.Optional(opt.Type(list))
    topics = opt.Optional(opt.Type(list))
    edit_branch = opt.Type(str, default="main")


class FactdeskPlugin(BasePlugin[FactdeskConfig]):
    validation: Validation | None = None

    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path).parent
        self.validation = validate_root(root)
        for diag in self.validation.warnings:
            log.warning(format_text([diag]).rstrip())
        if self.validation.errors:
            raise PluginError(
                "factdesk: the knowledge base has errors\n"
                + format_text(self.validation.errors).rstrip()
            )
        return config
