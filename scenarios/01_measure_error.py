from gdtui import Lesson

lesson = Lesson(
    id="measure-error",
    title="Measuring error: compare a prediction with its goal",
    notes={
        "en": (
            "Before a network can learn it must know how wrong it is. Predict "
            "(input x weight), then square the gap to the goal: the square is "
            "never negative, so errors cannot cancel, and big misses count far "
            "more than small ones. This step only measures; nothing changes yet."
        ),
        "zh": (
            "网络要学习,先得知道自己错了多少。先预测(输入×权重),再把与目标的差"
            "取平方:平方永远不为负,正负误差不会互相抵消,而且大的失误比小的失误"
            "重要得多。这一步只做比较,权重还不会改变。"
        ),
    },
    rule="compare",
    weights=0.5,
    input=0.5,
    goal=0.8,
    steps=1,
    input_labels=["input"],
    output_labels=["pred"],
    book="error",
    exercises=[
        {
            "id": "edit-to-goal",
            "en": "Edit the weight (e) till error < 0.001: pred = goal",
            "zh": "用 e 改 weight,直到误差低于 0.001(pred ≈ goal)。",
            "hint": {"en": "pred = input × weight, so weight = goal / input.",
                     "zh": "pred = input × weight,所以 weight = goal / input。"},
            "check": {"error_below": 0.001},
        },
        {
            "id": "predict-error",
            "en": "Predict the error right twice in a row (p, Space).",
            "zh": "连续两次预测对 error(先按 p,再按空格)。",
            "hint": {"en": "error = (pred − goal)²: work out pred first, then square the difference.",
                     "zh": "error = (pred − goal)²:先算 pred,再把差平方。"},
            "check": {"correct_in_a_row": 2, "quantity": "error"},
        },
    ],
    predict="error",
    prompts=[
        {"after": 0, "en": "Space measures once: pred = input × weight, then error = delta². Nothing learns yet.",
         "zh": "按空格测量一次:pred = input × weight,然后 error = delta²。这里还不学习。"},
        {"after": 1, "en": "◇ on the U misses by as much the other way, with the same error: squaring makes a miss count either way, and never below 0. Try e, weight 2.7.",
         "zh": "U 上的 ◇ 往另一侧偏得一样多,error 也一样:平方让偏高偏低都算数,而且永不为负。试试按 e,把 weight 设为 2.7。"},
    ],
)
