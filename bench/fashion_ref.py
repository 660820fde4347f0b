"""fashion_ref.py - chapter 9's network in PyTorch and scikit-learn, timed.

    OPENBLAS_NUM_THREADS=T /usr/bin/python3 bench/fashion_ref.py \
        DATA_DIR EPOCHS HIDDEN BATCH T

Reads Fashion-MNIST's IDX files from DATA_DIR as chapter 9 does (pixels /
255; the first 50,000 training images after holding out 10,000 for
validation: which ones differs from the C program, whose stream is
numpy's), then trains a 784-HIDDEN-10 ReLU network with Adam (lr 1e-3,
betas 0.9 and 0.999, eps 1e-8, L2 1e-4 on the weights as part of the
gradient), batches of BATCH in a fresh shuffled order each epoch, Glorot's
uniform initialisation, for EPOCHS epochs, in

  PyTorch, float64 and float32, with T threads (torch.set_num_threads;
  Debian's PyTorch multiplies through the system's BLAS, OpenBLAS, whose
  threads OPENBLAS_NUM_THREADS sets: bench/fashion.sh sets both)
  scikit-learn's MLPClassifier (float64, numpy's BLAS, the same settings),
  when T is 1

An epoch is timed as the C program times it: its training steps and the
scoring of the validation images.  Prints one TSV line per run: side,
dtype, threads, median epoch seconds, best epoch seconds, validation
accuracy after the last epoch, median processor seconds of an epoch (all
threads; on a busy machine the better guess of a quiet machine's time); with one thread also a line `peak` whose
seconds column holds GFLOP/s: the best of eight float64 products of two
2000 x 2000 matrices through PyTorch, the machine's one-core peak.
"""
import gzip
import os
import struct
import sys
import time
import warnings

import numpy as np


def read_idx(path, dims):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    if magic != 0x800 + dims:
        raise SystemExit(f"{path}: magic {magic:#x}")
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(d):
    X = read_idx(os.path.join(d, "train-images-idx3-ubyte.gz"), 3)
    y = read_idx(os.path.join(d, "train-labels-idx1-ubyte.gz"), 1)
    X = X.reshape(len(X), -1).astype(np.float64) / 255.0
    perm = np.random.RandomState(0).permutation(len(X))
    n_val = (len(X) + 5) // 6
    val, fit = perm[:n_val], np.sort(perm[n_val:])
    return X[fit], y[fit].astype(np.int64), X[val], y[val].astype(np.int64)


def glorot(rng, fan_in, fan_out):
    b = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-b, b, (fan_in, fan_out)), rng.uniform(-b, b, fan_out)


def run_torch(data, epochs, hidden, batch, dtype, threads):
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    Xf, yf, Xv, yv = data
    Xf, Xv = torch.tensor(Xf, dtype=dtype), torch.tensor(Xv, dtype=dtype)
    yf, yv = torch.tensor(yf), torch.tensor(yv)
    rng = np.random.RandomState(0)
    model = torch.nn.Sequential(torch.nn.Linear(784, hidden),
                                torch.nn.ReLU(), torch.nn.Linear(hidden, 10))
    model = model.to(dtype)
    with torch.no_grad():
        for layer, (fi, fo) in ((model[0], (784, hidden)),
                                (model[2], (hidden, 10))):
            W, b = glorot(rng, fi, fo)
            layer.weight.copy_(torch.tensor(W.T, dtype=dtype))
            layer.bias.copy_(torch.tensor(b, dtype=dtype))
    decay = [model[0].weight, model[2].weight]
    rest = [model[0].bias, model[2].bias]
    # The C program's gradient is (sum of the rows' gradients + lambda W)
    # / B, scikit-learn's with alpha = lambda: on top of the mean loss's
    # gradient that is a weight decay of lambda / B.
    opt = torch.optim.Adam([{"params": decay, "weight_decay": 1e-4 / batch},
                            {"params": rest}], lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    times, cpu, acc = [], [], float("nan")
    n = len(yf)
    for _ in range(epochs):
        t0, c0 = time.perf_counter(), time.process_time()
        order = torch.randperm(n)
        for s in range(0, n, batch):
            idx = order[s:s + batch]
            opt.zero_grad()
            loss = loss_fn(model(Xf[idx]), yf[idx])
            loss.backward()
            opt.step()
        with torch.no_grad():
            acc = (model(Xv).argmax(1) == yv).double().mean().item()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return times, cpu, acc


def run_sklearn(data, epochs, hidden, batch):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    Xf, yf, Xv, yv = data
    clf = MLPClassifier(hidden_layer_sizes=(hidden,), activation="relu",
                        solver="adam", alpha=1e-4, batch_size=batch,
                        learning_rate_init=1e-3, shuffle=True,
                        random_state=0)
    times, cpu, acc = [], [], float("nan")
    # partial_fit: one shuffled epoch per call, Adam's state kept.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for _ in range(epochs):
            t0, c0 = time.perf_counter(), time.process_time()
            clf.partial_fit(Xf, yf, classes=np.arange(10))
            acc = float((clf.predict(Xv) == yv).mean())
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    return times, cpu, acc


def peak():
    import torch
    torch.set_num_threads(1)
    a = torch.rand(2000, 2000, dtype=torch.float64)
    b = torch.rand(2000, 2000, dtype=torch.float64)
    best = float("inf")
    for _ in range(8):
        t0 = time.perf_counter()
        torch.mm(a, b)
        best = min(best, time.perf_counter() - t0)
    return 2.0 * 2000 ** 3 / best / 1e9


def main():
    if len(sys.argv) != 6:
        raise SystemExit(__doc__)
    d, epochs, hidden, batch, threads = sys.argv[1], *map(int, sys.argv[2:])
    data = load(d)
    rows = []
    try:
        import torch
        for name, dtype in (("float64", torch.float64),
                            ("float32", torch.float32)):
            t, c, a = run_torch(data, epochs, hidden, batch, dtype, threads)
            rows.append(("pytorch", name, threads, t, c, a))
        if threads == 1:
            rows.append(("peak", "float64", 1, [peak()], [0.0],
                         float("nan")))
    except ImportError:
        print("# no PyTorch (apt-get install python3-torch)", file=sys.stderr)
    try:
        if threads == 1:
            t, c, a = run_sklearn(data, epochs, hidden, batch)
            rows.append(("sklearn", "float64", 1, t, c, a))
    except ImportError:
        print("# no scikit-learn (apt-get install python3-sklearn)",
              file=sys.stderr)
    for side, dt, th, t, c, a in rows:
        print(f"{side}\t{dt}\t{th}\t{np.median(t):.6g}\t{min(t):.6g}\t"
              f"{a:.4f}\t{np.median(c):.6g}")


if __name__ == "__main__":
    main()
