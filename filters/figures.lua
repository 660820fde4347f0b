--[[ figures.lua - point each figure at the file gnuplot drew for it.

In book.md a figure is written by name only, without directory or
extension:

  ![The sigmoid and its derivative.](sigmoid){width=80%}

The filter turns the name into <build-dir>/figures/sigmoid.svg for HTML
(pandoc then embeds the SVG in the page) or .pdf for LaTeX, and stops the
build when that file is missing or empty, naming it.  (The LaTeX route on
its own would only warn.)  Images given with a directory or an extension
are refused, so every figure goes through this check.

Every figure stands alone in its paragraph (so that pandoc makes it a
numbered figure with its caption), has a caption, and has an alt text in
words for readers who cannot see it, with no TeX in it:

  ![The sigmoid ... $\eta$ ...](sigmoid){width=80% alt="A plot of ..."}

Anything else stops the build.  LaTeX numbers the figures itself
(Figure 3.1, Figure B.2); for HTML this filter writes the same number in
front of the caption: chapters count from 1, appendices from A.
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

local html = not FORMAT:match("latex")

-- The caption and alt text of a figure, checked.
local function check_text(el)
  local name = el.src
  if #el.caption == 0 then
    die("figure %s has no caption", name)
  end
  local alt = el.attributes.alt
  if not alt or not alt:find("%S") then
    die('figure %s has no alt text (add alt="..." in words)', name)
  end
  if alt:find("[\\$]") then
    die("figure %s: its alt text holds TeX; write it in words", name)
  end
end

-- Numbers the figures of one top-level block; chapter is "3" or "B".
local function number_figures(block, chapter, count)
  local wrapped = pandoc.Div({block}):walk({
    Para = function(p)
      if #p.content == 1 and p.content[1].t == "Image" then
        local img = p.content[1]
        check_text(img)
        count = count + 1
        if html then
          local label = pandoc.List({pandoc.Str("Figure"), pandoc.Space(),
            pandoc.Str(chapter .. "." .. count .. ":"), pandoc.Space()})
          img.caption = label .. img.caption
        end
        p.content[1] = image(img)
        return p
      end
      for _, il in ipairs(p.content) do
        if il.t == "Image" then
          die("figure %s is not alone in its paragraph, so it would have "
              .. "no number and no caption", il.src)
        end
      end
    end
  })
  return wrapped.content[1], count
end

function Pandoc(doc)
  if doc.meta["build-dir"] then
    build_dir = pandoc.utils.stringify(doc.meta["build-dir"])
  end
  local chapter, letter, count, numbered = 0, 0, 0, false
  local appendix = false
  for i, b in ipairs(doc.blocks) do
    if b.t == "Header" and b.level == 1 then
      appendix = appendix or b.classes:includes("appendix")
      numbered = not b.classes:includes("unnumbered")
      if numbered then
        if appendix then letter = letter + 1 else chapter = chapter + 1 end
      end
      count = 0
    elseif b.t ~= "Header" then
      local label = appendix and string.char(64 + letter) or tostring(chapter)
      if not numbered then
        pandoc.Div({b}):walk({Image = function(el)
          die("figure %s is in an unnumbered chapter, so it would have no "
              .. "number", el.src)
        end})
      end
      doc.blocks[i], count = number_figures(b, label, count)
    end
  end
  return doc:walk({Image = function(el)
    if el.src:match("^[%w%-_]+$") then
      die("figure %s is not alone in its paragraph, so it would have no "
          .. "number and no caption", el.src)
    end
  end})
end
