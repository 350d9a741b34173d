"""Start-up: how long `import cjm`, `cjm --help` and `cjm validate demo` take as fresh
processes, next to a bare `python -c pass`, and which heavy libraries each loads (a command
that only validates must not import matplotlib, papermill or ipywidgets).

    .venv/bin/python benchmarks/startup.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
HEAVY = ("pandas", "pydantic", "duckdb", "matplotlib", "seaborn", "papermill", "ipywidgets")
FORBIDDEN_IN_VALIDATE = ("matplotlib", "papermill", "ipywidgets")
TARGET_S = 0.2  # import cjm and cjm --help
CASES = {
    "python -c pass (floor)": "pass",
    "import cjm": "import cjm",
    "cjm --help": "from cjm.cli import main\nmain(['--help'])",
    "cjm validate demo": f"from cjm.cli import main\nmain(['validate', {str(DEMO)!r}])",
}
SHOW = ("\nimport sys\nprint('LOADED', ' '.join(sorted({{m.split('.')[0] for m in sys.modules}}"
        " & set({heavy!r}))))")


def run(code: str) -> tuple[float, str]:
    script = ("import contextlib\nwith contextlib.suppress(SystemExit):\n"
              + "".join(f"    {line}\n" for line in code.splitlines())
              + SHOW.format(heavy=HEAVY))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    took = time.perf_counter() - start
    loaded = next(line for line in done.stdout.splitlines() if line.startswith("LOADED"))
    return took, loaded[len("LOADED"):].strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in CASES}
    loaded: dict[str, str] = {}
    for _ in range(args.repeat):  # rounds alternate the cases: noise hits them alike
        for name, code in CASES.items():
            took, loaded[name] = run(code)
            times[name].append(took)
    print(f"{'fresh process':<26}{'median s':>10}  heavy libraries loaded")
    for name in CASES:
        print(f"{name:<26}{statistics.median(times[name]):>10.3f}  {loaded[name] or '-'}")
    for name in ("import cjm", "cjm --help"):
        verdict = "meets" if statistics.median(times[name]) < TARGET_S else "MISSES"
        print(f"{name}: target < {TARGET_S} s: {verdict}")
    wrong = set(loaded["cjm validate demo"].split()) & set(FORBIDDEN_IN_VALIDATE)
    print("cjm validate imports none of " + ", ".join(FORBIDDEN_IN_VALIDATE) + ": "
          + ("meets" if not wrong else "MISSES (" + ", ".join(sorted(wrong)) + ")"))


if __name__ == "__main__":
    main()
