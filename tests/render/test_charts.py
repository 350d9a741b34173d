"""cjm.render.charts, the facade: it gathers every chart from the module of its step, and
what holds for every chart: the Axes it draws on, "no data yet", columns it names when
missing, nullable dtypes, text drawn as text (a `$` in a name is a dollar sign) and the
theme's language. What each chart draws is tested with its module (test_persona_charts,
test_inventory_charts, test_score_charts, test_plan_charts, test_log_charts,
test_driver_charts)."""

from __future__ import annotations

import inspect

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from chart_samples import (
    BEHAVIOUR,
    COMPARISON,
    COMPONENTS,
    COVERAGE,
    DRIVERS,
    EMOTIONS,
    FUNNEL,
    IPA,
    MATRIX,
    METRICS,
    OWNERS,
    PERSONA,
    PRIORITIES,
    SHARES,
    STAGE_SCORES,
    STAGES,
    STATED,
    SWITCHES,
    TRANSITIONS,
    bars,
    curve,
    texts,
)
from matplotlib.text import Text

from cjm.errors import ArgumentError
from cjm.render import (
    charts,
    driver_charts,
    inventory_charts,
    log_charts,
    persona_charts,
    plan_charts,
    score_charts,
    theme,
)
from cjm.render import journey_map as journey_map_module

# ---------------------------------------------------------------------------------- frames
PRIORITIES["priority"] = PRIORITIES[COMPONENTS].sum(axis=1) * 100
AXES_CHARTS = {
    "persona_shares": (charts.persona_shares, SHARES, {}),
    "goal_coverage": (charts.goal_coverage, COVERAGE, {}),
    "touchpoint_matrix": (charts.touchpoint_matrix, MATRIX, {}),
    "owners_by_stage": (charts.owners_by_stage, OWNERS, {}),
    "emotion_curve": (charts.emotion_curve, EMOTIONS, {"stages": STAGES}),
    "stage_summary": (charts.stage_summary, STAGE_SCORES, {}),
    "metric_bars": (charts.metric_bars, METRICS, {}),
    "ipa_chart": (charts.ipa_chart, IPA, {"importance_split": 3, "satisfaction_split": 3.5}),
    "priority_bars": (charts.priority_bars, PRIORITIES, {}),
    "change_chart": (charts.change_chart, COMPARISON, {}),
    "funnel_chart": (charts.funnel_chart, FUNNEL, {}),
    "transition_heatmap": (charts.transition_heatmap, TRANSITIONS, {}),
    "switch_matrix": (charts.switch_matrix, SWITCHES, {}),
    "driver_bars": (charts.driver_bars, DRIVERS, {}),
    "stated_derived_chart": (charts.stated_derived_chart, STATED, {}),
    "behaviour_chart": (charts.behaviour_chart, BEHAVIOUR, {}),
}


# ---------------------------------------------------------------------------------- all charts
@pytest.mark.parametrize("name", AXES_CHARTS)
def test_draws_on_the_given_axes_and_returns_it(name):
    function, frame, options = AXES_CHARTS[name]
    fig, ax = plt.subplots()
    assert function(frame, ax=ax, **options) is ax
    assert len(fig.axes) == 1


@pytest.mark.parametrize("name", AXES_CHARTS)
def test_without_axes_makes_a_new_figure(name):
    function, frame, options = AXES_CHARTS[name]
    ax = function(frame, **options)
    assert ax.figure.get_size_inches()[0] >= 5
    assert ax.get_title(loc="left")


@pytest.mark.parametrize("name", AXES_CHARTS)
@pytest.mark.parametrize("empty", [pd.DataFrame(), "no rows"])
def test_empty_frame_says_no_data_yet(name, empty):
    function, frame, options = AXES_CHARTS[name]
    empty = frame.iloc[0:0] if isinstance(empty, str) else empty
    ax = function(empty, **options)
    assert texts(ax) == ["no data yet"]
    ax = function(empty, language="fr", **options)
    assert texts(ax) == ["pas encore de données"]


@pytest.mark.parametrize("name", [n for n in AXES_CHARTS if n not in (
    "goal_coverage", "touchpoint_matrix", "owners_by_stage")])  # matrices take any labels
def test_missing_columns_are_named(name):
    function, frame, options = AXES_CHARTS[name]
    with pytest.raises(ValueError, match=rf"{name}\(\) expected a frame with columns .*; "
                                         r"got wrong \(missing"):
        function(pd.DataFrame({"wrong": [1]}), **options)


def test_nullable_dtypes_are_drawn():
    scores = EMOTIONS.astype({"emotion": "Float64", "moment_of_truth": "boolean"})
    scores.loc[0, "moment_of_truth"] = pd.NA
    assert np.isnan(curve(charts.emotion_curve(scores, stages=STAGES)).get_ydata()[3])
    volumes = MATRIX.astype("Int64")
    volumes.iloc[0, 0] = pd.NA
    drawn = charts.touchpoint_matrix(volumes, value="volume")
    assert texts(drawn) == ["", "1.2M", "950", "3.4k", ""]  # the missing cell: no annotation
    shares = SHARES.astype({"share": "Float64"})
    shares.loc[1, "share"] = pd.NA
    assert len(bars(charts.persona_shares(shares))) == 2


# ---------------------------------------------------------------------------------- the facade
STEP_MODULES = [persona_charts, inventory_charts, score_charts, plan_charts, log_charts,
                driver_charts]


