import json

import pytest

from cjm.project.config import read_config

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
    assert (config.key_drivers.importance, config.key_drivers.draws) == ("stated", 1000)


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
      "at least one priority weight"),
     ("key_drivers: {importance: guessed}\n", "key_drivers.importance: Input should be"),
     ("key_drivers: {draws: 50}\n", "key_drivers.draws"),
     ("key_drivers: {draws: 1000.5}\n", "expected a whole number of draws, not 1000.5")],
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


def test_a_setting_given_twice_is_an_error_not_the_last_one_wins(tmp_path):
    _, problems = write(tmp_path, GOOD + "name: Other\n")
    assert [str(p) for p in problems] == [
        "project.yaml:4: setting 'name' is given twice (first on line 1) (expected each "
        "setting once)"]


def test_anchors_aliases_and_deep_nesting_are_refused(tmp_path):
    _, problems = write(tmp_path, "base: &s [Discover]\nname: x\nstages: *s\nchannels: [W]\n")
    assert [str(p) for p in problems] == [
        "project.yaml:1: uses a YAML anchor or alias (&name, *name) (expected each value "
        "written out where it is used)"]
    laughs = "a: &a [x, x]\n" + "".join(f"{c}: &{c} [*{p}, *{p}]\n"
                                         for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    assert "anchor or alias" in str(write(tmp_path, laughs)[1][0])
    deep = GOOD + "scales: " + "[" * 5000 + "]" * 5000 + "\n"
    assert [str(p) for p in write(tmp_path, deep)[1]] == [
        "project.yaml: is nested too deeply to be a settings file (expected at most 20 levels)"]


def test_non_utf8_bytes_are_named_with_their_line(tmp_path):
    (tmp_path / "project.yaml").write_bytes(b"name: Caf\xe9\nstages: [a]\nchannels: [b]\n")
    assert [str(p) for p in read_config(tmp_path)[1]] == [
        "project.yaml:1: is not UTF-8 (byte 0xe9 on line 1) (expected project.yaml saved as "
        "UTF-8)"]


@pytest.mark.parametrize("name", ["Acme\nExecStartPre=/bin/evil", "Acme\rRetail",
                                  "Acme\x1b[31mRed", "Acme\u202eliateR"])
def test_a_name_must_be_one_line_of_printable_text(tmp_path, name):
    text = GOOD.replace("name: Acme Retail", f"name: {json.dumps(name)}")
    _, problems = write(tmp_path, text)
    assert len(problems) == 1 and problems[0].row == 1
    assert "the name must be one line of printable text" in str(problems[0])


@pytest.mark.parametrize("channel", ["Web|Mobile", "Web\nsite", "x" * 81])
def test_stage_and_channel_names_must_be_usable_in_lists(tmp_path, channel):
    _, problems = write(tmp_path, GOOD.replace("[Website]", f"[{json.dumps(channel)}]"))
    assert "is not a usable name (expected one line of at most 80 characters, without '|'" \
        in str(problems[0])


def test_optional_stages_must_be_stages_with_a_did_you_mean(tmp_path):
    config, problems = write(tmp_path, GOOD + "optional_stages: [buy]\n")
    assert [str(p) for p in problems] == [
        "project.yaml:4: optional_stages: 'buy' is not one of the stages; did you mean 'Buy'? "
        "(stages: Discover, Buy)"]
    config, problems = write(tmp_path, GOOD + "optional_stages: [Buy]\n")
    assert problems == [] and config.optional_stages == ["Buy"]


@pytest.mark.parametrize(("extra", "fragment"), [
    ("priority: {gap: .inf}", "priority.gap: Input should be a finite number"),
    ("review: {every_months: true}", "review.every_months: expected 1, 3 or 6 months"),
    ("review: {every_months: 5}", "review.every_months: Input should be 1, 3 or 6"),
    ("scales: {satisfaction: [true, 5]}", "a scale is two whole numbers, not [True, 5]"),
])
def test_values_a_reader_would_misread_are_refused(tmp_path, extra, fragment):
    _, problems = write(tmp_path, GOOD + extra + "\n")
    assert len(problems) == 1 and fragment in str(problems[0])


@pytest.mark.parametrize("stages", ["[Discover, Learn, learn]", "[Résolution, Resolution]",
                                    "[Discover, Dis cover]", "[Return, Returns]"])
def test_names_differing_by_case_accents_spaces_or_a_letter_are_one_name(tmp_path, stages):
    _, problems = write(tmp_path, GOOD.replace("[Discover, Buy]", stages))
    assert len(problems) == 1
    assert "are one name spelt two ways" in str(problems[0])


def test_names_differing_by_a_digit_are_two_names(tmp_path):
    config, problems = write(tmp_path, GOOD.replace("[Website]", "[Store 1, Store 2]"))
    assert problems == [] and config.channels == ["Store 1", "Store 2"]
