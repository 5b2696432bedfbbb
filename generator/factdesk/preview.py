"""`factdesk serve`: MkDocs' development server over a preview kept between sessions.

The first build of a 10,000-claim desk takes minutes, and `mkdocs serve` makes every
session wait for it in an empty temporary folder. factdesk's preview lives in
`.cache/factdesk/preview/` instead, with a stamp saying what built it: factdesk's
version, the address it is served at, the site's other inputs (mkdocs.yml, docs/,
templates, media/, the theme's overrides) and the files it generated. The next `serve`
whose stamp matches answers from that preview at once and builds the site again behind
it, writing over the old pages in place (nothing is removed first, so every page stays
readable), removes the pages of records deleted in between, and reloads the browsers.
A stamp that differs, or none (the first session, or one stopped during a build),
means building first, as MkDocs does.

The stamp is JSON read only to compare it: a planted or damaged one can at worst show
an old page until the build behind it finishes.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable
from os.path import isfile, join
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url

from factdesk import __version__
from factdesk.check.cache import CACHE_DIR
from factdesk.check.pipeline import CheckMemo, Validation
from factdesk.mkdocs_plugin import FactdeskPlugin, site_inputs
from factdesk.watch import use_notifications

_log = logging.getLogger("mkdocs.commands.serve")

WSGIApp = Callable[[dict[str, Any], Any], Iterable[bytes]]

PREVIEW_DIR = "preview"
STAMP_FILE = ".factdesk-preview.json"
STAMP_FORMAT = 1


def preview_dir(root: Path) -> Path:
    return root / CACHE_DIR / PREVIEW_DIR


def stamp_of(inputs: frozenset[tuple[str, int, int]], serve_url: str) -> dict[str, Any]:
    """What a preview was built from (the site's `inputs`, `site_inputs`), but for its
    records (which the build reads anyway)."""
    listed = sorted([path, size, mtime] for path, size, mtime in inputs)
    return {"format": STAMP_FORMAT, "version": __version__, "url": serve_url, "inputs": listed}


def read_stamp(site: Path) -> dict[str, Any] | None:
    try:
        stamp = json.loads((site / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def write_stamp(site: Path, stamp: dict[str, Any], outputs: list[str]) -> None:
    """Written after a whole build succeeded (atomically: a half-built preview has none)."""
    try:
        fd, tmp = tempfile.mkstemp(dir=site, prefix=".stamp-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(json.dumps({**stamp, "outputs": outputs}, ensure_ascii=False))
        os.replace(tmp, site / STAMP_FILE)
    except OSError:
        pass  # the next session builds first


def drop_stamp(site: Path) -> None:
    (site / STAMP_FILE).unlink(missing_ok=True)


def earlier_outputs(site: Path, wanted: dict[str, Any]) -> list[str] | None:
    """The generated files of the preview in `site` when it was built from `wanted`
    (and is whole), else None."""
    stamp = read_stamp(site)
    if stamp is None or not (site / "index.html").is_file():
        return None
    outputs = stamp.pop("outputs", None)
    if stamp != wanted or not isinstance(outputs, list):
        return None
    if not all(isinstance(path, str) for path in outputs):
        return None
    return outputs


def serve_preview(
    config_file: Path,
    dev_addr: str | None,
    *,
    poll: bool = False,
    checked: tuple[Validation, CheckMemo] | None = None,
) -> None:
    """Serve the desk whose mkdocs.yml is `config_file` until interrupted; `poll`: look for
    changes as MkDocs does, by listing the watched folders twice a second, where the
    file system sends no change notifications (watch.py); `checked`: the records as the
    command line validated them just before, and the memo of each file that it filled,
    so the first build reads no record again, and neither does the first save."""
    root = config_file.parent
    site = preview_dir(root)
    site.mkdir(parents=True, exist_ok=True)

    def get_config() -> Any:
        config = load_config(config_file=str(config_file), site_dir=str(site), dev_addr=dev_addr)
        config.site_url = serve_url
        return config

    config = load_config(config_file=str(config_file), site_dir=str(site), dev_addr=dev_addr)
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)
    config.site_url = serve_url
    plugin = _factdesk(config)
    if plugin is not None and checked is not None:
        validation, memo = checked
        plugin.serve.checked = memo
        plugin.hand_over(validation, None)
    inputs = site_inputs(config)

    def builder(config: Any = None) -> None:
        _log.info("Building documentation...")
        config = config or get_config()
        # The inputs this build reads (mkdocs.yml or docs/ may have changed since the start).
        built_from = stamp_of(site_inputs(config), serve_url)
        drop_stamp(site)  # until this build is whole
        build(config, serve_url=serve_url, dirty=True)
        outputs = sorted(plugin.serve.previous or {}) if plugin else []
        stamp = functools.partial(write_stamp, site, built_from, outputs)
        # A large desk's first build leaves pages to build behind the server: the preview
        # is whole (and stamped) once they are written.
        if plugin is not None:
            plugin.when_whole(stamp)
        else:
            stamp()

    server = LiveReloadServer(
        builder=builder, host=host, port=port, root=str(site), mount_path=mount_path
    )
    server.error_handler = _error_page(str(site))
    app = server.get_app()
    if plugin is not None and app is not None:
        server.set_app(_pages_on_request(app, plugin, server.mount_path))
    if not poll:
        use_notifications(server)
    outputs = earlier_outputs(site, stamp_of(inputs, serve_url)) if plugin else None
    try:
        if outputs is not None and plugin is not None:
            _log.info("Serving the last preview while the site is built again")
            plugin.over_last_preview(outputs, inputs)
            _build_first(server)
        else:
            shutil.rmtree(site, ignore_errors=True)
            site.mkdir(parents=True)
            builder(config)
        server.watch(config.docs_dir)
        server.watch(str(config_file))
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        # Stopped by a signal as by Ctrl-C: the plugins' on_shutdown stops the Pagefind
        # run indexing behind the server, which would otherwise go on alone.
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            _log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _factdesk(config: Any) -> FactdeskPlugin | None:
    """The desk's factdesk plugin (a site without it is served as MkDocs would)."""
    found = config.plugins.get("factdesk")
    return found if isinstance(found, FactdeskPlugin) else None


def _build_first(server: LiveReloadServer) -> None:
    """Have the server's build loop start with a build, as it does after a change: the
    server answers from the old preview meanwhile. (MkDocs 1.6 has no public way to ask
    for it; its watcher sets the same flag.)"""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def _pages_on_request(app: WSGIApp, plugin: FactdeskPlugin, mount_path: str) -> WSGIApp:
    """The server's WSGI application, asking the plugin first to build the page a
    reader asks for if it is one the first build left behind the server."""

    def serve(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        # As MkDocs' server reads it (WSGI hands the path over as latin-1).
        path = str(environ.get("PATH_INFO", "")).encode("latin-1").decode("utf-8", "ignore")
        if path.startswith(mount_path):
            plugin.build_now(path[len(mount_path) :])
        return app(environ, start_response)

    return serve


def _error_page(site: str) -> Callable[[int], bytes | None]:
    def error_page(code: int) -> bytes | None:
        if code in (404, 500):
            page = join(site, f"{code}.html")
            if isfile(page):
                with open(page, "rb") as f:
                    return f.read()
        return None

    return error_page
