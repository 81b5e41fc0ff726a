"""Everything the app says, in English and Chinese: one table, one lookup.

The book's names (pred, delta, error, weight_delta, weight, input, goal,
alpha, step_amount) stay as they are in both languages, as the chapter's code
does; the words around them are translated. Lesson files bring their own
notes and prompts in both languages.
"""

from __future__ import annotations

LANGS = ("en", "zh")

TEXT: dict[str, dict[str, str]] = {
    # -- edit form and the too-small notice -----------------------------------
    "edit_hint": {"en": "Edit {id}: Enter applies, Escape cancels",
                  "zh": "编辑 {id}:Enter 应用,Escape 取消"},
    "edit_fix": {"en": "Fix the fields marked in red first.", "zh": "请先改正标红的字段。"},
    # what is wrong with a field (gdtui.lessons.edits.EditError's keys)
    "edit_not_number": {"en": "not a number: {text}", "zh": "不是数字:{text}"},
    "edit_not_positive": {"en": "must be a positive finite number", "zh": "必须是有限的正数"},
    "edit_count_one": {"en": "needs 1 number, got {got}", "zh": "需要 1 个数,收到 {got} 个"},
    "edit_count": {"en": "needs {count} numbers, got {got}", "zh": "需要 {count} 个数,收到 {got} 个"},
    "edit_not_finite": {"en": "numbers must be finite", "zh": "数必须是有限的"},
    "edit_rows": {"en": "needs {rows} rows separated by ';', got {got}",
                  "zh": "需要用 ';' 分开的 {rows} 行,收到 {got} 行"},
    "field_full": {"en": "A field holds at most {limit} characters; the rest was left out.",
                   "zh": "一个输入框最多 {limit} 个字符,其余的没有收下。"},
    "edit_weights_rows": {"en": "weights (rows of inputs, one per output, separated by ;)",
                          "zh": "weights(每个输出一行,各行用 ; 分开)"},
    "too_small": {"en": "Enlarge the terminal to at least {w}x{h} (now {now}). q quits.",
                  "zh": "请把终端放大到至少 {w}x{h}(现在 {now})。q 退出。"},
    # -- status line -------------------------------------------------------
    "step": {"en": "step", "zh": "第"},
    "step_n": {"en": "step {n}", "zh": "第 {n} 步"},
    "step_n_of": {"en": "step {n}/{total}", "zh": "第 {n}/{total} 步"},
    "running": {"en": "running {speed}", "zh": "运行中 {speed}"},
    "overflowed": {"en": "overflow at step {n}", "zh": "第 {n} 步溢出"},
    "speed_max": {"en": "max speed", "zh": "全速"},
    "speed_one": {"en": "1 step/s", "zh": "每秒 1 步"},
    "speed_n": {"en": "{n} steps/s", "zh": "每秒 {n} 步"},
    "sample": {"en": "sample {i} of {n}", "zh": "样本 {i}/{n}"},
    "accuracy": {"en": "accuracy {a}", "zh": "准确率 {a}"},
    # -- footer ------------------------------------------------------------
    "k_step": {"en": "step", "zh": "一步"},
    "k_back": {"en": "back", "zh": "后退"},
    "k_run": {"en": "run", "zh": "运行"},
    "k_edit": {"en": "edit", "zh": "编辑"},
    "k_alpha": {"en": "alpha", "zh": "alpha"},
    "k_note": {"en": "note", "zh": "说明"},
    "k_history": {"en": "history", "zh": "历史"},
    "k_next": {"en": "next", "zh": "下一课"},
    "k_log": {"en": "log", "zh": "对数"},
    "k_weight": {"en": "weight", "zh": "选权重"},
    "k_freeze": {"en": "freeze", "zh": "冻结"},
    "k_reset": {"en": "reset", "zh": "重置"},
    "k_keys": {"en": "keys", "zh": "按键"},
    "k_quit": {"en": "quit", "zh": "退出"},
    # the MNIST screen's own keys
    "k_speed": {"en": "speed", "zh": "快慢"},
    "k_pass": {"en": "one pass", "zh": "学一遍"},
    "k_maps": {"en": "maps", "zh": "权重图"},
    "k_dot": {"en": "dot product", "zh": "点积"},
    "k_digit": {"en": "digit", "zh": "选数字"},
    "k_lang": {"en": "中文", "zh": "English"},
    "k_save": {"en": "save", "zh": "保存"},
    # -- messages in the status line -----------------------------------------
    "msg_speed": {"en": "run speed {speed} (r runs)", "zh": "运行速度 {speed}(r 开始运行)"},
    "msg_frozen": {"en": "{name} frozen from next step", "zh": "{name} 从下一步起冻结"},
    "msg_unfrozen": {"en": "{name} unfrozen from next step", "zh": "{name} 从下一步起解冻"},
    "msg_no_freeze": {"en": "only gradient descent has weights to freeze",
                      "zh": "只有梯度下降的课程可以冻结权重"},
    "msg_changed": {"en": "changed: it applies from the next step", "zh": "已修改:从下一步起生效"},
    "msg_alpha": {"en": "alpha {old} → {new} from the next step", "zh": "alpha {old} → {new},从下一步起生效"},
    "msg_alpha_end": {"en": "alpha stays {alpha}: the end of the range", "zh": "alpha 保持 {alpha}:已到范围尽头"},
    "msg_no_alpha": {"en": "this lesson has no alpha", "zh": "这一课没有 alpha"},
    "msg_reset": {"en": "reset to the lesson's own values: {values}", "zh": "已重置为本课的初始值:{values}"},
    "follow_on": {"en": "following {by} — F to work on your own",
                  "zh": "正在跟随 {by} — 按 F 自己练习"},
    "follow_off": {"en": "working on your own ({by} is presenting) — F to follow",
                   "zh": "正在自己练习({by} 正在演示)— 按 F 跟随"},
    "follow_ended": {"en": "{by} stopped presenting: the lesson is yours from here",
                     "zh": "{by} 已结束演示:从这里起由你自己练习"},
    "follow_locked": {"en": "following {by}: F to work on your own",
                      "zh": "正在跟随 {by}:按 F 自己练习"},
    "follow_nothing": {"en": "nothing is being presented", "zh": "现在没有演示"},
    "follow_missing": {"en": "{by} presents {lesson}, which is not here",
                       "zh": "{by} 正在演示 {lesson},这里没有这一课"},
    # -- the class poll (learner: ui/screens/followed.py; instructor: ui/classroom/poll.py)
    "poll_ask": {"en": "{by} asks the class: {question}", "zh": "{by} 向全班提问:{question}"},
    "poll_sent": {"en": "your answer is in: {answer} (p changes it until the reveal)",
                  "zh": "你的答案已提交:{answer}(揭晓前按 p 可以修改)"},
    "poll_skipped": {"en": "no answer given to the class poll (p answers it)",
                     "zh": "没有回答全班提问(按 p 作答)"},
    "poll_late": {"en": "the poll closed before your answer reached it",
                  "zh": "你的答案送到之前,提问已结束"},
    "poll_cancelled": {"en": "{by} cancelled the poll", "zh": "{by} 取消了提问"},
    "poll_status": {"en": "class poll {right}/{asked}", "zh": "全班提问 对 {right}/{asked}"},
    "msg_poll_stopped": {"en": "the run has stopped: no step to ask about",
                         "zh": "训练已停止:没有下一步可问"},
    "msg_poll_quantity": {"en": "the class poll asks: {quantity} (p asks)",
                          "zh": "全班提问将问:{quantity}(按 p 提问)"},
    # -- the slider (gdtui.ui.slider) ------------------------------------------
    "msg_slid": {"en": "slid: Space steps from here", "zh": "已滑动:按空格从这里走一步"},
    "msg_slid_step": {"en": "step {n} taken from the weights you set", "zh": "第 {n} 步从你设定的权重走出"},
    "msg_slide_not_here": {"en": "no slider on MNIST (784 weights a digit)",
                           "zh": "MNIST 没有滑块(每个数字 784 个权重)"},
    "msg_slide_stopped": {"en": "the run has stopped: b steps back, 0 resets",
                          "zh": "训练已停止:b 后退一步,0 重置"},
    "msg_restart": {"en": "back to step 0, keeping these settings", "zh": "回到第 0 步,保留当前设置"},
    "msg_save_off": {"en": "saving traces is off on a shared server", "zh": "共享服务器上不能保存记录"},
    "msg_save_empty": {"en": "nothing to save yet: take a step first", "zh": "还没有可保存的内容:先走一步"},
    "msg_save_failed": {"en": "could not save the trace: {error}", "zh": "保存失败:{error}"},
    "msg_saved": {"en": "saved {n} steps to {csv} and {jsonl}", "zh": "已保存 {n} 步到 {csv} 和 {jsonl}"},
    "msg_first": {"en": "this is the first lesson", "zh": "这已经是第一课"},
    "msg_last": {"en": "this is the last lesson", "zh": "这已经是最后一课"},
    "msg_lang": {"en": "English", "zh": "中文"},
    "msg_no_chinese": {"en": "Chinese needs a UTF-8 terminal; the locale says {locale}",
                       "zh": "中文需要 UTF-8 终端;当前 locale 是 {locale}"},
    "msg_ascii": {"en": "Drawn in ASCII: the locale says {locale}, not UTF-8 (LANG=C.UTF-8 shows every glyph)",
                  "zh": "以 ASCII 显示:当前 locale 是 {locale},不是 UTF-8(LANG=C.UTF-8 可显示全部字符)"},
    "msg_ascii_unset": {"en": "Drawn in ASCII: no locale is set, so not UTF-8 (LANG=C.UTF-8 shows every glyph)",
                        "zh": "以 ASCII 显示:没有设置 locale,因此不是 UTF-8(LANG=C.UTF-8 可显示全部字符)"},
    "msg_no_chinese_ascii": {"en": "Chinese needs Unicode; this app draws in ASCII only (--ascii)",
                             "zh": "中文需要 Unicode;本程序只以 ASCII 显示(--ascii)"},
    "msg_no_chinese_unset": {"en": "Chinese needs a UTF-8 terminal; no locale is set (LANG=C.UTF-8 is one)",
                             "zh": "中文需要 UTF-8 终端;没有设置 locale(例如 LANG=C.UTF-8)"},
    # -- predict mode (gdtui.practice.predict; the screen: ui/screens/predict.py) -------
    "predict_status": {"en": "predict {quantity} {right}/{asked} streak {streak}",
                       "zh": "预测 {quantity} 对 {right}/{asked} 连对 {streak}"},
    "msg_predict_on": {"en": "predict mode: Space asks first (Tab there: another quantity)",
                       "zh": "预测模式:按空格先预测(在输入框按 Tab 换一个量)"},
    "msg_predict_off": {"en": "predict mode off", "zh": "预测模式关闭"},
    "msg_predict_not_here": {"en": "no predict mode on MNIST: its steps keep no weights to check a guess against",
                             "zh": "MNIST 没有预测模式:它的步骤不保存可用来核对预测的权重"},
    "msg_predict_skip": {"en": "step {n} taken without a prediction", "zh": "第 {n} 步没有预测"},
    "q_direction": {"en": "direction", "zh": "方向"},
    "q_weight": {"en": "new weight", "zh": "新 weight"},
    "ask": {"en": "Step {n}: predict {quantity}{of}", "zh": "第 {n} 步:预测{of} {quantity}"},
    "ask_of": {"en": " of {name}", "zh": " {name} 的"},
    "ask_direction": {"en": "Step {n}: which way will {name} move? ↑, ↓ or = (stays)",
                      "zh": "第 {n} 步:{name} 会往哪边动?↑、↓ 或 =(不动)"},
    "ask_keys": {"en": "Enter submits · Esc skips · Tab: another quantity",
                 "zh": "回车提交 · Esc 跳过 · Tab 换一个量"},
    "ask_direction_keys": {"en": "↑ / ↓ / = (or s, 0: stays) answers · Esc skips · Tab: another quantity",
                           "zh": "↑ / ↓ / =(或 s、0:不动)作答 · Esc 跳过 · Tab 换一个量"},
    # One quantity to answer (the class poll's): no Tab.
    "ask_keys_one": {"en": "Enter submits · Esc skips", "zh": "回车提交 · Esc 跳过"},
    "ask_direction_keys_one": {"en": "↑ / ↓ / = (or s, 0: stays) answers · Esc skips",
                               "zh": "↑ / ↓ / =(或 s、0:不动)作答 · Esc 跳过"},
    "q_stays": {"en": "stays", "zh": "不动"},
    "ask_bad": {"en": "not a number: {text} (e.g. -0.0388 or 3.9e-2)",
                "zh": "不是数字:{text}(例如 -0.0388 或 3.9e-2)"},
    "reveal": {"en": "step {n} {quantity}: you {guess}, true {truth}",
               "zh": "第 {n} 步 {quantity}:你 {guess},实际 {truth}"},
    "v_right": {"en": "right", "zh": "对"},
    "v_close": {"en": "close", "zh": "接近"},
    "v_wrong": {"en": "wrong", "zh": "错"},
    "slip_sign": {"en": "sign flipped: the size is right, the sign is not",
                  "zh": "符号反了:大小对,正负错"},
    "slip_goal_minus_pred": {"en": "used goal − pred: delta is pred − goal",
                             "zh": "用成了 goal − pred:delta 是 pred − goal"},
    "slip_forgot_input": {"en": "forgot × input: weight_delta = delta × input",
                          "zh": "忘了乘 input:weight_delta = delta × input"},
    "slip_forgot_alpha": {"en": "forgot alpha: weight −= alpha × weight_delta",
                          "zh": "忘了 alpha:weight −= alpha × weight_delta"},
    "slip_squared_wrong": {"en": "squared the wrong thing: error = (pred − goal)²",
                           "zh": "平方错了对象:error = (pred − goal)²"},
    "slip_forgot_square": {"en": "forgot to square: error = delta², not delta",
                           "zh": "忘了平方:error = delta²,不是 delta"},
    "slip_negative_square": {"en": "a square is never negative: error = delta² ≥ 0",
                             "zh": "平方永远不会是负数:error = delta² ≥ 0"},
    "slip_unchanged": {"en": "that is the weight before the step: the step moves it",
                       "zh": "这是这一步之前的权重:这一步会让它动"},
    "slip_frozen": {"en": "it is frozen: weight_delta is forced to 0, so it stays",
                    "zh": "它被冻结了:weight_delta 强制为 0,所以它不动"},
    "slip_stays": {"en": "this step does not move it (weight_delta is 0): it stays",
                   "zh": "这一步不会让它动(weight_delta 为 0):它不动"},
    # -- exercises (gdtui.practice.exercises) -------------------------------------------
    "ex_keys": {"en": "(i hint · x next)", "zh": "(i 提示 · x 下一个)"},
    "ex_hint": {"en": "hint: {hint}", "zh": "提示:{hint}"},
    "ex_all_done": {"en": "✓ all {n} exercises done (X starts them again)",
                    "zh": "✓ {n} 个练习全部完成(X 重新开始)"},
    "msg_ex_done": {"en": "✓ exercise {n} done", "zh": "✓ 练习 {n} 完成"},
    "msg_ex_reset": {"en": "exercises start again, from step 0", "zh": "练习重新开始,回到第 0 步"},
    "msg_no_exercises": {"en": "this lesson has no exercises", "zh": "这一课没有练习"},
    # -- banners -----------------------------------------------------------
    "overflow": {
        "en": "Overflow at step {n}: the numbers are no longer finite, so the run stopped. "
        "b steps back, 0 resets, [ lowers alpha.",
        "zh": "第 {n} 步数值溢出,运行已停止。b 后退一步,0 重置,[ 调小 alpha。",
    },
    "growing": {
        "en": "Diverging: the error has grown {k} steps in a row, so alpha is too high "
        "for this input. Press [ to lower alpha (try 0.1).",
        "zh": "正在发散:误差已连续 {k} 步变大,说明 alpha 对这个输入来说太大了。"
        "按 [ 调小 alpha(试试 0.1)。",
    },
    "lesson_end": {
        "en": "Lesson done: N opens the next, {title}",
        "zh": "本课完成:按 N 进入下一课 {title}",
    },
    "course_end": {
        "en": "Last lesson done: the end of the chapter.",
        "zh": "最后一课完成:本章结束。",
    },
    "first_step": {"en": "Space takes the first step.", "zh": "按空格走第一步。"},
    # -- plots -------------------------------------------------------------
    "error_per_step": {"en": "error per step", "zh": "每步的 error"},
    "log_on": {"en": "(log, l: linear)", "zh": "(对数,l:线性)"},
    "log_off": {"en": "(l: log)", "zh": "(l:对数)"},
    "error_ghost": {"en": "error, faint: alpha {alpha}", "zh": "error,淡色:alpha {alpha}"},
    "no_steps": {"en": "no steps yet", "zh": "还没有步数"},
    "no_finite": {"en": "no finite errors", "zh": "没有有限的误差"},
    "x_step": {"en": "step", "zh": "步"},
    "u_title": {"en": "error vs {name}", "zh": "error 随 {name} 变化"},
    "u_frozen": {"en": "(frozen)", "zh": "(冻结)"},
    "u_log": {"en": "(log)", "zh": "(对数)"},
    "u_caption": {"en": "w {w0}→{w1} · error {e0}→{e1}", "zh": "w {w0}→{w1} · error {e0}→{e1}"},
    "u_caption_start": {"en": "w {w} · error {e}", "zh": "w {w} · error {e}"},
    "u_bottom": {"en": "to bottom {d0}→{d1}", "zh": "离谷底 {d0}→{d1}"},
    "u_bottom_now": {"en": "to the bottom {d}", "zh": "离谷底 {d}"},
    "u_mirror": {"en": "◇ same error on the other side", "zh": "◇ 另一侧误差相同"},
    "one_error": {"en": "one error, shared by every weight", "zh": "所有权重共用一个 error"},
    "heat_title": {"en": "weights (shade: size)", "zh": "weights(深浅:大小)"},
    "outer_title": {"en": "weight_delta = delta (column) × input (row)",
                    "zh": "weight_delta = delta(列)× input(行)"},
    # -- the chain ---------------------------------------------------------
    "same_error": {"en": "too: a miss either way costs the same, never below 0",
                   "zh": "也一样:偏高偏低代价相同,且永不为负"},
    "measure_only": {"en": "this lesson only measures: the weight stays {w}",
                     "zh": "这一课只测量误差:权重保持 {w}"},
    "frozen_line": {"en": "the weight is frozen: weight_delta forced to 0",
                    "zh": "权重已冻结:weight_delta 强制为 0"},
    "frozen_wd": {"en": "frozen: weight_delta = 0", "zh": "冻结:weight_delta = 0"},
    "one_delta": {"en": "one delta, each its own input", "zh": "共用一个 delta,各乘自己的 input"},
    "own_delta": {"en": "each output its own delta", "zh": "每个输出有自己的 delta"},
    "one_input": {"en": "one input shared; each output its own goal, error and delta",
                  "zh": "所有输出共用一个 input;每个输出有自己的 goal、error 和 delta"},
    "output": {"en": "output", "zh": "输出"},
    "hot_cold_next": {"en": "Space: try weight ± step_amount and keep the better",
                      "zh": "空格:试 weight ± step_amount,保留误差小的那个"},
    "tie": {"en": "a tie", "zh": "平局"},
    "hot_cold_cost": {"en": "3 predictions for one move, always by step_amount",
                      "zh": "每动一次要做 3 次预测,步长永远是 step_amount"},
    # -- history -----------------------------------------------------------
    "h_title": {"en": "history (h: back to the plots)", "zh": "历史(h:回到图表)"},
    "h_empty": {"en": "no steps yet: Space takes one", "zh": "还没有步数:按空格走一步"},
    "h_step": {"en": "step", "zh": "步"},
    # -- help ----------------------------------------------------------------
    "help_title": {"en": "Keys  (Escape or ? closes)", "zh": "按键(Escape 或 ? 关闭)"},
    "list_title": {
        "en": "gdtui: gradient descent, one keypress at a time.  Enter opens, ? keys, q quits",
        "zh": "gdtui:梯度下降,一次一个按键。Enter 打开,? 按键,q 退出",
    },
    "skipped": {"en": "skipped {problem}", "zh": "已跳过 {problem}"},
}

