from gdtui import Lesson

lesson = Lesson(
    id="frozen-weight",
    title="A frozen weight: a never moves, yet slides down its U",
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
)
