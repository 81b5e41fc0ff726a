from gdtui import Lesson

lesson = Lesson(
    id="multi-input",
    title="Three inputs, one output: one delta, 3 weight_deltas",
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
            "en": "Predict a weight's weight_delta right 3 in a row.",
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
        {
            "id": "normalise",
            "en": "Scale toes 1/10 (e: input 0.85), step: all 3 learn.",
            "zh": "toes 乘 1/10(按 e:input 0.85),走一步:三个都在学。",
            "hint": {"en": "e, then input: 0.85 0.65 1.2. Each weight_delta = delta × its input: now no input is 10× the others.",
                     "zh": "按 e,input 改成 0.85 0.65 1.2。每个 weight_delta = delta × 它的 input:现在没有哪个 input 是别人的 10 倍。"},
            "check": {"input_is": [0, 0.85], "all_learn": 0.5},
        },
    ],
    predict="weight_delta",
    prompts=[
        {"after": 0, "en": "One prediction, one delta, three weight_deltas: each is delta × its own input. Watch the |weight_delta| bars.",
         "zh": "一个预测、一个 delta、三个 weight_delta:每个都是 delta × 它自己的 input。看 |weight_delta| 的条形。"},
        {"after": 1, "en": "toes (8.5) gets 13× the weight_delta of %win (0.65): on one error scale its U is far steeper. The biggest input dominates.",
         "zh": "toes(8.5)的 weight_delta 是 %win(0.65)的 13 倍:在同一个 error 刻度上,它的 U 陡得多。最大的输入占主导。"},
        {"after": 2, "en": "toes is 10× the other inputs, so it does most of the learning. Normalise it (e: toes 0.85, one scale for all) and all three weights learn.",
         "zh": "toes 是其他 input 的 10 倍,学习几乎都落在它身上。把它标准化(按 e:toes 改成 0.85,同一尺度),三个权重就都能学。"},
        {"after": 3, "en": "Press ] twice (alpha 0.05): the steep toes U overshoots first. That is why alpha is 0.01 here.",
         "zh": "按两次 ](alpha 0.05):最陡的 toes 的 U 最先越过谷底。所以这里 alpha 取 0.01。"},
        {"when": "diverging", "en": "Diverging: the big input makes every step overshoot. [ lowers alpha.",
         "zh": "正在发散:大的输入让每一步都越过谷底。按 [ 调小 alpha。"},
    ],
)
