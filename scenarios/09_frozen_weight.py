from gdtui import Lesson

lesson = Lesson(
    id="frozen-weight",
    title="Frozen weight: a never moves, yet slides down its U",
    notes={
        "en": (
            "Weight a (toes) is frozen: its weight_delta is forced to 0. Yet "
            "its U-curve bottom moves toward it, because the error is shared: "
            "as b and c remove the error, every weight ends up at the bottom "
            "of its own curve. Once the error is 0, a can no longer learn, even "
            "if its input mattered."
        ),
        "zh": (
            "权重 a(脚趾数)被冻结:它的 weight_delta 被强制设为 0。可是它仍然滑向"
            "自己 U 形曲线的谷底,因为误差是共享的:b 和 c 把误差消掉以后,每个权重"
            "都处在自己曲线的底部。误差一旦为 0,a 就再也学不到东西,哪怕它的输入很重要。"
        ),
    },
    weights=[0.1, 0.2, -0.1],
    input=[8.5, 0.65, 1.2],
    goal=1,
    alpha=0.3,
    frozen=[True, False, False],
    steps=3,
    input_labels=["toes", "%win", "#fans"],
    output_labels=["win"],
    book="iterations",
    exercises=[
        {
            "id": "frozen-down",
            "en": "With a frozen, bring the error below 1e-10.",
            "zh": "在 a 冻结的情况下,把误差降到 1e-10 以下。",
            "hint": {"en": "r runs: b and c do all the learning.",
                     "zh": "r 运行:学习全靠 b 和 c。"},
            "check": {"frozen": 0, "error_below": 1e-10},
        },
        {
            "id": "unfreeze",
            "en": "Now unfreeze a (f on a) and step once: does a move?",
            "zh": "然后解冻 a(选中 a 按 f)再走一步:a 会动吗?",
            "hint": {"en": "delta is about 0 now, so a's weight_delta is about 0 too. (Keep stepping after: alpha 0.3 is too big for toes = 8.5.)",
                     "zh": "此时 delta 约为 0,所以 a 的 weight_delta 也约为 0。(之后继续走:对 toes = 8.5 来说 alpha 0.3 太大了。)"},
            "check": {"unchanged_after_unfreeze": 0, "tolerance": 0.0001},
        },
    ],
    predict="weight",
    prompts=[
        {"after": 0, "when": "frozen",
         "en": "a (toes) is frozen: its weight_delta is forced to 0. Watch a's U, and its distance to the bottom.",
         "zh": "a(toes)被冻结:它的 weight_delta 强制为 0。看 a 的 U 形,以及它离谷底的距离。"},
        {"after": 2, "when": "frozen",
         "en": "a stays at 0.1, yet its distance to the bottom shrinks: the error is shared, so as b and c learn, a's U slides under it.",
         "zh": "a 一直是 0.1,离谷底却越来越近:误差是共享的,b 和 c 学习时,a 的 U 形滑到了它下面。"},
        {"after": 3, "when": "frozen", "en": "Keep going (Space or r) until the error is almost 0.",
         "zh": "继续(空格或 r),直到 error 几乎为 0。"},
        {"after": 0, "when": "unfrozen",
         "en": "a is free: all three weights learn now. Select a (← →) and press f to freeze it again.",
         "zh": "a 已解冻:现在三个权重都在学习。选中 a(← →)再按 f,可以重新冻结它。"},
        {"when": ["converged", "frozen"],
         "en": "Error ≈ 0. Press f to unfreeze a, then step: does a move?",
         "zh": "error ≈ 0。按 f 解冻 a,再走一步:a 会动吗?"},
        {"when": ["converged", "unfrozen"],
         "en": "a is free: step, and it stays put. delta is 0, so a learns nothing, even if toes mattered.",
         "zh": "a 已解冻:走一步,它也不动。delta 为 0,所以 a 学不到任何东西,哪怕 toes 很重要。"},
        {"when": "diverging",
         "en": "Diverging: with a free, toes = 8.5 makes each step overshoot at alpha 0.3. [ lowers alpha.",
         "zh": "发散了:a 解冻后,toes = 8.5 让每一步在 alpha 0.3 下都冲过头。按 [ 降低 alpha。"},
    ],
)
