"""When factdesk itself fails: say it is a bug, say how to report it, and show the whole
traceback on request (`--debug` or FACTDESK_DEBUG=1), also for a rule that crashed (FD000).

The exit codes live here too, so the CLI and its documentation have one place to agree on.
"""

from __future__ import annotations

import os
import shlex
import traceback
from collections.abc import Sequence
from pathlib import Path

from factdesk import __version__
from factdesk.diagnostics import Diagnostic, printable

ISSUES_URL = "https://github.com/example/factdesk/issues"
DEBUG_ENV = "FACTDESK_DEBUG"

EXIT_CLEAN = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


def debug_enabled() -> bool:
    """Whether to show whole tracebacks. Read from the environment, so forked workers
    (which inherit it) decide the same way as the process that started them."""
    return os.environ.get(DEBUG_ENV, "").strip().lower() not in ("", "0", "false", "no")


def enable_debug() -> None:
    os.environ[DEBUG_ENV] = "1"


def full_traceback(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))


def _last_frame(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "an unknown place"
    last = frames[-1]
    return f"{last.name} ({Path(last.filename).name}:{last.lineno})"


def rule_crashed(file: str, rule: str, exc: BaseException, *, after: str = "") -> Diagnostic:
    """FD000 for a rule that raised: the others still run. The hint names where it failed;
    with debug on, the diagnostic carries the whole traceback."""
    more = "" if debug_enabled() else "; run with --debug for the full traceback"
    return Diagnostic.make(
        "FD000",
        file,
        (1, 1),
        f"internal error in {rule}: {type(exc).__name__}: {exc}",
        f"a bug in factdesk {__version__} at {_last_frame(exc)}{after}; please report it "
        f"at {ISSUES_URL}{more}",
        trace=full_traceback(exc) if debug_enabled() else "",
    )


def crash_report(exc: BaseException, argv: Sequence[str]) -> str:
    """What the command line prints when a command raised: one screen, never a bare
    traceback unless asked for, and everything a useful bug report needs."""
    command = shlex.join(["factdesk", *argv])
    lines = [
        f"factdesk: internal error: {type(exc).__name__}: {exc}",
        "This is a bug in factdesk, not a problem in your records.",
        f"Please report it at {ISSUES_URL} with this message,",
        f"  the version: factdesk {__version__}",
        f"  the command: {command}",
    ]
    if debug_enabled():
        lines += ["", *full_traceback(exc).rstrip("\n").splitlines()]
    else:
        lines.append("Run it again with --debug (or FACTDESK_DEBUG=1) and add the traceback.")
    return "\n".join(printable(line) for line in lines)
