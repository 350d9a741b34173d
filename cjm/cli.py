"""The `cjm` command: gathers arguments and makes one library call per command.

Exit codes: 0 ok, 1 the work failed (invalid data, a notebook failed), 2 bad usage.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import shlex
import signal
import sys
import warnings

from . import __version__
from .errors import CJMError, CJMWarning, NotebookFailed, UsageError, ValidationError
from .project.model import errors_in, validate_project
from .project.workspace import Workspace

# The run layer loads papermill, nbconvert and matplotlib (1.5 s more than the rest): only the
# commands that run notebooks import it, so that `cjm validate` and `cjm --help` answer at once.

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 on bad usage too; keep its message short
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"cjm: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--workspace", default=".", metavar="DIR",
                        help="folder holding data/ and notebooks/ (default: current folder)")
    common.add_argument("--debug", action="store_true", help="show tracebacks")

    parser = _Parser(prog="cjm", description="Customer journey mapping workbench.")
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    new = commands.add_parser("new", parents=[common], help="create a project",
                              description="Create data/<slug>/ and notebooks/<slug>/.")
    new.add_argument("name", help='project name, e.g. "Acme Retail"')
    new.add_argument("--from", dest="source", default="blank", metavar="demo|blank|DIR",
                     help="start from the demo, a blank project (default) or a folder of tables")

    validate = commands.add_parser("validate", parents=[common], help="check a project's files",
                                   description="List every problem in a project's files.")
    validate.add_argument("project", metavar="SLUG|PATH")
    validate.add_argument("--strict", action="store_true",
                          help="exit with 1 on warnings too (for scheduled jobs and CI)")
    run = commands.add_parser("run", parents=[common], help="execute the working notebooks",
                              description="Execute a project's notebooks in order, in place.")
    run.add_argument("project", metavar="SLUG")
    run.add_argument("--steps", default="1-6", help="which steps, e.g. 1-6, 4 or 1,3-4")
    _period_and_timeout(run)

    review = commands.add_parser("review", parents=[common], help="build a dated review",
                                 description="Run the six notebooks into "
                                 "notebooks/<slug>/reviews/<period>/.")
    target = review.add_mutually_exclusive_group(required=True)
    target.add_argument("project", metavar="SLUG", nargs="?")
    target.add_argument("--all", action="store_true", help="every project of the workspace")
    review.add_argument("--jobs", type=_positive, default=1, metavar="N",
                        help="with --all: projects reviewed at the same time")
    review.add_argument("--force", action="store_true",
                        help="replace an existing review of the period (once the new one is "
                        "complete)")
    _period_and_timeout(review)

    report = commands.add_parser("report", parents=[common],
                                 help="rebuild a review's report and deck",
                                 description="Rebuild report.html, deck.pptx and actions.xlsx "
                                 "of an existing review from its results.")
    report.add_argument("project", metavar="SLUG")
    report.add_argument("--period", default="", help="the review's period (default: latest)")

    schedule = commands.add_parser("schedule", parents=[common],
                                   help="print a timer for the periodic review",
                                   description="Print a systemd timer and a crontab line.")
    schedule.add_argument("project", metavar="SLUG")

    upgrade = commands.add_parser("upgrade", parents=[common],
                                  help="refresh a project's notebooks from the templates",
                                  description="Rebuild notebooks/<slug>/ on the installed "
                                  "templates, keeping your own and edited cells and your "
                                  "parameters; the old notebooks are kept beside them.")
    upgrade.add_argument("project", metavar="SLUG")

    commands.add_parser("demo", parents=[common], help="review the bundled demo project",
                        description="Create (or reuse) the demo project, review it, and "
                        "print where the report is.")
    return parser


def _period_and_timeout(parser) -> None:
    parser.add_argument("--period", default="", metavar="P",
                        help="period label (2026-H2, 2026-Q3, 2026-11), 'current' (default) "
                        "or 'previous'")
    parser.add_argument("--timeout", type=_positive, default=600, metavar="SECONDS",
                        help="longest a notebook cell may run (default 600)")


def _positive(text: str) -> int:
    """A whole number of at least 1 (argparse reports anything else as bad usage)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, not {value}")
    return value


class Terminated(KeyboardInterrupt):
    """SIGTERM (systemd stopping a scheduled review): unwinds like Ctrl-C, so that working
    folders are removed and the kernel is shut down."""


def _terminate(signum, frame):
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    with contextlib.suppress(ValueError):  # not in the main thread: leave signals alone
        signal.signal(signal.SIGTERM, _terminate)
    with warnings.catch_warnings():
        if not args.debug:  # libraries' warnings name their own files: cjm says what matters
            warnings.simplefilter("ignore")
        warnings.simplefilter("always", CJMWarning)  # cjm's own: one line each
        warnings.showwarning = _show_warning
        return _run_command(args)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """cjm's warnings as `cjm: warning: ...`; others (with --debug) as Python shows them."""
    if issubclass(category, CJMWarning):
        print(f"cjm: warning: {message}", file=sys.stderr)
    else:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


