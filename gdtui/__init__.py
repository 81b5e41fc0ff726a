"""gdtui: a terminal trainer for gradient descent."""
