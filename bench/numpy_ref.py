#!/usr/bin/python3
"""The numpy side of `make bench`: the tutorial's own code, timed.

Runs the three workloads the C bench (bench/bench.c) runs, written as the
notebook writes them (cells In [4] to In [9] of the tutorial):

  forward    one forward pass of the cell-3 network over all 1797 images
  fullbatch  cell 5: 1000 full-batch gradient steps on the 1437 training images
  sweep      cell 9: the 36 networks (eta x lambda), 10 epochs, batches of 100

The stream is replayed as the notebook draws it (seed, choice, split,
cell-3 weights, cell-7 network) and restored before every repetition, so
each repetition does the notebook's arithmetic.  Loading the data is not
timed.  Prints one line per workload:

    numpy<TAB>workload<TAB>median_s<TAB>min_s<TAB>reps<TAB>cpu_median_s

(wall-clock seconds, then the processor seconds of the process, which do
not count the time other programs held the processor)

and, on a line starting with '#', the BLAS that numpy runs (threadpoolctl),
so the report can say which OpenBLAS kernel was timed.

Usage: /usr/bin/python3 bench/numpy_ref.py DATA.csv.gz [REPS]
Run it with OPENBLAS_NUM_THREADS=1 (bench/run.sh does).
"""

import gzip
import statistics
import sys
import time

import numpy as np

# The sweep's eta = 1 networks overflow, as in the notebook; the warnings
# would only clutter the bench's output.
np.seterr(all="ignore")

N_HIDDEN = 50
N_CLASSES = 10


def load(path):
    with gzip.open(path, "rt") as f:
        a = np.loadtxt(f, delimiter=",", dtype=np.int64)
    return a[:, :64].astype(np.float64), a[:, 64]


def to_categorical_numpy(integer_vector):
    n_inputs = len(integer_vector)
    n_categories = np.max(integer_vector) + 1
    onehot_vector = np.zeros((n_inputs, n_categories))
    onehot_vector[range(n_inputs), integer_vector] = 1
    return onehot_vector


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


# ---- cell In [4]: the forward pass ------------------------------------------

def feed_forward(X, hidden_weights, hidden_bias, output_weights, output_bias):
    z1 = np.matmul(X, hidden_weights) + hidden_bias
    a1 = sigmoid(z1)
    z2 = np.matmul(a1, output_weights) + output_bias
    exp_term = np.exp(z2)
    probabilities = exp_term / np.sum(exp_term, axis=1, keepdims=True)
    return a1, probabilities


# ---- cell In [5]: full-batch gradient descent ------------------------------

def full_batch(X, Y, hidden_weights, hidden_bias, output_weights, output_bias,
               steps=1000, eta=0.01, lmbd=0.01):
    for _ in range(steps):
        a1, probabilities = feed_forward(X, hidden_weights, hidden_bias,
                                         output_weights, output_bias)
        error_output = probabilities - Y
        error_hidden = np.matmul(error_output, output_weights.T) * a1 * (1 - a1)
        dWo = np.matmul(a1.T, error_output)
        dBo = np.sum(error_output, axis=0)
        dWh = np.matmul(X.T, error_hidden)
        dBh = np.sum(error_hidden, axis=0)
        dWo += lmbd * output_weights
        dWh += lmbd * hidden_weights
        output_weights -= eta * dWo
        output_bias -= eta * dBo
        hidden_weights -= eta * dWh
        hidden_bias -= eta * dBh


# ---- cell In [6]: the NeuralNetwork class, as the notebook writes it -------

