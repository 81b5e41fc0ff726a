"""The MNIST lesson in Chinese says nothing in English but the book's names:
every page (the image, the maps, the dot product, help), after steps, a
freeze and a pass, at 80x24 and 120x40, read off the screen as drawn; and
the lesson list and the predict box around it. Before the first step the
all-zero weights get no -1 ... +1 legend."""

import re

import pytest

from app_support import app_for, notices, strips, until

# The book's names and the key names, as the chapter lessons' test allows;
# the data's authors and licence; file formats and key names in help.
ALLOWED = {
    "pred", "delta", "error", "weight_delta", "weight", "weights", "input", "goal", "alpha",
    "step_amount", "up_error", "down_error", "inf", "nan", "MNIST", "mnist", "gdtui", "Space",
    "Enter", "Escape", "Tab", "Ctrl", "English", "U", "CSV", "JSON", "Lines",
    "LeCun", "Cortes", "Burges", "CC", "BY", "SA",
}
SIZES = [(80, 24), (120, 40)]
# (what, keys from the first page, the text that says the page is there)
PAGES = [
    ("the first page", [], "下一张图像"),
    ("after two steps", ["space", "space"], "第 2 张图像"),
    ("the maps", ["m"], "学到了什么"),
    ("the maps after steps", ["space", "space", "space", "m"], "第 3 步之后"),
    ("the dot product", ["d"], "得分就是点积"),
    ("the dot product after a step", ["space", "d"], "第 1 张图像"),
    ("a digit frozen", ["right", "f"], "冻结"),
    ("help", ["question_mark"], "按键"),
]


def screen_text(app) -> str:
    """Every line drawn on the screen on top, notices too."""
    return "\n".join("".join(segment.text for segment in strip)
                     for screen, strip in strips(app) if screen is app.screen)


def english(text: str) -> set[str]:
    text = re.sub(r"`[^`]*`", "", text)  # a command to type: `gdtui data fetch mnist`
    words = {w for w in re.findall(r"[A-Za-z_]+", text) if len(w) > 1}
    return {w for w in words if w not in ALLOWED
            and not any(a.startswith(w) and f"{w}…" in text for a in ALLOWED)}  # a name cut short


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("what, keys, there", PAGES, ids=[p[0] for p in PAGES])
async def test_no_english_on_a_chinese_mnist_page(what, keys, there, size):
    app = app_for("mnist", lang="zh")
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        text = screen_text(app)
        assert there in text, text
        assert not english(text), (english(text), text)


async def test_no_english_when_a_pass_ends():
    app = app_for("mnist", lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("E")
        await until(pilot, lambda: any("学完一遍" in str(n.message) for n in notices(app)), 2000)
        text = screen_text(app) + "\n" + "\n".join(str(n.message) for n in notices(app))
        assert not english(text), (english(text), text)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_no_english_in_the_chinese_lesson_list(size):
    app = app_for(lang="zh")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(app)
        ids = {w for line in text.split("\n") for w in re.findall(r"[a-z]+(?:-[a-z]+)+|[a-z]+", line)
               if line.strip().startswith(w)}  # each line starts with its lesson's id
        words = english(text) - {part for i in ids for part in i.split("-")}
        assert "打开" in text and not words, (words, text)


async def test_the_predict_box_says_what_to_type_in_chinese():
    app = app_for("learning-steps", lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "space")
        text = screen_text(app)
        assert "一个数" in text and "a number" not in text, text


# (lang, keys, said, not said): the legend before and after the first step
LEGENDS = [
    ("en", [], "weights of 0 before step 1: all 0", "+1.000"),
    ("en", ["m"], "weights: all 0", "+1.000"),
    ("zh", [], "全是 0", "+1.000"),
    ("en", ["space"], "weights of 0 after step 1: −", "all 0"),
    ("en", ["space", "m"], "weights: −", "all 0"),
]


@pytest.mark.parametrize("lang, keys, said, unsaid", LEGENDS, ids=[f"{l[0]}-{'-'.join(l[1])}" for l in LEGENDS])
async def test_all_zero_weights_have_no_scale_to_read(lang, keys, said, unsaid):
    app = app_for("mnist", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        text = screen_text(app)
        assert said in text and unsaid not in text, text


# (lang, ascii, size, steps, keys): the pages in Chinese, the all-0 legend, ASCII maps
SNAPSHOTS = [
    ("zh", False, (80, 24), 40, ()),
    ("zh", False, (80, 24), 40, ("m",)),
    ("zh", False, (80, 24), 40, ("d",)),
    ("zh", False, (120, 40), 40, ()),
    ("en", False, (80, 24), 0, ()),
    ("en", True, (80, 24), 300, ("m",)),
]


@pytest.mark.parametrize("lang, ascii_only, size, steps, keys", SNAPSHOTS,
                         ids=[f"{s[0]}{'-ascii' if s[1] else ''}-{s[2][0]}x{s[2][1]}-{s[3]}-{''.join(s[4])}"
                              for s in SNAPSHOTS])
def test_mnist_pages_snapshot(snap_compare, lang, ascii_only, size, steps, keys):
    async def learn(pilot):
        await pilot.press(*["space"] * steps, *keys)
        pilot.app.clear_notifications()
        await pilot.pause()

    app = app_for("mnist", lang=lang, ascii_only=ascii_only)
    assert snap_compare(app, terminal_size=size, run_before=learn)
