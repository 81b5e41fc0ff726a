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
    exercises=[
        {
            "id": "diverge",
            "en": "Watch it diverge: step till the error keeps rising",
            "zh": "看它发散:一直走到误差一步比一步大。",
            "hint": {"en": "Space a few times: input 2 makes every step overshoot.",
                     "zh": "多按几次空格:input 为 2 让每一步都矫枉过正。"},
            "check": {"diverged": True},
        },
        {
            "id": "largest-alpha",
            "en": "Find the largest alpha that converges to 1e-6.",
            "zh": "找出仍能收敛(到 1e-6)的最大 alpha。",
            "hint": {"en": "[ lowers alpha, B restarts from step 0 keeping it; the update multiplies the gap by 1 − alpha × input².",
                     "zh": "[ 调小 alpha,B 保留它回到第 0 步;每次更新把差距乘以 1 − alpha × input²。"},
            "check": {"alpha_between": [0.2, 0.49], "then": "converged"},
        },
    ],
    predict="weight",
    prompts=[
        {"after": 0, "en": "Input 2 now. Step and watch ◆ land on the other wall of the U, higher each time.",
         "zh": "现在 input 是 2。走几步,看 ◆ 落到 U 的另一侧,而且一次比一次高。"},
        {"when": "diverging", "en": "Each update overshoots the bottom by more than it corrects. l shows it on a log scale; r runs it to the overflow.",
         "zh": "每次更新都越过谷底,而且越过得比修正的还多。按 l 用对数刻度看,按 r 一直运行到溢出。"},
        {"when": "overflowed", "en": "Overflow. Press [ to lower alpha (0.5, 0.2, 0.1…), then B for step 0 and r again: the faint curve is the run before.",
         "zh": "溢出了。按 [ 调小 alpha(0.5、0.2、0.1……),再按 B 回到第 0 步并按 r:淡色曲线是之前那次。"},
    ],
)
