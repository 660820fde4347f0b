-- long-lines.lua - check-book: run after the book's filters; reports on
-- stderr every line of a code or output block wider than the PDF's text
-- (87 characters of \small monospace on a 16.2 cm line), one line each:
--   long line (93 > 87): <the line>
local limit = 87
function CodeBlock(el)
  for line in (el.text .. "\n"):gmatch("(.-)\n") do
    local n = utf8.len(line) or #line
    if n > limit then
      io.stderr:write(string.format("long line (%d > %d): %s\n", n, limit,
                                    line))
    end
  end
end
