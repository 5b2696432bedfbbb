"""Generated files that are not pages, written once, where the site will have them.

A build renders the API's JSON, the feeds, the CSV, the embeds, the pictures and the share
cards before MkDocs starts (in `on_config`). At 50,000 claims they are over a gigabyte:
held as strings and bytes they would sit in memory through the whole build, and in every
process the build forks (site_build.py). So each is written to disk as it comes, into a
hidden folder inside the site folder, which MkDocs' cleaning of the site leaves alone
(it skips names that begin with a dot). Once the site folder is clean (`on_files`), the
folder's entries are moved into the site (a rename each: the same file system), and
MkDocs has nothing left to copy: at 10,000 claims, copying them one by one and removing
the folder afterwards had cost 38 s of processor time.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

# The spool folder's name begins with this, inside the site folder.
PREFIX = ".factdesk-files-"


class Spool:
    """A hidden folder of generated files by their site path, inside `site`; `place()`
    moves them into the site, `close()` removes what is left of the folder."""

    def __init__(self, site: Path) -> None:
        self.site = site
        site.mkdir(parents=True, exist_ok=True)
        for stale in site.glob(PREFIX + "*"):  # left by a build that was killed
            shutil.rmtree(stale, ignore_errors=True)
        self.folder: Path | None = Path(tempfile.mkdtemp(prefix=PREFIX, dir=site))
        self.placed = False

    def keep(self, path: str, content: str | bytes) -> Path:
        """Write `content` (text as UTF-8) under `path`; the file it will be in the site."""
        assert self.folder is not None and not self.placed, "the spool is closed"
        parts = PurePosixPath(path).parts
        if not parts or ".." in parts or PurePosixPath(path).is_absolute():
            raise ValueError(f"not a site path: {path!r}")
        target = self.folder.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return self.site.joinpath(*parts)

    def place(self) -> None:
        """Move every kept file to its place in the site: each top folder or file by one
        rename where the site has nothing of that name yet (a clean site), else file by
        file, replacing what a `--dirty` build's site has there."""
        assert self.folder is not None and not self.placed, "the spool is closed"
        for entry in sorted(self.folder.iterdir()):
            _move(entry, self.site / entry.name)
        self.placed = True

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def _move(source: Path, target: Path) -> None:
    if not target.exists() and not target.is_symlink():
        os.rename(source, target)
    elif source.is_dir() and target.is_dir() and not target.is_symlink():
        for entry in sorted(source.iterdir()):
            _move(entry, target / entry.name)
    else:
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        os.replace(source, target)
