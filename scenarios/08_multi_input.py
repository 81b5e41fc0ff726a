from gdtui import Lesson

lesson = Lesson(
    id="multi-input",
    title="Several inputs, one output: one delta, three weight_deltas",
    notes={
        "en": (
            "Three inputs (toes, %win, #fans) feed one prediction, so there is "
            "one delta. Each weight gets its own weight_delta: the shared delta "
            "times its own input. The weight with the largest input (toes) "
            "moves the most, which is why alpha must be small here."
        ),
        "zh": (
            "三个输入(脚趾数、胜率、粉丝数)共同给出一个预测,所以只有一个 delta。"
            "每个权重各有一个 weight_delta:共同的 delta 乘以它自己的输入。"
            "输入最大的那个(脚趾数)权重变化最大,所以这里 alpha 要取得小一些。"
        ),
    },
    weights=[0.1, 0.2, -0.1],
    input=[8.5, 0.65, 1.2],
    goal=1,
    alpha=0.01,
    steps=3,
    input_labels=["toes", "%win", "#fans"],
    output_labels=["win"],
    book="iterations",
)
