from gdtui import Lesson

lesson = Lesson(
    id="reducing-error",
    title="Learning is reducing error: one iteration at a time",
    notes={
        "en": (
            "One iteration of gradient descent: pred from input and weight, "
            "delta = pred - goal (how far off, and which way), weight_delta = "
            "delta x input, then weight -= alpha x weight_delta. Only the weight "
            "may change; input and goal are fixed. Watch the error shrink."
        ),
        "zh": (
            "梯度下降的一次迭代:由输入和权重得到预测;delta = 预测 - 目标(差多少、"
            "往哪边偏);weight_delta = delta × 输入;然后 权重 -= alpha × weight_delta。"
            "能改变的只有权重,输入和目标都是固定的。看误差一步步变小。"
        ),
    },
    weights=0.0,
    input=0.5,
    goal=0.8,
    alpha=1,
    steps=4,
    input_labels=["input"],
    output_labels=["pred"],
    book="error-prediction",
    exercises=[
        {
            "id": "predict-delta",
            "en": "Predict delta right 3 times in a row.",
            "zh": "连续 3 次预测对 delta。",
            "hint": {"en": "delta = pred − goal: positive when the prediction is too high.",
                     "zh": "delta = pred − goal:预测偏高时为正。"},
            "check": {"correct_in_a_row": 3, "quantity": "delta"},
        },
        {
            "id": "converge",
            "en": "Bring the error below 1e-6 within 30 steps.",
            "zh": "在 30 步内把误差降到 1e-6 以下。",
            "hint": {"en": "r runs; watch how each step gets smaller.",
                     "zh": "r 运行;看每一步如何变小。"},
            "check": {"error_below": 1e-06, "within": 30},
        },
    ],
    predict="delta",
    prompts=[
        {"after": 0, "en": "One iteration, line by line: pred, delta (how far, which way), weight_delta = delta × input, then the weight.",
         "zh": "一次迭代,一行一行看:pred、delta(差多少、往哪边)、weight_delta = delta × input,最后是 weight。"},
        {"after": 2, "en": "Only the weight changes (▶); input and goal stay put. The error falls each step: learning is reducing error.",
         "zh": "只有权重在变(▶),input 和 goal 固定不变。error 每一步都在减小:学习就是减少误差。"},
    ],
)
