#!/usr/bin/python3
"""Reference replay of the numpy neural-network tutorial, used to make golden files.

For every seed given on the command line (default: 0 1 2 7 42) this script
re-runs the tutorial's cells In [1] .. In [9] with ``np.random.seed(seed)``,
consuming numpy's global legacy random stream in exactly the same order as the
notebook does, and writes ``tests/golden/seed_<S>.txt``.  The C port's tests
parse those files and compare against them.

Run it with Debian's interpreter from the repository root:

    /usr/bin/python3 tests/reference/golden.py 0 1 2 7 42

(``python3`` on PATH may be a different interpreter without numpy.)

Output format (see tests/golden/README.md for what every key means):
  * lines starting with '#' are comments;
  * every other line is ``key<TAB>v1,v2,...`` with no spaces;
  * doubles are printed with '%.17g', integers in plain decimal.

Two rules are followed throughout so that the golden numbers really are the
notebook's numbers:
  1. Everything that *influences* the training (random draws, the forward
     pass, the backward pass, the updates) is written with the same numpy
     operations, in the same order, as the tutorial.
  2. Everything that is only *recorded* (costs, sums of squares, extra
     forward passes for per-epoch statistics) draws no random numbers and
     never writes to the network, so it cannot change the stream or the
     trajectory.  Sums that are only recorded use math.fsum (a correctly
     rounded sum), so their value does not depend on a summation order.
"""

import os

# One BLAS thread: makes matmul's summation order (and so the chaotic
# long-training numbers) as repeatable as possible from run to run.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import datetime
import math
import sys
import time

import numpy as np
import sklearn
from sklearn import datasets
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

DEFAULT_SEEDS = [0, 1, 2, 7, 42]

# Layer sizes and training settings used by the tutorial.
N_HIDDEN = 50
N_CLASSES = 10
TRAIN_FRACTION = 0.8
EPOCHS = 10
BATCH_SIZE = 100

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GOLDEN_DIR = os.path.join(REPO_ROOT, "tests", "golden")
SCRIPT_REL = "tests/reference/golden.py"


# --------------------------------------------------------------------------
# Formatting helpers
# --------------------------------------------------------------------------

def fmt_double(x):
    """A double in the agreed golden format ('%.17g', never repr)."""
    return "%.17g" % float(x)


def fmt_int(x):
    return "%d" % int(x)


class GoldenWriter:
    """Collects key/value lines in insertion order, then writes them."""

    def __init__(self):
        self.comments = []
        self.rows = []          # list of (key, [str, ...])
        self.keys = set()

    def comment(self, text):
        self.comments.append("# " + text)

    def _add(self, key, strings):
        assert key not in self.keys, "duplicate key " + key
        assert all(" " not in s and "," not in s for s in strings)
        self.keys.add(key)
        self.rows.append((key, list(strings)))

    def doubles(self, key, values):
        self._add(key, [fmt_double(v) for v in np.ravel(np.asarray(values, dtype=np.float64))])

    def ints(self, key, values):
        self._add(key, [fmt_int(v) for v in np.ravel(np.asarray(values))])

    def write(self, path):
        lines = list(self.comments)
        lines += ["%s\t%s" % (k, ",".join(v)) for k, v in self.rows]
        with open(path, "w", encoding="ascii", newline="\n") as fh:
            fh.write("\n".join(lines) + "\n")


# --------------------------------------------------------------------------
# Small pieces of the tutorial, in our own words
# --------------------------------------------------------------------------

def logistic(x):
    """The sigmoid activation, written as the tutorial writes it."""
    return 1 / (1 + np.exp(-x))


def forward(X, w_hid, b_hid, w_out, b_out):
    """One forward pass; returns (hidden activations, class probabilities).

    The softmax is the tutorial's plain exp/sum with no max subtraction, so
    it can overflow to inf and give NaN for large weights; that is intended.
    """
    hid = logistic(np.matmul(X, w_hid) + b_hid)
    scores = np.matmul(hid, w_out) + b_out
    expo = np.exp(scores)
    probs = expo / np.sum(expo, axis=1, keepdims=True)
    return hid, probs


def one_hot(int_labels, n_classes=None):
    """Integer labels -> one-hot rows (stands in for keras' to_categorical).

    Keras returns float32, the tutorial's numpy fallback float64; the entries
    are exactly 0 and 1 either way and ``probs - onehot`` is float64, so the
    arithmetic is the same.
    """
    int_labels = np.asarray(int_labels)
    if n_classes is None:
        n_classes = int(np.max(int_labels)) + 1
    out = np.zeros((len(int_labels), n_classes))
    out[np.arange(len(int_labels)), int_labels] = 1
    return out


