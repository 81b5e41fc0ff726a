"""What to try: a lesson's prompts, shown after some steps or on a condition.

A lesson file gives, e.g.::

    prompts=[
        {"after": 0, "en": "Press Space and watch the dot…", "zh": "按空格……"},
        {"when": "converged", "en": "Now press e and set the input to 0…", "zh": "……"},
    ]

`after: N` is shown from step N on (until a later one takes over); `when`
is shown while its condition holds, and wins over the step prompts:
overflowed, diverging, converged, frozen (a weight is frozen), end (the
lesson's steps are done).
"""

from __future__ import annotations

from typing import Any

from gdtui.lessons.limits import MAX_STEPS

# Most urgent first: the one shown when several hold.
CONDITIONS = ("overflowed", "diverging", "converged", "end", "frozen")
MAX_PROMPTS = 40
MAX_LENGTH = 400


def check_prompts(value: Any) -> tuple[dict[str, Any], ...]:
    """The prompts as given, checked; raises ValueError naming the problem."""
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"must be a list of {{'after' or 'when', 'en', 'zh'}}, got {type(value).__name__}")
    if len(value) > MAX_PROMPTS:
        raise ValueError(f"at most {MAX_PROMPTS} prompts, got {len(value)}")
    prompts = []
    for k, prompt in enumerate(value):
        where = f"prompt {k + 1}"
        if not isinstance(prompt, dict):
            raise ValueError(f"{where} must be a dict, got {type(prompt).__name__}")
        unknown = set(prompt) - {"after", "when", "en", "zh"}
        if unknown:
            raise ValueError(f"{where}: unknown key {sorted(unknown)[0]!r}")
        if ("after" in prompt) == ("when" in prompt):
            raise ValueError(f"{where} needs 'after' (a step) or 'when' (a condition), one of them")
        after = prompt.get("after")
        if "after" in prompt and (isinstance(after, bool) or not isinstance(after, int)
                                  or not 0 <= after <= MAX_STEPS):
            raise ValueError(f"{where}: 'after' must be a whole number from 0 to {MAX_STEPS:,}")
        if "when" in prompt and prompt["when"] not in CONDITIONS:
            raise ValueError(f"{where}: 'when' must be one of {', '.join(CONDITIONS)}")
        for lang in ("en", "zh"):
            text = prompt.get(lang)
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"{where}: needs non-empty '{lang}' text")
            if len(text) > MAX_LENGTH:
                raise ValueError(f"{where}: '{lang}' is longer than {MAX_LENGTH} characters")
        prompts.append({key: (v.strip() if isinstance(v, str) else v) for key, v in prompt.items()})
    return tuple(prompts)


def choose(
    prompts: tuple[dict[str, Any], ...], steps_done: int, conditions: set[str], lang: str
) -> tuple[str, str | None]:
    """The prompt to show now, in `lang` ('' for none), and the condition it
    answers (None for a step prompt)."""
    for condition in CONDITIONS:
        if condition in conditions:
            for prompt in prompts:
                if prompt.get("when") == condition:
                    return prompt[lang], condition
    best = None
    for prompt in prompts:
        after = prompt.get("after")
        if after is not None and after <= steps_done and (best is None or after >= best["after"]):
            best = prompt
    return (best[lang] if best else ""), None