def _run_command(args) -> int:
    """The command's exit code: every failure as one line (a traceback with --debug)."""
    try:
        return COMMANDS[args.command](args)
    except ValidationError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"cjm: {len(exc.problems)} problem(s) found; nothing was written", file=sys.stderr)
        return EXIT_FAILED
    except UsageError as exc:
        if args.debug:
            raise
        print(f"cjm: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except NotebookFailed as exc:
        if args.debug:
            raise
        print(f"cjm: {exc}", file=sys.stderr)
        if exc.failed_copy:
            print(f"cjm: the failed run is kept in {exc.failed_copy}", file=sys.stderr)
        return EXIT_FAILED
    except CJMError as exc:
        if args.debug:
            raise
        print(f"cjm: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except Terminated:
        print("cjm: stopped (SIGTERM); nothing half-written was kept", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("cjm: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130
    except OSError as exc:
        if args.debug:
            raise
        print(f"cjm: {_os_error(exc)}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # a defect: one line, the traceback with --debug
        if args.debug:
            raise
        print(f"cjm: internal error: {type(exc).__name__}: {exc} (run the command again with "
              "--debug to see where)", file=sys.stderr)
        return EXIT_FAILED


def _os_error(exc: OSError) -> str:
    """`cannot write PATH: reason` for a failed write, else `PATH: reason`."""
    path = exc.filename if exc.filename is not None else ""
    reason = exc.strerror or str(exc)
    writing = exc.errno in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT,
                            errno.EEXIST, errno.ENOTDIR, errno.EISDIR, errno.EFBIG)
    return f"cannot write {path}: {reason}" if writing else f"{path}: {reason}".lstrip(": ")


def _new(args) -> int:
    workspace = Workspace(args.workspace)
    slug = workspace.new_project(args.name, args.source)
    print(f"created project '{slug}':")
    print(f"  data:      {workspace.project_dir(slug)}")
    print(f"  notebooks: {workspace.notebook_dir(slug)}")
    print(f"next: open the notebooks in JupyterLab, starting with 01_personas:\n"
          f"  {lab_command(workspace.notebook_dir(slug))}")
    return EXIT_OK


def lab_command(folder) -> str:
    """A command that opens JupyterLab on `folder` with the Python that runs cjm (so it works
    where `jupyter` is not on the PATH, as in the virtual environment of `make`)."""
    return (f"{shlex.quote(sys.executable)} -m jupyterlab "
            f"--notebook-dir={shlex.quote(str(folder))}")


def _validate(args) -> int:
    folder = Workspace(args.workspace).resolve(args.project)
    problems = validate_project(folder)
    if errors_in(problems):
        raise ValidationError(problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    warnings = f" ({len(problems)} warning{'s' if len(problems) != 1 else ''})" if problems else ""
    if problems and args.strict:
        print(f"cjm: {folder}: {len(problems)} warning(s), which --strict counts as failures",
              file=sys.stderr)
        return EXIT_FAILED
    print(f"{folder}: valid{warnings}")
    return EXIT_OK


def _run(args) -> int:
    from .run.kernel import progress_to_stderr
    from .run.reviews import parse_steps, run_project

    workspace = Workspace(args.workspace)
    done = run_project(workspace, args.project, steps=parse_steps(args.steps),
                       period=args.period, timeout=args.timeout, progress=progress_to_stderr)
    print(f"ran {len(done)} notebook(s) in {workspace.notebook_dir(args.project)}")
    return EXIT_OK


def _review(args) -> int:
    from .run.kernel import progress_to_stderr
    from .run.reviews import review_project

    workspace = Workspace(args.workspace)
    if args.all:
        from .run.batch import review_all

        return review_all(workspace, period=args.period, jobs=args.jobs, timeout=args.timeout,
                          debug=args.debug, force=args.force)
    folder = review_project(workspace, args.project, period=args.period, timeout=args.timeout,
                            progress=progress_to_stderr, force=args.force)
    print(f"review written: {folder}")
    print(f"report: {folder / 'report.html'}")
    print(f"deck: {folder / 'deck.pptx'}")
    return EXIT_OK


def _report(args) -> int:
    from .run.reviews import rebuild_handover

    for path in rebuild_handover(Workspace(args.workspace), args.project, period=args.period):
        print(f"{_KIND.get(path.suffix, 'file')}: {path}")
    return EXIT_OK


_KIND = {".html": "report", ".pptx": "deck", ".xlsx": "workbook"}


def _schedule(args) -> int:
    from .run.schedule import schedule_text

    print(schedule_text(Workspace(args.workspace), args.project), end="")
    return EXIT_OK


def _demo(args) -> int:
    from .run.kernel import progress_to_stderr
    from .run.reviews import review_project

    workspace = Workspace(args.workspace)
    slug = workspace.ensure_demo()
    print(f"demo project ready and valid: {workspace.project_dir(slug)}", file=sys.stderr)
    folder = review_project(workspace, slug, period=DEMO_PERIOD, progress=progress_to_stderr,
                            force=True)
    print(f"demo review written: {folder}")
    print(f"report: {folder / 'report.html'}")
    print(f"deck: {folder / 'deck.pptx'}")
    print(f"notebooks: {workspace.notebook_dir(slug)} (open them with: "
          f"{lab_command(workspace.notebook_dir(slug))})")
    return EXIT_OK


def _upgrade(args) -> int:
    workspace = Workspace(args.workspace)
    reports, backup = workspace.upgrade_notebooks(args.project)
    folder = workspace.notebook_dir(args.project)
    if backup is None and all(report.unchanged for report in reports):
        print(f"the notebooks of '{args.project}' already come from the installed templates: "
              "nothing to do")
        return EXIT_OK
    print(f"upgraded the notebooks in {folder}:")
    for report in reports:
        print("\n".join(f"  {line}" for line in report.lines()))
    if backup is not None:
        print(f"the notebooks as they were are kept in {backup}")
        print("reload any of them open in JupyterLab (File > Reload Notebook from Disk)")
    return EXIT_OK


def _version() -> str:
    return f"cjm {__version__}"


COMMANDS = {"new": _new, "validate": _validate, "run": _run, "review": _review,
            "report": _report, "schedule": _schedule, "upgrade": _upgrade, "demo": _demo}
DEMO_PERIOD = "2026-H1"  # the demo's latest period with data; compared with 2025-H2

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
