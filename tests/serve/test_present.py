"""Present mode on a real server: the instructor's states (the class
socket's `present`) reach every learner's channel, late logins and a
restarted server catch up from the class store, and null ends presenting.
Learners are the channel stand-in (event_standin.py), which prints what it
is sent; every wait is bounded (TIMEOUT)."""

from __future__ import annotations

import asyncio

import pytest

from serve_helpers import EVENTS, ask, kept as kept_state, nothing_followed, standin as learner

STEP2 = {"lesson": "learning-steps", "ops": [["step", 2]], "selected": [0, 0]}
STEP3 = {"lesson": "learning-steps", "ops": [["step", 3]], "selected": [0, 0]}


def present(state, by="ms-lee"):
    return {"op": "present", "state": state, "by": by}


async def kept(server, state_dir) -> dict | None:
    return await kept_state(server, state_dir, "present")


async def test_every_learner_follows_and_a_late_one_joins_at_the_current_state(
        start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    ada, bo = await learner(server, "ada"), await learner(server, "bo")
    assert await ask(state_dir, present(STEP2)) == {"ok": True, "sent": 2}
    for term in (ada, bo):
        await term.wait_for('said follow learning-steps [["step", 2]] by ms-lee')
    assert await ask(state_dir, present(STEP3)) == {"ok": True, "sent": 2}
    await ada.wait_for('said follow learning-steps [["step", 3]] by ms-lee')
    cy = await learner(server, "cy")  # logs in late: sent the state now, after the hello
    await cy.wait_for('said follow learning-steps [["step", 3]] by ms-lee')
    assert "step\", 2" not in cy.text
    assert await kept(server, state_dir) == {"state": STEP3, "by": "ms-lee"}


async def test_presenting_ends_for_everyone_and_late_learners_get_nothing(
        start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    ada = await learner(server, "ada")
    await ask(state_dir, present(STEP2))
    await ada.wait_for("said follow learning-steps")
    assert await ask(state_dir, present(None)) == {"ok": True, "sent": 1}
    await ada.wait_for("said follow - by ms-lee")
    await nothing_followed(await learner(server, "bo"))
    assert await kept(server, state_dir) == {"state": None, "by": "ms-lee"}


async def test_a_restarted_server_still_presents_and_a_reconnect_catches_up(
        start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    await ask(state_dir, present(STEP3, by="ms-lee"))
    await asyncio.wait_for(server.stop(), 10)
    again = await start_server(command=EVENTS, state_dir=state_dir)
    ada = await learner(again, "ada")
    await ada.wait_for('said follow learning-steps [["step", 3]] by ms-lee')


@pytest.mark.parametrize("state, error", [
    ("learning-steps", "a state with a lesson"),
    ({"ops": []}, "a state with a lesson"),
    ({"lesson": "x", "ops": [["step", 1]] * 5900}, "too big"),  # past a channel's line
    ({"lesson": "x", "ops": [["step", 1]] * 6000}, "request too long"),  # past the socket's
])
async def test_a_bad_state_is_refused_and_nothing_is_sent(start_server, state_dir, state, error):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    ada = await learner(server, "ada")
    answer = await ask(state_dir, present(state))
    assert answer["ok"] is False and error in answer["error"]
    await nothing_followed(ada)


async def test_no_name_is_the_instructor(start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    ada = await learner(server, "ada")
    await ask(state_dir, present(STEP2, by=" "))
    await ada.wait_for("by the instructor")
