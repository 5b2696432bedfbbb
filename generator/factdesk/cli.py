"""The `factdesk` command line. Exit codes (bugs.py): 0 clean, 1 problems found, 2 usage
error, 3 internal error (a bug in factdesk), 130 interrupted. `match` exits 0 whether or
not it found anything.

Everything printed that may hold contributor text (file names, values, messages from
MkDocs or the network) goes through `printable`, so it cannot drive the terminal.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import click

from factdesk import __version__

# One BLAS thread, set before anything imports numpy: matching's matrix products are small
# blocks, and a second BLAS thread spinning beside validation's forked workers made a
# cold `validate` of 1,000 claims 4.3 s instead of 2.7 s (12.97 s against 2.35 s on a busy
# machine). A desk can still ask for more by setting the variable itself.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
from factdesk.bugs import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_PROBLEMS,
    crash_report,
    debug_enabled,
    enable_debug,
)
from factdesk.diagnostics import (
    Diagnostic,
    format_github,
    format_json,
    format_text,
    printable,
    sort_diagnostics,
    summary,
)
from factdesk.load.listing import CACHE_DIR, CONFIG_FILE
from factdesk.tools.progress import Bars, quiet_option

if TYPE_CHECKING:
    from factdesk.check.pipeline import CheckMemo, Validation

# Each command imports what it uses. `factdesk match` answers from its own index: a warm
# query must not pay for pydantic, the record models, the validation stack or the
# renderers (together more than the query itself), so none of them is imported here.

FORMATTERS: dict[str, Callable[[list[Diagnostic]], str]] = {
    "text": format_text,
    "github": format_github,
    "json": format_json,
}

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATTERS)),
    default="text",
    show_default=True,
    help="text for people, github for Actions annotations, json for tools.",
)
root_option = click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The knowledge base: the folder with mkdocs.yml, claims/ and sources/.",
)


class _Commands(click.Group):
    """The command group, with commands kept in other modules loaded when they are run
    or listed, not when the CLI is imported."""

    # `factdesk init` lives with the skeleton it writes, in tools/init.py.
    elsewhere: ClassVar[dict[str, tuple[str, str]]] = {
        "init": ("factdesk.tools.init", "init_command")
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.elsewhere})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.elsewhere and cmd_name not in self.commands:
            module, name = self.elsewhere[cmd_name]
            self.add_command(getattr(importlib.import_module(module), name), cmd_name)
        return super().get_command(ctx, cmd_name)


class _RecordKind(click.Choice[str]):
    """The record kinds (claim, source) as a choice, read from the models when the
    command runs rather than when the CLI is imported."""

    def __init__(self) -> None:
        super().__init__([])

    @property
    def choices(self) -> tuple[str, ...]:
        from factdesk.records.models import BY_KIND

        return tuple(BY_KIND)

    @choices.setter
    def choices(self, _: object) -> None:
        pass  # click's __init__ sets them; they come from the models instead


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factdesk")
@click.option(
    "--debug",
    is_flag=True,
    help="On an internal error, show the whole traceback (also FACTDESK_DEBUG=1).",
)
def cli(debug: bool) -> None:
    """factdesk: a fact-check knowledge base kept as code."""
    if debug:
        enable_debug()  # through the environment, so forked workers see it too


def say(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print a line that may quote contributor text, with control characters escaped."""
    click.echo(printable(text), err=err, nl=nl)


