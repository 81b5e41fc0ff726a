"""A served learner's app, its lesson in the spotlight: a mixin of GdtuiApp.

The server's `spotlight` message (gdtui/serve/spotlight.py) asks for the
lesson on this learner's screen: the app sends its session's state at once
(`spotlight_state`: the keys that made it, gdtui.practice.follow_state, and
the selected weight), or why there is none (the lesson list, MNIST, a lesson
with too many changes to send), and asks the learner whether the class may
see their name (`spotlight_name`). Nothing changes on this learner's screen
or in their progress: the class gets a copy of the state.
"""

from __future__ import annotations

import json

from gdtui.practice.follow_state import MAX_OPS
from gdtui.text.i18n import tr
from gdtui.text.safe import visible
from gdtui.ui.following import MAX_BY

# Bytes of a state's JSON, under what the server passes on (serve/present.py's
# MAX_STATE: a channel line less 1 KB; not imported, as serve imports the ui).
MAX_STATE = 60 * 1024


class Spotlit:
    spot_id: int | None = None  # the spotlight on this learner's lesson, while it is on
    spot_question = None  # its NameQuestion, until answered

    def spotlit(self, message: dict) -> None:
        """A `spotlight` message: asked for this learner's lesson, or its end."""
        spot_id = message.get("id")
        if type(spot_id) is not int or self.to_server is None:
            return
        by = visible(str(message.get("by") or "the instructor")[:MAX_BY])
        if message.get("ended"):
            if spot_id == self.spot_id:
                self.spot_id = None
                self.close_question()
                self.notify(tr("spot_over", self.lang, by=by), markup=False)
            return
        reply = self.spot_state()
        self.to_server({"t": "spotlight_state", "id": spot_id, **reply})
        if reply.get("state") is not None:
            self.ask_name(spot_id, by)

    def spot_state(self) -> dict:
        """The lesson on this screen, as a follower rebuilds it; or why there is none."""
        from gdtui.ui.screens.session_screen import SessionScreen

        screen = next((s for s in reversed(self.screen_stack) if isinstance(s, SessionScreen)),
                      None)
        if screen is None:
            return {"state": None, "error": "list"}
        session = screen.session
        if session.lesson.is_image_lesson:
            return {"state": None, "error": "image", "lesson": session.lesson.id}
        state = session.state.select(screen.selected).to_json()
        if len(state["ops"]) > MAX_OPS or len(json.dumps(state)) > MAX_STATE:
            return {"state": None, "error": "long"}
        return {"state": state, "step": session.trainer.steps_done}

    def ask_name(self, spot_id: int, by: str) -> None:
        from gdtui.ui.screens.name_question import NameQuestion

        self.close_question()  # an older spotlight's
        question = NameQuestion(tr("spot_ask", self.lang, by=by), tr("spot_keys", self.lang))
        self.spot_id, self.spot_question = spot_id, question

        def answered(yes: bool | None) -> None:
            if self.spot_question is not question or yes is None:
                return  # ended meanwhile, or asked again
            self.spot_question = None
            self.to_server({"t": "spotlight_name", "id": spot_id, "agreed": bool(yes)})
            self.notify(tr("spot_named" if yes else "spot_anonymous", self.lang), markup=False)

        self.push_screen(question, answered)

    def close_question(self) -> None:
        question, self.spot_question = self.spot_question, None
        if question is not None and question.is_attached:
            question.dismiss(None)