HELP_KEYS: list[tuple[str, dict[str, str]]] = [
    ("Space", {"en": "take one step", "zh": "走一步"}),
    ("b", {"en": "step back (the weights return exactly)", "zh": "后退一步(权重精确复原)"}),
    ("r", {"en": "run / pause", "zh": "运行 / 暂停"}),
    ("+ / -", {"en": "run faster / slower", "zh": "运行加快 / 减慢"}),
    ("[ / ]", {"en": "lower / raise alpha (1-2-5 steps), from the next step",
               "zh": "调小 / 调大 alpha(按 1-2-5 档),下一步起生效"}),
    # The tolerances are filled in from gdtui.practice.predict (help.py).
    ("p", {"en": "predict mode: Space asks for a number first. Right: within {right} % of the "
                 "true value or within {absolute} of it, whichever is wider (close: {close} % "
                 "or {close_absolute}); the new weight: within {step_right} % of the size of "
                 "the step (close: {step_close} %), so the weight before the step is never "
                 "right; direction: ↑, ↓ or = (stays), exactly",
           "zh": "预测模式:按空格先填一个数。对:与实际值相差 {right} % 以内或 {absolute} 以内"
                 "(取较宽者;接近:{close} % 或 {close_absolute});新 weight:与实际值相差不超过"
                 "这一步大小的 {step_right} %(接近:{step_close} %),所以这一步之前的权重永远不算对;"
                 "方向:↑、↓ 或 =(不动),须完全一致"}),
    ("Tab", {"en": "(predicting) another quantity: direction, pred, delta, error, weight_delta, weight",
             "zh": "(预测时)换一个量:方向、pred、delta、error、weight_delta、weight"}),
    ("i / x / X", {"en": "the exercise's hint / the next exercise / start the exercises again (step 0)",
                   "zh": "练习提示 / 下一个练习 / 重新开始练习(回到第 0 步)"}),
    ("B", {"en": "back to step 0, keeping alpha and edits (and the faint run before)",
           "zh": "回到第 0 步,保留 alpha 和修改(以及淡色的上一次)"}),
    (", / .", {"en": "slide the selected weight along its U without a step (pred, delta, error "
                     "and the slope follow); Space steps from there",
               "zh": "沿 U 形曲线滑动所选权重,不走步(pred、delta、error 和斜率随之变化);"
                     "再按空格从那里走一步"}),
    ("< / >", {"en": "slide it ten times as far", "zh": "滑动十倍的距离"}),
    ("0", {"en": "reset to the lesson's own values", "zh": "重置为本课的初始值"}),
    ("e", {"en": "edit alpha, step_amount, input, goal, weights", "zh": "编辑 alpha、step_amount、input、goal、weights"}),
    ("← / →", {"en": "select a weight", "zh": "选择权重"}),
    ("f", {"en": "freeze / unfreeze the selected weight", "zh": "冻结 / 解冻所选权重"}),
    ("l", {"en": "log scale for the error curve and the U-curve", "zh": "误差曲线和 U 形曲线用对数刻度"}),
    ("n", {"en": "the lesson note: one line / all of it", "zh": "课程说明:一行 / 全文"}),
    ("h", {"en": "history of the steps / the plots", "zh": "步骤历史 / 图表"}),
    ("N / P", {"en": "next / previous lesson", "zh": "下一课 / 上一课"}),
    ("L", {"en": "English / 中文", "zh": "English / 中文"}),
    ("s", {"en": "save the trace so far (CSV and JSON Lines)", "zh": "保存到目前为止的记录(CSV 和 JSON Lines)"}),
    ("E / m / d", {"en": "MNIST: one pass over the images / the ten maps / the dot product",
                   "zh": "MNIST:把图像过一遍 / 十张权重图 / 点积"}),
    ("Escape", {"en": "back to the lesson list", "zh": "回到课程列表"}),
    ("Ctrl+P", {"en": "command palette: open any lesson", "zh": "命令面板:打开任意一课"}),
    ("?", {"en": "this help", "zh": "本帮助"}),
    ("q", {"en": "quit", "zh": "退出"}),
]

