"""The book's own code for each lesson, as plain Python lists and loops.

An independent reference: it shares nothing with gdtui's engine. Each function
returns the lines the book's code prints (plus the weight_deltas for lessons
whose book output shows them), so the tests can compare line by line.
"""


def measure_error():
    knob_weight, input, goal_pred = 0.5, 0.5, 0.8
    pred = input * knob_weight
    error = (pred - goal_pred) ** 2
    return [str(error)]


def hot_cold(steps=1101):
    weight, input, goal_prediction, step_amount = 0.5, 0.5, 0.8, 0.001
    lines = []
    for _ in range(steps):
        prediction = input * weight
        error = (prediction - goal_prediction) ** 2
        lines.append("Error:" + str(error) + " Prediction:" + str(prediction))
        up_prediction = input * (weight + step_amount)
        up_error = (goal_prediction - up_prediction) ** 2
        down_prediction = input * (weight - step_amount)
        down_error = (goal_prediction - down_prediction) ** 2
        if down_error < up_error:
            weight = weight - step_amount
        if down_error > up_error:
            weight = weight + step_amount
    return lines


def one_weight(weight, input, goal_pred, alpha, steps, show_weight_delta):
    """direction_and_amount, reducing-error, learning-steps, explosion, alpha-fix."""
    lines = []
    for _ in range(steps):
        pred = input * weight
        error = (pred - goal_pred) ** 2
        delta = pred - goal_pred
        weight_delta = delta * input
        weight = weight - alpha * weight_delta
        line = "Error:" + str(error) + " Prediction:" + str(pred)
        if show_weight_delta:
            line += " Weight_Delta:" + str(weight_delta)
        lines.append(line)
    return lines


def multi_input(alpha, freeze_first, steps=3):
    def neural_network(input, weights):
        out = 0
        for i in range(len(input)):
            out += input[i] * weights[i]
        return out

    def ele_mul(scalar, vector):
        out = [0, 0, 0]
        for i in range(len(out)):
            out[i] = vector[i] * scalar
        return out

    weights = [0.1, 0.2, -0.1]
    input = [8.5, 0.65, 1.2]
    true = 1
    lines = []
    for iter in range(steps):
        pred = neural_network(input, weights)
        error = (pred - true) ** 2
        delta = pred - true
        weight_deltas = ele_mul(delta, input)
        if freeze_first:
            weight_deltas[0] = 0
        lines += [
            "Iteration:" + str(iter + 1),
            "Pred:" + str(pred),
            "Error:" + str(error),
            "Delta:" + str(delta),
            "Weights:" + str(weights),
            "Weight_Deltas:",
            str(weight_deltas),
            "",
        ]
        for i in range(len(weights)):
            weights[i] -= alpha * weight_deltas[i]
    return lines


def multi_output():
    weights = [0.3, 0.2, 0.9]
    input = 0.65
    true = [0.1, 1, 0.1]
    pred = [input * w for w in weights]
    delta = [0, 0, 0]
    for i in range(len(true)):
        delta[i] = pred[i] - true[i]
    weight_deltas = [input * d for d in delta]
    alpha = 0.1
    for i in range(len(weights)):
        weights[i] -= weight_deltas[i] * alpha
    return ["Weights:" + str(weights), "Weight Deltas:" + str(weight_deltas)]


def multi_io():
    weights = [[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]]
    input = [8.5, 0.65, 1.2]
    true = [0.1, 1, 0.1]
    alpha = 0.01

    def w_sum(a, b):
        output = 0
        for i in range(len(a)):
            output += a[i] * b[i]
        return output

    pred = [w_sum(input, weights[i]) for i in range(3)]
    error = [(pred[i] - true[i]) ** 2 for i in range(3)]
    delta = [pred[i] - true[i] for i in range(3)]
    weight_deltas = [[delta[i] * input[j] for j in range(3)] for i in range(3)]
    lines = [
        "Iteration:1",
        "Pred:" + str(pred),
        "Error:" + str(error),
        "Delta:" + str(delta),
        "Weights:" + str(weights),
        "Weight_Deltas:",
        str(weight_deltas),
        "",
    ]
    for i in range(3):
        for j in range(3):
            weights[i][j] -= alpha * weight_deltas[i][j]
    return lines, weights


BOOK = {
    "measure-error": measure_error,
    "hot-cold": hot_cold,
    "direction-amount": lambda: one_weight(0.5, 0.5, 0.8, 1, 20, False),
    "reducing-error": lambda: one_weight(0.0, 0.5, 0.8, 1, 4, False),
    "learning-steps": lambda: one_weight(0.0, 1.1, 0.8, 1, 4, True),
    "explosion": lambda: one_weight(0.5, 2, 0.8, 1, 20, True),
    "alpha-fix": lambda: one_weight(0.5, 2, 0.8, 0.1, 20, False),
    "multi-input": lambda: multi_input(0.01, False),
    "frozen-weight": lambda: multi_input(0.3, True),
    "multi-output": multi_output,
    "multi-io": lambda: multi_io()[0],
}