class NeuralNetwork:
    def __init__(self, X_data, Y_data, n_hidden_neurons=50, n_categories=10,
                 epochs=10, batch_size=100, eta=0.1, lmbd=0.0):
        self.X_data_full = X_data
        self.Y_data_full = Y_data
        self.n_inputs = X_data.shape[0]
        self.n_features = X_data.shape[1]
        self.n_hidden_neurons = n_hidden_neurons
        self.n_categories = n_categories
        self.epochs = epochs
        self.batch_size = batch_size
        self.iterations = self.n_inputs // self.batch_size
        self.eta = eta
        self.lmbd = lmbd
        self.create_biases_and_weights()

    def create_biases_and_weights(self):
        self.hidden_weights = np.random.randn(self.n_features, self.n_hidden_neurons)
        self.hidden_bias = np.zeros(self.n_hidden_neurons) + 0.01
        self.output_weights = np.random.randn(self.n_hidden_neurons, self.n_categories)
        self.output_bias = np.zeros(self.n_categories) + 0.01

    def feed_forward(self):
        self.z1 = np.matmul(self.X_data, self.hidden_weights) + self.hidden_bias
        self.a1 = sigmoid(self.z1)
        self.z2 = np.matmul(self.a1, self.output_weights) + self.output_bias
        exp_term = np.exp(self.z2)
        self.probabilities = exp_term / np.sum(exp_term, axis=1, keepdims=True)

    def feed_forward_out(self, X):
        z1 = np.matmul(X, self.hidden_weights) + self.hidden_bias
        a1 = sigmoid(z1)
        z2 = np.matmul(a1, self.output_weights) + self.output_bias
        exp_term = np.exp(z2)
        return exp_term / np.sum(exp_term, axis=1, keepdims=True)

    def backpropagation(self):
        error_output = self.probabilities - self.Y_data
        error_hidden = np.matmul(error_output, self.output_weights.T) * self.a1 * (1 - self.a1)
        self.output_weights_gradient = np.matmul(self.a1.T, error_output)
        self.output_bias_gradient = np.sum(error_output, axis=0)
        self.hidden_weights_gradient = np.matmul(self.X_data.T, error_hidden)
        self.hidden_bias_gradient = np.sum(error_hidden, axis=0)
        if self.lmbd > 0.0:
            self.output_weights_gradient += self.lmbd * self.output_weights
            self.hidden_weights_gradient += self.lmbd * self.hidden_weights
        self.output_weights -= self.eta * self.output_weights_gradient
        self.output_bias -= self.eta * self.output_bias_gradient
        self.hidden_weights -= self.eta * self.hidden_weights_gradient
        self.hidden_bias -= self.eta * self.hidden_bias_gradient

    def predict(self, X):
        return np.argmax(self.feed_forward_out(X), axis=1)

    def train(self):
        data_indices = np.arange(self.n_inputs)
        for i in range(self.epochs):
            for j in range(self.iterations):
                chosen_datapoints = np.random.choice(
                    data_indices, size=self.batch_size, replace=False)
                self.X_data = self.X_data_full[chosen_datapoints]
                self.Y_data = self.Y_data_full[chosen_datapoints]
                self.feed_forward()
                self.backpropagation()


# ---- cells In [8] and In [9]: the sweep ------------------------------------

def sweep(X_train, Y_train_onehot, X_test, Y_test):
    eta_vals = np.logspace(-5, 0, 6)
    lmbd_vals = np.logspace(-5, 0, 6)
    right = []
    for eta in eta_vals:
        for lmbd in lmbd_vals:
            dnn = NeuralNetwork(X_train, Y_train_onehot, eta=eta, lmbd=lmbd,
                                epochs=10, batch_size=100,
                                n_hidden_neurons=N_HIDDEN, n_categories=N_CLASSES)
            dnn.train()
            right.append(int(np.sum(dnn.predict(X_test) == Y_test)))
    return right


# ---- the timing harness -----------------------------------------------------

def timed(fn, reps, before=None):
    """Median and minimum wall time of fn() over reps runs, and the median
    processor time; before() (not timed) resets whatever state fn
    changes."""
    walls, cpus = [], []
    for _ in range(reps):
        if before:
            before()
        t, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def blas_line():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "# blas: threadpoolctl not available"
    parts = ["%s %s %s threads=%s" % (i.get("internal_api"), i.get("version"),
                                      i.get("architecture"), i.get("num_threads"))
             for i in threadpool_info() if i.get("user_api") == "blas"]
    return "# blas: " + ("; ".join(parts) or "none found")


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: numpy_ref.py DATA.csv.gz [REPS]\n")
        return 2
    reps = int(argv[2]) if len(argv) > 2 else 5
    inputs, labels = load(argv[1])
    print(blas_line())
    print("# numpy %s" % np.__version__)

    # Cells 1-3 and 7 on the global stream, as the notebook draws them.
    np.random.seed(0)
    np.random.choice(np.arange(len(inputs)), size=5)
    perm = np.random.permutation(len(inputs))      # sklearn's ShuffleSplit
    n_test = 360
    test, train = perm[:n_test], perm[n_test:]
    X_train, Y_train = inputs[train], labels[train]
    X_test, Y_test = inputs[test], labels[test]
    Y_train_onehot = to_categorical_numpy(Y_train)
    w = [np.random.randn(64, N_HIDDEN), np.zeros(N_HIDDEN) + 0.01,
         np.random.randn(N_HIDDEN, N_CLASSES), np.zeros(N_CLASSES) + 0.01]
    cell3 = [a.copy() for a in w]
    NeuralNetwork(X_train, Y_train_onehot, eta=0.1, lmbd=0.1).train()
    before_sweep = np.random.get_state()

    n = max(reps, 21)
    med, low, cpu = timed(lambda: feed_forward(inputs, *cell3), n)
    print("numpy\tforward\t%.6g\t%.6g\t%d\t%.6g" % (med, low, n, cpu))

    params = []
    def reset():
        params[:] = [a.copy() for a in cell3]
    med, low, cpu = timed(lambda: full_batch(X_train, Y_train_onehot, *params),
                          reps, reset)
    print("numpy\tfullbatch\t%.6g\t%.6g\t%d\t%.6g" % (med, low, reps, cpu))

    med, low, cpu = timed(lambda: sweep(X_train, Y_train_onehot, X_test, Y_test),
                          reps, lambda: np.random.set_state(before_sweep))
    print("numpy\tsweep\t%.6g\t%.6g\t%d\t%.6g" % (med, low, reps, cpu))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
