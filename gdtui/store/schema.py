"""The store's tables, in plain SQL.

No SQLite-only types or features: VARCHAR, BIGINT, DOUBLE PRECISION, composite
primary keys instead of rowids or AUTOINCREMENT, and `INSERT ... ON CONFLICT`,
which SQLite (3.24+) and PostgreSQL (9.5+) both take, so a class spread over
several machines could share one PostgreSQL database with the same statements
(see docs/class.md).

- events: everything, append-only; (session_id, seq) is each writer's own
  numbering, so two writers never collide.
- lessons, ticks: each learner's progress, kept up to date in the same
  transaction as its event, so reading it never scans the history.
- meta: the format, its version, and which old JSON files were imported.
- class_state: what the whole class shares now, by name (`present`: the
  lesson the instructor presents; `poll`: the last class poll; `spotlight`: the
  learner's lesson the class is shown), as JSON text.
  Made when first written (CLASS_STATE), so stores made before it still open
  and older readers are not disturbed.
- polls, poll_answers: every class poll and each learner's answer to it
  (gdtui/store/polls.py), made when the first poll is kept, the same way.
- explained: what each learner said went wrong in their wrong answers
  (gdtui.practice.explain), a count per lesson, quantity and choice, kept up
  to date with its `explain` event like lessons; made when first written.
"""

FORMAT = "gdtui-store"
VERSION = 1

TABLES = (
    """CREATE TABLE meta (
        name VARCHAR(200) PRIMARY KEY,
        value VARCHAR(300) NOT NULL
    )""",
    """CREATE TABLE events (
        session_id VARCHAR(32) NOT NULL,
        seq BIGINT NOT NULL,
        learner VARCHAR(64) NOT NULL,
        at DOUBLE PRECISION NOT NULL,
        kind VARCHAR(16) NOT NULL,
        lesson VARCHAR(100),
        step BIGINT,
        quantity VARCHAR(100),
        answer DOUBLE PRECISION,
        truth DOUBLE PRECISION,
        verdict VARCHAR(100),
        slip VARCHAR(100),
        streak BIGINT,
        exercise VARCHAR(100),
        alpha DOUBLE PRECISION,
        old_alpha DOUBLE PRECISION,
        total BIGINT,
        note VARCHAR(300),
        PRIMARY KEY (session_id, seq)
    )""",
    "CREATE INDEX events_by_learner ON events (learner, at)",
    "CREATE INDEX events_by_time ON events (at)",
    """CREATE TABLE lessons (
        learner VARCHAR(64) NOT NULL,
        lesson VARCHAR(100) NOT NULL,
        opened BIGINT NOT NULL,
        answered_right BIGINT NOT NULL,
        asked BIGINT NOT NULL,
        best_streak BIGINT NOT NULL,
        PRIMARY KEY (learner, lesson)
    )""",
    """CREATE TABLE ticks (
        learner VARCHAR(64) NOT NULL,
        lesson VARCHAR(100) NOT NULL,
        exercise VARCHAR(100) NOT NULL,
        at DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (learner, lesson, exercise)
    )""",
)

CLASS_STATE = """CREATE TABLE IF NOT EXISTS class_state (
        name VARCHAR(32) PRIMARY KEY,
        at DOUBLE PRECISION NOT NULL,
        value TEXT NOT NULL
    )"""

EXPLAINED = """CREATE TABLE IF NOT EXISTS explained (
        learner VARCHAR(64) NOT NULL,
        lesson VARCHAR(100) NOT NULL,
        quantity VARCHAR(100) NOT NULL,
        choice VARCHAR(100) NOT NULL,
        times BIGINT NOT NULL,
        PRIMARY KEY (learner, lesson, quantity, choice)
    )"""

EVENT_COLUMNS = (
    "lesson", "step", "quantity", "answer", "truth", "verdict", "slip", "streak",
    "exercise", "alpha", "old_alpha", "total", "note",
)
INSERT_EVENT = (
    "INSERT INTO events (session_id, seq, learner, at, kind, " + ", ".join(EVENT_COLUMNS)
    + ") VALUES (" + ", ".join("?" * (5 + len(EVENT_COLUMNS))) + ")"
)
