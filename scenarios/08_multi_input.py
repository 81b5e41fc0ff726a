from gdtui import Lesson

lesson = Lesson(
    id="multi-input",
    title="Several inputs, one output: one delta, three weight_deltas",
    notes={
        "en": (
            "Three inputs (toes, %win, #fans) feed one prediction, so there is "
            "one delta. Each weight gets its own weight_delta: the shared delta "
            "times its own input. The weight with the largest input (toes) "
            "moves the most, which is why alpha must be small here."
        ),
        "zh": (
            "三个输入(脚趾数、胜率、粉丝数)共同给出一个预测,所以只有一个 delta。"
            "每个权重各有一个 weight_delta:共同的 delta 乘以它自己的输入。"
            "输入最大的那个(脚趾数)权重变化最大,所以这里 alpha 要取得小一些。"
        ),
    },
    weights=[0.1, 0.2, -0.1],
    input=[8.5, 0.65, 1.2],
    goal=1,
    alpha=0.01,
    steps=3,
    input_labels=["toes", "%win", "#fans"],
    output_labels=["win"],
    book="iterations",
    exercises=[
        {
            "id": "predict-weight-delta",
            "en": "Predict weight_delta of the selected weight right 3 times in a row.",
            "zh": "连续 3 次预测对所选权重的 weight_delta。",
            "hint": {"en": "One delta for all three: weight_delta = delta × that weight's input.",
                     "zh": "三个权重共用一个 delta:weight_delta = delta × 该权重的 input。"},
            "check": {"correct_in_a_row": 3, "quantity": "weight_delta"},
        },
        {
            "id": "converge",
            "en": "Bring the error below 1e-6 within 5 steps.",
            "zh": "在 5 步内把误差降到 1e-6 以下。",
            "hint": {"en": "Space: all three weights move at once.",
                     "zh": "按空格:三个权重同时移动。"},
            "check": {"error_below": 1e-06, "within": 5},
        },
    ],
    predict="weight_delta",
    prompts=[
        {"after": 0, "en": "One prediction, one delta, three weight_deltas: each is delta × its own input. Watch the |weight_delta| bars.",
         "zh": "一个预测、一个 delta、三个 weight_delta:每个都是 delta × 它自己的 input。看 |weight_delta| 的条形。"},
        {"after": 1, "en": "toes (8.5) gets 13× the weight_delta of %win (0.65): on one error scale its U is far steeper. The biggest input dominates.",
         "zh": "toes(8.5)的 weight_delta 是 %win(0.65)的 13 倍:在同一个 error 刻度上,它的 U 陡得多。最大的输入占主导。"},
        {"after": 3, "en": "Press ] twice (alpha 0.05): the steep toes U overshoots first. That is why alpha is 0.01 here.",
         "zh": "按两次 ](alpha 0.05):最陡的 toes 的 U 最先越过谷底。所以这里 alpha 取 0.01。"},
        {"when": "diverging", "en": "Diverging: the big input makes every step overshoot. [ lowers alpha.",
         "zh": "正在发散:大的输入让每一步都越过谷底。按 [ 调小 alpha。"},
    ],
)
