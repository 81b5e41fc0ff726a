"""The `gdtui` command: parse the command line and dispatch to a command.

The grammar is in parser.py, what each command does in commands.py. Every bad
command line gets one line on stderr and exit 2; output that cannot be written
ends as output.safety says (a closed pipe quietly, a full disk or closed stdout
with one line and exit 1).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from gdtui.cli.commands import COMMANDS, cmd_app
from gdtui.cli.parser import UsageError, build_parser, command_first
from gdtui.output import safety as output_safety

__all__ = ["EXIT_USAGE", "UsageError", "build_parser", "main"]

EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every way it can end is an exit status (see output_safety)."""
    with output_safety.guarded_stdio():
        try:
            code = _dispatch(list(sys.argv[1:] if argv is None else argv))
        except output_safety.OutputClosed:  # `| head`: the reader has all it wanted
            code = 0
        except output_safety.OutputFailed as exc:
            output_safety.say(str(exc))
            code = output_safety.EXIT_WRITE_ERROR
        return output_safety.finish(code)


def _dispatch(argv: list[str]) -> int:
    parsers = build_parser()
    argv = command_first(argv)
    command = argv[0] if argv and argv[0] in COMMANDS else "app"
    if command != "app":
        argv = argv[1:]
    try:
        args = parsers[command].parse_args(argv)
        return COMMANDS.get(command, cmd_app)(args)
    except UsageError as exc:
        output_safety.say(str(exc))
        return EXIT_USAGE
    except SystemExit as exc:  # argparse after --help
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
