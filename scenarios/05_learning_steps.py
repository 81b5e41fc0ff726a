from gdtui import Lesson

lesson = Lesson(
    id="learning-steps",
    title="Watch several steps of learning",
    notes={
        "en": (
            "Error as a function of the weight is a U: the bottom is the weight "
            "that predicts the goal exactly. The slope at the current weight "
            "says which way is down and how steep it is; the farther from the "
            "bottom, the steeper, so the bigger the step. Follow the dot down."
        ),
        "zh": (
            "误差随权重变化的曲线是一个 U 形:谷底就是恰好预测出目标的权重。"
            "当前权重处的斜率(导数)告诉我们哪边是下坡、有多陡;离谷底越远越陡,"
            "步子也就越大。看那个点一步步滑向谷底。"
        ),
    },
    weights=0.0,
    input=1.1,
    goal=0.8,
    alpha=1,
    steps=4,
    input_labels=["input"],
    output_labels=["pred"],
    book="error-prediction-weight-delta",
    exercises=[
        {
            "id": "predict-weight",
            "en": "Predict the new weight right 3 times in a row.",
            "zh": "连续 3 次预测对新的 weight。",
            "hint": {"en": "weight − alpha × weight_delta, with weight_delta = delta × input.",
                     "zh": "weight − alpha × weight_delta,其中 weight_delta = delta × input。"},
            "check": {"correct_in_a_row": 3, "quantity": "weight"},
        },
        {
            "id": "six-steps",
            "en": "Bring the error below 1e-6 within 6 steps.",
            "zh": "在 6 步内把误差降到 1e-6 以下。",
            "hint": {"en": "At alpha 1 each step lands much closer to the bottom of the U.",
                     "zh": "alpha 为 1 时每一步都离 U 底近得多。"},
            "check": {"error_below": 1e-06, "within": 6},
        },
    ],
    predict="weight",
    prompts=[
        {"after": 0, "en": "Follow the dot down the U: ● is where a step starts, ◆ where it lands.",
         "zh": "看那个点沿着 U 形往下走:● 是这一步的起点,◆ 是落点。"},
        {"after": 1, "en": "d error / d weight = 2 × weight_delta: the slope says which way is down and how far. Far from the bottom it is steep, so the step is big.",
         "zh": "d error / d weight = 2 × weight_delta:斜率告诉我们哪边是下坡、该走多远。离谷底越远越陡,步子越大。"},
        {"after": 4, "en": "Each step lands closer to the bottom and is smaller than the last. Keep going with Space or r.",
         "zh": "每一步都更靠近谷底,步子也一次比一次小。继续按空格或 r。"},
    ],
)
