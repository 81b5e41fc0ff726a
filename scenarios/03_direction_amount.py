from gdtui import Lesson

lesson = Lesson(
    id="direction-amount",
    title="Direction and amount: let the error size the step",
    notes={
        "en": (
            "Instead of probing, compute the move: (pred - goal) x input. Its "
            "sign gives the direction and its size the amount. Multiplying by "
            "the input stops learning when the input is 0, flips the direction "
            "when the input is negative, and scales the step with the input."
        ),
        "zh": (
            "不再试探,而是直接算出该怎么动:(预测 - 目标)× 输入。它的正负给出方向,"
            "大小给出幅度。乘上输入有三个作用:输入为 0 时不学习(停止),输入为负时"
            "方向反转,输入越大步子越大(缩放)。"
        ),
    },
    weights=0.5,
    input=0.5,
    goal=0.8,
    alpha=1,
    steps=20,
    input_labels=["input"],
    output_labels=["pred"],
    book="error-prediction",
)
