"""Charts drawn on the server with pygal, served as SVG images from our own origin.

pygal's SVG carries its styles in an inline <style>, which the content security policy
allows inside an image; its <script> (tooltips) would never run in an <img> anyway, so it is
removed, and ``js=[]`` keeps pygal from linking its script from a CDN.
"""

from __future__ import annotations

import re

import pygal
from pygal.style import Style

__all__ = ["line_chart", "bar_chart"]

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1d1d1f",
    foreground_strong="#1d1d1f",
    foreground_subtle="#5f6368",
    colors=("#b3121b", "#0b57a4", "#1b6e2d", "#e08a00", "#6a3d9a", "#5f6368", "#00838f"),
    font_family="system-ui, sans-serif",
    title_font_size=18,
    legend_font_size=14,
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=13,
)
SCRIPT = re.compile(r"<script.*?</script>", re.DOTALL)


def _config(title: str, no_data: str, **options) -> dict:
    return {
        "title": title,
        "style": STYLE,
        "js": [],
        "width": 720,
        "height": 360,
        "legend_at_bottom": True,
        "no_data_text": no_data,
        "truncate_legend": -1,
        "truncate_label": -1,
        "show_y_guides": True,
        "min_scale": 4,
        "max_scale": 8,
        **options,
    }


def _render(chart) -> bytes:
    return SCRIPT.sub("", chart.render(is_unicode=True)).encode()


def line_chart(title: str, labels: list[str], series: dict[str, list], *, no_data: str) -> bytes:
    """Lines over issues, e.g. copies handed on and distributors per issue."""
    chart = pygal.Line(**_config(title, no_data, show_dots=True, dots_size=4, fill=False))
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    return _render(chart)


def bar_chart(
    title: str, labels: list[str], series: dict[str, list], *, no_data: str, horizontal=False
) -> bytes:
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    height = max(360, 60 + 34 * len(labels)) if horizontal else 360
    chart = kind(**_config(title, no_data, height=height, print_values=True))
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    return _render(chart)
