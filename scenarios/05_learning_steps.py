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
)
