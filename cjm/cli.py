"""The `cjm` command: gathers arguments and makes one library call per command.

Exit codes: 0 ok, 1 the work failed (invalid data, a notebook failed), 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys

from .errors import CJMError, UsageError, ValidationError

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
    commands.add_parser("demo", parents=[common], help="set up the bundled demo project",
                        description="Create (or reuse) the demo project in the workspace.")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
    except CJMError as exc:
        if args.debug:
            raise
        print(f"cjm: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("cjm: interrupted", file=sys.stderr)
        return 130


def _new(args) -> int:
    from .workspace import Workspace

    workspace = Workspace(args.workspace)
    slug = workspace.new_project(args.name, args.source)
    print(f"created project '{slug}':")
    print(f"  data:      {workspace.project_dir(slug)}")
    print(f"  notebooks: {workspace.notebook_dir(slug)}")
    print("next: open the notebooks in JupyterLab (jupyter lab), starting with 01_personas")
    return EXIT_OK


def _validate(args) -> int:
    from .project import validate_project
    from .workspace import Workspace

    folder = Workspace(args.workspace).resolve(args.project)
    problems = validate_project(folder)
    if problems:
        raise ValidationError(problems)
    print(f"{folder}: valid")
    return EXIT_OK


def _demo(args) -> int:
    from .workspace import Workspace

    workspace = Workspace(args.workspace)
    slug = workspace.ensure_demo()
    print(f"demo project ready and valid: {workspace.project_dir(slug)}")
    print(f"its notebooks: {workspace.notebook_dir(slug)} (open them with: jupyter lab)")
    return EXIT_OK


def _version() -> str:
    from . import __version__

    return f"cjm {__version__}"


COMMANDS = {"new": _new, "validate": _validate, "demo": _demo}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
