"""Pagefind over a built site, and `factdesk build` ending before Pagefind starts.

Pagefind keeps the whole site's index in memory while it works (5.8 GB at 50,000 claims).
A build process that has read 50,000 records keeps most of its high-water mark after it
lets them go (the allocator's arenas, MkDocs' objects), 1.8 GB at that size, and the two
together were over what a desk's machine is asked to have. So `factdesk build` forks
first (`build_first`): the child validates and builds exactly as before, and where it
would run Pagefind it names the site to the parent instead and exits; the parent, which
has done nothing but import the command line, runs Pagefind once the child's memory is
back with the system.

This module does not import MkDocs: the parent stays small.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path, PurePosixPath

from factdesk.render import urls
from factdesk.render.pagefind_order import stabilise

# Pagefind on 50,000 claims takes about two minutes here; a run over this is stuck.
PAGEFIND_TIMEOUT = 1800


class IndexingError(Exception):
    """Pagefind could not index the site; the message says why and what to check."""


def pagefind_command(site: Path) -> list[str]:
    """Pagefind over the site's claim pages, the only pages marked for it: the other
    pages (sources, claimants, topics, browse: three in five at 50,000 claims) are not
    even read. A site with no claim page yet is left to Pagefind's own choice (every
    page's body), where the glob would find nothing and Pagefind would stop."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    if _has_claim_pages(site):
        command += ["--glob", urls.CLAIM_PAGES_GLOB]
    return command


def _has_claim_pages(site: Path) -> bool:
    folder = PurePosixPath(urls.claim("x")).parent.as_posix()  # the claim pages' folder
    folders = [site / folder, *site.glob(f"*/{folder}")]
    return any(folder.is_dir() and any(folder.iterdir()) for folder in folders)


def run_pagefind(site: Path, command: list[str] | None = None) -> None:
    """Index the built site with Pagefind (its binary ships in the `pagefind[bin]` wheel),
    then put its index in a stable order."""
    try:
        proc = subprocess.run(
            command or pagefind_command(site),
            capture_output=True,
            text=True,
            timeout=PAGEFIND_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise IndexingError(f"factdesk: Pagefind could not run: {exc}") from None
    if proc.returncode:
        raise IndexingError(
            "factdesk: Pagefind failed to index the site (is `pagefind[bin]` installed?)\n"
            + (proc.stderr or proc.stdout)[-2000:]
        )
    # Pagefind 1.5.2 writes its filters in a different order on each run.
    try:
        stabilise(site / urls.PAGEFIND.rstrip("/"))
    except (OSError, EOFError, ValueError, KeyError, TypeError) as exc:
        raise IndexingError(
            f"factdesk: could not put Pagefind's index in a stable order: {exc}"
        ) from None


class IndexLater:
    """What the build calls instead of running Pagefind: it names the site to the parent
    process, which indexes it once the build has exited."""

    def __init__(self, pipe: int) -> None:
        self._pipe = pipe
        self.asked = False

    def __call__(self, site: Path) -> None:
        # Far below PIPE_BUF: one write, never blocking, read whole after the exit.
        os.write(self._pipe, os.fsencode(site))
        self.asked = True


def build_first(
    indexed: Callable[[], None],
    failed: Callable[[str], None],
    *,
    problems: int,
    interrupted: int,
) -> IndexLater | None:
    """Fork. In the child, return the `IndexLater` the build uses instead of running
    Pagefind. In this process, wait for the child; when it succeeded and named a site, run
    Pagefind on it, then call `indexed()`, or `failed(message)` when Pagefind failed
    (exit code `problems`), was interrupted (`interrupted`) or the child was killed
    (128 + the signal); else exit with the child's code. Never returns here.

    None, without forking, where a child could not share this process's output (no
    `fork`, or output captured in memory, as a test runner does): the build then runs
    Pagefind itself, as `mkdocs build` does."""
    if not hasattr(os, "fork") or not _real_output():
        return None
    read, write = os.pipe()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # nothing printed so far is printed twice
    pid = os.fork()
    if pid == 0:
        os.close(read)
        return IndexLater(write)
    os.close(write)
    # Ctrl-C reaches the child too (the terminal signals the whole group): it stops the
    # build and reports; this process only waits for its code. A stop meant for this
    # process alone (SIGTERM from a job runner) is passed on to the build.
    interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)
    terminate = signal.signal(signal.SIGTERM, lambda signum, frame: os.kill(pid, signum))
    # The child's exit code, or minus the signal that killed it (waitpid retries when
    # a signal interrupts it, PEP 475).
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, terminate)
    site = _named_site(read)
    if code < 0:
        failed(f"factdesk build: the build was stopped by signal {-code}")
        code = 128 - code
    elif code == 0 and site is not None:
        try:
            run_pagefind(site)
        except IndexingError as exc:
            failed(f"factdesk build: {exc}")
            code = problems
        except KeyboardInterrupt:
            failed("interrupted")
            code = interrupted
        else:
            indexed()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def _real_output() -> bool:
    """Standard output and error are files the child inherits (not in-memory buffers)."""
    try:
        sys.stdout.fileno()
        sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    return True


def _named_site(read: int) -> Path | None:
    """The site the child named, if it did. Read once it has exited: processes it forked
    itself may still hold the pipe open, so this never waits for the end of the pipe."""
    os.set_blocking(read, False)
    data = b""
    with suppress(BlockingIOError):
        while chunk := os.read(read, 65536):
            data += chunk
    os.close(read)
    return Path(os.fsdecode(data)) if data else None
