#!/usr/bin/env python3
"""math-shots.py - pictures of every displayed formula of the HTML book.

    python3 tests/book/math-shots.py BOOK.html KEEP [CHROMIUM [N...]]

Copies each display equation (<math display="block">) of BOOK.html, with
the book's stylesheet, into pages of a few formulas each, every formula
under a label with its number and the heading of its section, and has
headless Chromium take a screenshot of each page: KEEP/math-NN.png.  For
people to look at; with formula numbers N after CHROMIUM, only those,
one a page, four times as large.  (Overlapping symbols are not something a test reads
off a picture); render-check.js measures what can be measured.
Standard library only.
"""
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile

PER_PAGE = 4


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: math-shots.py BOOK.html KEEP [CHROMIUM]")
    book, keep = sys.argv[1], sys.argv[2]
    chromium = sys.argv[3] if len(sys.argv) > 3 else "chromium"
    only = [int(n) for n in sys.argv[4:]]
    with open(book, encoding="utf-8") as f:
        text = f.read()
    head = text[:text.index("<body")]
    found, heading = [], "(start)"
    pat = re.compile(r'<h[1-4][^>]*>(.*?)</h[1-4]>|'
                     r'(<math display="block".*?</math>)', re.S)
    for m in pat.finditer(text):
        if m.group(1) is not None:
            heading = re.sub(r"<[^>]+>", "", m.group(1))
        else:
            found.append((heading, m.group(2)))
    os.makedirs(keep, exist_ok=True)
    tmp = tempfile.mkdtemp()
    per, scale, size = PER_PAGE, "1.5", "560,930"
    pages = range(0, len(found), per)
    if only:
        per, scale, size = 1, "4", "420,160"
        pages = [n - 1 for n in only if 0 < n <= len(found)]
    for p in pages:
        body = []
        for i, (h, math) in enumerate(found[p:p + per], p + 1):
            body.append('<div style="border-top:1px solid #aaa;margin:4px 0">'
                        '<small>%d. %s</small>%s</div>'
                        % (i, html.escape(html.unescape(h)), math))
        page = os.path.join(tmp, "page.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(head + "<body>" + "\n".join(body) + "</body></html>")
        shot = os.path.join(keep, "math-%02d.png" % (p // per + 1))
        subprocess.run([chromium, "--headless", "--no-sandbox",
                        "--disable-gpu", "--hide-scrollbars",
                        "--user-data-dir=" + os.path.join(tmp, "profile"),
                        "--window-size=" + size,
                        "--force-device-scale-factor=" + scale,
                        "--screenshot=" + shot, "file://" + page],
                       check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        print("%s: formulas %d to %d" % (shot, p + 1,
                                          min(p + per, len(found))))
    shutil.rmtree(tmp, ignore_errors=True)
    print("%d displayed formulas" % len(found))


if __name__ == "__main__":
    main()
