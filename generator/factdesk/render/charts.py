"""Bar charts as HTML, drawn at build time: no JavaScript, no images.

A chart is a small table (a label, a bar, the count per row). Text is the page's text,
so it stays legible at any width: an SVG scaled down to a phone's width drew its labels
at about 7 px. The bar's length is a share of the widest; the count is always written.
"""

from __future__ import annotations

from gettext import NullTranslations

from markupsafe import Markup, escape


def bar_chart(
    rows: list[tuple[str, int, str]], title: str, words: NullTranslations | None = None
) -> Markup:
    """rows: (label, count, #rrggbb), in the order to show them; `words`: the page's
    language (render/i18n.py), English by default."""
    t = words or NullTranslations()
    peak = max((count for _, count, _ in rows), default=0) or 1
    parts = [f'<table class="fd-bars"><caption>{escape(title)}</caption><tbody>']
    for label, count, color in rows:
        # A non-zero count always shows a sliver of bar; zero shows none.
        share = 0.0 if count == 0 else max(1.0, 100 * count / peak)
        parts.append(
            f'<tr><th scope="row">{escape(label)}</th><td>'
            f'<span class="fd-bar" style="--fd-share: {share:.4g}; --fd-bar: {escape(color)}">'
            f'</span><span class="fd-bar-count">{count}</span></td></tr>'
        )
    if not rows:
        parts.append(f'<tr><td colspan="2">{escape(t.gettext("No fact-checks yet."))}</td></tr>')
    parts.append("</tbody></table>")
    return Markup("".join(parts))
