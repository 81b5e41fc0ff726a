from gdtui import Lesson

lesson = Lesson(
    id="direction-amount",
    title="Direction and amount: let the error size the step",
    notes={
        "en": (
            "Instead of probing, compute the move: (pred - goal) x input. Its "
            "sign gives the direction and its size the amount. Multiplying by "
            "the input stops learning when the input is 0, flips the direction "
            "when the input is negative, and scales the step with the input."
        ),
        "zh": (
            "不再试探,而是直接算出该怎么动:(预测 - 目标)× 输入。它的正负给出方向,"
            "大小给出幅度。乘上输入有三个作用:输入为 0 时不学习(停止),输入为负时"
            "方向反转,输入越大步子越大(缩放)。"
        ),
    },
    weights=0.5,
    input=0.5,
    goal=0.8,
    alpha=1,
    steps=20,
    input_labels=["input"],
    output_labels=["pred"],
    book="error-prediction",
    exercises=[
        {
            "id": "converge",
            "en": "Bring the error below 1e-6 within 25 steps.",
            "zh": "在 25 步内把误差降到 1e-6 以下。",
            "hint": {"en": "Space or r: the step size comes from the error itself.",
                     "zh": "按空格或 r:步子大小由误差本身决定。"},
            "check": {"error_below": 1e-06, "within": 25},
        },
        {
            "id": "predict-weight-delta",
            "en": "Predict weight_delta right 3 times in a row.",
            "zh": "连续 3 次预测对 weight_delta。",
            "hint": {"en": "weight_delta = (pred − goal) × input.",
                     "zh": "weight_delta = (pred − goal) × input。"},
            "check": {"correct_in_a_row": 3, "quantity": "weight_delta"},
        },
    ],
    predict="weight_delta",
    prompts=[
        {"after": 0, "en": "weight_delta = (pred − goal) × input: its sign is the direction, its size the amount. Step a few times.",
         "zh": "weight_delta = (pred − goal) × input:正负是方向,大小是幅度。先走几步。"},
        {"after": 3, "en": "Stopping: press e, set the input to 0 and step. weight_delta is 0 and the weight never moves.",
         "zh": "停止:按 e,把 input 设为 0 再走一步。weight_delta 为 0,权重不再移动。"},
        {"after": 6, "en": "Negative reversal: set the input to −0.5 (e). × input flips the sign, so the weight still moves the right way.",
         "zh": "负值反转:把 input 设为 −0.5(按 e)。乘以 input 会翻转正负号,权重仍朝正确方向移动。"},
        {"after": 10, "en": "Scaling: set the input to 2 (e). The same miss gives twice the step, and soon too much: see the explosion lesson.",
         "zh": "缩放:把 input 设为 2(按 e)。同样的偏差,步子大了一倍,很快就会太大:见“发散”那一课。"},
    ],
)
