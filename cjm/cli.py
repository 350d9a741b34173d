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
from pathlib import Path

from . import __version__
from .errors import CJMError, CJMWarning, NotebookFailed, UsageError, ValidationError
from .messages import LANGUAGES, speaking, tr, tr_n

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
                        help=tr("folder holding data/ and notebooks/ (default: current folder)"))
    common.add_argument("--debug", action="store_true", help=tr("show tracebacks"))

    parser = _Parser(prog="cjm", description=tr("Customer journey mapping workbench."))
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    new = commands.add_parser("new", parents=[common], help=tr("create a project"),
                              description=tr("Create data/<slug>/ and notebooks/<slug>/."))
    new.add_argument("name", help=tr('project name, e.g. "Acme Retail"'))
    new.add_argument("--from", dest="source", default="blank", metavar="demo|blank|DIR",
                     help=tr("start from the demo, a blank project (default) or a folder of "
                             "tables"))
    new.add_argument("--language", choices=LANGUAGES, default=None,
                     help=tr("the project's language when its settings do not say it "
                             "(default: what the tables' words tell, else the environment's)"))

    validate = commands.add_parser("validate", parents=[common], help=tr("check a project's files"),
                                   description=tr("List every problem in a project's files."))
    validate.add_argument("project", metavar="SLUG|PATH")
    validate.add_argument("--strict", action="store_true",
                          help=tr("exit with 1 on warnings too (for scheduled jobs and CI)"))
    run = commands.add_parser("run", parents=[common], help=tr("execute the working notebooks"),
                              description=tr("Execute a project's notebooks in order, in place."))
    run.add_argument("project", metavar="SLUG")
    run.add_argument("--steps", default="1-6", help=tr("which steps, e.g. 1-6, 4 or 1,3-4"))
    _period_and_timeout(run)

    review = commands.add_parser("review", parents=[common], help=tr("build a dated review"),
                                 description=tr("Run the six notebooks into "
                                                "notebooks/<slug>/reviews/<period>/."))
    target = review.add_mutually_exclusive_group(required=True)
    target.add_argument("project", metavar="SLUG", nargs="?")
    target.add_argument("--all", action="store_true", help=tr("every project of the workspace"))
    review.add_argument("--jobs", type=_positive, default=1, metavar="N",
                        help=tr("with --all: projects reviewed at the same time"))
    review.add_argument("--force", action="store_true",
                        help=tr("replace an existing review of the period (once the new one is "
                                 "complete)"))
    _period_and_timeout(review)

    report = commands.add_parser("report", parents=[common],
                                 help=tr("rebuild a review's report and deck"),
                                 description=tr("Rebuild report.html, deck.pptx and actions.xlsx "
                                                "of an existing review from its results."))
    report.add_argument("project", metavar="SLUG")
    report.add_argument("--period", default="", help=tr("the review's period (default: latest)"))

    schedule = commands.add_parser("schedule", parents=[common],
                                   help=tr("print a timer for the periodic review"),
                                   description=tr("Print a systemd timer and a crontab line."))
    schedule.add_argument("project", metavar="SLUG")

    upgrade = commands.add_parser("upgrade", parents=[common],
                                  help=tr("refresh a project's notebooks from the templates"),
                                  description=tr("Rebuild notebooks/<slug>/ on the installed "
                                                 "templates, keeping your own and edited cells "
                                                 "and your parameters; the old notebooks are "
                                                 "kept beside them."))
    upgrade.add_argument("project", metavar="SLUG")

    importing = commands.add_parser(
        "import", parents=[common], help=tr("bring a workbook into a project"),
        description=tr("Check the workbook's sheets as a whole, then replace the project's "
                       "tables and settings with them and add its new evaluation rows to the "
                       "journal; nothing changes when anything is wrong."))
    importing.add_argument("project", metavar="SLUG")
    importing.add_argument("workbook", metavar="FILE.xlsx")

    export = commands.add_parser(
        "export", parents=[common], help=tr("write a project as one workbook"),
        description=tr("Write the project's tables and settings as one Excel workbook, a "
                       "sheet per table, with drop-down lists for every closed value."))
    export.add_argument("project", metavar="SLUG")
    export.add_argument("--out", default=None, metavar="FILE.xlsx",
                        help=tr("where to write it (default: notebooks/<slug>/<slug>.xlsx)"))
    export.add_argument("--force", action="store_true",
                        help=tr("replace the file if it exists"))

    commands.add_parser("demo", parents=[common], help=tr("review the bundled demo project"),
                        description=tr("Create (or reuse) the demo project, review it, and "
                                       "print where the report is."))
    return parser


def _period_and_timeout(parser) -> None:
    parser.add_argument("--period", default="", metavar="P",
                        help=tr("period label (2026-H2, 2026-Q3, 2026-11), 'current' (default) "
                                 "or 'previous'"))
    parser.add_argument("--timeout", type=_positive, default=600, metavar="SECONDS",
                        help=tr("longest a notebook cell may run (default 600)"))


