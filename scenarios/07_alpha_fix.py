from gdtui import Lesson

lesson = Lesson(
    id="alpha-fix",
    title="Alpha: scale every update down to stop the overshoot",
    notes={
        "en": (
            "Multiply each weight_delta by alpha, a number between 0 and 1, "
            "before updating. With alpha 0.1 the same input of 2 no longer "
            "overshoots and the error falls smoothly. Rule of thumb: error "
            "growing over time means alpha is too high; learning crawling means "
            "it is too low."
        ),
        "zh": (
            "更新之前先把 weight_delta 乘以 alpha(0 到 1 之间的数)。alpha 取 0.1 时,"
            "同样是输入 2,也不再矫枉过正,误差平稳下降。经验法则:误差随时间上升,"
            "说明 alpha 太大;学习太慢,说明 alpha 太小。"
        ),
    },
    weights=0.5,
    input=2,
    goal=0.8,
    alpha=0.1,
    steps=20,
    input_labels=["input"],
    output_labels=["pred"],
    book="error-prediction",
)
