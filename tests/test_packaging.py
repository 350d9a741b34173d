"""The package installs from this repository's own files, with everything it needs."""

import re
import subprocess
import sys
import zipfile

import tomllib
import yaml

# Conda-forge names of PyPI packages, where they differ.
CONDA_NAMES = {"duckdb": "python-duckdb"}


def requirement(text):
    name, spec = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", text.strip()).groups()
    return name.lower(), re.sub(r"^\[[^]]*\]", "", spec.replace(" ", ""))  # extras: pip's


def test_environment_yml_matches_pyproject(repo):
    project = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {requirement(r) for r in project["dependencies"]}
    wanted |= {requirement(r) for r in project["optional-dependencies"]["test"]}
    wanted = {(CONDA_NAMES.get(name, name), spec) for name, spec in wanted}
    env = yaml.safe_load((repo / "environment.yml").read_text(encoding="utf-8"))
    conda = {requirement(d) for d in env["dependencies"] if isinstance(d, str)}
    conda -= {("python", ">=3.10"), ("pip", ""), ("openjdk", ">=17")}  # Java: apt for make

    assert conda == wanted


def test_wheel_ships_the_templates_and_the_demo(repo, tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w",
                    str(tmp_path), str(repo)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("cjm-*.whl"))

    names = set(zipfile.ZipFile(wheel).namelist())

    for step in ["01_personas", "02_goals", "03_touchpoints", "04_evaluation",
                 "05_prioritisation", "06_review"]:
        assert f"cjm/_shipped/templates/{step}.ipynb" in names
        assert f"cjm/_shipped/templates/fr/{step}.ipynb" in names  # a French project's
    for table in ["project.yaml", "personas.csv", "touchpoints.csv", "events.parquet"]:
        assert f"cjm/_shipped/demo/{table}" in names
    for part in ("report.html.j2", "report.css"):  # the offline report
        assert f"cjm/render/report_template/{part}" in names
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "cjm = cjm.cli:main" in entry_points
