from gdtui import Lesson

lesson = Lesson(
    id="explosion",
    title="Divergence: with input 2 every step overshoots",
    notes={
        "en": (
            "Same goal, but the input is now 2. The weight_delta is scaled by "
            "the input, so each correction overshoots the bottom of the U and "
            "lands higher on the other side. The prediction swings from too "
            "high to too low, farther each time, until the numbers overflow."
        ),
        "zh": (
            "目标不变,但输入变成了 2。weight_delta 会被输入放大,于是每次修正都越过"
            " U 形曲线的谷底,落到另一侧更高的地方。预测值在过高和过低之间来回摆,"
            "而且越摆越远,直到数字溢出。这就是发散。"
        ),
    },
    weights=0.5,
    input=2,
    goal=0.8,
    alpha=1,
    steps=20,
    input_labels=["input"],
    output_labels=["pred"],
    book="error-prediction-weight-delta",
)
