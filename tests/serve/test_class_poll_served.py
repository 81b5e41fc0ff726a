"""The class poll on a real server: the instructor's poll (the class socket's
`poll`) reaches every learner's channel and a late login; each learner's last
finite answer to the open poll is counted; closing brings the answers back and
tells the learners; the judged result is kept in the class store and printed
by `gdtui class --format json --poll`. Learners are the channel stand-in
(event_standin.py), which prints what it is sent and sends what is typed
between '=' and ';' as its answer; every wait is bounded (TIMEOUT)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import subprocess
import sys

import pytest

from gdtui.classroom import client
from gdtui.store.polls import ANSWER_COLUMNS
from serve_helpers import EVENTS, TIMEOUT, Term, connect

POLL = {"lesson": "learning-steps", "step": 3, "quantity": "weight_delta", "selected": [0, 1]}
ASKED = "said poll weight_delta of step 3 of learning-steps at [0, 1]"
STEP2 = {"lesson": "learning-steps", "ops": [["step", 2]], "selected": [0, 0]}


TERMS: dict[int, dict[str, Term]] = {}  # each server's learners, by name


async def learner(server, user) -> Term:
    term = await Term.open(await connect(server, username=user))
    await term.wait_for("ready")
    TERMS.setdefault(id(server), {})[user] = term
    return term


async def ask(state_dir, message) -> dict:
    return await asyncio.get_running_loop().run_in_executor(
        None, client.request, state_dir, message)


async def answer(server, user: str, typed: str) -> None:
    """The stand-in sends `typed` as its answer, then a log line saying so:
    once the server has that line, it has read the answer (one channel, in order)."""
    session = server.by_user[user][0]
    term = TERMS[id(server)][user]
    term.send(f"={typed};".encode())
    line = f"answered {typed}\n".encode()
    for _ in range(int(TIMEOUT / 0.02)):
        if session.app_log.endswith(line):
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"the server never read {typed!r}: {bytes(session.app_log)[-200:]!r}")


def gdtui_class(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gdtui", "class", *args], capture_output=True,
                          text=True, timeout=60)


async def test_every_learner_is_asked_and_a_late_one_too(start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    ada, bo = await learner(server, "ada"), await learner(server, "bo")
    opened = await ask(state_dir, {"op": "poll", "poll": POLL})
    assert opened["ok"] and opened["sent"] == 2 and opened["id"] > 0
    for term in (ada, bo):
        await term.wait_for(ASKED)
    cy = await learner(server, "cy")  # logs in while the poll is open
    await cy.wait_for(ASKED)
    closed = await ask(state_dir, {"op": "poll_close", "id": opened["id"]})
    assert closed == {"ok": True, "answers": []}
    for term in (ada, bo, cy):
        await term.wait_for(f"said poll closed {opened['id']} yours None")
    await learner(server, "dee")  # logs in after: nothing to answer
    assert await ask(state_dir, {"op": "poll_count"}) == {"ok": True, "open": False, "answers": 0}


# Each family: who types what, in turn, and the answers closing brings back.
ANSWERS = {
    "one each": ([("ada", "0.5"), ("bo", "-2")], [("ada", 0.5), ("bo", -2.0)]),
    "the last answer counts": ([("ada", "0.5"), ("bo", "0.25"), ("ada", "1")],
                               [("ada", 1.0), ("bo", 0.25)]),
    "an integer is a number": ([("bo", "4"), ("ada", "3")], [("ada", 3.0), ("bo", 4.0)]),
    "not numbers are not counted": ([("ada", '"0.5"'), ("ada", "true"), ("bo", "null"),
                                     ("bo", "[1]"), ("ada", "1")], [("ada", 1.0)]),
    "nor what is not finite": ([("ada", "NaN"), ("bo", "Infinity"), ("ada", "1e999"),
                                ("ada", "-Infinity"), ("bo", "2")], [("bo", 2.0)]),
    "a bad answer keeps the last good one": ([("ada", "0.5"), ("bo", "1"), ("ada", "NaN"),
                                              ("bo", "1e999")], [("ada", 0.5), ("bo", 1.0)]),
    "nobody answers": ([], []),
}


@pytest.mark.parametrize("name", ANSWERS)
async def test_the_last_finite_answer_of_each_learner_counts(start_server, state_dir, name):
    typed, expected = ANSWERS[name]
    server = await start_server(command=EVENTS, state_dir=state_dir)
    terms = [await learner(server, "ada"), await learner(server, "bo")]
    opened = await ask(state_dir, {"op": "poll", "poll": POLL})
    for term in terms:
        await term.wait_for(ASKED)
    for user, text in typed:
        await answer(server, user, text)
    count = await ask(state_dir, {"op": "poll_count"})
    assert count == {"ok": True, "open": True, "id": opened["id"], "answers": len(expected)}
    closed = await ask(state_dir, {"op": "poll_close", "id": opened["id"]})
    assert [(a["user"], a["answer"]) for a in closed["answers"]] == expected
    for user, term in zip(("ada", "bo"), terms):  # each told the answer counted as theirs
        await term.wait_for(f"said poll closed {opened['id']} yours {dict(expected).get(user)}")


async def test_an_answer_to_another_poll_is_not_counted(start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    ada = await learner(server, "ada")
    first = await ask(state_dir, {"op": "poll", "poll": POLL})
    await ada.wait_for(ASKED)
    await answer(server, "ada", "0.5")
    assert (await ask(state_dir, {"op": "poll_count"}))["answers"] == 1
    # Asked again (Tab: another quantity): the first closes, its answers are dropped.
    second = await ask(state_dir, {"op": "poll", "poll": dict(POLL, quantity="delta")})
    assert second["id"] > first["id"]
    await ada.wait_for(f"said poll closed {first['id']} cancelled")
    await ada.wait_for("said poll delta of step 3")
    assert (await ask(state_dir, {"op": "poll_count"}))["answers"] == 0
    await answer(server, "ada", '{"late": 1}')  # not a number: nothing changes
    assert (await ask(state_dir, {"op": "poll_close", "id": first["id"]}))["ok"] is False
    assert (await ask(state_dir, {"op": "poll_close", "id": second["id"]}))["answers"] == []


async def test_presenting_ending_closes_the_poll(start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    ada = await learner(server, "ada")
    await ask(state_dir, {"op": "present", "state": STEP2, "by": "ms-lee"})
    opened = await ask(state_dir, {"op": "poll", "poll": POLL})
    await ada.wait_for(ASKED)
    await ask(state_dir, {"op": "present", "state": None, "by": "ms-lee"})
    await ada.wait_for(f"said poll closed {opened['id']} cancelled")
    assert (await ask(state_dir, {"op": "poll_count"}))["open"] is False


async def test_a_cancelled_poll_counts_nothing(start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    ada = await learner(server, "ada")
    opened = await ask(state_dir, {"op": "poll", "poll": POLL})
    await ada.wait_for(ASKED)
    await answer(server, "ada", "0.5")
    assert await ask(state_dir, {"op": "poll_cancel"}) == {"ok": True}
    await ada.wait_for(f"said poll closed {opened['id']} cancelled")
    assert (await ask(state_dir, {"op": "poll_close", "id": opened["id"]}))["ok"] is False
    assert await ask(state_dir, {"op": "poll_cancel"}) == {"ok": True}  # nothing open: no-op


@pytest.mark.parametrize("poll", [
    None, "learning-steps", {},
    dict(POLL, lesson=""), dict(POLL, lesson="x" * 101), dict(POLL, lesson=3),
    dict(POLL, step=0), dict(POLL, step=1.5), dict(POLL, step=True), dict(POLL, step="3"),
    dict(POLL, quantity=None), dict(POLL, quantity="q" * 21),
    dict(POLL, selected=[0]), dict(POLL, selected=[0, -1]), dict(POLL, selected="0,1"),
    dict(POLL, selected=[0, 1.0]),
])
async def test_a_bad_poll_is_refused_and_nothing_is_asked(start_server, state_dir, poll):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    ada = await learner(server, "ada")
    refused = await ask(state_dir, {"op": "poll", "poll": poll})
    assert refused["ok"] is False and refused["error"].startswith("poll:")
    assert (await ask(state_dir, {"op": "poll_count"}))["open"] is False
    ada.send(b"s")  # something after: a poll sent would be on the screen before it
    await ada.wait_for("slipped 3")
    assert "said poll" not in ada.text


RESULT = {"lesson": "learning-steps", "step": 3, "quantity": "weight_delta", "of": "w[0,1]",
          "truth": 0.1848, "answers": 2, "right": 1,
          "slips": {"forgot_input": 1},
          "by_learner": [{"user": "ada", "answer": 0.1848, "verdict": "right", "slip": None},
                         {"user": "bo", "answer": 0.168, "verdict": "wrong",
                          "slip": "forgot_input"}]}


async def revealed(state_dir) -> int:
    """A poll asked and revealed (nobody connected): its id."""
    opened = await ask(state_dir, {"op": "poll", "poll": POLL})
    assert (await ask(state_dir, {"op": "poll_close", "id": opened["id"]}))["ok"]
    return opened["id"]


async def printed(state_dir, fmt: str, until=lambda out: True) -> str:
    """`gdtui class --format FMT --poll`, asked again until `until` holds (the
    store's writer keeps a result in its own time)."""
    loop = asyncio.get_running_loop()
    for _ in range(int(TIMEOUT / 0.1)):
        out = await loop.run_in_executor(None, gdtui_class, "--state-dir", str(state_dir),
                                         "--format", fmt, "--poll")
        assert out.returncode == 0 and "Traceback" not in out.stderr
        if until(out.stdout):
            return out.stdout
        await asyncio.sleep(0.1)
    raise AssertionError(f"never printed as hoped: {out.stdout!r}")


async def test_the_result_is_kept_and_printed(start_server, state_dir):
    await start_server(command=EVENTS, state_dir=state_dir)
    assert json.loads(await printed(state_dir, "json")) == {"poll": None}
    assert await printed(state_dir, "csv") == ",".join(ANSWER_COLUMNS) + "\n"
    first = await revealed(state_dir)
    assert await ask(state_dir, {"op": "poll_result", "result": RESULT}) == {"ok": True}
    # One result a reveal: a second is refused.
    again = await ask(state_dir, {"op": "poll_result", "result": RESULT})
    assert again == {"ok": False, "error": "poll_result: no poll has been revealed"}
    second = await revealed(state_dir)
    nobody = dict(RESULT, step=4, answers=0, right=0, slips={}, by_learner=[])
    assert await ask(state_dir, {"op": "poll_result", "result": nobody}) == {"ok": True}
    poll = json.loads(await printed(state_dir, "json", lambda out: '"step": 4' in out))["poll"]
    assert {k: v for k, v in poll.items() if k != "at"} == dict(nobody, id=second)
    rows = list(csv.DictReader(io.StringIO(await printed(
        state_dir, "csv", lambda out: out.count("\n") == 4))))
    assert [(r["poll"], r["step"], r["learner"], r["answer"], r["verdict"], r["slip"])
            for r in rows] == [
        (str(first), "3", "ada", "0.1848", "right", ""),
        (str(first), "3", "bo", "0.168", "wrong", "forgot_input"),
        (str(second), "4", "", "", "", ""),  # nobody answered
    ]


@pytest.mark.parametrize("name, printed_as", [
    ("=HYPERLINK(x)", "'=HYPERLINK(x)"),  # a spreadsheet would run it
    ("-1+1", "'-1+1"),
    ("李雷", "李雷"),
])
async def test_a_learners_name_is_printed_safe(start_server, state_dir, name, printed_as):
    await start_server(command=EVENTS, state_dir=state_dir)
    await revealed(state_dir)
    result = dict(RESULT, answers=1, right=1, by_learner=[
        {"user": name, "answer": 0.1848, "verdict": "right", "slip": None}])
    assert await ask(state_dir, {"op": "poll_result", "result": result}) == {"ok": True}
    (row,) = csv.DictReader(io.StringIO(await printed(
        state_dir, "csv", lambda out: out.count("\n") == 2)))
    assert row["learner"] == printed_as


@pytest.mark.parametrize("result, why", [
    (None, "an object"), ([], "an object"), ({"answers": 2}, "by_learner: a list"),
    (dict(RESULT, quantity=None), "quantity"), (dict(RESULT, quantity="q" * 33), "quantity"),
    (dict(RESULT, lesson=""), "lesson"), (dict(RESULT, step=0), "step"),
    (dict(RESULT, truth=None), "truth"), (dict(RESULT, truth=float("inf")), "truth"),
    (dict(RESULT, answers="2"), "the counts"), (dict(RESULT, answers=3), "the counts"),
    (dict(RESULT, right=2), "the counts"), (dict(RESULT, by_learner="ada"), "a list"),
    (dict(RESULT, by_learner=[1]), "objects"),
    (dict(RESULT, by_learner=[dict(RESULT["by_learner"][0], user="a/b"),
                              RESULT["by_learner"][1]]), "user"),
    (dict(RESULT, by_learner=[dict(RESULT["by_learner"][0], user="a\u202eb"),
                              RESULT["by_learner"][1]]), "user"),
    (dict(RESULT, by_learner=[dict(RESULT["by_learner"][0], user="a\x1b[2J"),
                              RESULT["by_learner"][1]]), "user"),
    (dict(RESULT, by_learner=[RESULT["by_learner"][0]] * 2), "one answer a learner"),
    (dict(RESULT, by_learner=[dict(RESULT["by_learner"][0], verdict="yes"),
                              RESULT["by_learner"][1]]), "verdict"),
    (dict(RESULT, by_learner=[dict(RESULT["by_learner"][0], answer="0.1"),
                              RESULT["by_learner"][1]]), "answer"),
    (dict(RESULT, by_learner=[RESULT["by_learner"][0],
                              dict(RESULT["by_learner"][1], slip="")]), "slip"),
    (dict(RESULT, slips="x" * 64_600), "too big"),  # past a channel line, within the socket's
])
async def test_a_bad_result_is_refused_saying_which_field(start_server, state_dir, result, why):
    await start_server(command=EVENTS, state_dir=state_dir)
    await revealed(state_dir)
    refused = await ask(state_dir, {"op": "poll_result", "result": result})
    assert refused["ok"] is False and refused["error"].startswith("poll_result:")
    assert why in refused["error"]
    assert await printed(state_dir, "csv") == ",".join(ANSWER_COLUMNS) + "\n"  # nothing kept


def test_poll_is_asked_for_with_a_format(tmp_path):
    out = gdtui_class("--state-dir", str(tmp_path), "--poll")
    assert out.returncode == 2 and "--poll goes with --format json or csv" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_poll_without_a_store_says_so_in_one_line(tmp_path, fmt):
    out = gdtui_class("--state-dir", str(tmp_path / "none"), "--format", fmt, "--poll")
    assert out.returncode == 1 and len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr


async def test_real_apps_answer_and_each_sees_their_own_verdict(start_server, state_dir):
    """The served app itself, two learners at two sizes: the poll opens each one's
    predict box, their typed answers are counted, and the reveal (closed, then the
    step presented) shows each their own verdict and slip."""
    from gdtui.serve.child import app_command

    server = await start_server(command=app_command(), state_dir=state_dir)
    terms = {}
    for user, size in (("ada", (80, 24)), ("bo", (110, 34))):
        terms[user] = await Term.open(await connect(server, username=user), *size)
        await terms[user].wait_for("Enter opens", timeout=30)
    await ask(state_dir, {"op": "present", "state": STEP2, "by": "ms-lee"})
    for term in terms.values():
        await term.wait_for("following ms-lee")
    opened = await ask(state_dir, {"op": "poll", "poll": dict(POLL, selected=[0, 0])})
    assert opened["sent"] == 2
    # weight_delta of step 3 is -0.038808; bo's is goal - pred's sign.
    for user, typed in (("ada", b"-0.0388\r"), ("bo", b"0.0388\r")):
        await terms[user].wait_for("ms-lee asks the class")
        terms[user].send(typed)
        await terms[user].wait_for("your answer is in")
    count = await ask(state_dir, {"op": "poll_count"})
    assert count["answers"] == 2
    closed = await ask(state_dir, {"op": "poll_close", "id": opened["id"]})
    assert [(a["user"], a["answer"]) for a in closed["answers"]] == [("ada", -0.0388),
                                                                      ("bo", 0.0388)]
    await ask(state_dir, {"op": "present", "by": "ms-lee",
                          "state": {"lesson": "learning-steps", "ops": [["step", 3]],
                                    "selected": [0, 0]}})
    await terms["ada"].wait_for("right  step 3 weight_delta: you -0.0388")
    await terms["bo"].wait_for("wrong  step 3 weight_delta: you 0.0388")
    await terms["bo"].wait_for("used goal − pred")
    for term in terms.values():
        term.send(b"q")
        await term.finish()
