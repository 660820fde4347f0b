#!/usr/bin/python3
"""scikit-learn's MLPClassifier on the notebook's splits, for chapter 08.

For every seed (default 0..9) this script takes the split the notebook makes
after ``np.random.seed(seed)`` (cells 1 and 2) and records, in
``tests/golden/sklearn.txt``:

  * the twins of the ablation's rows 6-9: MLPClassifier with 50 hidden units
    on the pixels divided by 16, ``random_state=seed``: scikit-learn's
    defaults (row 6); with learning_rate_init=0.01 (row 7, keys "twin_");
    the same with tanh and with relu hidden units (rows 8, 9).  (The final
    recipe, row 10, trains on warped images, which MLPClassifier cannot.)  The C
    program's Glorot runs draw from a stream seeded with the seed, as these
    do, so they start from the same weights and see the same batches;
  * the notebook's own cell 10, replayed: the global stream is moved past
    every draw of cells 1-9 (no arithmetic needed, only the draws), then the
    36 MLPClassifier(alpha=lambda, learning_rate_init=eta, max_iter=100) are
    fitted on the raw pixels with random_state=None, i.e. from that global
    stream, exactly as the notebook did.  Their solver is scikit-learn's
    default, Adam;
  * the like-for-like SGD grid: solver='sgd', momentum=0, no Nesterov,
    batch_size=100, learning_rate_init=100*eta, alpha=lambda, 10 epochs, raw
    pixels: the tutorial's update, up to initialisation and batch sampling;
  * two grids on the pixels / 16 for up to 100 epochs (max_iter=100, as in
    cell 10): SGD with momentum 0 and batches of 100 at learning_rate_init =
    eta, and Adam at learning_rate_init = eta (row 7's recipe);
  * one step, numbers that show the mapping: from cell 7's network (its
    randn weights) on its first batch, the tutorial's numpy update with
    eta = lambda = 0.1 and scikit-learn's own code with lr = 10, alpha = 0.1
    from the same weights.  `step.S` holds the largest change of a
    parameter and the largest difference between the two results;
  * the processor time of every fit and grid, in seconds (one BLAS thread;
    processor time rather than the wall clock, which a busy machine
    stretches).

A fit that scikit-learn refuses because its weights became non-finite
("Solver produced non-finite parameter weights") is recorded as nan.

Run from the repository root with Debian's interpreter (about 10 minutes
of processor time):

    /usr/bin/python3 tests/reference/sklearn_mlp.py [seed ...]

Format: as tests/golden/seed_S.txt (README.md there): '#' comments, then
``key<TAB>v1,v2,...`` with doubles as %.17g.  Grids list the 36 cells with
eta in the outer loop and lambda in the inner, as the notebook does.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import datetime
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn import datasets
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_PATH = os.path.join(REPO_ROOT, "tests", "golden", "sklearn.txt")
SCRIPT_REL = "tests/reference/sklearn_mlp.py"

DEFAULT_SEEDS = list(range(10))
N_HIDDEN = 50
GRID = np.logspace(-5, 0, 6)

# What the notebook printed for its cell 10 (seed 0, scikit-learn of 2018),
# in grid order; the replay below is compared against it.
NOTEBOOK_CELL10 = [
    0.15833333333333333, 0.15555555555555556, 0.2638888888888889,
    0.24722222222222223, 0.26666666666666666, 0.225,
    0.9, 0.8888888888888888, 0.9055555555555556,
    0.8888888888888888, 0.8972222222222223, 0.8805555555555555,
    0.9861111111111112, 0.9861111111111112, 0.9888888888888889,
    0.9861111111111112, 0.9861111111111112, 0.9805555555555555,
    0.9861111111111112, 0.975, 0.9916666666666667,
    0.9861111111111112, 0.9805555555555555, 0.975,
    0.8722222222222222, 0.9083333333333333, 0.8583333333333333,
    0.8555555555555555, 0.7944444444444444, 0.9055555555555556,
    0.10555555555555556, 0.08611111111111111, 0.10555555555555556,
    0.45555555555555555, 0.23055555555555557, 0.07777777777777778]


def fmt(x):
    return "%.17g" % float(x)


def notebook_split(seed, images, labels):
    """Cells 1 and 2 on the global stream: the split, stream left after it."""
    np.random.seed(seed)
    np.random.choice(np.arange(len(images)), size=5)
    return train_test_split(images, labels, train_size=0.8, test_size=0.2)


def skip_network_draws(n_train):
    """The draws of one tutorial network: randn weights, then 10 epochs of
    n_train // 100 batches drawn with choice(..., replace=False)."""
    np.random.randn(64, N_HIDDEN)
    np.random.randn(N_HIDDEN, 10)
    rows = np.arange(n_train)
    for _ in range(10 * (n_train // 100)):
        np.random.choice(rows, size=100, replace=False)


def fit_score(model, X_train, y_train, X_test, y_test):
    """Fits; returns (test accuracy, epochs, processor seconds); nan when
    scikit-learn refuses non-finite weights."""
    started = time.process_time()
    try:
        with np.errstate(all="ignore"):
            model.fit(X_train, y_train)
        acc, epochs = model.score(X_test, y_test), model.n_iter_
    except ValueError as e:
        if "non-finite" not in str(e):
            raise
        acc, epochs = float("nan"), float("nan")
    return acc, epochs, time.process_time() - started


def grid(make, X_train, y_train, X_test, y_test):
    """36 fits over eta (outer) x lambda (inner); (accuracies, processor
    seconds)."""
    accs, started = [], time.process_time()
    for eta in GRID:
        for lmbd in GRID:
            accs.append(fit_score(make(eta, lmbd), X_train, y_train,
                                  X_test, y_test)[0])
    return accs, time.process_time() - started


def one_step(X_train, y_train):
    """Cell 7's start and first batch; the numpy update against sklearn's."""
    w_h = np.random.randn(64, N_HIDDEN)
    w_o = np.random.randn(N_HIDDEN, 10)
    b_h, b_o = np.zeros(N_HIDDEN) + 0.01, np.zeros(10) + 0.01
    batch = np.random.choice(np.arange(len(X_train)), size=100, replace=False)
    Xb, yb = X_train[batch], y_train[batch]
    eta, lmbd = 0.1, 0.1
    # The tutorial's step, as its NeuralNetwork class writes it.
    with np.errstate(all="ignore"):
        a_h = 1 / (1 + np.exp(-(Xb @ w_h + b_h)))
        z = a_h @ w_o + b_o
        p = np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)
    err_o = p - np.eye(10)[yb]
    err_h = err_o @ w_o.T * a_h * (1 - a_h)
    new = [w_h - eta * (Xb.T @ err_h + lmbd * w_h),
           w_o - eta * (a_h.T @ err_o + lmbd * w_o),
           b_h - eta * err_h.sum(axis=0), b_o - eta * err_o.sum(axis=0)]
    # scikit-learn's: set up a model, put the same weights in, one batch.
    mlp = MLPClassifier(hidden_layer_sizes=N_HIDDEN, activation="logistic",
                        solver="sgd", momentum=0.0, nesterovs_momentum=False,
                        batch_size=100, learning_rate_init=1e-9, alpha=lmbd,
                        max_iter=1, shuffle=False, random_state=0)
    mlp.fit(X_train, y_train)
    mlp.coefs_ = [w_h.copy(), w_o.copy()]
    mlp.intercepts_ = [b_h.copy(), b_o.copy()]
    mlp.set_params(learning_rate_init=eta * 100)
    del mlp._optimizer                    # partial_fit makes a new one
    mlp.partial_fit(Xb, yb)
    got = [mlp.coefs_[0], mlp.coefs_[1], mlp.intercepts_[0],
           mlp.intercepts_[1]]
    old = [w_h, w_o, b_h, b_o]
    change = max(np.max(np.abs(n - o)) for n, o in zip(new, old))
    diff = max(np.max(np.abs(n - g)) for n, g in zip(new, got))
    return change, diff


def mlp(**kw):
    return MLPClassifier(hidden_layer_sizes=N_HIDDEN, **kw)


def one_seed(seed, images, labels, out):
    X_tr, X_te, y_tr, y_te = notebook_split(seed, images, labels)
    np.random.randn(64, N_HIDDEN)         # cell 3
    np.random.randn(N_HIDDEN, 10)
    state = np.random.get_state()         # where cell 7 begins
    out["step.%d" % seed] = one_step(X_tr, y_tr)
    np.random.set_state(state)
    for _ in range(1 + 36):               # cells 7 and 9: draws only
        skip_network_draws(len(X_tr))
    acc, secs = grid(lambda e, l: mlp(activation="logistic", alpha=l,
                                      learning_rate_init=e, max_iter=100),
                     X_tr, y_tr, X_te, y_te)
    out["tutorial_grid.%d" % seed], out["tutorial_grid_seconds.%d" % seed] = acc, [secs]
    if seed == 0:
        out["tutorial_grid_matches_notebook.0"] = [
            sum(a == b for a, b in zip(acc, NOTEBOOK_CELL10))]
    S_tr, S_te = X_tr / 16, X_te / 16
    sgd = dict(activation="logistic", solver="sgd", momentum=0.0,
               nesterovs_momentum=False, batch_size=100, random_state=seed)
    for key, make, X, Xt in [
            ("sgd_grid", lambda e, l: mlp(learning_rate_init=100 * e, alpha=l,
                                          max_iter=10, **sgd), X_tr, X_te),
            ("sgd_fixed_grid", lambda e, l: mlp(learning_rate_init=e, alpha=l,
                                                max_iter=100, **sgd), S_tr, S_te),
            ("adam_grid", lambda e, l: mlp(activation="logistic", alpha=l,
                                           learning_rate_init=e, max_iter=100,
                                           random_state=seed), S_tr, S_te)]:
        acc, secs = grid(make, X, y_tr, Xt, y_te)
        out["%s.%d" % (key, seed)], out["%s_seconds.%d" % (key, seed)] = acc, [secs]
    rows = {"defaults": dict(activation="logistic"),
            "twin": dict(activation="logistic", learning_rate_init=0.01),
            "tanh": dict(activation="tanh", learning_rate_init=0.01),
            "relu": dict(activation="relu", learning_rate_init=0.01)}
    for name, kw in rows.items():
        r = fit_score(mlp(random_state=seed, **kw), S_tr, y_tr, S_te, y_te)
        for part, value in zip(("accuracy", "epochs", "seconds"), r):
            out.setdefault("%s_%s" % (name, part), []).append(value)


def main(argv):
    seeds = [int(a) for a in argv[1:]] or DEFAULT_SEEDS
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    digits = datasets.load_digits()
    images, labels = digits.images.reshape(len(digits.images), -1), digits.target
    out = {"seeds": seeds}
    for seed in seeds:
        started = time.time()
        one_seed(seed, images, labels, out)
        print("seed %d: %.0f s" % (seed, time.time() - started), flush=True)
    keys = ["seeds"] + sorted(k for k in out if k != "seeds" and "." not in k)
    keys += [k for k in out if "." in k]
    lines = [
        "# scikit-learn's MLPClassifier on the notebook's splits, for chapter 08.",
        "# Made by %s (run with /usr/bin/python3 from the repo root)." % SCRIPT_REL,
        "# python %s, numpy %s, scikit-learn %s, OPENBLAS_NUM_THREADS=%s" % (
            sys.version.split()[0], np.__version__, sklearn.__version__,
            os.environ.get("OPENBLAS_NUM_THREADS")),
        "# date %s" % datetime.datetime.now(datetime.timezone.utc).strftime(
            "%Y-%m-%dT%H:%M:%SZ"),
        "# Keys: see the script's opening comment; KEY.S is for seed S, lists",
        "# without a seed follow `seeds`.  Grids: eta outer, lambda inner."]
    for k in keys:
        v = out[k] if isinstance(out[k], (list, tuple)) else [out[k]]
        lines.append("%s\t%s" % (k, ",".join(fmt(x) for x in v)))
    with open(OUT_PATH, "w", encoding="ascii", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")
    print("wrote %s" % os.path.relpath(OUT_PATH, REPO_ROOT))


if __name__ == "__main__":
    main(sys.argv)
