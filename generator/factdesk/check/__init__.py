"""Validation: per-record and cross-record rules, facts, the cache, the pipeline."""
