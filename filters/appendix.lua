--[[ appendix.lua - lettered appendices in both outputs.

Every chapter (level-1 header) from the first one with the class
`appendix` on is an appendix:

  # Deriving the cost function {.appendix}

LaTeX: a `\appendix` goes before that header, and LaTeX letters the
appendices itself (Appendix A, A.1, ...).

HTML: pandoc can only number on from the chapters, so the filter numbers
the appendices itself: their headers become unnumbered and get "A", "A.1",
... written in front, in the same span pandoc uses for section numbers, so
the table of contents and the stylesheet treat them alike.

Both: the sections inside an unnumbered chapter (the preface) are
unnumbered too, instead of "0.1", "0.2".
--]]

local latex = FORMAT:match("latex") ~= nil

local function number_span(n)
  return pandoc.Span({pandoc.Str(n)}, pandoc.Attr("", {"header-section-number"}))
end

function Pandoc(doc)
  local out, in_appendix, letter, counts = {}, false, 0, {}
  local plain_chapter = false
  for _, b in ipairs(doc.blocks) do
    if b.t == "Header" and b.level == 1 then
      plain_chapter = b.classes:includes("unnumbered")
    elseif b.t == "Header" and plain_chapter
           and not b.classes:includes("unnumbered") then
      b.classes:insert("unnumbered")
    end
    if b.t == "Header" and b.level == 1 and b.classes:includes("appendix") then
      if not in_appendix and latex then
        out[#out + 1] = pandoc.RawBlock("latex", "\\appendix")
      end
      in_appendix = true
    end
    if in_appendix and b.t == "Header" and not latex
       and not b.classes:includes("unnumbered") then
      if b.level == 1 then
        letter = letter + 1
        counts = {}
      end
      counts[b.level] = (counts[b.level] or 0) + 1
      for l = b.level + 1, 6 do counts[l] = nil end
      local n = string.char(64 + letter)
      for l = 2, b.level do n = n .. "." .. (counts[l] or 0) end
      b.classes:insert("unnumbered")
      local label = b.level == 1 and ("Appendix " .. n) or n
      local content = pandoc.List({number_span(label), pandoc.Space()})
      content:extend(b.content)
      b.content = content
    end
    out[#out + 1] = b
  end
  doc.blocks = out
  return doc
end
