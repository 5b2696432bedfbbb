"""`factdesk init`: a new desk's repository, written from the skeleton inside the package.

The skeleton is package data (`tools/skeleton/`), so a desk started from the wheel gets
exactly the files this release was tested with. Hidden files are stored as `dot-…`
(package-data globs skip names that start with a dot) and `*.j2` files are Jinja2
templates filled with the options; everything else is copied as it is.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import click
from pydantic_core import PydanticCustomError

from factdesk import SCHEMA_VERSION, __version__
from factdesk.records.fields import check_language, check_url

SKELETON = files("factdesk.tools") / "skeleton"
# Used only when --site-url / --repo-url are not given, each marked `[FILL IN: …]` in
# mkdocs.yml so that `validate --strict` (FD112) lists them before publishing.
PLACEHOLDER_SITE_URL = "https://example.org/"
PLACEHOLDER_REPO_URL = "https://example.org/repository"
DEFAULT_NAME = "Fact-check desk"
# Line breaks, control characters, and what YAML cannot hold (lone surrogates, which a
# command line that is not UTF-8 produces, and the non-characters U+FFFE/U+FFFF).
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class DeskOptions:
    name: str = DEFAULT_NAME
    site_url: str | None = None
    repo_url: str | None = None
    language: str = "en"
    example: bool = False


@dataclass
class InitReport:
    written: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why)


def _walk(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    """(posix path inside the folder, file) for every file, sorted."""
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        rel = f"{prefix}{entry.name}"
        if entry.is_dir():
            yield from _walk(entry, rel + "/")
        else:
            yield rel, entry


def _target_name(rel: str) -> str:
    """The name a skeleton file gets in the desk: `dot-github/x.yml.j2` → `.github/x.yml`."""
    parts = ["." + p[len("dot-") :] if p.startswith("dot-") else p for p in rel.split("/")]
    name = "/".join(parts)
    return name[: -len(".j2")] if name.endswith(".j2") else name


def yaml_scalar(value: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `value`. JSON's escapes are
    YAML's, except that PyYAML reads a surrogate pair as two characters: so only the
    characters JSON must escape are escaped, everything else stays itself."""
    return json.dumps(value, ensure_ascii=False)


def markdown_text(value: str) -> str:
    """`value` as literal text in a Markdown page: no tag, no link, no emphasis. Brackets
    become character references, so a name never closes a `[FILL IN: …]` around it."""
    marked = re.sub(r"([\\`*_!|{}])", r"\\\1", value)
    return html.escape(marked, quote=False).replace("[", "&#91;").replace("]", "&#93;")


# The languages the example records are written in (claims/ko/ holds Korean translations).
EXAMPLE_LANGUAGES = ("en", "ko")


def published_languages(options: DeskOptions) -> tuple[str, ...]:
    """The languages a new desk publishes, its own first: with the example records, theirs
    too, so a translation is one fact-check in two languages, not a second fact-check."""
    wanted = (options.language, *EXAMPLE_LANGUAGES) if options.example else (options.language,)
    return tuple(dict.fromkeys(wanted))


def _context(options: DeskOptions) -> dict[str, Any]:
    return {
        "languages": published_languages(options),
        "name": options.name,
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "language": options.language,
        "site_url": options.site_url or PLACEHOLDER_SITE_URL,
        "site_url_todo": options.site_url is None,
        "repo_url": options.repo_url or PLACEHOLDER_REPO_URL,
        "repo_url_todo": options.repo_url is None,
    }


def skeleton_files(options: DeskOptions) -> dict[str, str | bytes]:
    """Desk path → text (or, for pictures, bytes) of every file the skeleton gives
    (records and media of --example included; schemas/ comes later, from the desk's own
    settings)."""
    from jinja2 import Environment, StrictUndefined  # only `init` needs it at start-up

    env = Environment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["yaml"] = yaml_scalar
    env.filters["md"] = markdown_text
    context = _context(options)
    out: dict[str, str | bytes] = {}
    for rel, source in _walk(SKELETON / "desk"):
        text = source.read_text(encoding="utf-8")
        if rel.endswith(".j2"):
            text = env.from_string(text).render(context)
        out[_target_name(rel)] = text
    if options.example:
        for rel, source in _walk(SKELETON / "example"):
            data = source.read_bytes()
            out[rel] = data if rel.startswith("media/") else data.decode("utf-8")
    return out


def _blocked(target: Path, rel: str) -> str | None:
    """Why `rel` cannot be written under `target` without touching what is there."""
    path = target / rel
    if os.path.lexists(path):
        return "exists"
    for parent in list(Path(rel).parents)[:-1]:
        folder = target / parent
        if folder.is_symlink():
            return f"{parent.as_posix()}/ is a symbolic link"
        if os.path.lexists(folder) and not folder.is_dir():
            return f"{parent.as_posix()} is not a folder"
    return None


