"""A frequency histogram drawn in a figure, read as its data, and the questions a textbook asks of
it (the median, the mean).

The We-Math site draws histograms by hand: each bar a filled polygon standing on the x-axis, its
class written under it ("[60,70)"), its frequency written over it ("12"). The data are read from
those texts and checked against the drawing: every bar's height must be its frequency times one
common scale, to 10 % of the tallest bar (the site's authors relabel a bar without redrawing it),
so a text misread as a frequency is never used. The answer is exact arithmetic on the data; the
question's target is that arithmetic written as a GeoGebra expression, so GeoGebra confirms it as
it confirms every other answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sympy
from sympy import Rational

from variantgen.construction import Construction
from variantgen.construction.cache import cached_evaluate
from variantgen.construction.evaluator import Polygon

_CLASS = re.compile(r"^\s*[\[(]\s*(-?\d+(?:\.\d+)?)\s*[,，~～-]\s*(-?\d+(?:\.\d+)?)\s*[)\]]\s*$")
_COUNT = re.compile(r"^\s*(\d+)\s*$")
#: How far (a share of the tallest bar) a frequency may be written above its bar.
_ABOVE = 0.35
#: How far each bar's height may stray from its frequency times the common scale, as a share of
#: the tallest bar (a hand draws a short bar as carelessly as a tall one).
_SCALE_TOLERANCE = 0.10
MIN_BARS = 3


@dataclass(frozen=True)
class Histogram:
    """``classes``: each bar's class [low, high); ``counts``: each bar's frequency."""

    classes: tuple[tuple[Rational, Rational], ...]
    counts: tuple[int, ...]
    title: str | None

    @property
    def total(self) -> int:
        return sum(self.counts)

    def median(self) -> tuple[Rational, str]:
        """The median estimated from the grouped data (interpolated in the class where the
        cumulative frequency reaches half the total), and that arithmetic as GeoGebra writes it."""
        half = Rational(self.total, 2)
        before = 0
        for (low, high), count in zip(self.classes, self.counts, strict=True):
            if before + count >= half and count:
                value = low + (half - before) / count * (high - low)
                return value, f"{_g(low)}+({_g(half)}-{before})/{count}*({_g(high)}-{_g(low)})"
            before += count
        raise ValueError("an empty histogram")

    def mean(self) -> tuple[Rational, str]:
        """The mean estimated with each class's midpoint."""
        terms = [((low + high) / 2, count) for (low, high), count in zip(self.classes, self.counts, strict=True)]
        value = sum((m * c for m, c in terms), Rational(0)) / self.total
        return value, f"({'+'.join(f'{_g(m)}*{c}' for m, c in terms)})/{self.total}"


def _g(value: Rational) -> str:
    return str(value) if value.q == 1 else f"({value.p}/{value.q})"


def read_histogram(construction: Construction) -> Histogram | None:
    """The histogram the figure draws, or None when it draws none (or its texts and its bars
    disagree)."""
    objects = cached_evaluate(construction).objects
    bars = sorted(
        (_box(obj) for obj in objects.values() if isinstance(obj, Polygon) and len(obj.vertices) >= 4), key=lambda b: b[0]
    )
    base = min((b[1] for b in bars), default=None)
    bars = [b for b in bars if base is not None and abs(b[1] - base) < 0.02 * max(1e-9, b[3] - b[1]) and b[3] > b[1]]
    if len(bars) < MIN_BARS or not _side_by_side(bars):
        return None
    texts = [(str(t["text"]).strip(), float(t["x"]), float(t["y"])) for t in construction.style.get("texts", [])]
    tallest = max(b[3] - b[1] for b in bars)
    classes, counts = [], []
    for left, bottom, right, top in bars:
        width = right - left
        below = [_CLASS.match(t) for t, x, y in texts if y < bottom and left - 0.3 * width <= x <= right]
        above = [_COUNT.match(t) for t, x, y in texts if top <= y <= top + _ABOVE * tallest and left - 0.2 * width <= x <= right]
        below, above = [m for m in below if m], [m for m in above if m]
        if len(below) != 1 or len(above) != 1:
            return None
        classes.append((Rational(below[0].group(1)), Rational(below[0].group(2))))
        counts.append(int(above[0].group(1)))
    if any(high <= low for low, high in classes) or any(a[1] != b[0] for a, b in zip(classes, classes[1:], strict=False)):
        return None
    scales = sorted((top - bottom) / count for (_, bottom, _, top), count in zip(bars, counts, strict=True) if count)
    if not scales or sum(counts) == 0:
        return None
    scale = scales[len(scales) // 2]
    if any(
        abs((top - bottom) - count * scale) > _SCALE_TOLERANCE * tallest
        for (_, bottom, _, top), count in zip(bars, counts, strict=True)
    ):
        return None  # the numbers over the bars are not their heights
    titles = sorted((t for t, _, _ in texts if len(t.split()) >= 4), key=len)
    return Histogram(tuple(classes), tuple(counts), titles[-1] if titles else None)


def _box(polygon: Polygon) -> tuple[float, float, float, float]:
    xs, ys = [float(v.x) for v in polygon.vertices], [float(v.y) for v in polygon.vertices]
    return min(xs), min(ys), max(xs), max(ys)


def _side_by_side(bars: list[tuple[float, float, float, float]]) -> bool:
    widths = [b[2] - b[0] for b in bars]
    return all(abs(a[2] - b[0]) < 0.05 * max(widths) for a, b in zip(bars, bars[1:], strict=False))


def histogram_question(construction: Construction, histogram: Histogram, asks: str = "median") -> dict[str, Any]:
    """The question, answer, target and knowledge point of a histogram seed: the median (or the
    mean). An answer that is no short fraction is asked to one decimal place."""
    value, expression = histogram.median() if asks == "median" else histogram.mean()
    about = (
        f"The histogram shows {_with_article(histogram.title.rstrip('.'))}."
        if histogram.title
        else "The histogram shows a frequency distribution."
    )
    ask = f"Find the {asks} estimated from the histogram."
    rounding = None if value.q <= 4 else 1
    if rounding is not None:
        ask += " Round your answer to one decimal place."
    answer = str(value) if rounding is None else f"{float(sympy.N(value, 20)):.1f}"
    return {
        "question": f"{about} The number above each bar is the frequency of its class. {ask}",
        "answer": answer,
        "rounding": rounding,
        "construction": construction.extend(target=expression),
        "knowledge_points": ("histogram-median",) if asks == "median" else ("histogram-mean",),
    }


def _with_article(title: str) -> str:
    """A chart's title inside a sentence: "The distribution of …" → "the distribution of …",
    "Distribution of …" → "the distribution of …"."""
    text = title[:1].lower() + title[1:] if title[:1].isupper() and not title[1:2].isupper() else title
    return text if re.match(r"(?:the|a|an)\b", text) else f"the {text}"
