import pytest

from cjm.config import read_config

GOOD = """\
name: Acme Retail
stages: [Discover, Buy]
channels: [Website]
"""


def write(tmp_path, text):
    (tmp_path / "project.yaml").write_text(text, encoding="utf-8")
    return read_config(tmp_path)


def test_defaults_fill_what_is_left_out(tmp_path):
    config, problems = write(tmp_path, GOOD)
    assert problems == []
    assert config.scales.effort == (1, 7)
    assert config.effort_direction == "higher_is_easier"
    assert config.review.every_months == 6
    assert config.priority.gap == pytest.approx(0.35)


def test_unknown_key_is_named_with_its_line(tmp_path):
    _, problems = write(tmp_path, GOOD + "colour: red\n")
    assert [str(p) for p in problems] == [
        "project.yaml:4: unknown setting 'colour' (expected one of the documented settings)"]


def test_unknown_nested_key(tmp_path):
    _, problems = write(tmp_path, GOOD + "scales:\n  satisfaction: [1, 5]\n  speed: [1, 3]\n")
    assert problems[0].row == 6
    assert "unknown setting 'scales.speed'" in str(problems[0])


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [("language: de\n", "language: Input should be 'en' or 'fr'"),
     ("map_type: ideal\n", "map_type: Input should be"),
     ("effort_direction: up\n", "effort_direction: Input should be"),
     ("scales: {effort: [7, 1]}\n", "scales.effort: a scale is [lowest, highest]"),
     ("review: {every_months: 0}\n", "review.every_months"),
     ("priority: {gap: -1}\n", "priority.gap"),
     ("priority: {gap: 0, importance: 0, reach: 0, moment_of_truth: 0, effort: 0}\n",
      "at least one priority weight")],
)
def test_bad_values_are_explained(tmp_path, extra, fragment):
    _, problems = write(tmp_path, GOOD + extra)
    assert len(problems) == 1
    assert fragment in str(problems[0])
    assert problems[0].row == 4


def test_repeated_stage(tmp_path):
    _, problems = write(tmp_path, "name: X\nstages: [Buy, Buy]\nchannels: [Web]\n")
    assert "repeated: Buy" in str(problems[0])
    assert problems[0].row == 2


def test_missing_name(tmp_path):
    _, problems = write(tmp_path, "stages: [Buy]\nchannels: [Web]\n")
    assert str(problems[0]) == "project.yaml: setting 'name' is missing"


def test_broken_yaml_points_at_the_line(tmp_path):
    _, problems = write(tmp_path, GOOD + "review: {every_months: 6\n")
    assert problems[0].row is not None and problems[0].row >= 4
    assert "is not valid YAML" in str(problems[0])


def test_missing_file(tmp_path):
    config, problems = read_config(tmp_path)
    assert config is None
    assert str(problems[0]) == "project.yaml: file is missing (expected the project's settings)"
