--[[ fragments.lua - splice markdown files into the book.

An empty div with the class `include` is replaced by the blocks of the
markdown file it names:

  ::: {.include file=book/appendix-cost.md}
  :::

A file that is missing or empty stops the build with a message naming it,
unless the div says `optional=true`: then the div simply disappears.  That
is how chapters written by others (book/08-beyond.md, book/speed.md) join
the book as soon as their file exists, without anyone editing book.md.

A div with `when=PATH` is included only if PATH exists (and is then
required): the appendix on saved networks appears once lib/netio.h does.

Fragments are read with the same markdown extensions as book.md and may
include other fragments (paths are relative to the repository root, where
make runs pandoc).  This filter runs first, so the other filters see the
included text as if it had been written in book.md.
--]]

-- Stops the build with one clear line on stderr (error() would bury the
-- message in an escaped Lua traceback).
local function die(fmt, ...)
  io.stderr:write("book: error: ", string.format(fmt, ...), "\n")
  os.exit(1)
end

local depth = 0

local function expand(blocks) end -- forward declaration

local function include(el)
  if not el.classes:includes("include") then return nil end
  local path = el.attributes.file
  if not path then die("an include div needs file=PATH") end
  if #el.content > 0 then
    die("the include div for %s must be empty", path)
  end
  local optional = el.attributes.optional == "true"
  local when = el.attributes.when
  if when then
    local w = io.open(when, "rb")
    if not w then
      io.stderr:write("book: ", when, " does not exist; leaving out ",
                      path, "\n")
      return {}
    end
    w:close()
  end
  local f = io.open(path, "rb")
  local text = f and f:read("a")
  if f then f:close() end
  if not text or not text:find("%S") then
    if optional then
      io.stderr:write("book: optional fragment ", path,
                      " is absent; leaving it out\n")
      return {}
    end
    die("the required fragment %s is %s", path,
        text and "empty" or "missing")
  end
  if depth > 10 then die("%s: fragments nested too deeply", path) end
  depth = depth + 1
  local doc = pandoc.read(text, "markdown")
  local blocks = expand(doc.blocks)
  depth = depth - 1
  return blocks
end

expand = function(blocks)
  return pandoc.Pandoc(blocks):walk({Div = include}).blocks
end

function Pandoc(doc)
  return pandoc.Pandoc(expand(doc.blocks), doc.meta)
end