def public_functions(module) -> dict:
    return {name: value for name, value in vars(module).items()
            if inspect.isfunction(value) and value.__module__ == module.__name__
            and not name.startswith("_")}


def test_the_facade_gathers_every_chart_from_the_module_of_its_step():
    defined = {name: function for module in STEP_MODULES
               for name, function in public_functions(module).items()}
    assert set(charts.__all__) == {*defined, "journey_map", "journey_map_data",
                                   "channel_colors"}
    for name, function in defined.items():
        assert getattr(charts, name) is function, name
    assert charts.journey_map is journey_map_module.journey_map
    assert charts.journey_map_data is journey_map_module.journey_map_data
    assert charts.channel_colors is theme.channel_colors


def test_every_axes_level_chart_is_checked_here():
    figure_level = {"persona_card", "journey_map", "journey_map_data", "channel_colors"}
    assert set(AXES_CHARTS) == set(charts.__all__) - figure_level


# ---------------------------------------------------------------------------------- text
DOLLARS = "$5^^ $"  # not valid maths: drawn as matplotlib's math notation it would raise
# per chart, a name in its frame (and its options) that becomes DOLLARS
RENAMED = {"persona_shares": "Emma", "goal_coverage": "Buy", "touchpoint_matrix": "Buy",
           "owners_by_stage": "Marketing", "emotion_curve": "Buy", "stage_summary": "Buy",
           "metric_bars": "Chat", "ipa_chart": "Refund", "priority_bars": "Checkout",
           "change_chart": "Chat", "funnel_chart": "Buy", "transition_heatmap": "Buy",
           "switch_matrix": "Website", "driver_bars": "Tracking",
           "stated_derived_chart": "Hold queue", "behaviour_chart": "App payment"}


def with_dollars(name):
    """The chart `name`, its frame and options with one name replaced by DOLLARS."""
    function, frame, options = AXES_CHARTS[name]
    old = RENAMED[name]
    assert (frame == old).any().any() or old in frame.index or old in frame.columns
    frame = frame.replace(old, DOLLARS).rename(index={old: DOLLARS}, columns={old: DOLLARS})
    options = {key: [DOLLARS if v == old else v for v in value] if isinstance(value, list)
               else value for key, value in options.items()}
    return function, frame, options


def dollar_texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if "$" in t.get_text()]


@pytest.mark.parametrize("name", AXES_CHARTS)
def test_a_dollar_in_a_name_is_a_dollar_sign(name):
    function, frame, options = with_dollars(name)
    fig = function(frame, **options).figure
    fig.canvas.draw()  # outside the chart's call, as saving it does: maths would raise here
    shown = dollar_texts(fig)
    assert DOLLARS in [t.get_text() for t in shown]
    assert [t.get_text() for t in shown if t.get_parse_math()] == []


def test_a_dollar_in_a_persona_is_a_dollar_sign():
    persona = PERSONA.copy()
    persona["name"], persona["needs"] = DOLLARS, "Pay $5 $x$ less"
    fig = charts.persona_card(persona)
    fig.canvas.draw()
    shown = [t.get_text() for t in dollar_texts(fig)]
    assert DOLLARS in shown and "•  Pay $5 $x$ less" in shown
    assert not any(t.get_parse_math() for t in dollar_texts(fig))


def test_drawing_leaves_matplotlibs_own_settings_alone():
    charts.persona_shares(SHARES)
    assert matplotlib.rcParams["text.parse_math"] is True


# ---------------------------------------------------------------------------------- language
def words(ax) -> list[str]:
    return [ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()]


@pytest.mark.parametrize("name", AXES_CHARTS)
def test_charts_speak_the_theme_language_unless_told_otherwise(name):
    function, frame, options = AXES_CHARTS[name]
    english = words(function(frame, **options))
    with theme.theme(language="fr"):
        assert words(function(frame, **options)) != english  # French, the only other one
        assert words(function(frame, language="en", **options)) == english


def test_the_persona_card_speaks_the_theme_language():
    with theme.theme(language="fr"):
        shown = texts(charts.persona_card(PERSONA).axes[0])
    assert "Besoins" in shown and "Needs" not in shown


@pytest.mark.parametrize("name", AXES_CHARTS)
def test_an_unknown_language_is_refused(name):
    function, frame, options = AXES_CHARTS[name]
    with pytest.raises(ArgumentError, match=r"^`language` must be 'en' or 'fr', not 'de'$"):
        function(frame, language="de", **options)


@pytest.mark.parametrize("name", AXES_CHARTS)
@pytest.mark.parametrize("long", [False, True])
def test_every_chart_is_saved_whole(name, long):
    """A chart is saved within the box of everything it drew (titles, labels, notes beside
    the axes), measured after its layout without a full draw: the box a full draw measures,
    even with a name far too long for the chart."""
    from cjm.render.figures import _tight_box

    function, frame, options = with_dollars(name) if long else AXES_CHARTS[name]
    if long:
        frame = frame.replace(DOLLARS, LONG).rename(index={DOLLARS: LONG},
                                                    columns={DOLLARS: LONG})
    if name == "emotion_curve" and long:
        options = {**options, "stages": [LONG if s == DOLLARS else s for s in options["stages"]]}
    quick = function(frame, **options).figure
    drawn = function(frame, **options).figure
    try:
        box = _tight_box(quick, pad=0)
        drawn.draw_without_rendering()
        assert np.allclose(box.bounds, drawn.get_tightbbox().bounds, atol=0.01)
    finally:
        plt.close(quick)
        plt.close(drawn)


LONG = "A very long name " * 12
