"""The spotlight on a real server: the instructor asks for a learner's lesson
(the class socket's `spotlight`), the learner's app sends it, and every other
learner is sent it as a presented lesson, anonymous until the learner agrees
to be named; a late login catches up, `spotlight_end` ends it for everyone,
and the class store keeps it. What cannot be spotlighted is one clear line.
Learners are the channel stand-in (event_standin.py): it prints what it is
sent, sends the fields typed between '^' and ';' as its state and Y / N as
its answer; every wait is bounded (TIMEOUT)."""

from __future__ import annotations

import asyncio
import json

import pytest

from serve_helpers import EVENTS, TIMEOUT, Term, ask, kept as kept_state, nothing_followed, standin

STEP3 = {"lesson": "learning-steps", "ops": [["step", 3]], "selected": [0, 0]}
SENT = '"state": ' + json.dumps(STEP3) + ', "step": 3'
FOLLOWED = 'said follow learning-steps [["step", 3]] by ms-lee spotlight '
TERMS: dict[int, dict[str, Term]] = {}


async def learner(server, user) -> Term:
    term = await standin(server, user)
    TERMS.setdefault(id(server), {})[user] = term
    return term


async def read(server, user: str, line: str) -> None:
    """Until the server has read the stand-in's log line (sent after its message)."""
    session = server.by_user[user][0]
    for _ in range(int(TIMEOUT / 0.02)):
        if session.app_log.endswith(line.encode() + b"\n"):
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"the server never read {line!r}")


async def spotlight(server, state_dir, user: str, fields: str | None = SENT) -> dict:
    """Ask for user's lesson; their stand-in sends `fields` (None: nothing)."""
    asking = asyncio.ensure_future(ask(state_dir, {"op": "spotlight", "user": user,
                                                   "by": "ms-lee"}))
    term = TERMS[id(server)].get(user)
    if term is not None and server.by_user.get(user):
        await term.wait_for("said spotlight asked by ms-lee")
        if fields is not None:
            term.send(f"^{{{fields}}};".encode())
    return await asyncio.wait_for(asking, TIMEOUT)


async def kept(server, state_dir) -> dict | None:
    return await kept_state(server, state_dir, "spotlight")


# Each family: what ada's stand-in types after being asked, the name the class
# then sees, and the answer the status reports.
NAMED = {
    "no answer yet": ([], "a classmate", None),
    "yes": (["Y"], "ada", True),
    "no": (["N"], "a classmate", False),
    "no, then yes": (["N", "Y"], "ada", True),
    "yes, then no": (["Y", "N"], "a classmate", False),
}


@pytest.mark.parametrize("name", NAMED)
async def test_the_class_sees_the_lesson_named_only_if_the_learner_agrees(
        start_server, state_dir, name):
    typed, shown, agreed = NAMED[name]
    server = await start_server(command=EVENTS, state_dir=state_dir)
    ada, bo = await learner(server, "ada"), await learner(server, "bo")
    started = await spotlight(server, state_dir, "ada")
    assert started == {"ok": True, "sent": 1, "lesson": "learning-steps", "step": 3}
    await bo.wait_for(FOLLOWED + "a classmate")
    for key in typed:
        ada.send(key.encode())
        await read(server, "ada", f"named {key}")
    await bo.wait_for(FOLLOWED + shown)
    status = await ask(state_dir, {"op": "spotlight_status"})
    assert status == {"ok": True, "on": True, "user": "ada", "agreed": agreed,
                      "lesson": "learning-steps", "step": 3, "connected": True}
    assert await kept(server, state_dir) == {"user": "ada", "state": STEP3, "step": 3,
                                             "by": "ms-lee", "agreed": agreed}
    cy = await learner(server, "cy")  # logs in late: joins as the class sees it now
    await cy.wait_for(FOLLOWED + shown)
    await nothing_followed(ada)  # the spotlighted learner's own screen is left alone
    assert await ask(state_dir, {"op": "spotlight_end"}) == {"ok": True, "sent": 2}
    for term in (bo, cy):
        await term.wait_for("said follow - by ms-lee")
    await ada.wait_for("said spotlight ended")
    assert await ask(state_dir, {"op": "spotlight_status"}) == {"ok": True, "on": False}
    assert await kept(server, state_dir) == {"state": None}
    await nothing_followed(await learner(server, "dee"))


