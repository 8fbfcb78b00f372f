"""A histogram drawn in a figure: its data read from the labels under and over its bars and checked
against the bars' heights, and the median and mean a textbook estimates from it."""

from __future__ import annotations

import sympy

from variantgen.answers import parse_answer
from variantgen.construction import Construction, evaluate
from variantgen.construction.ggb import ImportedFigure
from variantgen.derive.from_figure import question_for
from variantgen.derive.histogram import read_histogram

CLASSES = ["[0,60)", "[60,70)", "[70,80)", "[80,90)", "[90,100]"]


def _histogram(
    counts: list[int], drawn: list[float] | None = None, title: str = "The distribution of test scores in a class"
) -> ImportedFigure:
    """Bars two units wide on the x-axis, 0.4 units per count (or ``drawn`` heights), labelled as the
    We-Math site labels them."""
    commands, texts = [], []
    for i, count in enumerate(counts):
        height = (drawn or [0.4 * c for c in counts])[i]
        a, b, c, d = (f"P{i}{k}" for k in "abcd")
        commands += [f"{a}=({2 * i},0)", f"{b}=({2 * i + 2},0)", f"{c}=({2 * i + 2},{height})", f"{d}=({2 * i},{height})"]
        commands.append(f"bar{i}=Polygon({a},{b},{c},{d})")
        texts.append({"label": f"c{i}", "text": CLASSES[i], "x": 2 * i + 0.4, "y": -0.5})
        texts.append({"label": f"n{i}", "text": str(count), "x": 2 * i + 0.9, "y": height + 0.3})
    texts.append({"label": "title", "text": title, "x": -3.0, "y": 9.0})
    return ImportedFigure(commands, None, {"texts": texts, "filled": [f"bar{i}" for i in range(len(counts))]})


def test_the_data_are_read_from_the_labels_and_the_median_is_interpolated() -> None:
    figure = _histogram([5, 8, 12, 15, 10])
    histogram = read_histogram(figure.construction("0"))
    assert histogram is not None and histogram.counts == (5, 8, 12, 15, 10) and histogram.total == 50
    assert histogram.classes[0] == (0, 60) and histogram.classes[-1] == (90, 100)
    value, expression = histogram.median()
    assert value == 80  # 25 reached at the end of [70, 80)
    assert evaluate(Construction(("A=(0,0)",), expression)).target == 80
    mean, _ = histogram.mean()
    assert mean == sympy.Rational(30 * 5 + 65 * 8 + 75 * 12 + 85 * 15 + 95 * 10, 50)


def test_labels_that_are_not_the_bars_heights_are_not_read_as_data() -> None:
    """A bar drawn at half its label's height: the label is not its frequency (or the drawing is
    not this histogram); no question is made from it."""
    assert read_histogram(_histogram([5, 8, 12, 15, 10], drawn=[2.0, 3.2, 2.4, 6.0, 4.0]).construction("0")) is None


def test_a_histogram_figure_gets_its_median_question_rounded_where_it_is_no_short_fraction() -> None:
    made = question_for(_histogram([6, 8, 12, 14, 10]))
    assert made.question.startswith("The histogram shows the distribution of test scores in a class.")
    assert "Find the median estimated from the histogram. Round your answer to one decimal place." in made.question
    assert made.answer == "79.2" and made.rounding == 1  # 70 + (25 − 14)/12 · 10 = 475/6
    assert abs(float(evaluate(made.construction).target) - float(parse_answer(made.answer))) < 0.05
    assert made.knowledge_points == ("histogram-median",)