def mean_xent(probs, int_labels):
    """Mean categorical cross-entropy, -mean(log p[true class]).

    Recording only.  Summed with math.fsum so the value is order-independent.
    A probability of 0 gives +inf, NaN stays NaN.
    """
    picked = probs[np.arange(len(int_labels)), int_labels]
    with np.errstate(all="ignore"):
        losses = -np.log(picked)
    return math.fsum(losses.tolist()) / len(int_labels)


def has_nonfinite(a):
    return bool(not np.all(np.isfinite(a)))


# --------------------------------------------------------------------------
# The tutorial's object-oriented network (cell In [6])
# --------------------------------------------------------------------------

class TutorialNet:
    """Same state, same draws and same update rule as the notebook's class.

    Extra, non-intrusive bookkeeping:
      * ``saw_nonfinite`` is set if any training-time probability is NaN/inf;
      * ``batch_log`` keeps the first ``keep_batches`` minibatch index draws;
      * ``after_epoch`` (optional callable) runs after each epoch.
    """

    def __init__(self, X, Y_onehot, n_hidden=N_HIDDEN, n_classes=N_CLASSES,
                 epochs=EPOCHS, batch_size=BATCH_SIZE, eta=0.1, lmbd=0.0):
        self.X_all = X
        self.Y_all = Y_onehot
        self.n_samples, self.n_features = X.shape
        self.n_hidden = n_hidden
        self.n_classes = n_classes
        self.epochs = epochs
        self.batch_size = batch_size
        self.steps_per_epoch = self.n_samples // self.batch_size
        self.eta = eta
        self.lmbd = lmbd
        self.saw_nonfinite = False
        self.batch_log = []
        self.keep_batches = 0
        self.after_epoch = None
        self._init_params()

    def _init_params(self):
        # Two randn calls from the global stream: hidden first, then output.
        self.w_hid = np.random.randn(self.n_features, self.n_hidden)
        self.b_hid = np.zeros(self.n_hidden) + 0.01
        self.w_out = np.random.randn(self.n_hidden, self.n_classes)
        self.b_out = np.zeros(self.n_classes) + 0.01

    def probabilities(self, X):
        return forward(X, self.w_hid, self.b_hid, self.w_out, self.b_out)[1]

    def predict(self, X):
        return np.argmax(self.probabilities(X), axis=1)

    def _step(self, Xb, Yb):
        """Forward + backward + update on one minibatch (tutorial order)."""
        hid, probs = forward(Xb, self.w_hid, self.b_hid, self.w_out, self.b_out)
        if has_nonfinite(probs):
            self.saw_nonfinite = True

        err_out = probs - Yb
        err_hid = np.matmul(err_out, self.w_out.T) * hid * (1 - hid)

        g_w_out = np.matmul(hid.T, err_out)
        g_b_out = np.sum(err_out, axis=0)
        g_w_hid = np.matmul(Xb.T, err_hid)
        g_b_hid = np.sum(err_hid, axis=0)

        if self.lmbd > 0.0:
            g_w_out += self.lmbd * self.w_out
            g_w_hid += self.lmbd * self.w_hid

        self.w_out -= self.eta * g_w_out
        self.b_out -= self.eta * g_b_out
        self.w_hid -= self.eta * g_w_hid
        self.b_hid -= self.eta * g_b_hid

    def train(self):
        all_rows = np.arange(self.n_samples)
        for epoch in range(self.epochs):
            for _ in range(self.steps_per_epoch):
                # A full permutation of all rows, first batch_size kept.
                picked = np.random.choice(all_rows, size=self.batch_size, replace=False)
                if len(self.batch_log) < self.keep_batches:
                    self.batch_log.append(picked.copy())
                self._step(self.X_all[picked], self.Y_all[picked])
            if self.after_epoch is not None:
                self.after_epoch(epoch, self)


# --------------------------------------------------------------------------
# Fresh-generator anchors (do not touch the global stream)
# --------------------------------------------------------------------------

def mt19937_first_raw(seed, count):
    """Pure-Python MT19937 (init_genrand seeding) - an independent check."""
    key = [0] * 624
    key[0] = seed & 0xFFFFFFFF
    for i in range(1, 624):
        prev = key[i - 1]
        key[i] = (1812433253 * (prev ^ (prev >> 30)) + i) & 0xFFFFFFFF
    for i in range(624):   # one twist, in place
        y = (key[i] & 0x80000000) | (key[(i + 1) % 624] & 0x7FFFFFFF)
        key[i] = key[(i + 397) % 624] ^ (y >> 1) ^ (0x9908B0DF if y & 1 else 0)
    out = []
    for y in key[:count]:
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        y ^= y >> 18
        out.append(y)
    return out


