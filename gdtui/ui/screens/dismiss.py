"""A screen that dismisses only itself.

Textual 8.2.8's Screen.dismiss pops whatever screen is on top, not the one
dismissed (textual/screen.py, Screen.dismiss -> App.pop_screen). A message
already queued for a screen can arrive after it has gone or been covered:
two Enters in one read submit the command palette twice, and the second
dismissal popped the screen under it, then the next, until Textual raised
ScreenStackError (a key fuzz found it). Mixed in before the screen class.
Patch dismiss-pops-top in gdtui/ui/driver/versions.py.
"""

from __future__ import annotations

from textual.await_complete import AwaitComplete

from gdtui.ui.driver.versions import patched


class DismissesItself:
    def dismiss(self, result=None) -> AwaitComplete:
        if patched() and self.app.screen is not self:  # gone already, or another screen on top
            return AwaitComplete.nothing()
        return super().dismiss(result)
