--[[ count-chapters.lua - how many chapters the book should have.

Run after filters/fragments.lua, so included fragments count too:

  pandoc --lua-filter filters/fragments.lua \
         --lua-filter tests/book/count-chapters.lua book.md -t plain

Writes "chapters N appendices M" on stderr: the numbered level-1 headers
before the first one with class `appendix`, and those from there on.
--]]

function Pandoc(doc)
  local chapters, appendices, in_appendix = 0, 0, false
  for _, b in ipairs(doc.blocks) do
    if b.t == "Header" and b.level == 1 then
      if b.classes:includes("appendix") then in_appendix = true end
      if not b.classes:includes("unnumbered") then
        if in_appendix then
          appendices = appendices + 1
        else
          chapters = chapters + 1
        end
      end
    end
  end
  io.stderr:write(string.format("chapters %d appendices %d\n", chapters,
                                appendices))
  return pandoc.Pandoc({}, doc.meta)
end
