"""Reading record files: discovery, the safe YAML loader, pydantic errors as diagnostics."""