def _relative(paths: tuple[Path, ...], root: Path) -> set[str]:
    wanted = set()
    for path in paths:
        try:
            wanted.add(path.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            raise click.BadParameter(f"{path} is not inside {root}", param_hint="PATHS") from None
    return wanted


def _selected(diag: Diagnostic, wanted: set[str]) -> bool:
    return not wanted or any(
        diag.file == w or diag.file.startswith(w.rstrip("/") + "/") for w in wanted
    )


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@root_option
@format_option
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Parse every file, ignoring and not writing .cache/factdesk/.",
)
@quiet_option
def validate(
    paths: tuple[Path, ...], root: Path, fmt: str, strict: bool, no_cache: bool, quiet: bool
) -> None:
    """Check every record; report problems in PATHS only (default: all).

    The whole knowledge base is always checked, since references cross files; files
    unchanged since the last run are not parsed again (see .cache/factdesk/).
    """
    wanted = _relative(paths, root)
    with Bars(quiet) as bars:
        # The cache keeps no tracebacks: with --debug every file is examined again.
        use_cache = not no_cache and not debug_enabled()
        from factdesk.check.incremental import check_root

        result = check_root(root, use_cache=use_cache, parallel=True, progress=bars.for_validation)
    shown = [d for d in result.diagnostics if _selected(d, wanted)]
    click.echo(FORMATTERS[fmt](shown), nl=False)
    click.echo(summary(shown, len(result.files)), err=True)
    failed = any(d.is_error for d in shown) or (strict and bool(shown))
    sys.exit(1 if failed else 0)


@cli.command()
@root_option
@click.option("--check", is_flag=True, help="Fail if schemas/ is not what the models generate.")
def schema(root: Path, check: bool) -> None:
    """Write schemas/claim.schema.json and schemas/source.schema.json from the models."""
    from factdesk.load.site_config import load_settings
    from factdesk.records.schema import stale_schemas, write_schemas

    settings, problems = load_settings(root)
    if problems:
        click.echo(format_text(problems), nl=False, err=True)
        sys.exit(1)
    if check:
        stale = stale_schemas(root, settings)
        for name in stale:
            click.echo(f"{name} is out of date: run `factdesk schema`", err=True)
        sys.exit(1 if stale else 0)
    for name in write_schemas(root, settings):
        click.echo(f"wrote {name}")


