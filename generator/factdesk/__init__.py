"""factdesk: a fact-check knowledge base kept as code."""

__version__ = "0.1.0"
# Bumped whenever the record models change meaning; caches and schemas key on it.
SCHEMA_VERSION = "1"