def raw_outputs(seed, count=10):
    """First raw 32-bit outputs after seeding; three methods must agree."""
    via_bitgen = np.random.RandomState(seed)._bit_generator.random_raw(count)
    via_randint = np.random.RandomState(seed).randint(0, 2 ** 32, size=count, dtype=np.uint64)
    via_python = mt19937_first_raw(seed, count)
    assert list(map(int, via_bitgen)) == list(map(int, via_randint)) == via_python
    return via_python


def check_documented_anchor():
    """The reference doc lists seed 0's first five raw outputs."""
    assert raw_outputs(0, 5) == [2357136044, 2546248239, 3071714933, 3626093760, 2588848963]


# --------------------------------------------------------------------------
# One function per notebook cell
# --------------------------------------------------------------------------

def cell1_load_and_pick(seed, digits):
    """In [1]: seed, flatten the images, draw 5 images to show."""
    np.random.seed(seed)
    images = digits.images
    flat = images.reshape(len(images), -1)            # (1797, 64) float64
    shown = np.random.choice(np.arange(len(flat)), size=5)
    return flat, digits.target, shown


def cell2_split(flat, targets):
    """In [2]: sklearn's split on the global stream, plus the numpy variant
    replayed on a *copy* of the stream (the notebook defines it but leaves
    it commented out; we only measure what it would have done)."""
    n = len(flat)
    snapshot = np.random.get_state()                  # right after cell 1

    # An extra index array tells us which rows went where; it does not
    # change the number or order of random draws.
    X_tr, X_te, y_tr, y_te, idx_tr, idx_te = train_test_split(
        flat, targets, np.arange(n), train_size=TRAIN_FRACTION, test_size=1 - TRAIN_FRACTION)

    # Cross-check: sklearn's permutation is perm = permutation(n),
    # test = perm[:n_test], train = the next block.
    side = np.random.RandomState()
    side.set_state(snapshot)
    perm = side.permutation(n)
    assert np.array_equal(idx_te, perm[:len(idx_te)])
    assert np.array_equal(idx_tr, perm[len(idx_te):len(idx_te) + len(idx_tr)])
    assert np.array_equal(X_tr, flat[idx_tr]) and np.array_equal(y_te, targets[idx_te])

    # The numpy variant: inputs and labels are shuffled *independently*,
    # so image/label pairs get broken.  Shuffling index vectors with the
    # same copy-stream gives the two permutations.
    side = np.random.RandomState()
    side.set_state(snapshot)
    perm_images = np.arange(n)
    side.shuffle(perm_images)
    perm_labels = np.arange(n)
    side.shuffle(perm_labels)

    # Sanity: shuffling the real arrays performs exactly the same swaps.
    side = np.random.RandomState()
    side.set_state(snapshot)
    shuffled_images = flat.copy()
    side.shuffle(shuffled_images)
    shuffled_labels = targets.copy()
    side.shuffle(shuffled_labels)
    assert np.array_equal(shuffled_images, flat[perm_images])
    assert np.array_equal(shuffled_labels, targets[perm_labels])

    train_end = int(n * TRAIN_FRACTION)
    same_source = perm_images == perm_labels
    same_label = targets[perm_labels] == targets[perm_images]
    numpy_split = {
        "pairs_intact_all": int(np.sum(same_source)),
        "labels_correct_all": int(np.sum(same_label)),
        "pairs_intact_train": int(np.sum(same_source[:train_end])),
        "labels_correct_train": int(np.sum(same_label[:train_end])),
    }
    return X_tr, X_te, y_tr, y_te, idx_tr, idx_te, numpy_split


def cell3_init_weights(n_features):
    """In [3]: the first network's parameters, from the global stream."""
    w_hid = np.random.randn(n_features, N_HIDDEN)
    b_hid = np.zeros(N_HIDDEN) + 0.01
    w_out = np.random.randn(N_HIDDEN, N_CLASSES)
    b_out = np.zeros(N_CLASSES) + 0.01
    return w_hid, b_hid, w_out, b_out


