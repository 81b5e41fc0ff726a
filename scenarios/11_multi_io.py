from gdtui import Lesson

lesson = Lesson(
    id="multi-io",
    title="Three inputs, three outputs: a 3x3 weight matrix",
    notes={
        "en": (
            "Every input connects to every output: a 3x3 matrix, one row per "
            "output. Each output's pred is a weighted sum of all three inputs; "
            "each output has its own delta; weight_delta is the outer product "
            "of the deltas and the inputs, so every weight moves by its "
            "output's delta times its input."
        ),
        "zh": (
            "每个输入都连到每个输出:一个 3×3 的权重矩阵,每一行对应一个输出。"
            "每个输出的预测是三个输入的加权和;每个输出有自己的 delta;weight_delta 是"
            " delta 与输入的外积,所以每个权重的变化 = 它所在输出的 delta × 它对应的输入。"
        ),
    },
    weights=[[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]],
    input=[8.5, 0.65, 1.2],
    goal=[0.1, 1, 0.1],
    alpha=0.01,
    steps=1,
    input_labels=["toes", "%win", "#fans"],
    output_labels=["hurt", "win", "sad"],
    book="iterations",
    exercises=[
        {
            "id": "predict-weight",
            "en": "Predict the new weight right 3 times in a row.",
            "zh": "连续 3 次预测对所选权重的新值。",
            "hint": {"en": "Its weight_delta is its output's delta × its input.",
                     "zh": "它的 weight_delta 是它那个输出的 delta × 它的 input。"},
            "check": {"correct_in_a_row": 3, "quantity": "weight"},
        },
        {
            "id": "converge",
            "en": "Bring the error below 1e-10 within 10 steps.",
            "zh": "在 10 步内把误差降到 1e-10 以下。",
            "hint": {"en": "r runs; the matrix learns all nine weights at once.",
                     "zh": "r 运行;九个权重一起学习。"},
            "check": {"error_below": 1e-10, "within": 10},
        },
        {
            "id": "frozen-centre",
            "en": "Freeze %win→win (f) and still get error below 1e-6.",
            "zh": "冻结中间的权重(%win→win),仍把误差降到 1e-6 以下。",
            "hint": {"en": "← → selects a weight, f freezes it; the others make up for it.",
                     "zh": "← → 选权重,f 冻结;其余权重会补上。"},
            "check": {"frozen": 4, "error_below": 1e-06},
        },
    ],
    predict="weight",
    prompts=[
        {"after": 0, "en": "Each output's pred is a weighted sum of all three inputs. Space: weight_delta = delta (column) × input (row).",
         "zh": "每个输出的 pred 是三个输入的加权和。按空格:weight_delta = delta(列)× input(行)。"},
        {"after": 1, "en": "Toes moves most (input 8.5): weight_delta = delta × input. ← → picks a U.",
         "zh": "toes 列变化最大(input 8.5):weight_delta = delta × input。← → 选权重的 U。"},
    ],
)
