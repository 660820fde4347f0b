// widgets-check.js - the checks of the HTML book's widgets (book/nn.js),
// run inside the built book by tests/book/widgets.py in headless Chromium.
//
// nnCheck(expect) returns a Promise of {lines, timing}: one line per check,
// "ok - ..." or "not ok - ...".  expect holds what the native programs
// gave: ch6 and ch8, the rows of build/bin/predict's predictions.tsv for
// each network ([class, p0..p9] by line of the data file), sgd, the
// accuracy_test build/bin/06-sgd printed, and sgd_cost its cost_test.
async function nnCheck(expect) {
  "use strict";
  var lines = [], timing = {};
  // The targets are 1 ms a prediction and 1 s a default training run; a
  // check fails only beyond SLACK times that, since other processes may
  // share the machine.  The times are printed either way.
  var SLACK = 5;
  function ok(cond, msg) { lines.push((cond ? "ok - " : "not ok - ") + msg); }
  function within(p, ms) {
    return Promise.race([p, new Promise(function (_, no) {
      setTimeout(function () { no(new Error("no answer in " + ms + " ms")); }, ms);
    })]);
  }
  function frame() {
    return new Promise(function (r) { requestAnimationFrame(function () { r(); }); });
  }
  function argmax(a) {
    var b = 0;
    for (var i = 1; i < a.length; i++) if (a[i] > a[b]) b = i;
    return b;
  }

  await within(nn.ready, 20000);
  ok(true, "nn.ready resolves");
  ok(nn.network === "ch8", "chapter 8's network is the default");

  // ---- nn.predict against build/bin/predict, through the selector ----
  var draw = document.querySelector(".nn-draw"), st = draw && draw.nnDraw;
  ok(!!st, "the draw-a-digit widget is live");
  var select = draw.querySelector("select");
  var n = nn.testCount();
  ok(n === 360, "the page holds the 360 test images of seed 0's split");
  var nets = ["ch6", "ch8"];
  for (var q = 0; q < nets.length; q++) {
    var key = nets[q];
    select.value = key;
    select.dispatchEvent(new Event("change"));
    var same = 0, worst = 0, worstAt = -1;
    for (var i = 0; i < n; i++) {
      var t = nn.testImage(i), p = nn.predict(t.pixels);
      var want = expect[key][t.index];
      if (argmax(p) === want[0]) same++;
      for (var k = 0; k < 10; k++) {
        var d = Math.abs(p[k] - want[k + 1]);
        if (!(d <= worst)) { worst = d; worstAt = i; }
      }
    }
    ok(nn.network === key && same === n && worst <= 1e-12,
       key + ": nn.predict gives build/bin/predict's class on " + same +
       " of " + n + " test images, probabilities within " +
       worst.toExponential(2) + " (at most 1e-12)");
    var imgs = [];
    for (i = 0; i < n; i++) imgs.push(nn.testImage(i).pixels);
    var reps = 0, t0 = performance.now(), t1 = t0;
    while (t1 - t0 < 300) {
      for (i = 0; i < n; i++) nn.predict(imgs[i]);
      reps += n;
      t1 = performance.now();
    }
    timing["predict_ms_" + key] = (t1 - t0) / reps;
    ok((t1 - t0) / reps < SLACK * 1, key + ": a prediction takes " +
       ((t1 - t0) / reps * 1000).toFixed(1) + " us (target 1 ms)");
  }
  select.value = "ch8";
  select.dispatchEvent(new Event("change"));

  // ---- strokes drawn with pointer events ----
  var buttons = draw.querySelectorAll("button");
  buttons[1].click(); // clear
  var before = st.pixels.reduce(function (a, b) { return a + b; }, 0);
  var probs0 = st.result.probs.slice();
  var img = st.image.getContext("2d").getImageData(0, 0, st.image.width,
                                                   st.image.height).data;
  var img0 = Array.from(img);
  var rect = st.canvas.getBoundingClientRect();
  function pointer(type, fx, fy) {
    st.canvas.dispatchEvent(new PointerEvent(type, {
      bubbles: true, pointerId: 1, pointerType: "pen", isPrimary: true,
      clientX: rect.left + fx * rect.width, clientY: rect.top + fy * rect.height,
      buttons: type === "pointerup" ? 0 : 1 }));
  }
  // a 7: a bar along the top, then a stroke down to the lower left
  pointer("pointerdown", 0.25, 0.2);
  for (var s = 1; s <= 10; s++) pointer("pointermove", 0.25 + 0.05 * s, 0.2);
  for (s = 1; s <= 12; s++) pointer("pointermove", 0.75 - 0.025 * s, 0.2 + 0.05 * s);
  pointer("pointerup", 0.45, 0.8);
  await frame();
  var after = st.pixels.reduce(function (a, b) { return a + b; }, 0);
  var counted = true;
  for (var j = 0; j < 64; j++) {
    var c = 0, by = Math.floor(j / 8), bx = j % 8;
    for (var y = 0; y < 4; y++)
      for (var x = 0; x < 4; x++) c += st.bitmap[(4 * by + y) * 32 + 4 * bx + x];
    counted = counted && c === st.pixels[j] && c >= 0 && c <= 16;
  }
  ok(before === 0 && after > 0 && counted,
     "a drawn stroke fills the 8x8 image with 4x4 block counts 0..16 (" +
     before + " -> " + after + " set cells)");
  img = Array.from(st.image.getContext("2d").getImageData(
      0, 0, st.image.width, st.image.height).data);
  ok(img.some(function (v, i) { return v !== img0[i]; }),
     "the 8x8 image on the page changes");
  var moved = st.result.probs.some(function (v, i) { return v !== probs0[i]; });
  var shown = Array.prototype.map.call(draw.querySelectorAll(".nn-fill"),
                                       function (e) { return e.style.width; });
  ok(moved && shown.length === 10 &&
     shown[argmax(st.result.probs)] === (100 * Math.max.apply(null, st.result.probs)).toFixed(1) + "%",
     "the ten bars change and show the new probabilities (predicted " +
     argmax(st.result.probs) + ")");
  var p7 = nn.predict(st.pixels);
  ok(p7.every(function (v, i) { return v === st.result.probs[i]; }),
     "the bars are nn.predict of the drawn image");
  timing.drawn = argmax(st.result.probs);
  buttons[0].click(); // random test image
  await frame();
  var total = st.pixels.reduce(function (a, b) { return a + b; }, 0);
  ok(total > 0 && st.result, "the random test image button loads an image");

  // ---- nn.train against 06-sgd ----
  var t2 = performance.now();
  var r = await within(nn.train({}), 60000);
  var wall = performance.now() - t2;
  timing.train_ms = wall;
  timing.train_compute_ms = r.ms;
  ok(r.accuracy_test === Number(expect.sgd) && r.cost_train.length === 10,
     "nn.train() with the defaults: test accuracy " + r.accuracy_test +
     ", build/bin/06-sgd prints " + expect.sgd);
  var cost = r.cost_test[r.cost_test.length - 1];
  ok(cost === Number(expect.sgd_cost), "and its test cost, " + cost +
     ", is 06-sgd's, " + expect.sgd_cost + ", bit for bit");
  ok(wall < SLACK * 1000, "the default training takes " + wall.toFixed(0) +
     " ms (target 1 s)");
  var r2 = await within(nn.train({ seed: 0, eta: 0.1, lambda: 0.1, epochs: 10,
                                   batch: 100 }), 60000);
  ok(r2.cost_train.every(function (v, i) { return v === r.cost_train[i]; }),
     "a second run gives the same costs, bit for bit");
  var host = document.querySelector(".nn-train"), tw = host && host.nnTrain;
  ok(!!tw, "the train-in-the-page widget is live");

  // ---- the train widget's sliders ----
  var DEF = { eta: 0.1, lambda: 0.1, epochs: 10, batch: 100, seed: 0 };
  var names = Object.keys(DEF), sl = tw.inputs;
  ok(names.every(function (k) {
       var s = sl[k];
       return s && s.input.type === "range" && s.value() === DEF[k] &&
              s.output.textContent === String(DEF[k]) &&
              s.input.getAttribute("aria-valuetext") === String(DEF[k]) &&
              s.input.closest("label") !== null;
     }), "five labelled range sliders, eta lambda epochs batch seed, start " +
     "at the defaults and show them");
  // Moves a slider as a reader does, one position at a time.
  function slide(k, v) {
    var s = sl[k], i = s.input;
    for (var pos = Number(i.min); pos <= Number(i.max); pos++) {
      i.value = String(pos);
      i.dispatchEvent(new Event("input", { bubbles: true }));
      if (s.value() === v) return true;
    }
    return false;
  }
  function ends(k) {
    var i = sl[k].input, lo, hi;
    slide(k, NaN); // to the top
    hi = sl[k].value();
    i.value = i.min;
    i.dispatchEvent(new Event("input", { bubbles: true }));
    lo = sl[k].value();
    return [lo, hi];
  }
  var e = ends("eta"), l = ends("lambda");
  ok(e[0] === 1e-5 && e[1] === 10 && l[0] === 0 && l[1] === 10,
     "eta runs from " + e[0] + " to " + e[1] + ", lambda from " + l[0] +
     " to " + l[1]);
  var steps = [];
  slide("eta", NaN);
  for (var pos = 0; pos <= Number(sl.eta.input.max); pos++) {
    sl.eta.input.value = String(pos);
    sl.eta.input.dispatchEvent(new Event("input", { bubbles: true }));
    steps.push(sl.eta.value());
  }
  ok(steps.every(function (v, i) {
       return i === 0 || (v / steps[i - 1] >= 2 && v / steps[i - 1] <= 2.5);
     }), "eta's scale is logarithmic: 1, 2, 5 times each power of ten (" +
     steps.length + " positions)");
  async function trainClick() {
    tw.result = null;
    tw.button.click();
    var waited = 0;
    while (!tw.result && waited < 20000) {
      await new Promise(function (res) { setTimeout(res, 50); });
      waited += 50;
    }
    return tw.result;
  }
  ok(slide("eta", 0.001) && slide("epochs", 3) && slide("batch", 50) &&
     slide("lambda", 0) && slide("seed", 7) &&
     sl.eta.output.textContent === "0.001" &&
     sl.epochs.output.textContent === "3",
     "the sliders move to eta 0.001, lambda 0, epochs 3, batch 50, seed 7 " +
     "and show their values");
  var rs = await trainClick();
  var rd = await within(nn.train({ eta: 0.001, lambda: 0, epochs: 3,
                                   batch: 50, seed: 7 }), 60000);
  ok(rs && rs.options.eta === 0.001 && rs.options.lambda === 0 &&
     rs.options.epochs === 3 && rs.options.batch === 50 &&
     rs.options.seed === 7 && rs.cost_train.length === 3 &&
     rs.cost_train.every(function (v, i) { return v === rd.cost_train[i]; }),
     "Train with those sliders is nn.train with those options, bit for bit " +
     "(test accuracy " + (rs && rs.accuracy_test) + ")");
  ok(names.every(function (k) { return slide(k, DEF[k]); }),
     "the sliders move back to the defaults");
  await trainClick();
  ok(/digit for digit/.test(tw.status.textContent) &&
     tw.status.textContent.indexOf("Test accuracy " + expect.sgd + " ") === 0 &&
     tw.status.textContent.indexOf("06-sgd prints " + expect.sgd + ":") > 0,
     "the widget's run says it equals 06-sgd: \"" + tw.status.textContent + "\"");

  // ---- bad input: a clear error, never a hang or an answer ----
  function throws(f, re, what) {
    try { f(); } catch (e) {
      ok(re.test(e.message), what + ": \"" + e.message + "\"");
      return;
    }
    ok(false, what + ": no error");
  }
  var zeros = new Array(64).fill(0);
  throws(function () { nn.predict(zeros.slice(1)); }, /expected 64 pixels, got 63/, "63 pixels");
  throws(function () { nn.predict(zeros.concat([0])); }, /expected 64 pixels, got 65/, "65 pixels");
  throws(function () { nn.predict(); }, /expected an array/, "no pixels");
  var bad = [[NaN, /pixel 5 is nan/], [17, /pixel 5 is 17; expected/],
             [-1, /pixel 5 is -1; expected/], [Infinity, /pixel 5 is inf/],
             ["3", /pixel 5 is "3"; expected a number/]];
  bad.forEach(function (b) {
    var px = zeros.slice();
    px[5] = b[0];
    throws(function () { nn.predict(px); }, b[1], "pixel " + String(b[0]));
  });
  var badTrain = [[{ epochs: 0 }, /epochs is 0; expected an integer 1\.\.1000/],
                  [{ epochs: 1e9 }, /epochs is 1000000000; expected/],
                  [{ epochs: 2.5 }, /epochs is 2\.5; expected an integer/],
                  [{ eta: NaN }, /eta is nan/], [{ eta: -1 }, /eta is -1/],
                  [{ lambda: Infinity }, /lambda is inf/],
                  [{ batch: 0 }, /batch is 0/], [{ batch: 5000 }, /batch is 5000; expected 1\.\.1437/],
                  [{ seed: -1 }, /seed is -1/], [{ seed: 0.5 }, /seed is 0\.5/],
                  [{ seed: "0" }, /seed is "0"; expected a number/],
                  [{ epoch: 3 }, /unknown option 'epoch'/], [7, /expected an object/]];
  for (var b = 0; b < badTrain.length; b++) {
    var what = "nn.train(" + JSON.stringify(badTrain[b][0]) + ")";
    try {
      await within(nn.train(badTrain[b][0]), 2000);
      ok(false, what + ": no error");
    } catch (e) {
      ok(badTrain[b][1].test(e.message), what + ": \"" + e.message + "\"");
    }
  }
  var first = nn.train({ epochs: 2 });
  try {
    await within(nn.train({}), 2000);
    ok(false, "a second run while one goes: no error");
  } catch (e) {
    ok(/is going/.test(e.message), "a second run while one goes: \"" + e.message + "\"");
  }
  await within(first, 20000);
  var again = nn.predict(nn.testImage(0).pixels);
  ok(again.length === 10 && Math.abs(again.reduce(function (a, v) { return a + v; }, 0) - 1) < 1e-12,
     "after the errors nn.predict still answers");
  return { lines: lines, timing: timing };
}