def cell4_untrained(params, X_tr, X_te, y_tr, y_te):
    """In [4]: forward pass and predictions of the untrained network."""
    probs_tr = forward(X_tr, *params)[1]
    probs_te = forward(X_te, *params)[1]
    pred_tr = np.argmax(probs_tr, axis=1)
    pred_te = np.argmax(probs_te, axis=1)
    w_hid, _, w_out, _ = params
    return {
        "p0": probs_tr[0],
        "p0_sum": probs_tr[0].sum(),                  # as the notebook prints it
        "prediction0": int(pred_tr[0]),
        "label0": int(y_tr[0]),
        "cost_train": mean_xent(probs_tr, y_tr),
        "cost_test": mean_xent(probs_te, y_te),
        "accuracy_train": accuracy_score(y_tr, pred_tr),
        "accuracy_test": accuracy_score(y_te, pred_te),
        "l2": math.fsum((w_hid.ravel() ** 2).tolist() + (w_out.ravel() ** 2).tolist()),
    }


def cell5_full_batch(params, X_tr, y_tr, Y_tr_hot, steps=1000, eta=0.01, lmbd=0.01):
    """In [5]: plain full-batch gradient descent on the cell-3 network.

    The parameter arrays are updated in place, as in the notebook.  No
    random numbers are drawn here.
    """
    w_hid, b_hid, w_out, b_out = params

    def predict_tr():
        return np.argmax(forward(X_tr, w_hid, b_hid, w_out, b_out)[1], axis=1)

    acc_before = accuracy_score(predict_tr(), y_tr)   # notebook's argument order
    costs = []
    for _ in range(steps):
        hid, probs = forward(X_tr, w_hid, b_hid, w_out, b_out)
        costs.append(mean_xent(probs, y_tr))          # cost before this step

        err_out = probs - Y_tr_hot
        err_hid = np.matmul(err_out, w_out.T) * hid * (1 - hid)
        g_w_out = np.matmul(hid.T, err_out)
        g_b_out = np.sum(err_out, axis=0)
        g_w_hid = np.matmul(X_tr.T, err_hid)
        g_b_hid = np.sum(err_hid, axis=0)

        g_w_out += lmbd * w_out                       # regularise weights only
        g_w_hid += lmbd * w_hid

        w_out -= eta * g_w_out
        b_out -= eta * g_b_out
        w_hid -= eta * g_w_hid
        b_hid -= eta * g_b_hid
    costs.append(mean_xent(forward(X_tr, w_hid, b_hid, w_out, b_out)[1], y_tr))
    acc_after = accuracy_score(predict_tr(), y_tr)
    return acc_before, costs, acc_after


def cell7_sgd(X_tr, X_te, y_tr, y_te, Y_tr_hot):
    """In [7]: the object-oriented network, eta = lmbd = 0.1."""
    net = TutorialNet(X_tr, Y_tr_hot, eta=0.1, lmbd=0.1, epochs=EPOCHS, batch_size=BATCH_SIZE)
    net.keep_batches = 3
    history = {"cost_train": [], "cost_test": [], "acc_train": [], "acc_test": []}

    def record(_epoch, model):
        # Extra forward passes: no draws, no writes to the model.
        p_tr = model.probabilities(X_tr)
        p_te = model.probabilities(X_te)
        history["cost_train"].append(mean_xent(p_tr, y_tr))
        history["cost_test"].append(mean_xent(p_te, y_te))
        history["acc_train"].append(accuracy_score(y_tr, np.argmax(p_tr, axis=1)))
        history["acc_test"].append(accuracy_score(y_te, np.argmax(p_te, axis=1)))

    net.after_epoch = record
    net.train()
    acc_test = accuracy_score(y_te, net.predict(X_te))
    return np.concatenate(net.batch_log), acc_test, history


def cell9_sweep(X_tr, X_te, y_te, Y_tr_hot):
    """In [8]/In [9]: grid over eta (outer) and lambda (inner)."""
    etas = np.logspace(-5, 0, 6)
    lmbds = np.logspace(-5, 0, 6)
    rows = []
    for eta in etas:
        for lmbd in lmbds:
            net = TutorialNet(X_tr, Y_tr_hot, eta=eta, lmbd=lmbd,
                              epochs=EPOCHS, batch_size=BATCH_SIZE)
            net.train()
            p_te = net.probabilities(X_te)
            acc = accuracy_score(y_te, np.argmax(p_te, axis=1))
            diverged = net.saw_nonfinite or has_nonfinite(p_te)
            rows.append((eta, lmbd, acc, int(diverged)))
    return rows


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------

