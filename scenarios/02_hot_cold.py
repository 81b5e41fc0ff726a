from gdtui import Lesson

lesson = Lesson(
    id="hot-cold",
    title="Hot and cold learning: nudge the weight up or down",
    notes={
        "en": (
            "The simplest way to learn: try the weight a little higher and a "
            "little lower, and keep whichever guess has the smaller error. It "
            "works, but it costs two extra predictions per step, it always "
            "moves by the same step_amount, and near the goal it can only "
            "wobble around it, never land on it."
        ),
        "zh": (
            "最简单的学习办法:把权重稍微调高试一次、稍微调低试一次,哪个方向误差"
            "更小就往哪边走。它能奏效,但每一步都要多做两次预测;每次只能移动固定的"
            " step_amount;到了目标附近只能来回摆动,没法正好停在目标上。"
        ),
    },
    rule="hot-cold",
    weights=0.5,
    input=0.5,
    goal=0.8,
    step_amount=0.001,
    steps=1101,
    input_labels=["input"],
    output_labels=["pred"],
    book="error-prediction",
    exercises=[
        {
            "id": "cost",
            "en": "Run to error < 1e-6: how many predictions? (3/step)",
            "zh": "运行到误差低于 1e-6:共花了多少次预测?(每步 3 次)",
            "hint": {"en": "r runs, + goes faster; the status line counts the steps.",
                     "zh": "r 运行,+ 加速;状态栏会数步数。"},
            "check": {"error_below": 1e-06, "within": 1100},
        },
        {
            "id": "direction",
            "en": "Predict the direction right 5 times in a row.",
            "zh": "连续 5 次预测对方向。",
            "hint": {"en": "Compare pred with goal: too low means the weight goes ↑.",
                     "zh": "比较 pred 和 goal:偏低就往 ↑ 走。"},
            "check": {"correct_in_a_row": 5, "quantity": "direction"},
        },
        {
            "id": "bigger-steps",
            "en": "Edit step_amount (e): error < 0.001 in 100 steps.",
            "zh": "用 e 改 step_amount,让误差在 100 步内低于 0.001。",
            "hint": {"en": "The weight has to travel from 0.5 to about 1.6: how big a step covers that in 100?",
                     "zh": "weight 要从 0.5 走到约 1.6:每步多大才能在 100 步内走完?"},
            "check": {"error_below": 0.001, "within": 100},
        },
    ],
    predict="direction",
    prompts=[
        {"after": 0, "en": "Each step predicts twice more, weight ± step_amount, and keeps the better. Press r to run, + to go faster.",
         "zh": "每一步多做两次预测(weight ± step_amount),保留误差小的那个。按 r 运行,按 + 加速。"},
        {"after": 30, "en": "Every move is exactly step_amount, however far the goal: 1,101 steps, 3 predictions each, to get there.",
         "zh": "不管离目标多远,每次都只移动 step_amount:要走 1101 步,每步 3 次预测。"},
        {"when": "converged", "en": "At the goal it cannot land: it wobbles by step_amount, up, down, up. It knows the direction, not the amount.",
         "zh": "到了目标附近也停不下来:按 step_amount 上下来回摆。它知道方向,却不知道幅度。"},
    ],
)
