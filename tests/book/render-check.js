// render-check.js - appended to a copy of book.html by tests/book/check.sh
// and run by headless Chromium.  When the page has loaded it writes what it
// found into a <pre> element with the id book-check, which --dump-dom
// then shows:
//   images N broken N
//   math N block N laid-out N unstyled N
// An image is broken if it did not decode (naturalWidth 0).  A math element
// is laid out if it has a non-empty box; it is "unstyled" if the browser
// did not treat it as MathML (computed display is not a math display).
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
  var out = document.createElement("pre");
  out.id = "book-check";
  out.textContent = "images " + imgs.length + " broken " + broken +
      "\nmath " + maths.length + " block " + block + " laid-out " + laid +
      " unstyled " + unstyled + "\n";
  document.body.appendChild(out);
});
