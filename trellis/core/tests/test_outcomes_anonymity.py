"""The anonymity rule of trellis/core/outcomes.py: no number a viewer can see, alone or as the
difference of two views or of a total and its shown parts, is about 1 to k-1 people."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.core.outcomes import (
    DIMENSIONS,
    POPULATION,
    TOTAL,
    Fact,
    Filter,
    Metric,
    dashboard,
)

K = 5
PERIODS = (date(2026, 1, 1), date(2026, 6, 1), date(2026, 9, 1))
ATTENDANCE = Metric(
    "attendance",
    "Attendance",
    "partition",
    (("held", "Held"), ("no_show", "No-show"), ("late", "Late cancellation")),
)
FUNNEL = Metric(
    "funnel", "Funnel", "chain", (("invited", "Invited"), ("accepted", "Accepted"), ("met", "Met"))
)
GAS = Metric("gas", "GAS", "mean", (("latest", "Latest T-score"),), unit="T")
METRICS = (ATTENDANCE, FUNNEL, GAS)

person_strategy = st.fixed_dictionaries(
    {
        "program": st.sampled_from(["p1", "p2"]),
        "team": st.sampled_from(["t1", "t2", "t3"]),
        "coach": st.sampled_from(["c1", "c2"]),
        "department": st.sampled_from(["sales", "ops", None]),  # an organization's own attribute
        "stage": st.integers(0, 2),
        "sessions": st.lists(
            st.tuples(st.sampled_from(["held", "no_show", "late"]), st.sampled_from(PERIODS)),
            max_size=4,
        ),
        "gas": st.none() | st.floats(30, 70),
    }
)


def facts_of(people: list[dict]) -> list[Fact]:
    facts = []
    for person, p in enumerate(people):
        dims = {
            "program": p["program"],
            "team": p["team"],
            "coach": p["coach"],
            "attributes": frozenset({("department", p["department"])} if p["department"] else ()),
        }
        facts.append(Fact(person, POPULATION, "all", **dims))
        for stage in FUNNEL.categories[: p["stage"] + 1]:
            facts.append(Fact(person, "funnel", stage[0], **dims))
        for outcome, on in p["sessions"]:
            facts.append(Fact(person, "attendance", outcome, on=on, **dims))
        if p["gas"] is not None:
            facts.append(Fact(person, "gas", "latest", p["gas"], **dims))
    return facts


filter_strategy = st.builds(
    Filter,
    program=st.none() | st.sampled_from(["p1", "p2"]),
    team=st.none() | st.sampled_from(["t1", "t2", "t3"]),
    coach=st.none() | st.sampled_from(["c1", "c2"]),
    since=st.none() | st.sampled_from(PERIODS),
    attribute=st.none() | st.sampled_from([("department", "sales"), ("department", "ops")]),
)


def people_in(facts, view, metric, category, admits=None):
    admits = admits or view.admits
    return {
        f.person
        for f in facts
        if admits(f) and f.metric == metric and (category == TOTAL or f.category == category)
    }


def value_on(fact, name, wanted):
    """A fact's value on a dimension; for an attribute, (name, "") when the person has none."""
    if name != "attribute":
        return getattr(fact, name)
    return next(((k, v) for k, v in fact.attributes if k == wanted[0]), (wanted[0], ""))


def shown_cells(board):
    cells = {(POPULATION, "all"): board.people}
    for panel in board.panels:
        for cell in (*panel.cells, *([panel.total] if panel.total else [])):
            cells[(panel.metric.key, cell.key)] = cell.value
    return {key: value for key, value in cells.items() if value is not None}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=st.lists(person_strategy, min_size=0, max_size=30), view=filter_strategy)
