/* nn.js - the HTML book's widgets: lib/ compiled to WebAssembly, in the page.
 *
 * mk/wasm.mk builds build/wasm/embed.html, which pandoc puts at the end of
 * the HTML book: this script and four blocks of base64 text, each a
 * gzip-compressed file made by `make book`:
 *   #nn-wasm   lib/ and book/wasm/nn_wasm.c compiled to wasm32
 *   #nn-net6   chapter 6's trained network (06-sgd --save), netio format
 *   #nn-net8   chapter 8's final network (08-beyond --save)
 *   #nn-data   the 1797 digits, 65 letters each (see nn_set_data)
 * and #nn-facts (JSON): accuracy_test, the test accuracy 06-sgd printed.
 * Nothing is fetched: the page works from file:// and offline.  No
 * framework; the browser's own DecompressionStream unpacks the blocks.
 *
 * Every <div class="nn-draw"> becomes a draw-a-digit widget and every
 * <div class="nn-train"> a train-in-the-page widget (book/widget-*.md).
 *
 * The stable interface (tests/book/widgets-check.js drives it):
 *   nn.ready            a Promise, resolved when the module runs
 *   nn.predict(pixels)  64 numbers 0..16 (row by row) -> an array of the
 *                       ten class probabilities, from the network the
 *                       selectors show (chapter 8's unless changed);
 *                       throws an Error naming what is wrong
 *   nn.train({seed, eta, lambda, epochs, batch})
 *                       chapter 6's training run (06-sgd with these
 *                       options; defaults 0, 0.1, 0.1, 10, 100) -> a
 *                       Promise of {accuracy_test, cost_train: [per
 *                       epoch], accuracy_train, cost_test,
 *                       accuracy_test_epochs: [per epoch], diverged,
 *                       ms}; rejected with an Error naming a bad option
 * and for the widgets and the checks: nn.network ("ch8" or "ch6"),
 * nn.testCount(), nn.testImage(i) -> {pixels, label, index}.
 */
