"""What to try: a lesson's prompts, shown after some steps or on a condition.

A lesson file gives, e.g.::

    prompts=[
        {"after": 0, "en": "Press Space and watch the dot…", "zh": "按空格……"},
        {"when": "converged", "en": "Now press e and set the input to 0…", "zh": "……"},
    ]

`after: N` is shown from step N on (until a later one takes over); `when`
is shown while its condition holds, and wins over the step prompts:
overflowed, diverging, converged, frozen (a weight is frozen), unfrozen (no
weight is), end (the lesson's steps are done). `when` may name several
conditions (`["converged", "frozen"]`: while all of them hold) and may come
with `after` (from step N on, while it holds): a prompt that says "press f
to unfreeze a" is gone once a is unfrozen. Where several hold, the most
urgent condition's, then the one naming more conditions, then the later step.
"""

from __future__ import annotations

from typing import Any

from gdtui.lessons.limits import MAX_STEPS

# Most urgent first: the one shown when several hold.
CONDITIONS = ("overflowed", "diverging", "converged", "end", "frozen", "unfrozen")
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
        if "after" not in prompt and "when" not in prompt:
            raise ValueError(f"{where} needs 'after' (a step), 'when' (a condition), or both")
        after = prompt.get("after")
        if "after" in prompt and (isinstance(after, bool) or not isinstance(after, int)
                                  or not 0 <= after <= MAX_STEPS):
            raise ValueError(f"{where}: 'after' must be a whole number from 0 to {MAX_STEPS:,}")
        when = prompt.get("when")
        if "when" in prompt and not (
            when in CONDITIONS or (isinstance(when, (list, tuple)) and when
                                   and all(isinstance(c, str) and c in CONDITIONS for c in when))):
            raise ValueError(f"{where}: 'when' must be one of {', '.join(CONDITIONS)}, "
                             "or a list of them")
        for lang in ("en", "zh"):
            text = prompt.get(lang)
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"{where}: needs non-empty '{lang}' text")
            if len(text) > MAX_LENGTH:
                raise ValueError(f"{where}: '{lang}' is longer than {MAX_LENGTH} characters")
        prompt = {key: (v.strip() if isinstance(v, str) else v) for key, v in prompt.items()}
        if isinstance(when, (list, tuple)):
            prompt["when"] = list(when)
        prompts.append(prompt)
    return tuple(prompts)


def conditions_of(prompt: dict[str, Any]) -> frozenset[str]:
    """The conditions a prompt waits for (none: a step prompt)."""
    when = prompt.get("when")
    if when is None:
        return frozenset()
    return frozenset([when] if isinstance(when, str) else when)


def choose(
    prompts: tuple[dict[str, Any], ...], steps_done: int, conditions: set[str], lang: str
) -> tuple[str, str | None]:
    """The prompt to show now, in `lang` ('' for none), and the condition it
    answers (None for a step prompt)."""
    def due(prompt) -> bool:
        return prompt.get("after", 0) <= steps_done

    for condition in CONDITIONS:
        if condition in conditions:
            held = [p for p in prompts if condition in conditions_of(p)
                    and conditions_of(p) <= conditions and due(p)]
            if held:
                best = max(held, key=lambda p: (len(conditions_of(p)), p.get("after", 0)))
                return best[lang], condition
    best = None
    for prompt in prompts:
        after = prompt.get("after")
        if "when" not in prompt and due(prompt) and (best is None or after >= best["after"]):
            best = prompt
    return (best[lang] if best else ""), None
