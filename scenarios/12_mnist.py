from gdtui import Lesson

# alpha 0.002 with every weight starting at 0: a typical digit has about 100
# to 150 lit pixels, so alpha x |input|^2 is about 0.2-0.3, far below the 2
# where one update would overshoot like the explosion lesson. Measured on the
# 2,000 images shipped with gdtui: one pass (1,000 steps) reaches 83.8% on
# them and 76.5% on the next 1,000 (no other alpha does better in one pass:
# 0.0015 ties, larger ones fall), and each digit's weights then correlate
# 0.75-0.88 with its mean image minus the mean of all: ten blurry digits.
# Starting from 0 means the ten weight maps grow out of a blank page.
lesson = Lesson(
    id="mnist",
    title="MNIST: 784 in, 10 out; what do the weights learn?",
    notes={
        "en": (
            "Each 28x28 image is flattened to 784 inputs; there is one output per "
            "digit, with goal 1 for the right digit and 0 for the others. Same "
            "gradient descent, one image per step. Watch each digit's 784 weights "
            "as an image: bright pixels push toward that digit, dark ones against "
            "it. The score is a dot product, a loose measure of how alike the "
            "image and the weights are."
        ),
        "zh": (
            "每张 28×28 的图片被压平成 784 个输入;每个数字对应一个输出,正确的数字目标为 1,"
            "其余为 0。还是同样的梯度下降,每一步学一张图。把每个数字的 784 个权重画成图片:"
            "亮的像素支持这个数字,暗的像素反对它。得分就是点积,粗略地衡量图片和权重有多相似。"
        ),
    },
    data="mnist",
    samples=1000,
    weights=0.0,
    alpha=0.002,
    steps=1000,
    book="passes",
)
