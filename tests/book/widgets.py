#!/usr/bin/env python3
"""widgets.py - check the HTML book's widgets in headless Chromium.

    python3 tests/book/widgets.py BOOK.html TREE KEEP [CHROMIUM]

Opens BOOK.html (from file://, as a reader would) in headless Chromium,
driven through the DevTools protocol over a pipe (--remote-debugging-pipe:
no network port, no virtual time, so the timings are real), and runs
tests/book/widgets-check.js in the page: nn.predict against
build/bin/predict on every test image with both networks, pointer strokes,
nn.train against build/bin/06-sgd, the train widget's sliders (with real
key presses), bad input.  TREE is the built tree
(its build/bin and build/wasm are used); KEEP receives the screenshots of
both widgets, widget-draw.png and widget-train.png.  Prints one line per
check, "ok - ..." or "not ok - ...", then the timings; exits 1 if any
check fails.  Standard library only.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

# What build/bin/06-sgd printed with its defaults (the book quotes it).
SGD = "build/out/06-sgd/output.txt"


def predictions(tree, net, out):
    """Runs build/bin/predict on the whole data file; rows by file line."""
    subprocess.run([os.path.join(tree, "build/bin/predict"), "--model",
                    os.path.join(tree, "build/wasm", net), "--out", out],
                   cwd=tree, check=True, stdout=subprocess.DEVNULL)
    rows = []
    with open(os.path.join(out, "predictions.tsv")) as f:
        next(f)
        for line in f:
            v = line.split("\t")
            rows.append([int(v[2])] + [float(x) for x in v[3:13]])
    return rows


def summary(path, key):
    with open(path) as f:
        for line in f:
            if line.startswith("summary:"):
                for kv in line.split()[1:]:
                    k, _, v = kv.partition("=")
                    if k == key:
                        return v
    raise SystemExit("widgets.py: %s has no %s in its summary" % (path, key))


class Browser:
    """Chromium with the DevTools protocol on file descriptors 3 and 4."""

    def __init__(self, chromium, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies on fd 4.  Our
        # pipes are not inherited (Python's default); the two copies made
        # here are (os.dup2's default), whatever numbers the pipes got.
        def fds():
            r, w = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(r, 3)
            os.dup2(w, 4)
        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--no-first-run",
             "--remote-debugging-pipe", "--user-data-dir=" + profile,
             "--log-level=3", "about:blank"],
            preexec_fn=fds, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def read(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise SystemExit("widgets.py: chromium closed the pipe")
            self.buf += chunk
        msg, _, self.buf = self.buf.partition(b"\0")
        return json.loads(msg)

    def send(self, method, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            msg["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise SystemExit("widgets.py: %s: %s"
                                     % (method, reply["error"]))
                return reply["result"]
            self.events.append(reply)

    def wait_event(self, method):
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self.read())

    def evaluate(self, expr):
        r = self.send("Runtime.evaluate", expression=expr, awaitPromise=True,
                      returnByValue=True)
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            text = d.get("exception", {}).get("description") or d.get("text")
            raise SystemExit("widgets.py: the page threw: %s" % text)
        return r["result"].get("value")

    def close(self):
        try:
            self.send("Browser.close")
        except SystemExit:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def screenshot(b, selector, path):
    """The element's box, scrolled into view, as a PNG."""
    import base64
    box = b.evaluate("(function(){var e=document.querySelector(%s);"
                     "e.scrollIntoView();var r=e.getBoundingClientRect();"
                     "return [r.left+scrollX,r.top+scrollY,r.width,r.height]"
                     "})()" % json.dumps(selector))
    shot = b.send("Page.captureScreenshot", format="png",
                  captureBeyondViewport=True,
                  clip={"x": box[0] - 8, "y": box[1] - 8,
                        "width": box[2] + 16, "height": box[3] + 16,
                        "scale": 1})
    with open(path, "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    return os.path.getsize(path)


def embedded_module(html):
    """The base64 text of the #nn-wasm block."""
    with open(html, encoding="utf-8") as f:
        m = re.search(r'id="nn-wasm">([^<]*)<', f.read())
    return m.group(1) if m else ""


def key_press(b, key, code):
    """A real key press, through Chromium's input pipeline."""
    for kind in ("rawKeyDown", "keyUp"):
        b.send("Input.dispatchKeyEvent", type=kind, key=key, code=key,
               windowsVirtualKeyCode=code)


def keyboard(b):
    """The eta slider moves with the keyboard; back to 0.1 after."""
    lines = []
    focused = b.evaluate("(function(){var s=document.querySelector("
                         "'.nn-train').nnTrain.inputs.eta;s.input.focus();"
                         "return document.activeElement===s.input})()")
    shown = "document.querySelector('.nn-train').nnTrain.inputs.eta" \
            ".output.textContent"
    seen = []
    for key, code, want in (("ArrowRight", 39, "0.2"), ("ArrowLeft", 37, "0.1"),
                            ("Home", 36, "0.00001"), ("End", 35, "10")):
        key_press(b, key, code)
        seen.append(b.evaluate(shown))
        lines.append("%s - %s on the focused eta slider shows %s (want %s)"
                     % ("ok" if focused and seen[-1] == want else "not ok",
                        key, seen[-1], want))
    b.evaluate("(function(){document.querySelector('.nn-train').nnTrain"
               ".inputs.eta.set(0.1);document.activeElement.blur()})()")
    return lines


def sizes(html, tree):
    """What the widgets add to the HTML file, read from the file: the
    embedded blocks and script (build/wasm/embed.html, verbatim), the
    stills inside the widgets' <div>s, and the text of book/widget-*.md
    (about what pandoc makes of it)."""
    with open(html, encoding="utf-8") as f:
        page = f.read()
    embed = open(os.path.join(tree, "build/wasm/embed.html"),
                 encoding="utf-8").read()
    if embed not in page:
        raise SystemExit("widgets.py: the HTML does not hold embed.html")
    stills = sum(len(m.group(0)) for m in re.finditer(
        r'<div class="nn-(draw|train)">.*?</div>', page, re.S))
    text = sum(os.path.getsize(os.path.join(tree, "book", n))
               for n in os.listdir(os.path.join(tree, "book"))
               if n.startswith("widget-") and n.endswith(".md"))
    module = os.path.getsize(os.path.join(tree, "build/wasm/nn.wasm"))
    return module, len(embed), stills, text, len(page.encode("utf-8"))


def main():
    if len(sys.argv) not in (4, 5):
        raise SystemExit(__doc__)
    html, tree, keep = (os.path.abspath(a) for a in sys.argv[1:4])
    chromium = sys.argv[4] if len(sys.argv) == 5 else "chromium"
    work = tempfile.mkdtemp(prefix="widgets.")
    # Whatever hangs, the check ends: SIGALRM's default action kills it
    # (and the pipe's closing ends Chromium).
    signal.alarm(300)
    try:
        run(html, tree, keep, chromium, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(html, tree, keep, chromium, work):
    expect = {"ch6": predictions(tree, "ch6.nnet", os.path.join(work, "p6")),
              "ch8": predictions(tree, "ch8.nnet", os.path.join(work, "p8")),
              "sgd": summary(os.path.join(tree, SGD), "accuracy_test"),
              "sgd_cost": summary(os.path.join(tree, SGD), "cost_test")}
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "widgets-check.js")) as f:
        check_js = f.read()

    b = Browser(chromium, os.path.join(work, "profile"))
    failed = False
    try:
        target = b.send("Target.createTarget", url="about:blank")["targetId"]
        b.session = b.send("Target.attachToTarget", targetId=target,
                           flatten=True)["sessionId"]
        b.send("Page.enable")
        b.send("Emulation.setDeviceMetricsOverride", width=1000, height=900,
               deviceScaleFactor=1, mobile=False)
        b.send("Page.navigate", url="file://" + html)
        b.wait_event("Page.loadEventFired")
        b.evaluate(check_js)
        res = b.evaluate("nnCheck(%s)" % json.dumps(expect))
        for line in res["lines"]:
            print(line)
            failed = failed or line.startswith("not ok")
        for line in keyboard(b):
            print(line)
            failed = failed or line.startswith("not ok")
        t = res["timing"]
        with open("/proc/loadavg") as f:
            load = f.read().split()[0]
        module, embed, stills, text, whole = sizes(html, tree)
        print("# sizes: the module %d bytes (%d gzip-compressed and base64-"
              "encoded in the page); the widgets add %d bytes to the HTML "
              "(embedded files and script %d, stills %d, text about %d), "
              "of %d" % (module, len(embedded_module(html)), embed + stills
                         + text, embed, stills, text, whole))
        print("# timing in Chromium: a prediction %.1f us (chapter 6's "
              "network), %.1f us (chapter 8's); the default training %.0f ms"
              " wall, %.0f ms in the module (load average %s)"
              % (1000 * t["predict_ms_ch6"], 1000 * t["predict_ms_ch8"],
                 t["train_ms"], t["train_compute_ms"], load))
        # The pictures: the draw widget with a test image, the train
        # widget after its run.
        b.evaluate("(function(){var d=document.querySelector('.nn-draw');"
                   "d.querySelectorAll('button')[0].click();})()")
        for sel, name in ((".nn-draw", "widget-draw.png"),
                          (".nn-train", "widget-train.png")):
            size = screenshot(b, sel, os.path.join(keep, name))
            good = size > 5000
            failed = failed or not good
            print("%s - %s of the %s widget (%d bytes)"
                  % ("ok" if good else "not ok", name, sel[1:], size))
    finally:
        b.close()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
