"""cjm.render.journey_map: what a persona's journey map shows (stages, the persona's
touchpoints, moments of truth, current emotions, thoughts, pain points, opportunities, header),
its refusals, and the data behind it (`journey_map_data`). How the map is laid out is
test_journey_layout's concern."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from map_drawing import (
    all_texts,
    column_of,
    drawn_as,
    emotion_line,
    flat,
    ids,
    stage_of_text,
    texts,
)

from cjm import load_project
from cjm.errors import UsageError
from cjm.labels import label
from cjm.project.workspace import Workspace
from cjm.render.journey_layout import LANES
from cjm.render.journey_map import journey_map, journey_map_data
from cjm.steps.touchpoints import current_journey


def assert_inside_figure(fig):
    """Every text within the figure (to a pixel)."""
    renderer = fig.canvas.get_renderer()
    frame = fig.bbox
    for text in all_texts(fig):
        box = text.get_window_extent(renderer)
        assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1, text.get_text()
        assert frame.y0 - 1 <= box.y0 and box.y1 <= frame.y1 + 1, text.get_text()


# what is drawn


def test_one_column_per_stage_in_project_order_even_when_empty(mini_project):
    fig = journey_map(mini_project, "P2")

    stages = texts(fig, "stage:")
    renderer = fig.canvas.get_renderer()
    left_right = sorted(stages.values(), key=lambda t: t.get_window_extent(renderer).x0)
    assert [t.get_text() for t in left_right] == ["Discover", "Buy", "Receive"]


def test_the_persona_touchpoints_are_drawn_and_no_others(mini_project):
    fig = journey_map(mini_project, "P1")

    drawn = texts(fig, "touchpoint:")
    assert set(drawn) == {"touchpoint:T1", "touchpoint:T3", "touchpoint:T5", "touchpoint:T6"}
    assert drawn["touchpoint:T3"].get_text() == "Checkout"
    assert stage_of_text(fig, drawn["touchpoint:T3"]) == "Buy"
    assert texts(fig, "channel:")["channel:T5"].get_text() == "E-mail"


def test_demo_touchpoints_follow_the_personas_column(demo):
    fig = journey_map(demo, "P4")

    drawn = ids(fig, "touchpoint:")
    assert "TP12" in drawn  # the product line is for P4 only
    assert "TP06" not in drawn  # app push is for P1 and P3
    customer = current_journey(demo)  # back-stage work and the plan's future touchpoint aside
    applies = customer["personas"].map(lambda ids: not ids or "P4" in ids)
    assert drawn == set(customer.loc[applies, "touchpoint_id"])


def test_moments_of_truth_are_starred(demo, mini_project):
    fig = journey_map(mini_project, "P1")
    assert ids(fig, "moment_of_truth:") == {"T3"}
    assert texts(fig, "moment_of_truth:")["moment_of_truth:T3"].get_text() == "★"

    fig = journey_map(demo, "P1")
    customer = current_journey(demo)
    truths = customer[customer["moment_of_truth"]]
    truths = truths[truths["personas"].map(lambda ids: not ids or "P1" in ids)]
    assert ids(fig, "moment_of_truth:") == set(truths["touchpoint_id"])


def test_emotion_line_holds_the_current_emotions_in_journey_order(mini_project):
    # P1 in 2025-H2: T1 emotion 1 (Discover), T3 emotion -2 (Buy); T5 and T6 are not scored
    fig = journey_map(mini_project, "P1", period="2025-H2")

    line = emotion_line(fig)
    assert list(line.get_ydata()) == [1, -2]
    xs = line.axes.transData.transform(line.get_xydata())
    assert [column_of(fig, x) for x, _ in xs] == ["Discover", "Buy"]
    points = texts(fig, "emotion:")
    assert set(points) == {"emotion:T1:number", "emotion:T3:number"}  # gaps, not zeros


def test_emotion_line_uses_the_latest_scoring_and_default_period(mini_project):
    # 2026-H1 is the latest period; T3 was re-scored at 10:01 with emotion 1
    assert list(emotion_line(journey_map(mini_project, "P1")).get_ydata()) == [1]
    fig = journey_map(mini_project, "P2", period="2025-H2")
    assert list(emotion_line(fig).get_ydata()) == [2, -1]  # T4 (Buy), T6 (Receive)


def test_thoughts_and_pain_points_come_from_the_current_scores(mini_project):
    fig = journey_map(mini_project, "P1", period="2025-H2")

    thoughts = drawn_as(fig, "thought")
    assert {t.get_text() for t in thoughts} == {"“Nice pictures”", "“Why an account?”"}
    (pain,) = drawn_as(fig, "pain_point")
    assert pain.get_text() == "Forced account creation"
    assert stage_of_text(fig, pain) == "Buy"


def test_open_actions_are_the_default_opportunities(mini_project):
    fig = journey_map(mini_project, "P1")

    shown = texts(fig, "opportunity:")
    assert set(shown) == {"opportunity:A2"}  # A1 is done, A3 has no touchpoint
    assert stage_of_text(fig, shown["opportunity:A2"]) == "Receive"
    assert "Loyalty programme" in flat(texts(fig)["across_journey"])


def test_ranked_opportunities_keep_their_rank(mini_project):
    ranked = pd.DataFrame({"action_id": ["A3", "A1", "A2"],
                           "title": ["Loyalty programme", "Guest checkout", "Call-back"],
                           "touchpoint_id": [None, "T3", "T6"]})
    fig = journey_map(mini_project, "P1", opportunities=ranked)

    shown = texts(fig, "opportunity:")
    assert shown["opportunity:A1"].get_text() == "Guest checkout (plan #2)"
    assert stage_of_text(fig, shown["opportunity:A1"]) == "Buy"
    assert shown["opportunity:A2"].get_text() == "Call-back (plan #3)"
    assert "Loyalty programme (plan #1)" in flat(texts(fig)["across_journey"])
    # each carries the number of its touchpoint, as the curve and the boxes do
    assert texts(fig)["item_badge:opportunity:A1:number"].get_text() == "2"  # T3 for P1


def test_each_persona_sees_its_own_opportunities_where_it_suffers_first(edit, mini):
    from cjm import load_project

    edit(mini / "evaluations.csv", "2026-01-15T10:07:00",
         "2026-01-15T10:06:00,2025-H2,Ana,P1,T6,2,3,4,-1,,,workshop\n2026-01-15T10:07:00")
    ranked = pd.DataFrame({"action_id": ["X1", "X2", "X3"],
                           "title": ["Clearer e-mail", "Call-back", "Bigger till"],
                           "touchpoint_id": ["T5", "T6", "T4"], "rank": [1, 2, 3]})
    project = load_project(mini)
    p1 = journey_map_data(project, "P1", "2025-H2", ranked)["stages"]
    p2 = journey_map_data(project, "P2", "2025-H2", ranked)["stages"]
    # P1 suffers at the delivery hotline (T6), not at the e-mail (T5): the call-back first
    assert [(o["action_id"], o["rank"], o["number"], o["suffers"])
            for o in p1[2]["opportunities"]] == [("X2", 2, 4, True), ("X1", 1, 3, False)]
    assert p1[1]["opportunities"] == []  # the till (T4) is P2's only
    assert [o["action_id"] for o in p2[2]["opportunities"]] == ["X2"]  # T5 is P1's only
    assert [o["action_id"] for o in p2[1]["opportunities"]] == ["X3"]


def test_goals_and_header(mini_project):
    fig = journey_map(mini_project, "P2", period="2025-H2")

    goals = {flat(t) for t in drawn_as(fig, "goal")}
    assert goals == {"Hear about offers", "Buy with advice", "Take the item home"}
    header = " ".join(flat(t) for t in fig.axes[0].texts if t.get_gid().startswith("header"))
    assert "Store visitor" in header and "Period: 2025-H2" in header
    assert "Journey map · Current state" in header and "30%" in header


def test_french_labels(mini_project):
    fig = journey_map(mini_project, "P1", language="fr")

    labels = {gid.removeprefix("lane_label:"): flat(t)
              for gid, t in texts(fig, "lane_label:").items()}
    assert labels == {lane: label(lane, "fr") for lane in LANES}
    assert labels["touchpoints"] == "Points de contact"
    header = " ".join(flat(t) for t in fig.axes[0].texts)
    assert "Carte du parcours" in header and "Période : 2026-S1" in header


# edge cases and errors


def test_blank_project_renders(tmp_path):
    workspace = Workspace(tmp_path)
    project = load_project(workspace.project_dir(workspace.new_project("Blank")))

    fig = journey_map(project, "P1")

    assert texts(fig)["no_scores"].get_text() == "no scores yet"
    assert len(texts(fig, "stage:")) == len(project.stages)
    assert len(texts(fig, "lane_label:")) == len(LANES)
    assert_inside_figure(fig)


def test_no_evaluations_yet_says_so(mini):
    (mini / "evaluations.csv").write_text(
        (mini / "evaluations.csv").read_text(encoding="utf-8").splitlines()[0] + "\n",
        encoding="utf-8")
    fig = journey_map(load_project(mini), "P1")

    assert texts(fig)["no_scores"].get_text() == "no scores yet"
    assert len(texts(fig, "touchpoint:")) == 4
    assert not [line for ax in fig.axes for line in ax.get_lines()
                if line.get_gid() == "emotion_curve"]


def test_a_period_without_scores_draws_no_curve(mini_project):
    fig = journey_map(mini_project, "P1", period="2024-H1")

    assert texts(fig)["no_scores"].get_text() == "no scores yet"
    assert "Period: 2024-H1" in [flat(t) for t in drawn_as(fig, "header:meta")]


def test_ax_is_refused_with_a_pointer_to_save_figure(mini_project):
    _, ax = plt.subplots()
    with pytest.raises(TypeError, match="figure-level.*save_figure"):
        journey_map(mini_project, "P1", ax=ax)


def test_bad_arguments_say_what_was_expected(mini_project):
    with pytest.raises(UsageError, match="no persona 'P9'.*P1, P2"):
        journey_map(mini_project, "P9")
    with pytest.raises(UsageError, match="'2026-S1' is not a period"):
        journey_map(mini_project, "P1", period="2026-S1")
    with pytest.raises(ValueError, match="'en' or 'fr', not 'de'"):
        journey_map(mini_project, "P1", language="de")
    with pytest.raises(ValueError, match="action_id, title and touchpoint_id"):
        journey_map(mini_project, "P1", opportunities=pd.DataFrame({"title": ["x"]}))


def test_dollar_signs_are_text_not_maths(mini):
    # "$5^^ $" is not valid mathtext: drawing it as maths would raise
    path = mini / "touchpoints.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Checkout", "Pay $5^^ $ now"),
                    encoding="utf-8")
    fig = journey_map(load_project(mini), "P1")

    name = texts(fig, "touchpoint:")["touchpoint:T3"]
    assert name.get_text() == "Pay $5^^ $ now"
    name.get_window_extent(fig.canvas.get_renderer())


# the data behind the map


def test_journey_map_data_per_stage(mini_project):
    data = journey_map_data(mini_project, "P1", period="2025-H2")

    assert data["period"] == "2025-H2"
    assert [stage["stage"] for stage in data["stages"]] == ["Discover", "Buy", "Receive"]
    discover, buy, receive = data["stages"]
    assert discover["goal"] == "Find the new collection"
    assert [tp["touchpoint_id"] for tp in receive["touchpoints"]] == ["T5", "T6"]
    assert [tp["emotion"] for tp in receive["touchpoints"]] == [None, None]
    assert buy["touchpoints"][0]["moment_of_truth"] is True
    assert buy["pain_points"] == [{"text": "Forced account creation", "touchpoint_id": "T3",
                                   "number": 2, "emotion": -2.0}]
    assert [(t["text"], t["number"]) for t in discover["thoughts"]] == [("Nice pictures", 1)]
    assert [(p["touchpoint_id"], p["emotion"]) for p in data["emotion_points"]] == [
        ("T1", 1), ("T3", -2)]
    assert [o["action_id"] for o in receive["opportunities"]] == ["A2"]
    assert [o["action_id"] for o in data["across_journey"]] == ["A3"]


def test_journey_map_data_numbers_touchpoints_in_journey_order(demo):
    data = journey_map_data(demo, "P1")

    numbers = [tp["number"] for stage in data["stages"] for tp in stage["touchpoints"]]
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(len(stage["thoughts"]) <= 3 for stage in data["stages"])
