--[[ figures.lua - point each figure at the file gnuplot drew for it.

In book.md a figure is written by name only, without directory or
extension:

  ![The sigmoid and its derivative.](sigmoid){width=80%}

The filter turns the name into <build-dir>/figures/sigmoid.svg for HTML
(pandoc then embeds the SVG in the page) or .pdf for LaTeX, and stops the
build when that file is missing or empty, naming it.  (The LaTeX route on
its own would only warn.)  Images given with a directory or an extension
are refused, so every figure goes through this check.
--]]

local build_dir = "build"

-- Stops the build with one clear line on stderr (error() would bury the
-- message in an escaped Lua traceback).
local function die(fmt, ...)
  io.stderr:write("book: error: ", string.format(fmt, ...), "\n")
  os.exit(1)
end

local ext = FORMAT:match("latex") and "pdf" or "svg"

local function image(el)
  local name = el.src
  if not name:match("^[%w%-_]+$") then
    die("figure '%s': write the bare figure name (figures/NAME.gp draws it)",
        name)
  end
  local path = build_dir .. "/figures/" .. name .. "." .. ext
  local f = io.open(path, "rb")
  local size = f and f:seek("end") or 0
  if f then f:close() end
  if size == 0 then
    die("figure %s is %s (made by figures/%s.gp)", path,
        f and "empty" or "missing", name)
  end
  el.src = path
  return el
end

function Pandoc(doc)
  if doc.meta["build-dir"] then
    build_dir = pandoc.utils.stringify(doc.meta["build-dir"])
  end
  return doc:walk({Image = image})
end
