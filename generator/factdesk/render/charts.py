"""Horizontal bar charts as inline SVG, drawn at build time: no JavaScript, no images."""

from __future__ import annotations

from markupsafe import Markup, escape

ROW, GAP, LABEL_W, BAR_W, PAD = 22, 8, 170, 380, 50


def bar_chart(rows: list[tuple[str, int, str]], title: str) -> Markup:
    """rows: (label, count, #rrggbb). Text uses currentColor, so it follows light/dark mode."""
    height = max(1, len(rows)) * (ROW + GAP) + GAP
    width = LABEL_W + BAR_W + PAD
    peak = max((count for _, count, _ in rows), default=0) or 1
    parts = [
        f'<svg class="fd-svg" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, count, color) in enumerate(rows):
        y = GAP + index * (ROW + GAP)
        bar = 0 if count == 0 else max(2, round(BAR_W * count / peak))
        parts.append(
            f'<text x="{LABEL_W - 8}" y="{y + ROW - 6}" text-anchor="end" '
            f'fill="currentColor" font-size="13">{escape(label)}</text>'
            f'<rect x="{LABEL_W}" y="{y}" width="{bar}" height="{ROW}" rx="3" '
            f'fill="{escape(color)}"><title>{escape(label)}: {count}</title></rect>'
            f'<text x="{LABEL_W + bar + 6}" y="{y + ROW - 6}" fill="currentColor" '
            f'font-size="13">{count}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
