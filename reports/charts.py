"""Small time charts drawn with reportlab graphics, legible after a black-and-white copy.

Series are told apart by line style and marker (solid with filled dots, dashed with open
squares), never by colour alone. A chart can shade a band (the range a change must leave to
count as important) and draw reference lines (the pain-monitoring limits), each labelled on the
chart so the reader needs no colour key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.styles import DARK, FONT, FONT_BOLD, INK, RULE, TINT, WHITE


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[tuple[dt.date, float]]
    dashed: bool = False
    open_marker: bool = False


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    label: str


@dataclass(frozen=True)
class RefLine:
    value: float
    label: str


@dataclass(frozen=True)
class ChartSpec:
    title: str
    series: Sequence[Series]
    y_min: float
    y_max: float
    y_step: float
    y_label: str = ""
    bands: Sequence[Band] = field(default_factory=tuple)
    lines: Sequence[RefLine] = field(default_factory=tuple)


def _x_ticks(first: dt.date, last: dt.date, dates: Sequence[dt.date]) -> list[dt.date]:
    """The data's own dates when there are few, else about six evenly spaced days."""
    unique = sorted(set(dates))
    if len(unique) <= 6:
        return unique
    span = (last - first).days
    step = max(1, round(span / 5))
    return [first + dt.timedelta(days=step * i) for i in range(6) if step * i <= span]


def _tick_label(day: dt.date, with_year: bool) -> str:
    return f"{day.day} {day:%b %Y}" if with_year else f"{day.day} {day:%b}"


def legend_height(spec: ChartSpec, width: float, font_size: float) -> float:
    """Room the key under a chart takes, so charts side by side can share one plot height."""
    return _legend(spec, width, font_size)[2]


def _legend(
    spec: ChartSpec, width: float, fs: float
) -> tuple[list[list[str]], list[list[str]], float]:
    # a lone series needs no key; a shaded band always explains itself in the key
    keyed = list(spec.series) if len(spec.series) > 1 else []
    key_w = width - _left(spec, fs) - fs * 3
    band_keys = [_wrap(b.label, key_w, fs) for b in spec.bands]
    series_keys = [_wrap(s.label, key_w, fs) for s in keyed]
    lines = sum(len(k) for k in band_keys + series_keys)
    return band_keys, series_keys, fs * 1.25 * lines + fs * 0.3 * len(band_keys + series_keys)


def _left(spec: ChartSpec, fs: float) -> float:
    return stringWidth(f"{spec.y_max:g}", FONT, fs) + fs * 1.2 + (fs * 1.2 if spec.y_label else 0)


