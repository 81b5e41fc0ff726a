"""A command written after the app's own options is read as that command."""

import pytest

from gdtui.cli.parser import command_first

CASES = [
    ([], []),
    (["list"], ["list"]),
    (["learning-steps"], ["learning-steps"]),
    (["--ascii", "learning-steps"], ["--ascii", "learning-steps"]),
    (["--scenarios", "D", "list"], ["list", "--scenarios", "D"]),
    (["--lang", "zh", "run", "explosion", "--steps", "2"],
     ["run", "explosion", "--steps", "2", "--lang", "zh"]),
    (["--scenarios=D", "check", "a.py"], ["check", "a.py", "--scenarios=D"]),
    (["-h", "list"], ["list", "-h"]),
    (["--bogus", "list"], ["list", "--bogus"]),
    # A folder named like a command is the option's value, not a command.
    (["--scenarios", "list"], ["--scenarios", "list"]),
    (["--scenarios", "list", "list"], ["list", "--scenarios", "list"]),
    # A lesson first: a command name after it is an extra argument, said so by the app.
    (["learning-steps", "list"], ["learning-steps", "list"]),
    # A bad option of the app's own: left for its parser to name.
    (["--lang", "xx", "list"], ["--lang", "xx", "list"]),
]


@pytest.mark.parametrize("argv,read_as", CASES)
def test_command_first(argv, read_as):
    assert command_first(argv) == read_as