# Each family: whose lesson is asked for, what their stand-in sends (None:
# nothing), and the line the instructor reads.
REFUSED = {
    "nobody named": (None, None, "whose lesson"),
    "not a name": (7, None, "whose lesson"),
    "not connected": ("zed", None, "zed is not connected"),
    "on the lesson list": ("ada", '"state": null, "error": "list"',
                           "ada is on the lesson list: no lesson to show"),
    "on MNIST": ("ada", '"state": null, "error": "image", "lesson": "mnist"',
                 "ada is on mnist, whose data set is too big for the class to follow"),
    "too many changes": ("ada", '"state": null, "error": "long"', "too many changes"),
    "no reason given": ("ada", '"state": null', "ada has no lesson to show"),
    "an odd reason": ("ada", '"state": null, "error": "\\u001b[2J"', "ada has no lesson to show"),
    "a state that is not one": ("ada", '"state": "learning-steps"', "cannot be shown"),
    "a state without a lesson": ("ada", '"state": {"ops": []}', "cannot be shown"),
    "no answer": ("ada", None, "did not send its lesson in time"),
}


@pytest.mark.parametrize("name", REFUSED)
async def test_what_cannot_be_spotlighted_is_one_line_and_nothing_is_sent(
        start_server, state_dir, name):
    user, fields, error = REFUSED[name]
    server = await start_server(command=EVENTS, state_dir=state_dir)
    await learner(server, "ada")
    bo = await learner(server, "bo")
    answer = await spotlight(server, state_dir, user, fields)
    assert answer["ok"] is False and error in answer["error"], answer
    assert len(answer["error"].splitlines()) == 1 and "\x1b" not in answer["error"]
    await nothing_followed(bo)
    assert await ask(state_dir, {"op": "spotlight_status"}) == {"ok": True, "on": False}


async def test_a_learner_who_leaves_while_asked_is_one_line(start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    ada = await learner(server, "ada")
    asking = asyncio.ensure_future(ask(state_dir, {"op": "spotlight", "user": "ada"}))
    await ada.wait_for("said spotlight asked by the instructor")
    ada.send(b"q")  # gone before sending the lesson
    answer = await asyncio.wait_for(asking, TIMEOUT)
    assert answer == {"ok": False, "error": "ada left before their lesson came"}


async def test_the_class_sees_it_after_the_learner_leaves_and_the_status_says_so(
        start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    ada, bo = await learner(server, "ada"), await learner(server, "bo")
    await spotlight(server, state_dir, "ada")
    await bo.wait_for(FOLLOWED + "a classmate")
    ada.send(b"q")
    await ada.finish()
    for _ in range(int(TIMEOUT / 0.05)):
        status = await ask(state_dir, {"op": "spotlight_status"})
        if not status["connected"]:
            break
        await asyncio.sleep(0.05)
    assert (status["on"], status["user"], status["agreed"], status["connected"]) == (
        True, "ada", None, False)
    assert (await ask(state_dir, {"op": "spotlight_end"}))["sent"] == 1
    await bo.wait_for("said follow - by ms-lee")


async def test_the_class_follows_one_lesson_at_a_time(start_server, state_dir):
    """A spotlight replaces what is presented (a late login gets the spotlight),
    and presenting again ends the spotlight (its learner is told)."""
    server = await start_server(command=EVENTS, state_dir=state_dir)
    ada, bo = await learner(server, "ada"), await learner(server, "bo")
    await ask(state_dir, {"op": "present", "by": "ms-lee", "state": {
        "lesson": "alpha-fix", "ops": [], "selected": [0, 0]}})
    await bo.wait_for("said follow alpha-fix")
    await spotlight(server, state_dir, "ada")
    await bo.wait_for(FOLLOWED + "a classmate")
    cy = await learner(server, "cy")
    await cy.wait_for(FOLLOWED + "a classmate")
    assert "alpha-fix" not in cy.text
    await ask(state_dir, {"op": "present", "by": "ms-lee", "state": {
        "lesson": "explosion", "ops": [], "selected": [0, 0]}})
    await ada.wait_for("said spotlight ended")
    await bo.wait_for("said follow explosion [] by ms-lee")
    assert await ask(state_dir, {"op": "spotlight_status"}) == {"ok": True, "on": False}


async def test_a_restarted_server_still_shows_the_spotlight(start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    ada = await learner(server, "ada")
    await spotlight(server, state_dir, "ada")
    ada.send(b"Y")
    await read(server, "ada", "named Y")
    await asyncio.wait_for(server.stop(), TIMEOUT)
    again = await start_server(command=EVENTS, state_dir=state_dir)
    bo = await learner(again, "bo")
    await bo.wait_for(FOLLOWED + "ada")
    await nothing_followed(await learner(again, "ada"))  # not their own lesson back
