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
    exercises=[
        {
            "id": "steady",
            "en": "Take 20 steps without diverging.",
            "zh": "走 20 步而不发散。",
            "hint": {"en": "r runs: alpha 0.1 shrinks each update.",
                     "zh": "r 运行:alpha 0.1 把每次更新缩小了。"},
            "check": {"diverged": False, "steps": 20},
        },
        {
            "id": "faster",
            "en": "Change alpha so the error is below 1e-6 in 5 steps.",
            "zh": "改变 alpha,让误差在 5 步内降到 1e-6 以下。",
            "hint": {"en": "] raises alpha, B restarts; with input 2 the best alpha is 1 / input².",
                     "zh": "] 调大 alpha,B 重新开始;input 为 2 时最好的 alpha 是 1 / input²。"},
            "check": {"error_below": 1e-06, "within": 5},
        },
    ],
    predict="weight",
    prompts=[
        {"after": 0, "en": "The same input 2, with alpha 0.1: every weight_delta is scaled down before the update, so nothing overshoots.",
         "zh": "同样是 input 2,alpha 取 0.1:每个 weight_delta 在更新前先缩小,于是不再越过谷底。"},
        {"after": 5, "en": "Press ] to raise alpha from the next step (0.2, 0.5, 1). At which alpha does the error start to grow?",
         "zh": "按 ] 调大 alpha(0.2、0.5、1),下一步起生效。alpha 到多大时误差开始上升?"},
        {"when": "diverging", "en": "The error grows over time: alpha is too high. [ lowers it.",
         "zh": "误差随时间上升:alpha 太大了。按 [ 调小。"},
        {"when": "converged", "en": "Learned. Try [ down to 0.01, then B for step 0 and r: it still learns, slowly. Crawling means alpha is too low.",
         "zh": "学会了。试试按 [ 调到 0.01,再按 B 回到第 0 步并按 r:仍会学,但很慢。学得太慢说明 alpha 太小。"},
    ],
)