def _positive(text: str) -> int:
    """A whole number of at least 1 (argparse reports anything else as bad usage)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("expected a whole number, not {text}",
                                            text=repr(text))) from None
    if value < 1:
        raise argparse.ArgumentTypeError(tr("expected 1 or more, not {value}", value=value))
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
    with warnings.catch_warnings(), speaking(_language_of(args)):
        if not args.debug:  # libraries' warnings name their own files: cjm says what matters
            warnings.simplefilter("ignore")
        warnings.simplefilter("always", CJMWarning)  # cjm's own: one line each
        warnings.showwarning = _show_warning
        return _run_command(args)


def _language_of(args) -> str | None:
    """The language of the project a command is about (its `project.yaml`, or the `--from`
    folder's), None when there is none or it cannot be told: then the environment's."""
    if getattr(args, "language", None):
        return args.language
    from .project.config import declared_language
    from .project.starts import tables_language, workbook_language

    with contextlib.suppress(CJMError, OSError, ValueError):
        if getattr(args, "project", None):
            return declared_language(_workspace(args).resolve(args.project))
        if getattr(args, "source", None) not in (None, "blank", "demo"):
            source = Path(args.source).expanduser()
            if source.suffix.lower() == ".xlsx":
                return workbook_language(source)
            return declared_language(source) or tables_language(source)
    return None


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """cjm's warnings as `cjm: warning: ...`; others (with --debug) as Python shows them."""
    if issubclass(category, CJMWarning):
        print("cjm: " + tr("warning: {message}", message=message), file=sys.stderr)
    else:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


def _run_command(args) -> int:
    """The command's exit code: every failure as one line (a traceback with --debug)."""
    try:
        return COMMANDS[args.command](args)
    except ValidationError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("cjm: " + tr_n("{count} problem found; nothing was written",
                             "{count} problems found; nothing was written", len(exc.problems)),
              file=sys.stderr)
        return EXIT_FAILED
    except UsageError as exc:
        if args.debug:
            raise
        print("cjm: " + tr("error: {error}", error=exc), file=sys.stderr)
        return EXIT_USAGE
    except NotebookFailed as exc:
        if args.debug:
            raise
        print(f"cjm: {exc}", file=sys.stderr)
        if exc.failed_copy:
            print("cjm: " + tr("the failed run is kept in {path}", path=exc.failed_copy),
                  file=sys.stderr)
        return EXIT_FAILED
    except CJMError as exc:
        if args.debug:
            raise
        print(f"cjm: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except Terminated:
        print("cjm: " + tr("stopped (SIGTERM); nothing half-written was kept"), file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("cjm: " + tr("interrupted; nothing half-written was kept"), file=sys.stderr)
        return 130
    except OSError as exc:
        if args.debug:
            raise
        print(f"cjm: {_os_error(exc)}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # a defect: one line, the traceback with --debug
        if args.debug:
            raise
        print("cjm: " + tr("internal error: {kind}: {error} (run the command again with "
                           "--debug to see where)", kind=type(exc).__name__, error=exc),
              file=sys.stderr)
        return EXIT_FAILED


def _os_error(exc: OSError) -> str:
    """`cannot write PATH: reason` for a failed write, else `PATH: reason`."""
    path = exc.filename if exc.filename is not None else ""
    reason = exc.strerror or str(exc)
    writing = exc.errno in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT,
                            errno.EEXIST, errno.ENOTDIR, errno.EISDIR, errno.EFBIG)
    if writing:
        return tr("cannot write {path}: {reason}", path=path, reason=reason)
    return f"{path}: {reason}".lstrip(": ")


def _new(args) -> int:
    workspace = _workspace(args)
    slug = workspace.new_project(args.name, args.source, language=args.language)
    print(tr("created project '{slug}':", slug=slug))
    print(tr("  data:      {path}", path=workspace.project_dir(slug)))
    print(tr("  notebooks: {path}", path=workspace.notebook_dir(slug)))
    print(tr("next: open the notebooks in JupyterLab, starting with 01_personas:"))
    print(f"  {lab_command(workspace.notebook_dir(slug))}")
    return EXIT_OK


def lab_command(folder) -> str:
    """A command that opens JupyterLab on `folder` with the Python that runs cjm (so it works
    where `jupyter` is not on the PATH, as in the virtual environment of `make`)."""
    return (f"{shlex.quote(sys.executable)} -m jupyterlab "
            f"--notebook-dir={shlex.quote(str(folder))}")


def _workspace(args):
    """The workspace a command works in (the data model is imported here, not at start-up:
    `cjm --help` needs none of it)."""
    from .project.workspace import Workspace

    return Workspace(args.workspace)


def _validate(args) -> int:
    from .project.model import errors_in, validate_project

    folder = _workspace(args).resolve(args.project)
    problems = validate_project(folder)
    if errors_in(problems):
        raise ValidationError(problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems and args.strict:
        print(f"cjm: {folder}: " + tr_n("{count} warning, which --strict counts as a failure",
                                        "{count} warnings, which --strict counts as failures",
                                        len(problems)), file=sys.stderr)
        return EXIT_FAILED
    if problems:
        print(f"{folder}: " + tr_n("valid ({count} warning)", "valid ({count} warnings)",
                                   len(problems)))
    else:
        print(f"{folder}: " + tr("valid"))
    return EXIT_OK


def _run(args) -> int:
    from .run.kernel import progress_to_stderr
    from .run.reviews import parse_steps, run_project

    workspace = _workspace(args)
    done = run_project(workspace, args.project, steps=parse_steps(args.steps),
                       period=args.period, timeout=args.timeout, progress=progress_to_stderr)
    print(tr_n("ran {count} notebook in {path}", "ran {count} notebooks in {path}", len(done),
               path=workspace.notebook_dir(args.project)))
    return EXIT_OK


def _review(args) -> int:
    from .run.kernel import progress_to_stderr
    from .run.reviews import review_project

    workspace = _workspace(args)
    if args.all:
        from .run.batch import review_all

        return review_all(workspace, period=args.period, jobs=args.jobs, timeout=args.timeout,
                          debug=args.debug, force=args.force)
    folder = review_project(workspace, args.project, period=args.period, timeout=args.timeout,
                            progress=progress_to_stderr, force=args.force)
    _print_review(folder, tr("review written: {path}", path=folder))
    return EXIT_OK


def _print_review(folder: Path, head: str) -> None:
    """Where a review and its report and deck are."""
    print(head)
    print(tr("report: {path}", path=folder / "report.html"))
    print(tr("deck: {path}", path=folder / "deck.pptx"))


def _report(args) -> int:
    from .run.reviews import rebuild_handover

    for path in rebuild_handover(_workspace(args), args.project, period=args.period):
        kind = {".html": tr("report: {path}", path=path), ".pptx": tr("deck: {path}", path=path),
                ".xlsx": tr("workbook: {path}", path=path)}
        print(kind.get(path.suffix, tr("file: {path}", path=path)))
    return EXIT_OK


def _schedule(args) -> int:
    from .run.schedule import schedule_text

    print(schedule_text(_workspace(args), args.project), end="")
    return EXIT_OK


def _demo(args) -> int:
    from .run.kernel import progress_to_stderr
    from .run.reviews import review_project

    workspace = _workspace(args)
    slug = workspace.ensure_demo()
    print(tr("demo project ready and valid: {path}", path=workspace.project_dir(slug)),
          file=sys.stderr)
    folder = review_project(workspace, slug, period=DEMO_PERIOD, progress=progress_to_stderr,
                            force=True)
    _print_review(folder, tr("demo review written: {path}", path=folder))
    print(tr("notebooks: {path} (open them with: {command})", path=workspace.notebook_dir(slug),
             command=lab_command(workspace.notebook_dir(slug))))
    return EXIT_OK


def _upgrade(args) -> int:
    workspace = _workspace(args)
    reports, backup = workspace.upgrade_notebooks(args.project)
    folder = workspace.notebook_dir(args.project)
    if backup is None and all(report.unchanged for report in reports):
        print(tr("the notebooks of '{slug}' already come from the installed templates: "
                 "nothing to do", slug=args.project))
        return EXIT_OK
    print(tr("upgraded the notebooks in {path}:", path=folder))
    for report in reports:
        print("\n".join(f"  {line}" for line in report.lines()))
    if backup is not None:
        print(tr("the notebooks as they were are kept in {path}", path=backup))
        print(tr("reload any of them open in JupyterLab (File > Reload Notebook from Disk)"))
    return EXIT_OK


def _import(args) -> int:
    report = _workspace(args).import_workbook(args.project, args.workbook)
    print(tr("imported {book} into '{slug}':", book=args.workbook, slug=args.project))
    print("\n".join(f"  {line}" for line in report.lines()))
    return EXIT_OK


def _export(args) -> int:
    path = _workspace(args).export_workbook(args.project, args.out, force=args.force)
    print(tr("workbook: {path}", path=path))
    print(tr("fill it in, then bring it back with: cjm import {slug} {path}",
             slug=args.project, path=shlex.quote(str(path))))
    return EXIT_OK


def _version() -> str:
    return f"cjm {__version__}"


COMMANDS = {"new": _new, "validate": _validate, "run": _run, "review": _review,
            "report": _report, "schedule": _schedule, "upgrade": _upgrade, "demo": _demo,
            "import": _import, "export": _export}
DEMO_PERIOD = "2026-H1"  # the demo's latest period with data; compared with 2025-H2

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
