import xml.etree.ElementTree as ET
from datetime import date

from trellis.core.charts import NO_DATA, SVG_NS, line_chart, progress_bar

NS = {"svg": SVG_NS}
T_SCORES = [
    (date(2026, 3, 2), 50.0),
    (date(2026, 1, 5), 40.87),
    (date(2026, 2, 2), 45.4),
    (date(2026, 4, 6), 59.13),
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def find(root: ET.Element, path: str) -> ET.Element:
    found = root.find(path, NS)
    assert found is not None, path
    return found


def attr(element: ET.Element, name: str) -> str:
    value = element.get(name)
    assert value is not None, name
    return value


def text(root: ET.Element, path: str) -> str:
    return find(root, path).text or ""


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{{{SVG_NS}}}text")]


def test_it_draws_one_dot_per_review_left_to_right_and_higher_for_higher_scores() -> None:
    root = parse(line_chart(T_SCORES, title="GAS T-score", y_min=20, y_max=80, decimals=1))
    dots = root.findall("svg:g[@class='points']/svg:circle", NS)
    assert len(dots) == 4
    xs = [float(attr(d, "cx")) for d in dots]
    ys = [float(attr(d, "cy")) for d in dots]
    assert xs == sorted(xs)
    # Values in date order: 40.87, 45.4, 50, 59.13; SVG y grows downwards.
    assert ys == sorted(ys, reverse=True)
    assert text(dots[-1], "svg:title") == "6 April 2026: 59.1"
    assert len(attr(find(root, "svg:polyline"), "points").split()) == 4


def test_it_is_accessible_with_the_data_in_words() -> None:
    root = parse(line_chart(T_SCORES, title="GAS T-score", y_min=20, y_max=80, decimals=1))
    assert root.get("role") == "img"
    title_id, desc_id = attr(root, "aria-labelledby").split()
    assert find(root, "svg:title").get("id") == title_id
    desc = find(root, "svg:desc")
    assert desc.get("id") == desc_id
    assert desc.text == (
        "GAS T-score. 5 January 2026: 40.9; 2 February 2026: 45.4; 2 March 2026: 50.0; "
        "6 April 2026: 59.1."
    )
    assert root.get("viewBox") == "0 0 600 240"
    assert root.get("width") is None


def test_it_marks_the_expected_level_with_a_reference_line() -> None:
    root = parse(
        line_chart(
            T_SCORES, title="T", y_min=20, y_max=80, reference=50, reference_label="As expected"
        )
    )
    y = float(attr(find(root, "svg:line[@class='reference']"), "y1"))
    top, bottom = 12, 240 - 28
    assert y == (top + bottom) / 2  # 50 is half-way between 20 and 80
    assert "As expected" in texts(root)


def test_it_keeps_out_of_range_values_inside_the_chart_but_says_their_value() -> None:
    root = parse(
        line_chart([(date(2026, 1, 1), 130.0)], title="Progress", y_min=0, y_max=100, unit="%")
    )
    assert float(attr(find(root, "svg:g[@class='points']/svg:circle"), "cy")) == 12
    assert "130%" in text(root, "svg:desc")


def test_it_says_so_when_there_is_no_data() -> None:
    root = parse(line_chart([], title="Progress", y_min=0, y_max=100))
    assert root.find("svg:polyline", NS) is None
    assert NO_DATA in text(root, "svg:desc")
    assert NO_DATA in texts(root)


def test_it_escapes_every_text() -> None:
    title = '<script>alert("x")</script> & co'
    svg = line_chart([(date(2026, 1, 1), 10.0)], title=title, y_min=0, y_max=100)
    assert "<script>" not in svg
    assert text(parse(svg), "svg:title") == title


def test_it_gives_different_charts_different_ids() -> None:
    a = parse(line_chart(T_SCORES, title="A", y_min=0, y_max=100))
    b = parse(line_chart(T_SCORES, title="B", y_min=0, y_max=100))
    assert attr(find(a, "svg:title"), "id") != attr(find(b, "svg:title"), "id")


def test_it_fills_a_progress_bar_in_proportion() -> None:
    root = parse(progress_bar(37.5, label="Present to the board", width=200))
    assert float(attr(find(root, "svg:rect[@class='fill']"), "width")) == 75.0
    assert root.get("role") == "img"
    assert text(root, "svg:desc") == "Present to the board: 38% done."
    assert root.get("viewBox") == "0 0 200 14"


def test_it_shows_an_empty_bar_when_there_is_nothing_to_measure() -> None:
    root = parse(progress_bar(None, label="New goal"))
    assert root.find("svg:rect[@class='fill']", NS) is None
    assert "no progress to show yet" in text(root, "svg:desc")


def test_it_caps_a_bar_at_full() -> None:
    root = parse(progress_bar(140, label="Done & dusted", width=100))
    assert float(attr(find(root, "svg:rect[@class='fill']"), "width")) == 100.0
    assert text(root, "svg:title") == "Done & dusted"


def test_a_bar_chart_says_every_value_and_draws_no_bar_for_a_hidden_one():
    from trellis.core.charts import bar_chart

    svg = bar_chart([("Held", 12), ("No-show", None)], title="Attendance")
    assert 'role="img"' in svg and "<title" in svg
    assert "Held: 12; No-show: fewer than 5." in svg
    assert svg.count("<rect") == 1


def test_a_progress_bar_escapes_its_label_everywhere() -> None:
    label = 'Say "no" <b>& mean it</b>'
    svg = progress_bar(50, label=label, chart_id='bar-"x"<y>')
    root = parse(svg)
    assert text(root, "svg:title") == label
    assert text(root, "svg:desc") == f"{label}: 50% done."
    assert attr(find(root, "svg:title"), "id") == 'bar-"x"<y>-title'
    assert "<b>" not in svg