(function () {
  "use strict";

  var NETS = { ch8: { slot: 1, label: "chapter 8 (final)" },
               ch6: { slot: 0, label: "chapter 6 (tutorial)" } };
  var DEFAULTS = { seed: 0, eta: 0.1, lambda: 0.1, epochs: 10, batch: 100 };
  var D = 64, K = 10;
  var ex = null, ctx = 0, busy = false, listeners = [];
  var nn = { network: "ch8" };
  window.nn = nn;

  /* ---- loading --------------------------------------------------------- */

  function block(id) {
    var el = document.getElementById(id);
    if (!el) throw new Error("nn: the page has no #" + id + " block");
    var bin = atob(el.textContent.replace(/\s+/g, ""));
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function gunzip(bytes) {
    var s = new Blob([bytes]).stream()
        .pipeThrough(new DecompressionStream("gzip"));
    return new Response(s).arrayBuffer().then(function (b) {
      return new Uint8Array(b);
    });
  }

  function memory() { return ex.memory.buffer; }

  function cstring(p) {
    var m = new Uint8Array(memory()), end = p;
    while (m[end]) end++;
    return new TextDecoder().decode(m.subarray(p, end));
  }

  function lastError() { return cstring(ex.nn_error(ctx)); }

  /* Copies bytes (and a NUL) into the module; returns the address. */
  function put(bytes) {
    var p = ex.nn_alloc(bytes.length + 1);
    if (!p) throw new Error("nn: out of memory");
    var m = new Uint8Array(memory());
    m.set(bytes, p);
    m[p + bytes.length] = 0;
    return p;
  }

  /* WASI: lib/ links printf, never called from the page; what the module
   * writes goes to the console, anything else it asks for is refused. */
  function wasi(module) {
    var imp = {};
    WebAssembly.Module.imports(module).forEach(function (i) {
      if (i.module === "wasi_snapshot_preview1")
        imp[i.name] = function () { return 52; }; /* ENOSYS */
    });
    imp.fd_write = function (fd, iovs, n, written) {
      var v = new DataView(memory()), text = "", total = 0;
      for (var k = 0; k < n; k++) {
        var p = v.getUint32(iovs + 8 * k, true);
        var len = v.getUint32(iovs + 8 * k + 4, true);
        text += new TextDecoder().decode(new Uint8Array(memory(), p, len));
        total += len;
      }
      v.setUint32(written, total, true);
      if (text) console.log("nn (fd " + fd + "): " + text);
      return 0;
    };
    return { wasi_snapshot_preview1: imp };
  }

  function loadNet(slot, bytes, name) {
    var p = put(bytes), q = put(new TextEncoder().encode(name));
    var rc = ex.nn_load_net(ctx, slot, p, bytes.length, q);
    ex.nn_release(p);
    ex.nn_release(q);
    if (rc !== 0) throw new Error("nn: " + lastError());
  }

  nn.ready = Promise.all(["nn-wasm", "nn-net6", "nn-net8", "nn-data"].map(
    function (id) { return gunzip(block(id)); })
  ).then(function (files) {
    return WebAssembly.compile(files[0]).then(function (module) {
      return WebAssembly.instantiate(module, wasi(module));
    }).then(function (instance) {
      ex = instance.exports;
      ex._initialize();
      ctx = ex.nn_create();
      if (!ctx) throw new Error("nn: out of memory");
      var data = files[3];
      if (data.length % (D + 1) !== 0)
        throw new Error("nn: the digits block holds " + data.length +
                        " bytes, not rows of " + (D + 1));
      var p = put(data);
      var rc = ex.nn_set_data(ctx, p, data.length / (D + 1));
      ex.nn_release(p);
      if (rc !== 0) throw new Error("nn: " + lastError());
      loadNet(0, files[1], "chapter 6's network");
      loadNet(1, files[2], "chapter 8's network");
      nn.facts = JSON.parse(document.getElementById("nn-facts").textContent);
      return nn;
    });
  });
  nn.ready.catch(function (e) { console.error(e); });

  function needReady(what) {
    if (!ex) throw new Error("nn." + what + ": not ready yet; wait for " +
                             "nn.ready");
  }

  /* ---- prediction ------------------------------------------------------- */

  /* Feeds pixels to the selected network: {probs, hidden, predicted}. */
  function forward(pixels, what) {
    needReady(what);
    if (pixels == null || typeof pixels.length !== "number")
      throw new Error("nn." + what + ": expected an array of 64 pixels, " +
                      "got " + String(pixels));
    if (pixels.length !== D)
      throw new Error("nn." + what + ": expected 64 pixels, got " +
                      pixels.length);
    var x = new Float64Array(memory(), ex.nn_pixels(ctx), D);
    for (var j = 0; j < D; j++) {
      if (typeof pixels[j] !== "number")
        throw new Error("nn." + what + ": pixel " + j + " is " +
                        JSON.stringify(pixels[j]) + "; expected a number " +
                        "0..16");
      x[j] = pixels[j];
    }
    var net = NETS[nn.network];
    if (!net)
      throw new Error("nn.network is " + JSON.stringify(nn.network) +
                      "; expected \"ch8\" or \"ch6\"");
    var c = ex.nn_predict(ctx, net.slot);
    if (c < 0) throw new Error("nn." + what + ": " + lastError());
    var H = ex.nn_hidden_units(ctx, net.slot);
    return {
      probs: Array.from(new Float64Array(memory(), ex.nn_probs(ctx), K)),
      hidden: Array.from(new Float64Array(memory(), ex.nn_hidden(ctx), H)),
      predicted: c
    };
  }

  nn.predict = function (pixels) { return forward(pixels, "predict").probs; };

  nn.testCount = function () {
    needReady("testCount");
    return ex.nn_test_count(ctx);
  };

  nn.testImage = function (i) {
    needReady("testImage");
    var label = ex.nn_test_image(ctx, i);
    if (label < 0) throw new Error("nn.testImage: " + lastError());
    return { pixels: Array.from(new Float64Array(memory(),
                                                 ex.nn_pixels(ctx), D)),
             label: label, index: ex.nn_test_index(ctx, i) };
  };

  function setNetwork(key) {
    nn.network = key;
    listeners.forEach(function (f) { f(); });
  }

  /* ---- training --------------------------------------------------------- */

  /* Lets the page draw and handle input between epochs, without the
   * 4 ms a nested setTimeout waits. */
  function yieldToPage() {
    return new Promise(function (resolve) {
      var ch = new MessageChannel();
      ch.port1.onmessage = function () { resolve(); };
      ch.port2.postMessage(0);
    });
  }

  function options(opts) {
    var o = {}, k;
    if (opts === undefined) opts = {};
    if (opts === null || typeof opts !== "object")
      throw new Error("nn.train: expected an object of options, got " +
                      String(opts));
    for (k in opts)
      if (!Object.prototype.hasOwnProperty.call(DEFAULTS, k))
        throw new Error("nn.train: unknown option '" + k + "'; expected " +
                        Object.keys(DEFAULTS).join(", "));
    for (k in DEFAULTS) {
      o[k] = opts[k] === undefined ? DEFAULTS[k] : opts[k];
      if (typeof o[k] !== "number")
        throw new Error("nn.train: " + k + " is " + JSON.stringify(o[k]) +
                        "; expected a number");
    }
    return o;
  }

  /* 06-sgd in the page, one epoch per turn of the event loop; onEpoch(r)
   * sees the result so far after each epoch. */
  function train(opts, onEpoch) {
    var o, r;
    try {
      needReady("train");
      o = options(opts);
      if (busy) throw new Error("nn.train: a training run is going; wait " +
                                "for its Promise");
      if (ex.nn_train_begin(ctx, o.seed, o.eta, o.lambda, o.epochs,
                            o.batch) !== 0)
        throw new Error("nn.train: " + lastError());
    } catch (e) {
      return Promise.reject(e);
    }
    busy = true;
    r = { options: o, cost_train: [], accuracy_train: [], cost_test: [],
          accuracy_test_epochs: [], accuracy_test: NaN, diverged: null,
          ms: 0 };
    var t0 = performance.now();
    function epoch() {
      var t = performance.now();
      if (ex.nn_train_epoch(ctx) < 0)
        throw new Error("nn.train: " + lastError());
      var s = new Float64Array(memory(), ex.nn_stats(ctx), 4);
      r.cost_train.push(s[0]);
      r.accuracy_train.push(s[1]);
      r.cost_test.push(s[2]);
      r.accuracy_test_epochs.push(s[3]);
      r.accuracy_test = s[3];
      var stepp = ex.nn_alloc(4);
      var de = ex.nn_diverged(ctx, stepp);
      if (de > 0 && !r.diverged)
        r.diverged = { epoch: de,
                       step: new Int32Array(memory(), stepp, 1)[0] };
      ex.nn_release(stepp);
      r.ms += performance.now() - t;
      if (onEpoch) onEpoch(r);
      if (r.cost_train.length < o.epochs && !r.diverged)
        return yieldToPage().then(epoch);
      r.wall_ms = performance.now() - t0;
      return r;
    }
    return yieldToPage().then(epoch).then(function (res) {
      busy = false;
      ex.nn_train_end(ctx);
      return res;
    }, function (e) {
      busy = false;
      ex.nn_train_end(ctx);
      throw e;
    });
  }

  nn.train = function (opts) { return train(opts, null); };

  /* ---- small DOM helpers ------------------------------------------------ */

  function el(tag, cls, parent, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  function canvas(parent, w, h, cls) {
    var c = el("canvas", cls, parent);
    c.width = w;
    c.height = h;
    return c;
  }

  function grey(v) { /* 0 white .. 1 black */
    var g = Math.round(255 * (1 - Math.max(0, Math.min(1, v))));
    return "rgb(" + g + "," + g + "," + g + ")";
  }

  /* ---- the draw-a-digit widget ------------------------------------------ */

  /* Cells of a 4x4 block, from the centre outwards: a test image's value
   * v is shown as the first v of them, so counting gives v back. */
  var BLOCK_ORDER = [5, 10, 6, 9, 1, 14, 4, 11, 2, 13, 7, 8, 0, 15, 3, 12];

  function drawWidget(host) {
    var bitmap = new Uint8Array(32 * 32), pixels = new Array(D).fill(0);
    var live = el("div", "nn-live", null);
    var row = el("div", "nn-row", live);
    var pad = el("figure", "nn-pad", row);
    var big = canvas(pad, 32 * 7, 32 * 7, "nn-draw-canvas");
    el("figcaption", null, pad, "draw here (32\u00d732)");
    var small = el("figure", "nn-pad", row);
    var img = canvas(small, 8 * 14, 8 * 14, "nn-image");
    el("figcaption", null, small, "the 8\u00d78 image (0..16)");
    var side = el("div", "nn-side", row);
    var guess = el("div", "nn-guess", side);
    var bars = el("div", "nn-bars", side), bar = [];
    for (var k = 0; k < K; k++) {
      var b = el("div", "nn-bar", bars);
      el("span", "nn-digit", b, String(k));
      var track = el("span", "nn-track", b);
      bar.push({ fill: el("span", "nn-fill", track),
                 text: el("span", "nn-pct", b, "") });
    }
    var hid = el("div", "nn-hidden", live);
    el("span", null, hid, "hidden activations: ");
    var hcv = canvas(hid, 50 * 9, 12, "nn-hidden-canvas");
    var controls = el("div", "nn-controls", live);
    var sel = el("select", null, controls);
    Object.keys(NETS).forEach(function (key) {
      var o = el("option", null, sel, NETS[key].label);
      o.value = key;
    });
    var rnd = el("button", null, controls, "random test image");
    var clr = el("button", null, controls, "clear");
    var note = el("span", "nn-note", controls, "");
    host.insertBefore(live, host.firstChild);
    host.classList.add("nn-running");

    var state = { pixels: pixels, bitmap: bitmap, result: null,
                  canvas: big, image: img };
    host.nnDraw = state;

    function count() {
      for (var by = 0; by < 8; by++)
        for (var bx = 0; bx < 8; bx++) {
          var n = 0;
          for (var y = 0; y < 4; y++)
            for (var x = 0; x < 4; x++)
              n += bitmap[(4 * by + y) * 32 + 4 * bx + x];
          pixels[8 * by + bx] = n; /* 0..16, as the UCI digits were made */
        }
    }

    function paint() {
      var g = big.getContext("2d"), s = big.width / 32;
      g.fillStyle = "#fff";
      g.fillRect(0, 0, big.width, big.height);
      g.fillStyle = "#1d1d1f";
      for (var i = 0; i < 32 * 32; i++)
        if (bitmap[i]) g.fillRect((i % 32) * s, Math.floor(i / 32) * s, s, s);
      g.strokeStyle = "#dcdde3";
      for (var l = 4; l < 32; l += 4) {
        g.beginPath();
        g.moveTo(l * s + 0.5, 0); g.lineTo(l * s + 0.5, big.height);
        g.moveTo(0, l * s + 0.5); g.lineTo(big.width, l * s + 0.5);
        g.stroke();
      }
      var h = img.getContext("2d"), t = img.width / 8;
      for (var j = 0; j < D; j++) {
        h.fillStyle = grey(pixels[j] / 16);
        h.fillRect((j % 8) * t, Math.floor(j / 8) * t, t, t);
      }
    }

    function show() {
      var r;
      try { r = forward(pixels, "predict"); } catch (e) {
        note.textContent = e.message;
        return;
      }
      state.result = r;
      guess.textContent = String(r.predicted);
      guess.title = "the network's class: the largest probability";
      for (var k = 0; k < K; k++) {
        bar[k].fill.style.width = (100 * r.probs[k]).toFixed(1) + "%";
        bar[k].fill.classList.toggle("nn-top", k === r.predicted);
        bar[k].text.textContent = (100 * r.probs[k]).toFixed(1) + "%";
      }
      var g = hcv.getContext("2d"), w = hcv.width / r.hidden.length;
      g.clearRect(0, 0, hcv.width, hcv.height);
      for (var i = 0; i < r.hidden.length; i++) {
        g.fillStyle = grey(r.hidden[i]);
        g.fillRect(i * w + 1, 1, w - 2, hcv.height - 2);
      }
    }

    function update() { count(); paint(); show(); }
    state.update = update;

    /* The pen covers the cells within 1.6 cells of the stroke. */
    var last = null, pending = false;
    function stroke(x0, y0, x1, y1) {
      var R = 1.6, n = Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2) + 1;
      for (var s = 0; s <= n; s++) {
        var cx = x0 + (x1 - x0) * s / n, cy = y0 + (y1 - y0) * s / n;
        for (var y = Math.floor(cy - R); y <= Math.ceil(cy + R); y++)
          for (var x = Math.floor(cx - R); x <= Math.ceil(cx + R); x++)
            if (x >= 0 && x < 32 && y >= 0 && y < 32 &&
                Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= R)
              bitmap[y * 32 + x] = 1;
      }
    }
    function at(ev) {
      var r = big.getBoundingClientRect();
      return [32 * (ev.clientX - r.left) / r.width,
              32 * (ev.clientY - r.top) / r.height];
    }
    big.addEventListener("pointerdown", function (ev) {
      ev.preventDefault();
      if (big.setPointerCapture && ev.pointerId !== undefined) {
        try {
          big.setPointerCapture(ev.pointerId);
        } catch (e) { /* a synthetic event has no pointer to capture */ }
      }
      last = at(ev);
      stroke(last[0], last[1], last[0], last[1]);
      note.textContent = "";
      update();
    });
    big.addEventListener("pointermove", function (ev) {
      if (!last) return;
      var p = at(ev);
      stroke(last[0], last[1], p[0], p[1]);
      last = p;
      if (!pending) {
        pending = true;
        requestAnimationFrame(function () { pending = false; update(); });
      }
    });
    function end() { if (last) { last = null; update(); } }
    big.addEventListener("pointerup", end);
    big.addEventListener("pointercancel", end);
    big.style.touchAction = "none";

    rnd.addEventListener("click", function () {
      var n = nn.testCount(), i = Math.floor(Math.random() * n);
      var t = nn.testImage(i);
      bitmap.fill(0);
      for (var j = 0; j < D; j++)
        for (var c = 0; c < t.pixels[j]; c++) {
          var q = BLOCK_ORDER[c], by = Math.floor(j / 8), bx = j % 8;
          bitmap[(4 * by + (q >> 2)) * 32 + 4 * bx + (q & 3)] = 1;
        }
      note.textContent = "test image " + i + " (label " + t.label + ")";
      update();
    });
    clr.addEventListener("click", function () {
      bitmap.fill(0);
      note.textContent = "";
      update();
    });
    sel.addEventListener("change", function () { setNetwork(sel.value); });
    listeners.push(function () { sel.value = nn.network; show(); });
    sel.value = nn.network;
    update();
  }

  /* ---- the train-in-the-page widget ------------------------------------- */

  /* 1, 2 and 5 times each power of ten from 10^lo to 10^hi, read from
   * their decimal names so that 0.1 is the double 0.1 the defaults hold. */
  function steps125(lo, hi) {
    var v = [];
    for (var e = lo; e <= hi; e++)
      ["1", "2", "5"].forEach(function (m) { v.push(Number(m + "e" + e)); });
    return v;
  }

  /* The train widget's sliders: a list of values (the slider moves along
   * its positions) or a range of integers. */
  var SLIDERS = [
    { key: "eta", label: "learning rate \u03b7",
      values: steps125(-5, 0).concat([10]) },
    { key: "lambda", label: "penalty \u03bb",
      values: [0].concat(steps125(-5, 0), [10]) },
    { key: "epochs", label: "epochs", min: 1, max: 100 },
    { key: "batch", label: "batch size",
      values: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 1437] },
    { key: "seed", label: "seed", min: 0, max: 99 }];

  /* A labelled <input type=range> with its value beside it: the arrow
   * keys, Page Up and Down, Home and End move it. */
  function slider(parent, f, id) {
    var l = el("label", "nn-slider", parent);
    el("span", null, l, f.label + " ");
    var i = el("input", null, l), out = el("output", null, l);
    i.type = "range";
    i.id = id;
    out.htmlFor = id;
    i.min = "0";
    i.max = String(f.values ? f.values.length - 1 : f.max - f.min);
    i.step = "1";
    var s = { input: i, output: out };
    s.value = function () {
      var k = Number(i.value);
      return f.values ? f.values[k] : f.min + k;
    };
    s.set = function (v) {
      var k = f.values ? f.values.indexOf(v) : v - f.min;
      if (!(k >= 0 && k <= Number(i.max)))
        throw new Error("nn: the " + f.key + " slider has no value " + v);
      i.value = String(k);
      show();
    };
    function show() {
      out.textContent = String(s.value());
      i.setAttribute("aria-valuetext", out.textContent);
    }
    i.addEventListener("input", show);
    s.set(DEFAULTS[f.key]);
    return s;
  }

  var trainWidgets = 0;

  /* x as C's printf("%.17g") writes a number from 1e-5 to 1e17, as the
   * programs print their summaries. */
  function g17(x) {
    var s = x.toPrecision(17);
    return /e/.test(s) || !/\./.test(s) ? s : s.replace(/\.?0+$/, "");
  }

  function trainWidget(host) {
    var live = el("div", "nn-live", null);
    var form = el("div", "nn-controls nn-sliders", live), inputs = {};
    trainWidgets++;
    SLIDERS.forEach(function (f) {
      inputs[f.key] = slider(form, f, "nn-" + f.key + "-" + trainWidgets);
    });
    var go = el("button", null, form, "Train");
    var plot = canvas(live, 640, 220, "nn-plot");
    var status = el("p", "nn-status", live, "");
    host.insertBefore(live, host.firstChild);
    host.classList.add("nn-running");
    var state = { button: go, status: status, inputs: inputs, result: null };
    host.nnTrain = state;

    function draw(r, epochs) {
      var g = plot.getContext("2d"), W = plot.width, Hh = plot.height;
      g.clearRect(0, 0, W, Hh);
      g.font = "12px sans-serif";
      var panels = [
        { x: 40, title: "cost (cross-entropy)",
          series: [r.cost_train, r.cost_test] },
        { x: 360, title: "accuracy",
          series: [r.accuracy_train, r.accuracy_test_epochs] }];
      var colours = ["#1f3b73", "#c0392b"];
      panels.forEach(function (p, pi) {
        var w = 260, h = 160, top = 24;
        var all = p.series[0].concat(p.series[1]).filter(isFinite);
        var lo = 0, hi = pi ? 1 : Math.max(1e-9, Math.max.apply(
            null, all.length ? all : [1]));
        g.strokeStyle = "#999";
        g.strokeRect(p.x, top, w, h);
        g.fillStyle = "#1d1d1f";
        g.fillText(p.title, p.x, top - 8);
        g.fillText(hi.toPrecision(2), p.x - 36, top + 10);
        g.fillText(String(lo), p.x - 14, top + h);
        g.fillText("epoch " + epochs, p.x + w - 50, top + h + 14);
        p.series.forEach(function (s, si) {
          g.strokeStyle = colours[si];
          g.beginPath();
          s.forEach(function (v, e) {
            var x = p.x + w * (e + 1) / epochs;
            var y = top + h - h * (v - lo) / (hi - lo);
            if (e === 0) g.moveTo(x, y); else g.lineTo(x, y);
          });
          g.stroke();
        });
      });
      g.fillStyle = colours[0];
      g.fillText("training set", 40, Hh - 4);
      g.fillStyle = colours[1];
      g.fillText("test set", 140, Hh - 4);
    }

    go.addEventListener("click", function () {
      var opts = {};
      for (var k in inputs) opts[k] = inputs[k].value();
      go.disabled = true;
      status.textContent = "training\u2026";
      train(opts, function (r) {
        draw(r, opts.epochs);
        status.textContent = "epoch " + r.cost_train.length + " of " +
            opts.epochs + ": test accuracy " + r.accuracy_test.toFixed(4);
      }).then(function (r) {
        state.result = r;
        go.disabled = false;
        var n = Math.round(r.accuracy_test * 360);
        var text = r.diverged
            ? "The network diverged at epoch " + r.diverged.epoch +
              ", step " + r.diverged.step + " (its cost overflowed)."
            : "Test accuracy " + g17(r.accuracy_test) + " (" + n +
              " of 360 test images), after " + r.cost_train.length +
              " epochs in " + Math.round(r.ms) + " ms.";
        var same = true;
        for (var k in DEFAULTS) same = same && opts[k] === DEFAULTS[k];
        if (same && !r.diverged) {
          var want = nn.facts.accuracy_test;
          text += r.accuracy_test === Number(want)
              ? " build/bin/06-sgd prints " + want +
                ": the same, digit for digit."
              : " But build/bin/06-sgd prints " + want + "!";
        }
        status.textContent = text;
      }, function (e) {
        go.disabled = false;
        status.textContent = e.message;
      });
    });
  }

  /* ---- start ------------------------------------------------------------ */

  nn.ready.then(function () {
    Array.prototype.forEach.call(document.querySelectorAll(".nn-draw"),
                                 drawWidget);
    Array.prototype.forEach.call(document.querySelectorAll(".nn-train"),
                                 trainWidget);
  }, function (e) {
    Array.prototype.forEach.call(
      document.querySelectorAll(".nn-draw, .nn-train"), function (h) {
        el("p", "nn-status", h, "The widget could not start: " + e.message);
      });
  });
})();