# The chapter's lessons' titles in Chinese (a lesson file's title is one line
# of English; these are shown in Chinese mode for the built-in lessons).
TITLES_ZH: dict[str, str] = {
    "measure-error": "测量误差:把预测和目标作比较",
    "hot-cold": "冷热学习:把权重往上或往下推一点",
    "direction-amount": "方向和幅度:让误差决定步子",
    "reducing-error": "学习就是减少误差:一次迭代",
    "learning-steps": "看几步学习",
    "explosion": "发散:输入为 2 时每一步都矫枉过正",
    "alpha-fix": "alpha:把每次更新缩小,不再过冲",
    "multi-input": "多个输入、一个输出:一个 delta,三个 weight_delta",
    "frozen-weight": "冻结一个权重:a 不动,却滑向它的谷底",
    "multi-output": "一个输入、三个输出:三个 delta",
    "multi-io": "三个输入、三个输出:3×3 权重矩阵",
    "mnist": "MNIST:784 个像素 → 10 个数字",
}


def tr(key: str, lang: str, **values) -> str:
    """The text for `key` in `lang` (English if missing), filled in."""
    entry = TEXT[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def title_of(lesson_id: str, title: str, lang: str) -> str:
    return TITLES_ZH.get(lesson_id, title) if lang == "zh" else title
