"""The interface catalogs' workflow: extract the readers' words from the code and the
templates, update each language's catalog, compile them (Babel's pybabel, one set of
options for all three).

    .venv/bin/python -m scripts.catalogs extract    the template, locale/factdesk.pot
    .venv/bin/python -m scripts.catalogs update     every <lang>/LC_MESSAGES/factdesk.po
    .venv/bin/python -m scripts.catalogs compile    every factdesk.mo beside its .po
    .venv/bin/python -m scripts.catalogs init ko    a new language's catalog
    (or: make catalogs, make catalog-new LANG=xx)
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

REPO = Path(__file__).resolve().parent.parent
LOCALE = REPO / "generator" / "factdesk" / "render" / "locale"
DOMAIN = "factdesk"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
# N_ and Nn_ mark words defined as data (records/messages.py). No locations: a moved
# line would change the template without changing a word.
EXTRACT = [
    "--mapping-file", str(REPO / "babel.cfg"),
    "--keywords", "N_", "--keywords", "Nn_:1,2",
    "--add-comments", "Translators:",
    "--no-location", "--sort-output",
    "--project", "factdesk", "--copyright-holder", "factdesk contributors",
]  # fmt: skip


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "--quiet", *args])


def extract(out: Path = TEMPLATE) -> None:
    pybabel("extract", *EXTRACT, "--output-file", str(out), str(REPO / "generator"))


def update() -> None:
    # No fuzzy matching: a guessed translation of a changed message would be shown to
    # readers; a new message stays empty until someone translates it (the test says so).
    pybabel(
        "update",
        "-i",
        str(TEMPLATE),
        "-d",
        str(LOCALE),
        "-D",
        DOMAIN,
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )


def compile_all() -> None:
    pybabel("compile", "-d", str(LOCALE), "-D", DOMAIN, "--statistics")


def init(language: str) -> None:
    pybabel("init", "-i", str(TEMPLATE), "-d", str(LOCALE), "-D", DOMAIN, "-l", language)


def main(argv: list[str]) -> int:
    steps = {"extract": extract, "update": update, "compile": compile_all}
    if argv[:1] == ["init"] and len(argv) == 2:
        init(argv[1])
    elif argv[:1] == ["all"]:
        extract()
        update()
        compile_all()
    elif len(argv) == 1 and argv[0] in steps:
        steps[argv[0]]()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
