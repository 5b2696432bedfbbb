"""Generated files that are not pages, kept on disk until MkDocs copies them into the site.

A build renders the API's JSON, the feeds, the CSV, the embeds, the pictures and the share
cards before MkDocs starts, and MkDocs copies them only after it has read every page. At
50,000 claims they are over a gigabyte: held as strings and bytes they would sit in memory
through the whole build, and in every process the build forks (site_build.py). Written
here as they come, each is a file MkDocs copies like any other.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path, PurePosixPath


class Spool:
    """A temporary folder of generated files by their site path; `close()` removes it."""

    def __init__(self) -> None:
        self.folder: Path | None = Path(tempfile.mkdtemp(prefix="factdesk-files-"))

    def keep(self, path: str, content: str | bytes) -> Path:
        """Write `content` (text as UTF-8) under `path`; the file it is now."""
        assert self.folder is not None, "the spool is closed"
        parts = PurePosixPath(path).parts
        if not parts or ".." in parts or PurePosixPath(path).is_absolute():
            raise ValueError(f"not a site path: {path!r}")
        target = self.folder.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return target

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