def replay(seed, digits):
    out = GoldenWriter()
    out.comment("Golden values for the C port of the numpy neural-network tutorial.")
    out.comment("Made by %s (run with /usr/bin/python3 from the repo root)." % SCRIPT_REL)
    out.comment("python %s, numpy %s, scikit-learn %s" % (
        sys.version.split()[0], np.__version__, sklearn.__version__))
    out.comment("seed %d" % seed)
    out.comment("date %s" % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    out.comment("Format: key<TAB>comma-separated values; doubles as %.17g. Keys: tests/golden/README.md")

    out.ints("seed", [seed])

    # Anchors from fresh generators (the global stream is not used).
    out.ints("mt32_first10", raw_outputs(seed, 10))
    out.doubles("random_sample_first5", np.random.RandomState(seed).random_sample(5))
    out.doubles("randn_first10", np.random.RandomState(seed).randn(10))

    with np.errstate(all="ignore"):
        # In [1]
        flat, targets, shown = cell1_load_and_pick(seed, digits)
        out.ints("shown", shown)
        out.ints("shown_labels", targets[shown])

        # In [2]
        X_tr, X_te, y_tr, y_te, idx_tr, idx_te, npsplit = cell2_split(flat, targets)
        out.ints("split_test_idx", idx_te)
        out.ints("split_train_idx", idx_tr)
        out.ints("train_labels_first10", y_tr[:10])
        out.ints("test_labels_first10", y_te[:10])
        out.ints("train_label_counts", np.bincount(y_tr, minlength=N_CLASSES))
        out.ints("test_label_counts", np.bincount(y_te, minlength=N_CLASSES))
        out.ints("numpy_split_pairs_intact_all", [npsplit["pairs_intact_all"]])
        out.ints("numpy_split_labels_correct_all", [npsplit["labels_correct_all"]])
        out.ints("numpy_split_pairs_intact_train", [npsplit["pairs_intact_train"]])
        out.ints("numpy_split_labels_correct_train", [npsplit["labels_correct_train"]])

        # In [3] (copies: cell 5 overwrites these arrays in place)
        params = cell3_init_weights(X_tr.shape[1])
        out.doubles("hidden_weights", params[0].copy())
        out.doubles("output_weights", params[2].copy())

        # In [4]
        untrained = cell4_untrained(params, X_tr, X_te, y_tr, y_te)
        out.doubles("p0", untrained["p0"])
        out.doubles("p0_sum", [untrained["p0_sum"]])
        out.ints("prediction0", [untrained["prediction0"]])
        out.ints("label0", [untrained["label0"]])
        out.doubles("cost0", [untrained["cost_train"]])
        out.doubles("cost_train", [untrained["cost_train"]])
        out.doubles("cost_test", [untrained["cost_test"]])
        out.doubles("accuracy_train", [untrained["accuracy_train"]])
        out.doubles("accuracy_test", [untrained["accuracy_test"]])
        out.doubles("l2_sum_w2", [untrained["l2"]])

        # In [5]
        Y_tr_hot = one_hot(y_tr)
        acc_before, costs, acc_after = cell5_full_batch(params, X_tr, y_tr, Y_tr_hot)
        out.doubles("fullbatch_accuracy_before", [acc_before])
        out.doubles("fullbatch_cost", costs)
        out.doubles("fullbatch_accuracy_after", [acc_after])

        # In [6] + In [7]
        first_batches, sgd_acc, hist = cell7_sgd(X_tr, X_te, y_tr, y_te, Y_tr_hot)
        out.ints("sgd_first_batches", first_batches)
        out.doubles("sgd_accuracy_test", [sgd_acc])
        out.doubles("sgd_epoch_cost_train", hist["cost_train"])
        out.doubles("sgd_epoch_cost_test", hist["cost_test"])
        out.doubles("sgd_epoch_accuracy_train", hist["acc_train"])
        out.doubles("sgd_epoch_accuracy_test", hist["acc_test"])

        # In [8] + In [9]
        sweep = cell9_sweep(X_tr, X_te, y_te, Y_tr_hot)
        out.doubles("sweep_eta", [r[0] for r in sweep])
        out.doubles("sweep_lambda", [r[1] for r in sweep])
        out.doubles("sweep_accuracy", [r[2] for r in sweep])
        out.ints("sweep_diverged", [r[3] for r in sweep])

    out.ints("mt_pos_end", [np.random.get_state()[2]])
    return out


def main(argv):
    seeds = [int(a) for a in argv[1:]] or DEFAULT_SEEDS
    check_documented_anchor()
    digits = datasets.load_digits()
    os.makedirs(GOLDEN_DIR, exist_ok=True)
    for seed in seeds:
        started = time.time()
        path = os.path.join(GOLDEN_DIR, "seed_%d.txt" % seed)
        replay(seed, digits).write(path)
        print("wrote %s (%.1f s)" % (os.path.relpath(path, REPO_ROOT), time.time() - started))


if __name__ == "__main__":
    main(sys.argv)
