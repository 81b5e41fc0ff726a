"""`gdtui class`: what the instructor sees of a running class, without Textual.

- rules.py: the stuck rules, each named, thresholds from the command line;
- model.py: the class as the store's events tell it, joined with who is
  connected now (the server's answer): the roster, the class's slips, the
  grading table;
- client.py: the server's unix socket (roster, say, end, watch);
- command.py: `gdtui class` headless (--format json|csv, --say), or the live
  view (gdtui.ui.classroom).
"""
