"""Charts: which figures form a series, and SVG that is valid XML with escaped text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from briefbook.models import Figure
from briefbook.render.charts import chart_block, series_of

SVG = "{http://www.w3.org/2000/svg}"


def fig(value: float, period: str | None, **extra: object) -> Figure:
    data = {"label": "Trade <&> \"turnover\"", "value": value, "unit": "USD", "scale": "million",
            "period": period, "series": "trade", "sources": ["s1"], **extra}
    return Figure.model_validate(data)


def no_cite(ids: list[str]) -> str:
    return "<sup>[" + ",".join(ids) + "]</sup>"


def test_series_sorted_by_period_with_target_separate() -> None:
    figures = [fig(563, "2023"), fig(254.3, "2021"),
               fig(1, None, scale="billion", status="target"), fig(5, "2023", series=None)]
    [series] = series_of(figures)
    assert [f.period for f in series.bars] == ["2021", "2023"]
    assert [f.value for f in series.targets] == [1]


def test_fiscal_years_chart_in_order_and_as_written() -> None:
    """A series of years spanning two (2015/16 ...) and fiscal years sorts by the end of
    each period and labels its bars as written."""
    figures = [fig(3, "2017/18"), fig(1, "2015/16"), fig(2, "FY2016"), fig(4, "2018"),
               fig(0.5, "2014/15")]
    [series] = series_of(figures)
    assert [f.period for f in series.bars] == ["2014/15", "2015/16", "FY2016", "2017/18",
                                               "2018"]
    texts = [t.text for t in svg_of(figures).iter(f"{SVG}text")]
    assert {"2014/15", "2015/16", "FY2016", "2017/18"} <= set(texts)


def test_a_lone_figure_is_not_a_chart() -> None:
    assert series_of([fig(563, "2023")]) == []


def test_svg_is_well_formed_and_text_escaped() -> None:
    figures = [fig(254.3, "2021"), fig(563, "2023"), fig(237.2, "2024-H1", cumulative=True),
               fig(1, None, scale="billion", status="target")]
    block = chart_block(series_of(figures)[0], "chart-x", no_cite)
    root = ET.fromstring(block)  # the whole figure parses as XML
    svg = root.find(f"{SVG}svg")
    assert svg is not None and svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == 'Trade <&> "turnover"'
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "1,000" in texts and "563" in texts and "H1 2024" in texts and "cumulative" in texts
    assert "Target: USD 1 billion" in texts
    # The target line sits above the tallest bar: 1,000 million > 563 million.
    target_y = float([e for e in svg.iter(f"{SVG}line") if e.get("stroke-dasharray")][0].get("y1"))
    bar_tops = [float(r.get("y")) for r in svg.iter(f"{SVG}rect")]
    assert target_y < min(bar_tops)
    rows = root.find("div/table").find("tbody").findall("tr")
    assert [r.find("td").text for r in rows] == ["2021", "2023", "H1 2024", "—"]


def test_markdown_passes_the_block_through_unchanged() -> None:
    figures = [fig(254.3, "2021"), fig(563, "2023")]
    block = chart_block(series_of(figures)[0], "chart-y", no_cite)
    text = f"Intro paragraph.\n\n{block}\n\nAfter *the* chart.\n"
    html = markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html"])
    assert block in html
    assert "<em>the</em>" in html


def svg_of(figures: list[Figure]) -> ET.Element:
    block = chart_block(series_of(figures)[0], "chart-z", no_cite)
    svg = ET.fromstring(block).find(f"{SVG}svg")
    assert svg is not None
    return svg


def assert_inside_the_picture(svg: ET.Element) -> None:
    """Every bar has a non-negative size and every bar and text lies inside the viewBox."""
    _, _, width, height = (float(n) for n in svg.get("viewBox").split())
    for rect in svg.iter(f"{SVG}rect"):
        x, y, w, h = (float(rect.get(a)) for a in ("x", "y", "width", "height"))
        assert w >= 0 and h >= 0, ET.tostring(rect)
        assert 0 <= x and x + w <= width and 0 <= y and y + h <= height, ET.tostring(rect)
    for text in svg.iter(f"{SVG}text"):
        x, y, size = float(text.get("x")), float(text.get("y")), float(text.get("font-size"))
        assert 0 <= x <= width and size <= y <= height, ET.tostring(text)


def current_account(*values: float) -> list[Figure]:
    return [fig(value, str(2021 + i), scale="billion", label="Current account", series="ca")
            for i, value in enumerate(values)]


def test_a_series_of_zeros_draws_an_empty_chart() -> None:
    svg = svg_of([fig(0, year, unit="%", scale=None) for year in ("2021", "2022", "2023")])
    assert_inside_the_picture(svg)
    assert [t.text for t in svg.iter(f"{SVG}text")].count("0") >= 3  # a label on each bar


def test_a_negative_value_hangs_below_a_zero_baseline() -> None:
    svg = svg_of(current_account(3.1, -9.4, 5.2))
    assert_inside_the_picture(svg)
    rects = list(svg.iter(f"{SVG}rect"))
    tops = [float(r.get("y")) for r in rects]
    bottoms = [round(float(r.get("y")) + float(r.get("height")), 1) for r in rects]
    baseline = bottoms[0]  # the positive bars stand on it
    assert bottoms[2] == baseline and tops[1] == baseline and bottoms[1] > baseline
    zero_lines = [e for e in svg.iter(f"{SVG}line") if float(e.get("y1")) == baseline]
    assert any(e.get("stroke") == "#333" for e in zero_lines)  # the baseline is drawn dark
    texts = {t.text: t for t in svg.iter(f"{SVG}text")}
    label = texts["−9.4"]  # a true minus sign, read as "minus"
    assert float(label.get("y")) - float(label.get("font-size")) >= bottoms[1]  # below its bar
    assert float(label.get("y")) < float(texts["2022"].get("y")) - float(label.get("font-size"))
    assert "-9" not in ET.tostring(svg, encoding="unicode")
    assert "0" in texts and "−10" in texts  # ticks on both sides of zero


def test_a_target_label_over_a_hanging_bar_keeps_a_halo() -> None:
    figures = [*current_account(-2.5, -3.1), fig(-1, "2026", scale="billion", series="ca",
                                                 status="target")]
    [label] = [t for t in svg_of(figures).iter(f"{SVG}text") if t.text.startswith("Target")]
    assert label.text == "Target: USD −1 billion (2026)"
    assert label.get("paint-order") == "stroke" and label.get("stroke") == "#fff"


def test_the_text_alternative_reads_negative_values() -> None:
    block = chart_block(series_of(current_account(3.1, -9.4, 5.2))[0], "chart-z", no_cite)
    cells = [r.findall("td")[1].text for r in ET.fromstring(block).find("div/table").iter("tr")
             if r.findall("td")]
    assert cells == ["USD 3.1 billion", "USD −9.4 billion", "USD 5.2 billion"]
    assert "below the zero line" in ET.fromstring(block).find(f"{SVG}svg/{SVG}desc").text


def test_an_all_negative_series_hangs_from_the_top() -> None:
    svg = svg_of(current_account(-2.5, -0.4))
    assert_inside_the_picture(svg)
    rects = list(svg.iter(f"{SVG}rect"))
    assert rects[0].get("y") == rects[1].get("y")  # both hang from the baseline
    assert float(rects[0].get("height")) > float(rects[1].get("height")) > 0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.decimals(-10**6, 10**6, places=2), min_size=2, max_size=8),
       st.one_of(st.none(), st.decimals(-10**6, 10**6, places=2)))
def test_any_series_draws_inside_the_picture(values: list[Decimal], target: Decimal | None) -> None:
    figures = current_account(*(float(v) for v in values))
    if target is not None:
        figures.append(fig(float(target), None, scale="billion", series="ca", status="target"))
    svg = svg_of(figures)
    assert_inside_the_picture(svg)
    grid = [float(e.get("y1")) for e in svg.iter(f"{SVG}line") if e.get("stroke") == "#ddd"]
    for text in svg.iter(f"{SVG}text"):  # labels of values and targets stay inside the plot,
        if text.get("fill") not in ("#333", "#555"):  # clear of the unit and the periods
            y, size = float(text.get("y")), float(text.get("font-size"))
            assert min(grid) - 1 <= y - size and y <= max(grid), ET.tostring(text)


def test_an_untranslated_label_is_marked_english_on_a_russian_chart() -> None:
    english = series_of([fig(254.3, "2021"), fig(563, "2023")])[0]
    block = chart_block(english, "chart-x", no_cite, lang="ru")
    root = ET.fromstring(block)
    assert root.find(f"{SVG}svg").find(f"{SVG}title").get("lang") == "en"  # type: ignore[union-attr]
    assert root.find("figcaption").find("span").get("lang") == "en"  # type: ignore[union-attr]
    both = series_of([fig(254.3, "2021", label={"en": "Trade", "ru": "Торговля"}),
                      fig(563, "2023", label={"en": "Trade", "ru": "Торговля"})])[0]
    root = ET.fromstring(chart_block(both, "chart-x", no_cite, lang="ru"))
    assert root.find(f"{SVG}svg").find(f"{SVG}title").get("lang") is None  # type: ignore[union-attr]
    assert root.find("figcaption").text.startswith("Торговля")  # type: ignore[union-attr]
