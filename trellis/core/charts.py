"""Tiny server-rendered SVG charts for the plan page: a line over time and a progress bar.

No dependencies: ElementTree builds the markup, so every text is escaped. Charts are sized by
their viewBox (the page's CSS sets the width), draw in currentColor, and carry role="img" with a
<title> and a <desc> that gives the same data in words for screen readers.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date

SVG_NS = "http://www.w3.org/2000/svg"
NO_DATA = "No data yet."

_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM = 44, 16, 12, 28


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _short_day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def _number(value: float, decimals: int, unit: str) -> str:
    return f"{value:.{decimals}f}{unit}"


def _chart_id(kind: str, *parts: object) -> str:
    # Stable for the same data, different across charts on one page: ids must be unique there.
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:10]
    return f"{kind}-{digest}"


def _svg(width: int, height: int, title: str, desc: str, chart_id: str, css: str) -> ET.Element:
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "class": css,
        },
    )
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = desc
    return svg


def _text(parent: ET.Element, x: float, y: float, text: str, **attrs: str) -> None:
    element = ET.SubElement(parent, "text", {"x": f"{x:.1f}", "y": f"{y:.1f}", **attrs})
    element.text = text


def line_chart(
    points: Sequence[tuple[date, float]],
    *,
    title: str,
    y_min: float,
    y_max: float,
    unit: str = "",
    decimals: int = 0,
    reference: float | None = None,
    reference_label: str = "",
    width: int = 600,
    height: int = 240,
    chart_id: str | None = None,
) -> str:
    """A line of values over dates, oldest first; for progress (0-100 %) or GAS T-scores.

    Values outside [y_min, y_max] are drawn at the edge but described with their real value.
    `reference` draws a dashed line, for example the T-score of 50 (goals met as expected).
    """
    points = sorted(points)
    chart_id = chart_id or _chart_id("line", title, points)
    words = "; ".join(f"{_day(on)}: {_number(v, decimals, unit)}" for on, v in points)
    desc = f"{title}. {words}." if points else f"{title}. {NO_DATA}"
    svg = _svg(width, height, title, desc, chart_id, "trellis-chart trellis-line-chart")

    left, right = _MARGIN_LEFT, width - _MARGIN_RIGHT
    top, bottom = _MARGIN_TOP, height - _MARGIN_BOTTOM
    span = (y_max - y_min) or 1.0

    def y_of(value: float) -> float:
        clamped = min(max(value, y_min), y_max)
        return bottom - (clamped - y_min) / span * (bottom - top)

    axes = ET.SubElement(svg, "g", {"class": "axis", "stroke": "currentColor", "opacity": "0.4"})
    ET.SubElement(
        axes, "line", {"x1": str(left), "y1": str(bottom), "x2": str(right), "y2": str(bottom)}
    )
    ET.SubElement(
        axes, "line", {"x1": str(left), "y1": str(top), "x2": str(left), "y2": str(bottom)}
    )
    labels = ET.SubElement(svg, "g", {"class": "labels", "fill": "currentColor", "font-size": "11"})
    for value in (y_min, y_max):
        _text(labels, left - 6, y_of(value) + 4, _number(value, 0, unit), **{"text-anchor": "end"})

    if reference is not None:
        ref_y = f"{y_of(reference):.1f}"
        ET.SubElement(
            svg,
            "line",
            {
                "class": "reference",
                "x1": str(left),
                "y1": ref_y,
                "x2": str(right),
                "y2": ref_y,
                "stroke": "currentColor",
                "stroke-dasharray": "4 4",
                "opacity": "0.5",
            },
        )
        if reference_label:
            _text(labels, right, y_of(reference) - 4, reference_label, **{"text-anchor": "end"})

    if not points:
        _text(labels, (left + right) / 2, (top + bottom) / 2, NO_DATA, **{"text-anchor": "middle"})
        return ET.tostring(svg, encoding="unicode")

    first, last = points[0][0], points[-1][0]
    days = (last - first).days

    def x_of(on: date) -> float:
        if days == 0:
            return (left + right) / 2
        return left + (on - first).days / days * (right - left)

    coordinates = [(x_of(on), y_of(value)) for on, value in points]
    if len(points) > 1:
        ET.SubElement(
            svg,
            "polyline",
            {
                "class": "line",
                "points": " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates),
                "fill": "none",
                "stroke": "currentColor",
                "stroke-width": "2",
            },
        )
    dots = ET.SubElement(svg, "g", {"class": "points", "fill": "currentColor"})
    for (on, value), (x, y) in zip(points, coordinates, strict=True):
        dot = ET.SubElement(dots, "circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": "3.5"})
        ET.SubElement(dot, "title").text = f"{_day(on)}: {_number(value, decimals, unit)}"
    _text(labels, x_of(first), height - 8, _short_day(first), **{"text-anchor": "start"})
    if days:
        _text(labels, x_of(last), height - 8, _short_day(last), **{"text-anchor": "end"})
    return ET.tostring(svg, encoding="unicode")


def progress_bar(
    percent: float | None,
    *,
    label: str,
    width: int = 240,
    height: int = 14,
    chart_id: str | None = None,
) -> str:
    """A horizontal bar, 0-100 %; None means there is nothing to measure yet.

    Written as text (escaped as ElementTree escapes), not built with ElementTree: a list of plans
    draws one per row, and the tree cost 0.1 ms a bar."""
    chart_id = chart_id or _chart_id("bar", label, percent)
    if percent is None:
        shown, words = 0.0, f"{label}: no progress to show yet."
    else:
        shown = min(max(percent, 0.0), 100.0)
        words = f"{label}: {shown:.0f}% done."
    radius = str(height / 2)
    ids = _attribute(chart_id)
    fill = (
        f'<rect class="fill" x="0" y="0" width="{width * shown / 100:.1f}" height="{height}" '
        f'rx="{radius}" fill="currentColor" />'
        if shown > 0
        else ""
    )
    return (
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ids}-title {ids}-desc" class="trellis-chart trellis-progress">'
        f'<title id="{ids}-title">{_content(label)}</title>'
        f'<desc id="{ids}-desc">{_content(words)}</desc>'
        f'<rect class="track" x="0" y="0" width="{width}" height="{height}" rx="{radius}" '
        f'fill="currentColor" opacity="0.15" />{fill}</svg>'
    )


def _content(text: str) -> str:
    """Element text escaped as ElementTree escapes it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(text: str) -> str:
    """An attribute value escaped as ElementTree escapes it."""
    escaped = _content(text).replace('"', "&quot;")
    return escaped.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def bar_chart(
    rows: Sequence[tuple[str, float | None]],
    *,
    title: str,
    unit: str = "",
    decimals: int = 0,
    hidden_text: str = "fewer than 5",
    width: int = 600,
    chart_id: str | None = None,
) -> str:
    """Horizontal bars, one per (label, value), in the order given; a None value is a hidden cell
    (below the anonymity threshold) and is drawn as words, never as a bar.

    Each label sits above its bar, so the chart stays readable when a phone shrinks it.
    """
    chart_id = chart_id or _chart_id("bars", title, list(rows))
    row_height, bar_height, top = 34, 14, 6
    height = top + row_height * max(len(rows), 1) + 4
    words = "; ".join(
        f"{label}: {hidden_text if value is None else _number(value, decimals, unit)}"
        for label, value in rows
    )
    desc = f"{title}. {words}." if rows else f"{title}. {NO_DATA}"
    svg = _svg(width, height, title, desc, chart_id, "trellis-chart trellis-bar-chart")
    labels = ET.SubElement(svg, "g", {"class": "labels", "fill": "currentColor", "font-size": "13"})
    if not rows:
        _text(labels, width / 2, height / 2, NO_DATA, **{"text-anchor": "middle"})
        return ET.tostring(svg, encoding="unicode")
    shown = [value for _, value in rows if value is not None]
    largest = max([abs(v) for v in shown] + [0.0]) or 1.0
    value_room = 90
    bars = ET.SubElement(svg, "g", {"class": "bars", "fill": "currentColor"})
    for index, (label, value) in enumerate(rows):
        y = top + index * row_height
        _text(labels, 0, y + 11, label)
        bar_y = y + 15
        if value is None:
            _text(labels, 0, bar_y + 11, hidden_text, **{"font-style": "italic", "opacity": "0.7"})
            continue
        length = (width - value_room) * abs(value) / largest
        ET.SubElement(
            bars,
            "rect",
            {
                "x": "0",
                "y": str(bar_y),
                "width": f"{max(length, 1.0):.1f}",
                "height": str(bar_height),
                "opacity": "0.8",
            },
        )
        _text(labels, max(length, 1.0) + 6, bar_y + 11, _number(value, decimals, unit))
    return ET.tostring(svg, encoding="unicode")
