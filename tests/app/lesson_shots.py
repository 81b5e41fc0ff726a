"""A PNG of every lesson at 80x24, in a state that shows its point:
docs/screens/lesson-ID-80x24.png (issue 20's "a PNG per lesson").

    python tests/app/lesson_shots.py [OUT_DIR]

The app's own SVG screenshot, its font set to DejaVu Sans Mono with WenQuanYi
Micro Hei Mono for Chinese (rsvg-convert falls back to a proportional font for
Fira Code; the CJK font is in ~/.fonts) and its spaces kept
(xml:space), then rsvg-convert (apt-get install librsvg2-bin).
"""

import asyncio
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))

from app_support import app_for  # noqa: E402

SPACE, LOWER = "space", "left_square_bracket"
# lesson id -> (keys, steps taken first without keys): the state each picture shows.
STATES = {
    "measure-error": (["space"], 0),                       # the squaring picture
    "hot-cold": ([SPACE] * 3, 0),                          # the two tries, 9 predictions
    "direction-amount": ([SPACE] * 2, 0),                  # the tangent and its slope
    "reducing-error": ([SPACE] * 2, 0),
    "learning-steps": ([SPACE] * 3, 0),
    "explosion": ([SPACE, LOWER, LOWER, LOWER, "B"] + [SPACE] * 8, 325),  # the ghost after an overflow
    "alpha-fix": ([SPACE] * 3, 0),
    "multi-input": ([SPACE] * 2, 0),                       # the normalisation prompt
    "frozen-weight": ([SPACE] * 3, 0),
    "multi-output": ([SPACE], 0),                          # the goals beside the preds
    "multi-io": ([SPACE] * 2 + ["right"] * 4, 0),          # goals, the new weight whole
    "mnist": ([SPACE] * 40, 0),                            # every key named
    "mnist-dot": ([SPACE] * 40 + ["d"], 0),                # the dot page within the screen
    "learning-steps-zh": ([SPACE] * 3, 0),                 # the same in Chinese
    "mnist-zh": ([SPACE] * 40, 0),
    "mnist-predict": ([SPACE] * 40 + ["p", SPACE, "1"], 0),    # "you said 1", judged from the step
    "mnist-predict-zh": ([SPACE] * 40 + ["p", SPACE, "1"], 0),
    "learning-steps-slid": ([SPACE] + ["full_stop"] * 4, 0),  # the slider: the dot moved, no step
}
# A state's name is its lesson's id and what it shows.
SHOWS = ("-zh", "-dot", "-predict", "-slid")


def png(svg: str, out: Path) -> None:
    svg = re.sub(r"font-family:[^;]*;", 'font-family: "DejaVu Sans Mono, WenQuanYi Micro Hei Mono";', svg)
    svg = svg.replace("<svg ", '<svg xml:space="preserve" ', 1)
    with tempfile.NamedTemporaryFile("w", suffix=".svg", delete=False) as f:
        f.write(svg)
    subprocess.run(["rsvg-convert", "-w", "1200", f.name, "-o", str(out)], check=True)
    Path(f.name).unlink()


async def shot(name: str, out_dir: Path) -> Path:
    keys, steps = STATES[name]
    lesson_id, zh = name, name.endswith("-zh")
    while lesson_id.endswith(SHOWS):
        lesson_id = lesson_id.rsplit("-", 1)[0]
    app = app_for(lesson_id, lang="zh" if zh else "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if steps:
            app.screen.session.trainer.run(steps)
        await pilot.press(*keys)
        app.clear_notifications()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        out = out_dir / f"lesson-{name}-80x24.png"
        png(app.export_screenshot(), out)
        return out


async def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    # A progress store of its own: the learner's own (ticked exercises) is not the picture.
    os.environ["GDTUI_DATA_DIR"] = tempfile.mkdtemp(prefix="gdtui-shots-")
    for name in STATES:
        print(await shot(name, out_dir))


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screens")))
