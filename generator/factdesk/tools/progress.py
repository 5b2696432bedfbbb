"""Progress bars for long work on a terminal; silent in CI, with --quiet, or in a pipe."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import ExitStack

import click

ProgressStep = Callable[[int], None]


def interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


def _nothing(done: int) -> None:
    pass


class Bars:
    """Makes a bar per task, only when it is worth showing; closes them all at the end."""

    def __init__(self, quiet: bool) -> None:
        self.show = not quiet and interactive()
        self.stack = ExitStack()

    def __enter__(self) -> Bars:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stack.close()

    def bar(self, label: str, total: int, minimum: int) -> ProgressStep:
        """A callback that advances a bar of `total` steps (none below `minimum`)."""
        if not self.show or total < minimum:
            return _nothing
        bar = self.stack.enter_context(
            click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True)
        )
        return bar.update

    def for_validation(self, total: int, files: int) -> ProgressStep:
        # About 6,000 files a second: below 5,000 it is over before a bar helps.
        return self.bar("Reading records", total, minimum=5000)


quiet_option = click.option(
    "-q", "--quiet", is_flag=True, help="No progress bar (there is none in CI or a pipe)."
)