def test_it_never_reveals_a_number_about_fewer_than_k_people(people, view):
    facts = facts_of(people)
    board = dashboard(facts, METRICS, view, k=K, periods=PERIODS)
    mine = shown_cells(board)

    # A shown cell is about at least k people.
    for (metric, category), _ in mine.items():
        assert len(people_in(facts, view, metric, category)) >= K

    # A view shown at all is about k or more people; a hidden view shows nothing.
    if board.hidden:
        assert mine == {}

    # Against every coarser view: where both show a cell, their difference is about 0 or >= k.
    for wider in view.coarser(PERIODS):
        theirs = shown_cells(dashboard(facts, METRICS, wider, k=K, periods=PERIODS))
        for key in mine.keys() & theirs.keys():
            metric, category = key
            outside = {
                f.person
                for f in facts
                if wider.admits(f)
                and not view.admits(f)
                and f.metric == metric
                and (category == TOTAL or f.category == category)
            }
            assert len(outside) == 0 or len(outside) >= K, (view, wider, key)
            gone = people_in(facts, wider, *key) - people_in(facts, view, *key)
            assert len(gone) == 0 or len(gone) >= K, (view, wider, key)

    # Within a table: the hidden parts of a shown total are together about 0 or >= k people.
    for panel in board.panels:
        if panel.total is None or panel.total.hidden:
            continue
        hidden_people = set().union(
            *(people_in(facts, view, panel.metric.key, c.key) for c in panel.cells if c.hidden)
        )
        assert len(hidden_people) == 0 or len(hidden_people) >= K

    # Siblings: a cell hidden here is not the parent's total minus the shown siblings.
    for name in DIMENSIONS:
        if getattr(view, name) is None:
            continue
        parent = Filter(**{**view.__dict__, name: None})
        parent_cells = shown_cells(dashboard(facts, METRICS, parent, k=K, periods=PERIODS))
        wanted = getattr(view, name)
        values = {value_on(f, name, wanted) for f in facts if parent.admits(f)} | {wanted}
        siblings = {
            v: shown_cells(
                dashboard(
                    facts, METRICS, Filter(**{**view.__dict__, name: v}), k=K, periods=PERIODS
                )
            )
            for v in values
        }
        for key in parent_cells:
            hidden_values = [v for v in values if key not in siblings[v]]
            hidden_people = set().union(
                *(
                    people_in(
                        facts,
                        parent,
                        key[0],
                        key[1],
                        admits=lambda f, v=v, p=parent, n=name, w=wanted: (
                            p.admits(f) and value_on(f, n, w) == v
                        ),
                    )
                    for v in hidden_values
                )
            )
            assert len(hidden_people) == 0 or len(hidden_people) >= K, (view, name, key)


def test_it_hides_a_team_filter_that_leaves_out_fewer_than_five():
    """The org has 20 people; team t1 has 17: showing both would reveal the other three."""
    people = [
        {"program": "p1", "team": "t1" if i < 17 else "t2", "coach": "c1", "stage": 2}
        for i in range(20)
    ]
    facts = [Fact(i, POPULATION, "all", program="p1", team=p["team"]) for i, p in enumerate(people)]
    assert dashboard(facts, (), Filter(), k=K).people == 20
    assert dashboard(facts, (), Filter(team="t1"), k=K).hidden
    assert dashboard(facts, (), Filter(team="t2"), k=K).hidden  # three people


def test_it_hides_the_second_smallest_cell_when_one_small_cell_could_be_subtracted():
    facts = [Fact(i, "attendance", "held") for i in range(10)]
    facts += [Fact(10 + i, "attendance", "no_show") for i in range(7)]
    facts += [Fact(17 + i, "attendance", "late") for i in range(3)]
    facts += [Fact(i, POPULATION, "all") for i in range(20)]
    panel = dashboard(facts, (ATTENDANCE,), k=K).panel("attendance")
    shown = {c.key: c.value for c in panel.cells}
    assert shown == {"held": 10, "no_show": None, "late": None}
    assert panel.total is not None and panel.total.value == 20


def test_it_hides_a_funnel_stage_three_people_short_of_the_one_before():
    facts = [Fact(i, POPULATION, "all") for i in range(20)]
    facts += [Fact(i, "funnel", "invited") for i in range(20)]
    facts += [Fact(i, "funnel", "accepted") for i in range(17)]
    facts += [Fact(i, "funnel", "met") for i in range(10)]
    cells = {c.key: c.value for c in dashboard(facts, (FUNNEL,), k=K).panel("funnel").cells}
    assert cells == {"invited": 20, "accepted": None, "met": 10}


def test_it_shows_a_mean_only_for_five_or_more():
    facts = [Fact(i, POPULATION, "all") for i in range(9)]
    facts += [Fact(i, "gas", "latest", 50 + i) for i in range(4)]
    assert dashboard(facts, (GAS,), k=K).panel("gas").cells[0].value is None
    facts.append(Fact(4, "gas", "latest", 54))
    assert dashboard(facts, (GAS,), k=K).panel("gas").cells[0].value == 52.0


def test_an_attribute_filter_hides_what_the_rest_of_the_organization_would_give_away():
    """20 people, 17 in sales and 3 without a department: sales alone would reveal the three."""
    people = [
        Fact(n, POPULATION, "all", attributes=frozenset({("department", "sales")}))
        for n in range(17)
    ] + [Fact(n, POPULATION, "all") for n in range(17, 20)]
    sales = dashboard(people, (), Filter(attribute=("department", "sales")), k=K)
    assert sales.hidden
    everyone = dashboard(people, (), Filter(), k=K)
    assert everyone.people == 20
    more = [Fact(n, POPULATION, "all") for n in range(20, 22)]  # now 5 without a department
    assert dashboard(people + more, (), Filter(attribute=("department", "sales")), k=K).people == 17
