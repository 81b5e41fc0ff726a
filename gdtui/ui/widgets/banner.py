"""A warning when the run diverges: error growing step after step, or overflow."""

from __future__ import annotations

from rich.text import Text

from gdtui.engine.diagnose import growing_for, is_diverging
from gdtui.engine.rules import RULES
from gdtui.ui.view import View
from gdtui.ui.widgets.view_widget import ViewWidget

MESSAGES = {
    "overflow": {
        "en": "Overflow at step {n}: the numbers are no longer finite, so the run stopped. "
        "b steps back, 0 resets, e lowers alpha.",
        "zh": "第 {n} 步数值溢出,运行已停止。b 后退一步,0 重置,e 调小 alpha。",
    },
    "growing": {
        "en": "Diverging: the error has grown {k} steps in a row, so alpha is too high "
        "for this input. Press e and lower alpha (try 0.1).",
        "zh": "正在发散:误差已连续 {k} 步变大,说明 alpha 对这个输入来说太大了。"
        "按 e 调小 alpha(试试 0.1)。",
    },
}


def banner_text(view: View) -> str:
    if view.diverged_at is not None:
        return MESSAGES["overflow"][view.lang].format(n=view.diverged_at)
    if RULES[view.settings.rule].can_diverge and is_diverging(view.errors):
        return MESSAGES["growing"][view.lang].format(k=growing_for(view.errors))
    return ""


class Banner(ViewWidget):
    DEFAULT_CSS = """
    Banner { height: auto; padding: 0 1; background: $error 30%; display: none; }
    Banner.-shown { display: block; }
    """

    def signature(self, view: View):
        return banner_text(view)

    def watch_view(self, new: View | None) -> None:
        self.set_class(new is not None and bool(banner_text(new)), "-shown")
        super().watch_view(new)

    def draw(self, view: View) -> Text:
        return Text(banner_text(view), style="bold")
