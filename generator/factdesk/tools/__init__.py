"""Contributor and editor tools: scaffolds, fmt, link checks, progress, imports."""