def _write_new(target: Path, rel: str, text: str | bytes, report: InitReport) -> None:
    """Write `rel` only if nothing is there: mode "x" never replaces a file or follows a
    link, even one made between the check and the write."""
    why = _blocked(target, rel)
    if why is None:
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            if isinstance(text, bytes):
                with path.open("xb") as raw:
                    raw.write(text)
            else:
                with path.open("x", encoding="utf-8", newline="\n") as out:
                    out.write(text)
        except FileExistsError:
            why = "exists"
        else:
            report.written.append(rel)
            return
    report.skipped.append((rel, why))


def _schema_files(target: Path) -> dict[str, str]:
    """schemas/ as `factdesk schema` writes it, from the desk's mkdocs.yml (which --force
    may have kept from before)."""
    from factdesk.load.site_config import load_settings
    from factdesk.records.schema import SCHEMA_DIR, schema_texts
    from factdesk.records.settings import Settings

    settings, problems = load_settings(target)
    chosen = Settings() if problems else settings
    return {f"{SCHEMA_DIR}/{name}": text for name, text in schema_texts(chosen).items()}


def init_desk(target: Path, options: DeskOptions) -> InitReport:
    """Write a new desk into `target` (created if missing), never replacing a file."""
    report = InitReport()
    target.mkdir(parents=True, exist_ok=True)
    for rel, text in skeleton_files(options).items():
        _write_new(target, rel, text, report)
    for rel, text in _schema_files(target).items():
        _write_new(target, rel, text, report)
    return report


def theme_languages() -> set[str] | None:
    """The interface languages Material for MkDocs has (None when it cannot be listed):
    any other `theme.language` stops the build with a missing-template error."""
    try:
        folder = files("material") / "templates" / "partials" / "languages"
        return {e.name[: -len(".html")] for e in folder.iterdir() if e.name.endswith(".html")}
    except (ModuleNotFoundError, OSError):
        return None


def _one_line(value: str, param: str) -> str:
    if not value.strip() or _NOT_ONE_LINE.search(value):
        raise click.BadParameter("give it on one line, in printable characters", param_hint=param)
    return value.strip()


def _checked(value: str, check: Any, param: str) -> str:
    _one_line(value, param)
    try:
        return str(check(value))
    except PydanticCustomError as exc:
        ctx = exc.context or {}
        raise click.BadParameter(
            f"{ctx.get('message')}; {ctx.get('hint')}", param_hint=param
        ) from None


def _language(value: str) -> str:
    tag = _checked(value, check_language, "--language")
    known = theme_languages()
    if known is not None and tag not in known:
        raise click.BadParameter(
            f"Material for MkDocs has no interface in '{tag}'; choose one of: "
            + ", ".join(sorted(known)),
            param_hint="--language",
        )
    return tag


def _with_slash(url: str) -> str:
    """Site addresses end with a slash: pages are joined onto them."""
    return url if url.endswith("/") else url + "/"


def _refuse_non_empty(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise click.ClickException(f"{target} is a file, not a folder")
    # A clone of a new, empty repository holds only .git: that is where a desk starts.
    entries = (
        sorted(p.name for p in target.iterdir() if p.name != ".git") if target.is_dir() else []
    )
    if entries:
        shown = ", ".join(entries[:5]) + (", …" if len(entries) > 5 else "")
        raise click.ClickException(
            f"{target} is not empty ({shown}); choose an empty or new folder, or add "
            "--force to add only the files that are missing (no file is ever replaced)"
        )


@click.command("init")
@click.argument(
    "directory", default=".", type=click.Path(file_okay=False, path_type=Path), metavar="[DIR]"
)
@click.option("--name", default=DEFAULT_NAME, show_default=True, help="The desk's name.")
@click.option("--site-url", help="Where the site is published (default: a placeholder).")
@click.option("--repo-url", help="The desk's repository (default: a placeholder).")
@click.option("--language", default="en", show_default=True, help="The site's language.")
@click.option("--example", is_flag=True, help="Add the example claims and sources.")
@click.option("--force", is_flag=True, help="Write into a non-empty folder; replace nothing.")
def init_command(
    directory: Path,
    name: str,
    site_url: str | None,
    repo_url: str | None,
    language: str,
    example: bool,
    force: bool,
) -> None:
    """Start a new desk in DIR: settings, reader pages, schemas, CI, and (--example) records."""
    options = DeskOptions(
        name=_one_line(name, "--name"),
        site_url=_with_slash(_checked(site_url, check_url, "--site-url")) if site_url else None,
        repo_url=_checked(repo_url, check_url, "--repo-url") if repo_url else None,
        language=_language(language),
        example=example,
    )
    if not force:
        _refuse_non_empty(directory)
    elif directory.exists() and not directory.is_dir():
        raise click.ClickException(f"{directory} is a file, not a folder")
    report = init_desk(directory, options)
    for rel, why in report.skipped:
        click.echo(f"skipped {rel} ({why})", err=True)
    click.echo(f"wrote {len(report.written)} files in {directory}")
    click.echo(f"next: cd {directory} && factdesk build")
