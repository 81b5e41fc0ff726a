from gdtui import Lesson

lesson = Lesson(
    id="multi-output",
    title="One input, three outputs: three deltas",
    notes={
        "en": (
            "One input (%win) predicts three things: hurt, win and sad. Each "
            "output has its own goal, so its own error and delta; each weight's "
            "weight_delta is its output's delta times the one shared input. "
            "It is three one-weight networks side by side."
        ),
        "zh": (
            "一个输入(胜率)同时预测三件事:受伤比例、输赢、情绪低落。每个输出都有"
            "自己的目标,因此有各自的误差和 delta;每个权重的 weight_delta 是它所在"
            "输出的 delta 乘以同一个输入。相当于三个单权重网络并排放在一起。"
        ),
    },
    weights=[0.3, 0.2, 0.9],
    input=0.65,
    goal=[0.1, 1, 0.1],
    alpha=0.1,
    steps=1,
    input_labels=["%win"],
    output_labels=["hurt", "win", "sad"],
    book="weights-after",
    exercises=[
        {
            "id": "predict-delta",
            "en": "Predict an output's delta right 3 times in a row.",
            "zh": "连续 3 次预测对所选输出的 delta。",
            "hint": {"en": "Each output has its own delta = pred − goal.",
                     "zh": "每个输出有自己的 delta = pred − goal。"},
            "check": {"correct_in_a_row": 3, "quantity": "delta"},
        },
        {
            "id": "faster",
            "en": "Change alpha: error below 1e-6 within 100 steps.",
            "zh": "改变 alpha,让误差在 100 步内降到 1e-6 以下。",
            "hint": {"en": "] raises alpha, B restarts; input 0.65 is small, so alpha can be large.",
                     "zh": "] 调大 alpha,B 重新开始;input 0.65 很小,所以 alpha 可以大一些。"},
            "check": {"error_below": 1e-06, "within": 100},
        },
    ],
    predict="delta",
    prompts=[
        {"after": 0, "en": "One input, three outputs: each has its own goal, so its own error and delta. Each U is its own output's error.",
         "zh": "一个输入、三个输出:每个输出有自己的 goal,因而有自己的 error 和 delta。每个 U 都是它那个输出自己的 error。"},
        {"after": 1, "en": "Each weight_delta = its output's delta × the one input (0.65): three one-weight networks side by side. ← → selects.",
         "zh": "每个 weight_delta = 它所在输出的 delta × 同一个 input(0.65):三个单权重网络并排。← → 选择。"},
    ],
)
