"""A stand-in learner that speaks the channel (gdtui/serve/channel.py), for
the serve tests: prints the server's hello (and what came with it), and on 'g' sends 100 answer
events as fast as it can ('sending 100' before, 'sent 100' once they are all written); shows what
the server says ('said ...'); on 's' opens a lesson and answers three
times with the same slip; shows the class poll ('said poll ...') and answers
the last one asked with what is typed between '=' and ';' (put into the
JSON line as it is: 0.5, "x", NaN); shows the spotlight's asks ('said spotlight
...') and answers the last with what is typed between '^' and ';' (the fields
of its spotlight_state, as JSON), 'Y' or 'N' (its spotlight_name); exits on 'q', or on SIGTERM once what it is
sending is sent (as the app does: its events are written as they happen)."""

import json
import os
import select
import signal
import sys
import tty

from gdtui.serve.channel import FLAG, LearnerChannel

tty.setraw(0)


def out(text):
    os.write(1, (text + "\r\n").encode())


stopping = []
signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
channel = LearnerChannel.from_fd(int(sys.argv[sys.argv.index(FLAG) + 1]))
hello = channel.hello()
lessons = hello["progress"]["lessons"]
out(f"hello {hello['user']} asked={sum(e['asked'] for e in lessons.values())} ready")
tag = sys.argv[sys.argv.index("--tag") + 1] if "--tag" in sys.argv else "x"


asked = []  # the ids of the polls asked, newest last
spotlights = []  # the ids of the spotlights asked, newest last


def said(message):
    if message["t"] == "poll":
        poll = message.get("poll")
        if poll is None:
            yours = f" yours {message['answer']}" if "answer" in message else " cancelled"
            out(f"said poll closed {message.get('closed')}{yours}")
        else:
            asked.append(poll["id"])
            out(f"said poll {poll['quantity']} of step {poll['step']} of {poll['lesson']} "
                f"at {poll['selected']}")
    elif message["t"] == "follow":
        state = message.get("state")
        shown = f"{state['lesson']} {json.dumps(state['ops'])}" if state else "-"
        spot = message.get("spotlight")
        whose = "" if spot is None else f" spotlight {spot.get('name') or 'a classmate'}"
        out(f"said follow {shown} by {message.get('by')}{whose}")
    elif message["t"] == "spotlight":
        if message.get("ended"):
            out(f"said spotlight ended {message['id']}")
        else:
            spotlights.append(message["id"])
            out(f"said spotlight asked by {message.get('by')}")
    else:
        out(f"said {message['t']} {message.get('text', '')}")


for message in channel.read_ready():  # sent with the hello
    said(message)
while not stopping:
    ready, _, _ = select.select([0, channel.sock], [], [], 0.05)
    if channel.sock in ready:
        for message in channel.read_ready():
            said(message)
        if channel.closed:
            break
    if 0 in ready:
        keys = os.read(0, 1024)
        if not keys or b"q" in keys:
            break
        if keys[:1] == b"^":  # the spotlight's state (fields as JSON), read after it
            fields = keys[1:].split(b";", 1)[0]
            channel.sock.sendall(b'{"t":"spotlight_state","id":%d,%s}\n'
                                 % (spotlights[-1] if spotlights else 0, fields[1:-1]))
            channel.send({"t": "log", "text": "spotlight sent"})
            out("spotlight sent")
            continue
        if keys[:1] in (b"Y", b"N"):  # may the class see the name?
            channel.send({"t": "spotlight_name", "id": spotlights[-1] if spotlights else 0,
                          "agreed": keys[:1] == b"Y"})
            channel.send({"t": "log", "text": "named " + keys[:1].decode()})
            out("named " + keys[:1].decode())
            continue
        if b"=" in keys:  # an answer to the poll, sent as typed (the line is not checked)
            typed = keys.split(b"=", 1)[1].split(b";", 1)[0]
            channel.sock.sendall(b'{"t":"poll_answer","poll":%d,"answer":%s}\n'
                                 % (asked[-1] if asked else 0, typed))
            channel.send({"t": "log", "text": f"answered {typed.decode()}"})  # read after it
            out(f"answered {typed.decode()}")
            continue
        if b"g" in keys:
            out("sending 100")  # (the key has arrived: a test may log in again now)
            for n in range(100):
                channel.send({"t": "event", "event": {
                    "kind": "answer", "lesson": "learning-steps", "step": n, "quantity": "pred",
                    "answer": float(n), "truth": float(n), "verdict": "right", "streak": n + 1}})
            out("sent 100")
        if b"s" in keys:  # three answers with the same named slip: stuck by that rule
            channel.send({"t": "event", "event": {"kind": "open", "lesson": "learning-steps",
                                                  "step": 0, "total": 2, "alpha": 1.0}})
            for n in range(3):
                channel.send({"t": "event", "event": {
                    "kind": "answer", "lesson": "learning-steps", "step": n + 1,
                    "quantity": "weight", "answer": -1.0, "truth": 1.0, "verdict": "wrong",
                    "slip": "sign", "streak": 0}})
            out("slipped 3")