def time_chart(
    spec: ChartSpec,
    width: float,
    height: float,
    font_size: float,
    legend_room: float | None = None,
) -> Drawing:
    """One chart: title, axes, optional shaded band and reference lines, series, legend.

    ``legend_room`` reserves at least that much height for the key, so a row of charts with
    keys of different lengths keeps its axes level.
    """
    d = Drawing(width, height)
    d.initialFontName = FONT  # else the renderer starts in Helvetica, never embedded
    fs = font_size
    title_h = fs * 2.0
    keyed = list(spec.series) if len(spec.series) > 1 else []
    left = _left(spec, fs)
    band_keys, series_keys, legend_h = _legend(spec, width, fs)
    top_of_key = legend_h
    legend_h = max(legend_h, legend_room or 0.0)
    ref_w = max((stringWidth(r.label, FONT, fs * 0.85) for r in spec.lines), default=0.0)
    right = fs * 0.8 + (ref_w + 4 if spec.lines else 0)
    bottom = legend_h + fs * 2.4
    top = height - title_h
    plot_w, plot_h = width - left - right, top - bottom
    d.add(String(0, height - fs * 1.1, spec.title, fontName=FONT_BOLD, fontSize=fs * 1.05))

    dates = [day for s in spec.series for day, _ in s.points]
    first, last = min(dates), max(dates)
    if first == last:
        first, last = first - dt.timedelta(days=3), last + dt.timedelta(days=3)
    span = (last - first).days

    def x(day: dt.date) -> float:
        return left + plot_w * 0.04 + (day - first).days / span * plot_w * 0.92

    def y(value: float) -> float:
        value = min(max(value, spec.y_min), spec.y_max)
        return bottom + (value - spec.y_min) / (spec.y_max - spec.y_min) * plot_h

    for band in spec.bands:
        lo, hi = y(band.low), y(band.high)
        d.add(Rect(left, lo, plot_w, hi - lo, fillColor=TINT, strokeColor=None))
    # axes and grid; a short plot gets fewer, wider-spaced labels so they never touch
    span_y = spec.y_max - spec.y_min
    step = next(
        (
            spec.y_step * k
            for k in (1, 2, 2.5, 5, 10)
            if plot_h / (span_y / (spec.y_step * k)) >= fs * 1.7
            and abs(span_y / (spec.y_step * k) - round(span_y / (spec.y_step * k))) < 1e-9
        ),
        span_y,
    )
    value = spec.y_min
    while value <= spec.y_max + 1e-9:
        yy = y(value)
        d.add(Line(left, yy, left + plot_w, yy, strokeColor=TINT, strokeWidth=0.4))
        d.add(Line(left - 3, yy, left, yy, strokeColor=INK, strokeWidth=0.6))
        d.add(
            String(
                left - 4, yy - fs * 0.35, f"{value:g}", fontName=FONT, fontSize=fs,
                textAnchor="end",
            )
        )  # fmt: skip
        value += step
    d.add(Line(left, bottom, left, top, strokeColor=INK, strokeWidth=0.8))
    d.add(Line(left, bottom, left + plot_w, bottom, strokeColor=INK, strokeWidth=0.8))
    if spec.y_label:
        label = String(0, 0, spec.y_label, fontName=FONT, fontSize=fs * 0.9, textAnchor="middle")
        group = Group(label)
        group.transform = (0, 1, -1, 0, fs * 0.9, bottom + plot_h / 2)
        d.add(group)
    with_year = first.year != last.year
    for day in _x_ticks(min(dates), max(dates), dates):
        xx = x(day)
        d.add(Line(xx, bottom, xx, bottom - 3, strokeColor=INK, strokeWidth=0.6))
        d.add(
            String(
                xx, bottom - fs * 1.3, _tick_label(day, with_year), fontName=FONT, fontSize=fs,
                textAnchor="middle",
            )
        )  # fmt: skip
    for ref in spec.lines:
        yy = y(ref.value)
        d.add(
            Line(
                left, yy, left + plot_w, yy, strokeColor=RULE, strokeWidth=0.9,
                strokeDashArray=[1.5, 2],
            )
        )  # fmt: skip
        d.add(
            String(
                left + plot_w + 4, yy - fs * 0.3, ref.label, fontName=FONT, fontSize=fs * 0.85,
                fillColor=DARK,
            )
        )  # fmt: skip
    # series
    marker = fs * 0.32
    for s in spec.series:
        pts = sorted(s.points)
        flat = [v for day, val in pts for v in (x(day), y(val))]
        if len(pts) > 1:
            d.add(
                PolyLine(
                    flat,
                    strokeColor=INK,
                    strokeWidth=1.3,
                    strokeDashArray=[4, 2.5] if s.dashed else None,
                )
            )
        for day, val in pts:
            _marker(d, x(day), y(val), marker, s.open_marker)
    # legend, under the axis labels
    ly = top_of_key - fs * 1.0 + (legend_h - top_of_key)
    for lines in band_keys:
        d.add(Rect(left, ly - fs * 0.15, fs * 2.4, fs, fillColor=TINT, strokeColor=RULE,
                   strokeWidth=0.4))  # fmt: skip
        ly = _key_text(d, lines, left + fs * 3, ly, fs)
    for s, lines in zip(keyed, series_keys, strict=True):
        d.add(
            Line(
                left, ly + fs * 0.35, left + fs * 2.4, ly + fs * 0.35, strokeColor=INK,
                strokeWidth=1.3, strokeDashArray=[4, 2.5] if s.dashed else None,
            )
        )  # fmt: skip
        _marker(d, left + fs * 1.2, ly + fs * 0.35, marker, s.open_marker)
        ly = _key_text(d, lines, left + fs * 3, ly, fs)
    return d


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Words broken into lines that fit ``width`` (a long word gets a line of its own)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and stringWidth(trial, FONT, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines or [""]


def _key_text(d: Drawing, lines: list[str], x: float, y: float, fs: float) -> float:
    for line in lines:
        d.add(String(x, y, line, fontName=FONT, fontSize=fs))
        y -= fs * 1.25
    return y - fs * 0.3


def _marker(d: Drawing, x: float, y: float, r: float, open_marker: bool) -> None:
    if open_marker:
        d.add(Rect(x - r, y - r, 2 * r, 2 * r, fillColor=WHITE, strokeColor=INK, strokeWidth=1))
    else:
        d.add(Circle(x, y, r, fillColor=INK, strokeColor=INK, strokeWidth=0.5))
