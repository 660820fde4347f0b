// render-check.js - appended to a copy of book.html by tests/book/check.sh
// and run by headless Chromium.  When the page has loaded it writes what it
// found into a <pre> element with the id book-check, which --dump-dom
// then shows:
//   images N broken N
//   math N block N laid-out N unstyled N
// An image is broken if it did not decode (naturalWidth 0).  A math element
// is laid out if it has a non-empty box; it is "unstyled" if the browser
// did not treat it as MathML (computed display is not a math display).
//   scripts N collide N
//   collides: TEX           (one line per collision, its TeX annotation)
// A superscript collides with its base when the base's ink reaches more
// than COLLIDE_PX into the superscript's box: Chromium places a
// superscript after the base's advance width, and an italic capital such
// as W draws beyond it.  The ink is measured on a canvas, with the
// mathematical italic character Chromium draws for a one-letter <mi>.
// Before book/mathml.pl's repair W^h measured 1.9 px and X^T 0.9 to 1.1;
// after it the most is 0.5 (z^o, which looks clean).

var COLLIDE_PX = 0.8;

function italicOf(c) {
  var k = c.charCodeAt(0);
  if (c === "h") return "\u210E";
  if (k >= 65 && k <= 90) return String.fromCodePoint(0x1D434 + k - 65);
  if (k >= 97 && k <= 122) return String.fromCodePoint(0x1D44E + k - 97);
  return c;
}

function scriptCollisions() {
  var ctx = document.createElement("canvas").getContext("2d");
  var els = document.querySelectorAll("msup, msubsup"), bad = [], n = 0;
  for (var i = 0; i < els.length; i++) {
    var e = els[i], kids = e.children;
    var base = kids[0], sup = kids[kids.length - 1];
    if (!base || base.tagName.toLowerCase() !== "mi") continue;
    // book/mathml.pl puts an <mspace> before a leaning letter's
    // superscript: what must clear the base is the superscript itself.
    if (sup.tagName.toLowerCase() === "mrow" && sup.children.length === 2 &&
        sup.children[0].tagName.toLowerCase() === "mspace")
      sup = sup.children[1];
    var c = base.textContent.trim();
    if (c.length !== 1) continue;
    n++;
    var cs = getComputedStyle(base);
    ctx.font = cs.fontStyle + " " + cs.fontWeight + " " + cs.fontSize + " " +
        cs.fontFamily;
    var ch = cs.textTransform === "none" && base.getAttribute("mathvariant")
        === "normal" ? c : italicOf(c);
    var ink = ctx.measureText(ch).actualBoundingBoxRight;
    var b = base.getBoundingClientRect(), s = sup.getBoundingClientRect();
    if (b.width === 0 || s.width === 0) continue;
    if (b.left + ink - s.left > COLLIDE_PX) {
      var m = e.closest("math"), a = m && m.querySelector("annotation");
      bad.push((a ? a.textContent : c).replace(/\s+/g, " ").trim() +
               " (" + c + ", " + (b.left + ink - s.left).toFixed(1) + " px)");
    }
  }
  return {n: n, bad: bad};
}
window.addEventListener("load", function () {
  var imgs = document.images, broken = 0;
  for (var i = 0; i < imgs.length; i++)
    if (!imgs[i].complete || imgs[i].naturalWidth === 0) broken++;
  var maths = document.getElementsByTagName("math");
  var block = 0, laid = 0, unstyled = 0;
  for (var j = 0; j < maths.length; j++) {
    var m = maths[j], r = m.getBoundingClientRect();
    if (m.getAttribute("display") === "block") block++;
    if (r.width > 0 && r.height > 0) laid++;
    if (getComputedStyle(m).display.indexOf("math") < 0) unstyled++;
  }
  var scripts = scriptCollisions();
  var out = document.createElement("pre");
  out.id = "book-check";
  out.textContent = "images " + imgs.length + " broken " + broken +
      "\nmath " + maths.length + " block " + block + " laid-out " + laid +
      " unstyled " + unstyled + "\n" +
      "scripts " + scripts.n + " collide " + scripts.bad.length + "\n" +
      scripts.bad.map(function (t) { return "collides: " + t + "\n"; })
          .join("");
  document.body.appendChild(out);
});
