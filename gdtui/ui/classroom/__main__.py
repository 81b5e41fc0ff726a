"""`python -m gdtui.ui.classroom --state-dir D [stuck flags]`: the class view
on its own (the class server runs this for an instructor who logs in with a
key in --instructor-keys). The server's channel (--channel-fd N) carries this
process's developer output; the view needs nothing else from it."""

import sys

from gdtui.cli import main
from gdtui.serve.channel import FLAG, LearnerChannel, LogStream

argv = sys.argv[1:]
if FLAG in argv:
    at = argv.index(FLAG)
    fd = argv[at + 1] if at + 1 < len(argv) else ""
    del argv[at:at + 2]
    if fd.isdigit():
        sys.stderr = LogStream(LearnerChannel.from_fd(int(fd)))
raise SystemExit(main(["class", *argv]))