@cli.command()
@click.argument("kind", type=_RecordKind())
@click.argument("record_id", metavar="ID")
@root_option
@click.option(
    "--claim",
    "claim_text",
    default=None,
    help="A claim's text, written into its skeleton and compared with the desk's claims.",
)
def new(kind: str, record_id: str, root: Path, claim_text: str | None) -> None:
    """Write a commented skeleton for a new claim or source. With --claim, warn (FD113)
    when the desk has a claim that reads like it, in any language: it may be checked."""
    from pydantic_core import PydanticCustomError

    from factdesk.records.fields import check_id
    from factdesk.records.models import BY_KIND
    from factdesk.tools.scaffold import claim_line, existing_ids, skeleton, skeleton_path

    if claim_text is not None and kind != "claim":
        raise click.UsageError("--claim is for a claim")
    try:
        check_id(record_id)
    except PydanticCustomError as exc:
        ctx = exc.context or {}
        raise click.UsageError(printable(f"{ctx.get('message')}; {ctx.get('hint')}")) from None
    taken = existing_ids(root, BY_KIND[kind].folder)
    if record_id in taken:
        where = printable(str(taken[record_id]))  # a file name someone else chose
        raise click.UsageError(f"{kind} '{record_id}' already exists: {where}")
    path = skeleton_path(root, kind, record_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = skeleton(kind, record_id, claim_text)
    rel = path.relative_to(root).as_posix()
    # Compared before the file exists, so the new claim is not found alike itself.
    warnings = (
        [] if claim_text is None else _earlier_checks(root, rel, claim_line(text), claim_text)
    )
    path.write_text(text, encoding="utf-8")
    say(f"wrote {rel}")
    if warnings:
        click.echo(format_text(warnings), nl=False, err=True)


def _earlier_checks(root: Path, rel: str, line: int, text: str) -> list[Diagnostic]:
    """FD113 for a claim being written: the desk's claims that read like it (a warning;
    `new` still succeeds)."""
    from factdesk.load.site_config import load_settings
    from factdesk.match.desk import earlier_checks

    settings, _ = load_settings(root)
    found = earlier_checks(root, root / CACHE_DIR, text, settings.match_threshold)
    return [
        Diagnostic.make(
            "FD113",
            rel,
            (line, 1),
            f"this claim reads like {doc.id} ({doc.title}), score {score:.2f}: "
            "it may have been checked before",
            f"if it is the same claim, add to {doc.id} instead (an appearance or a "
            f"translation) and delete {rel}; if not, add `not_same_as: [{doc.id}]`",
        )
        for doc, score in found
    ]


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@root_option
@click.option("--check", is_flag=True, help="Change nothing; fail if a file is not formatted.")
def fmt(paths: tuple[Path, ...], root: Path, check: bool) -> None:
    """Put records in canonical key order and layout, keeping comments."""
    from factdesk.load.discover import discover
    from factdesk.tools.fmt import format_file  # ruamel.yaml is slow to import; only fmt needs it

    wanted = _relative(paths, root)
    files, problems = discover(root)
    unformatted: list[str] = []
    for item in files:
        if wanted and not any(
            item.rel == w or item.rel.startswith(w.rstrip("/") + "/") for w in wanted
        ):
            continue
        result = format_file(item.path, item.kind, item.rel, write=not check)
        problems += result.diagnostics
        if result.changed:
            unformatted.append(item.rel)
            say(f"{'would reformat' if check else 'reformatted'} {item.rel}")
    if problems:
        click.echo(format_text(problems), nl=False, err=True)
    sys.exit(1 if problems or (check and unformatted) else 0)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@root_option
@click.option(
    "--to",
    "target",
    type=click.IntRange(min=1),
    help="Record schema version to migrate to (default: the newest this factdesk reads).",
)
@click.option("--check", is_flag=True, help="Change nothing; fail if a migration is due.")
def migrate(paths: tuple[Path, ...], root: Path, target: int | None, check: bool) -> None:
    """Rewrite records for a newer record schema version, keeping comments; then raise
    the version mkdocs.yml declares. Nothing is written if any value would be lost."""
    from factdesk.records.migrations import latest
    from factdesk.tools.migrate import plan, write  # ruamel.yaml: only when migrating

    newest = latest()
    if target is not None and target > newest:
        raise click.UsageError(f"this factdesk reads record schema versions up to {newest}")
    result = plan(root, target or newest, _relative(paths, root))
    verb = "would migrate" if check else "migrated"
    for item in result.files:
        if item.text is not None:
            say(f"{verb} {item.rel}: {'; '.join(item.changes)}")
    if result.config_text is not None:
        say(f"{'would set' if check else 'set'} schema_version: {result.target} in {CONFIG_FILE}")
    problems = result.diagnostics + [d for f in result.files for d in f.diagnostics]
    if problems:
        click.echo(format_text(sort_diagnostics(problems)), nl=False, err=True)
    if result.refused:
        say("nothing was changed", err=True)
        sys.exit(EXIT_PROBLEMS)
    if not result.due:
        say(f"the records are at schema version {result.declared}: nothing to migrate")
    if check:
        sys.exit(EXIT_PROBLEMS if result.due else 0)
    write(root, result)


def _checked(root: Path, quiet: bool = False, memo: CheckMemo | None = None) -> Validation:
    """Validate; print problems; exit 1 on errors. Builds never start from a broken base.
    `memo`: filled with what each file gave (`serve` keeps it for its saves)."""
    with Bars(quiet) as bars:
        from factdesk.check.pipeline import validate_root

        result = validate_root(root, parallel=True, progress=bars.for_validation, memo=memo)
    if result.diagnostics:
        click.echo(format_text(result.diagnostics), nl=False, err=True)
    if result.errors:
        click.echo(summary(result.diagnostics, len(result.files)), err=True)
        sys.exit(1)
    return result


def _with_history(result: Validation, root: Path) -> None:
    """Claims' histories from the desk's repository (reading only the commits since the
    last build's, kept in the cache), or one line saying there are none."""
    from factdesk.load.revisions import read_histories

    result.kb.history, note = read_histories(root, root / CACHE_DIR)
    if note:
        say(note, err=True)


def _mkdocs_logging(verbose: bool) -> None:
    import logging  # here, not at the top: only the commands that run MkDocs log

    class _PrintableFormatter(logging.Formatter):
        """MkDocs' messages quote page paths, nav titles and Markdown from the knowledge
        base; some span several lines (lists of pages), so each line is made printable
        on its own."""

        def format(self, record: logging.LogRecord) -> str:
            return "\n".join(printable(line) for line in super().format(record).split("\n"))

    handler = logging.StreamHandler()
    handler.setFormatter(_PrintableFormatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)


@cli.command()
@root_option
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the site (default: site/ under the root).",
)
@click.option("-v", "--verbose", is_flag=True, help="Show MkDocs' progress messages.")
@quiet_option
def build(root: Path, site_dir: Path | None, verbose: bool, quiet: bool) -> None:
    """Validate, then build the site with MkDocs in strict mode."""
    from factdesk.search_index import build_first

    target = (site_dir or root / "site").resolve()

    def built() -> None:
        say(f"built the site in {target}")

    def failed(message: str) -> None:
        say(message, err=True)

    # The build runs in a child process; this one runs Pagefind once the child's memory
    # is back with the system (None: no fork here, the build runs it).
    index_later = build_first(built, failed, problems=EXIT_PROBLEMS, interrupted=EXIT_INTERRUPTED)
    result = _checked(root, quiet)
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from factdesk.site_build import build_site

    _mkdocs_logging(verbose)
    try:
        config = load_config(str(root / CONFIG_FILE), strict=True, site_dir=str(target))
        # As `mkdocs build` does: MkDocs keeps a plugin with startup hooks for the whole
        # process, so one that served a preview earlier in it would still act as served.
        config.plugins.on_startup(command="build", dirty=False)
        plugin = config.plugins.get("factdesk")
        try:
            with Bars(quiet or verbose) as bars:
                if plugin is not None:
                    plugin.hand_over(
                        result,
                        lambda total: bars.bar("Building pages", total, minimum=500),
                        index_later,
                    )
                # The plugin holds the records from here, and lets them go before Pagefind.
                del result
                build_site(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        say(f"factdesk build: {exc}", err=True)
        sys.exit(EXIT_PROBLEMS)
    if index_later is None or not index_later.asked:
        built()  # else once Pagefind has indexed it


@cli.command()
@root_option
@click.option(
    "-a",
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    help="Address and port to serve on.",
)
@click.option(
    "--poll",
    is_flag=True,
    help="Look for changed files twice a second, for file systems that send no change "
    "notifications (network shares, some container mounts).",
)
def serve(root: Path, dev_addr: str, poll: bool) -> None:
    """Serve the site locally, rebuilding when a record or page changes."""
    memo: CheckMemo = {}
    validation = _checked(root, memo=memo)
    from mkdocs.exceptions import MkDocsException

    from factdesk.preview import serve_preview

    _mkdocs_logging(verbose=True)
    try:
        # Dirty rebuilds: after a save only the pages whose content changed are rebuilt;
        # the last session's preview is served while the first build runs (preview.py).
        serve_preview(root / CONFIG_FILE, dev_addr, poll=poll, checked=(validation, memo))
    except MkDocsException as exc:
        say(f"factdesk serve: {exc}", err=True)
        sys.exit(1)


def _out_folder(text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The folder a command writes its files into (required)."""
    return click.option(
        "--out", required=True, type=click.Path(file_okay=False, path_type=Path), help=text
    )


@cli.command()
@root_option
@_out_folder("Folder to write the Markdown tree into.")
@click.option(
    "--engine",
    type=click.Choice(["mkdocs", "zensical"]),
    default="mkdocs",
    show_default=True,
    help="The engine that builds the tree: how it reads links written as raw HTML.",
)
def render(root: Path, out: Path, engine: str) -> None:
    """Write hand-written docs plus generated pages to disk (changed files only)."""
    from factdesk.render.output import collect, write_tree  # renderers load only when used

    result = _checked(root)
    _with_history(result, root)
    settings = result.kb.settings
    docs, templates = root / settings.docs_dir, root / settings.templates
    files = collect(
        result.kb,
        docs,
        templates,
        "zensical" if engine == "zensical" else "mkdocs",
        root / CACHE_DIR,
    )
    report = write_tree(files, out)
    say(
        f"{len(report.written)} written, {report.unchanged} unchanged, "
        f"{len(report.removed)} removed in {out}"
    )


@cli.command()
@root_option
@_out_folder("Folder to write the API, DataFeed, CSV and feed into.")
def export(root: Path, out: Path) -> None:
    """Write the JSON API, ClaimReview DataFeed, CSV and Atom feed, without the site."""
    from factdesk.render.output import export_files, write_tree

    result = _checked(root)
    _with_history(result, root)
    report = write_tree(export_files(result.kb, root / CACHE_DIR), out)
    say(
        f"{len(report.written)} written, {report.unchanged} unchanged, "
        f"{len(report.removed)} removed in {out}"
    )


@cli.group("import")
def import_group() -> None:
    """Create records from other formats."""


@import_group.command("claimreview")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@root_option
@click.option(
    "--update",
    is_flag=True,
    help="Refresh reviews imported before: only what the import owns; an editor's fields stay.",
)
@click.option("--publisher", multiple=True, help="Only reviews by this publisher (name or site).")
@click.option("--language", multiple=True, help="Only reviews in this language (pt takes pt-BR).")
@format_option
@quiet_option
def import_claimreview_command(
    files: tuple[Path, ...],
    root: Path,
    update: bool,
    publisher: tuple[str, ...],
    language: tuple[str, ...],
    fmt: str,
    quiet: bool,
) -> None:
    """Create claim and source records from ClaimReview JSON-LD (JSON files or HTML pages),
    Data Commons feeds and Google Fact Check Tools API responses."""
    from factdesk.tools.importer.run import Filters, import_claimreview, summary_lines

    with Bars(quiet) as bars:
        step = bars.bar("Importing", len(files), minimum=50)
        report = import_claimreview(
            root, list(files), update=update, filters=Filters(publisher, language), progress=step
        )
    click.echo(FORMATTERS[fmt](report.diagnostics), nl=False)
    for line in summary_lines(report):
        say(line, err=True)
    sys.exit(1 if any(d.is_error for d in report.diagnostics) else 0)


def _bounded(
    name: str, kind: click.ParamType[Any], default: float, text: str
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A numeric option with its allowed range and default shown in --help."""
    return click.option(name, type=kind, default=default, show_default=True, help=text)


def _queries(text: str | None, file: Path | None) -> list[str]:
    """The queries: the argument, or one per non-empty line of --file or standard input."""
    if text is not None and file is not None:
        raise click.UsageError("give TEXT or --file, not both")
    if text is not None:
        return [text]
    raw = file.read_text(encoding="utf-8") if file else sys.stdin.read()
    return [line.strip() for line in raw.splitlines() if line.strip()]


def _claim_page(root: Path) -> Callable[[str], str]:
    """A claim id's page on the desk's site. The settings and the renderers are loaded
    only if it is called (when the match index is built or a new claim is added to it),
    never by a warm query."""
    site: list[str | None] = []

    def page(cid: str) -> str:
        from factdesk.load.site_config import load_settings
        from factdesk.render.urls import absolute, claim

        if not site:
            site.append(load_settings(root)[0].site_url)
        return absolute(site[0], claim(cid))

    return page


@cli.command("match")
@click.argument("text", required=False)
@click.option(
    "--file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="One query per line (without TEXT or --file: standard input).",
)
@root_option
@_bounded("--top", click.IntRange(1, 100), 5, "How many claims to show per query.")
@click.option("--lang", default=None, help="The queries' language (BCP 47), for word stems.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per query, one per line.")
def match_command(
    text: str | None, file: Path | None, root: Path, top: int, lang: str | None, as_json: bool
) -> None:
    """Find the desk's fact-checks of a claim, in any language: has it been checked before?"""
    # One BLAS thread, set before numpy loads: a query multiplies one vector by the
    # claims', too little to share, and waiting for a second thread on a busy core cost
    # up to 0.15 s. Encoding a new desk's claims is not held back by it: most of that time
    # is the tokenizer's, in Python.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import json

    from factdesk.match.encoder import load_encoder
    from factdesk.match.index import desk_matcher

    queries = _queries(text, file)
    encoder = load_encoder(root / CACHE_DIR)
    if encoder is None:
        say("lexical matching only: install factdesk[match] for other languages", err=True)
    matcher = desk_matcher(root, root / CACHE_DIR, encoder, _claim_page(root))
    docs = matcher.docs
    for query in queries:
        hits = matcher.search(query, top, lang)
        found = [
            {
                "id": docs[h.index].id,
                "score": round(h.score, 4),
                "title": docs[h.index].title,
                "rating": docs[h.index].rating,
                "language": docs[h.index].language,
                "url": docs[h.index].url,
            }
            for h in hits
        ]
        if as_json:
            click.echo(json.dumps({"query": query, "matches": found}, ensure_ascii=False))
            continue
        say(f"{query}")
        for m in found:
            say(f"  {m['score']:.2f}  {m['id']}  [{m['rating'] or '-'}]  {m['title']}")


@cli.command("check-links")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@root_option
@format_option
@_bounded("--timeout", click.FloatRange(0.1, 120), 10.0, "Seconds to wait for each answer.")
@_bounded(
    "--retries",
    click.IntRange(0, 10),
    2,
    "Tries again after a timeout, a dropped connection or a 5xx answer.",
)
@_bounded("--workers", click.IntRange(1, 64), 8, "Requests under way at once.")
@_bounded("--per-host", click.IntRange(1, 16), 2, "Requests under way at once to one host.")
@quiet_option
def check_links_command(
    paths: tuple[Path, ...],
    root: Path,
    fmt: str,
    timeout: float,
    retries: int,
    workers: int,
    per_host: int,
    quiet: bool,
) -> None:
    """Check every source, appearance and archive URL over the network."""
    from factdesk.tools.links import Checker, Options, check_links, citations

    wanted = _relative(paths, root)
    result = _checked(root, quiet)
    options = Options(timeout=timeout, retries=retries, workers=workers, per_host=per_host)
    with Bars(quiet) as bars:
        urls = len({c.url for c in citations(result.kb)})
        found = check_links(result.kb, Checker(options), bars.bar("Checking links", urls, 20))
    shown = sort_diagnostics(d for d in found if _selected(d, wanted))
    click.echo(FORMATTERS[fmt](shown), nl=False)
    click.echo(summary(shown, len(result.files)), err=True)
    sys.exit(1 if any(d.is_error for d in shown) else 0)


def _git_problem(exc: Exception) -> click.UsageError:
    return click.UsageError(printable(f"{exc}; run it inside the desk's git repository"))


@cli.command("review")
@click.argument("base")
@root_option
@format_option
def review_command(base: str, root: Path, fmt: str) -> None:
    """Compare the records with the BASE revision: fail when a published verdict changed
    without a correction, a published claim was deleted, or an old id was used again."""
    from factdesk.load.revisions import GitError
    from factdesk.tools.review import review

    try:
        found = review(root, base)
    except GitError as exc:
        raise _git_problem(exc) from None
    click.echo(FORMATTERS[fmt](found), nl=False)
    say(f"factdesk review: {len(found)} problem(s) since {base}", err=True)
    sys.exit(EXIT_PROBLEMS if found else 0)


@cli.command("diff")
@click.argument("revisions", metavar="BASE..HEAD")
@root_option
def diff_command(revisions: str, root: Path) -> None:
    """Describe the record changes between two revisions (BASE alone: against the working
    tree) in an editor's words, as Markdown for a pull request."""
    from factdesk.load.revisions import GitError
    from factdesk.load.site_config import load_settings
    from factdesk.tools.diff import diff_range

    settings, _ = load_settings(root)  # a broken mkdocs.yml only costs the rating labels
    try:
        click.echo(diff_range(root, revisions, settings.rating_label), nl=False)
    except GitError as exc:
        raise _git_problem(exc) from None


@cli.command("audit")
@root_option
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def audit_command(root: Path, as_json: bool) -> None:
    """How far the desk meets the checkable parts of the IFCN Code of Principles. Exit 0
    when every check is met, 1 when something is missing."""
    import json

    from factdesk.tools.audit import as_json as findings_json
    from factdesk.tools.audit import as_table, audit

    findings = audit(root, _checked(root, quiet=True).kb)
    text = json.dumps(findings_json(findings), indent=2) + "\n" if as_json else as_table(findings)
    click.echo(text, nl=False)
    sys.exit(0 if all(f.met for f in findings) else EXIT_PROBLEMS)


@cli.command("archive")
@root_option
@format_option
@click.option(
    "--endpoint",
    default="https://web.archive.org/save/",
    show_default=True,
    help="Save Page Now's address; the cited URL is appended to it.",
)
@_bounded("--delay", click.FloatRange(0, 600), 5.0, "Seconds between requests.")
@_bounded("--retries", click.IntRange(0, 10), 3, "Tries again after a 429, a 5xx or no answer.")
@_bounded("--timeout", click.FloatRange(1, 600), 120.0, "Seconds to wait for each answer.")
@click.option("--limit", type=click.IntRange(1), help="Archive at most this many pages.")
def archive_command(
    root: Path,
    fmt: str,
    endpoint: str,
    delay: float,
    retries: int,
    timeout: float,
    limit: int | None,
) -> None:
    """Ask the Wayback Machine for a copy of every cited page without one, and write
    `archive_url` into the records (comments kept). Run again to resume."""
    from factdesk.tools.archive import ArchiveOptions, archive

    if not endpoint.startswith(("https://", "http://")):
        raise click.BadParameter("must be an http(s) address", param_hint="--endpoint")
    result = _checked(root, quiet=True)
    options = ArchiveOptions(endpoint, delay, retries, timeout=timeout, limit=limit)
    report = archive(root, result.kb, options)
    click.echo(FORMATTERS[fmt](report.diagnostics), nl=False)
    left = f", {report.left} left for the next run" if report.left else ""
    say(f"archived {len(report.archived)} page(s){left}", err=True)
    sys.exit(EXIT_PROBLEMS if report.diagnostics else 0)


def main() -> None:
    """Entry point. Each outcome has its own exit code, so a script (or CI) can tell a
    problem in the records (1) from a usage error (2) and from a bug in factdesk (3)."""
    try:
        # Not standalone: click would turn Ctrl-C into "Aborted!" and exit 1, the code
        # for problems found.
        status = cli.main(standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        click.echo("interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`factdesk validate | head`): not a bug. Point stdout at
        # devnull so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_PROBLEMS)
    except Exception as exc:
        click.echo(crash_report(exc, sys.argv[1:]), err=True)
        sys.exit(EXIT_INTERNAL)
    sys.exit(status if isinstance(status, int) else 0)
