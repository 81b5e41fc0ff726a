"""`python -m gdtui.ui.classroom --state-dir D [stuck flags]`: the class view
on its own (the class server runs this for an instructor who logs in with a
key in --instructor-keys)."""

import sys

from gdtui.cli import main

raise SystemExit(main(["class", *sys.argv[1:]]))
