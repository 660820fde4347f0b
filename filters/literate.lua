--[[ literate.lua - pull code, program output and numbers into the book.

The book never holds a copy of code or of a program's output: this filter
fetches them while pandoc builds the book, and stops the build, naming what
is missing, when a file, a region, a function or a key cannot be found.

The directory the chapter programs wrote their output to is the metadata
field `build-dir` (the Makefile passes -M build-dir=$(BUILD)); outputs are
read from <build-dir>/out/<chapter>/output.txt.

Markdown syntax handled here (attributes in pandoc's {...} syntax):

  Code from a C file.  The block must be empty; a non-empty block with
  `include` is refused, so nothing copied by hand can go stale.
    ```{.c include=lib/mat.c function=mat_matmul}     a definition, with
    ```                                                the comment above it
    ```{.c include=lib/mat.h decl=mat_matmul}         a prototype + comment
    ```{.c include=lib/net.h type=Net}                typedef struct {...} Net;
    ```{.c include=chapters/01-data/main.c region=shapes}
                                                       //> shapes ... //< shapes
    ```{.c include=lib/rng.h comment=head}            the file's first comment
    ```{.c include=lib/optim.h}                       the whole file
  `function` and `region` may hold several names separated by spaces; the
  pieces are joined with a blank line.  Add `.nocaption` to drop the line
  that names the file above the code.

  Program output:
    ```{.output chapter=03-forward}                   output.txt without its
    ```                                                summary line
    optional: from="text" (first line containing it), to="text" (last line
    containing it, searched after from), until="text" (stop before the
    first line after from that contains it), summary=keep.

  A number from a run, inline:
    [03-forward/cost0]{.v}                   the value of key cost0 on the
                                             `summary:` line of 03-forward
    [05-backprop/gradcheck]{.v fmt="%.1e"}   formatted with string.format
    [02-split/train_labels]{.v index=0}      one element (from 0) of a list
    [04-loss/accuracy_test]{.v scale=100 fmt="%.1f"}  times 100 first
    [03-forward]{.v match="of 0 or 1: ([%d.]+)"}       the first capture of a
                                             Lua pattern in output.txt
    [07-sweep/sweep.tsv:accuracy]{.v where="eta=1e-05,lambda=1e-05"}
                                             a cell of a TSV file the run
                                             wrote: the column's value in
                                             the one row that matches; with
                                             agg=count|sum|max|min, over all
                                             matching rows
    [bench/shapes.tsv:tuned_gflops/mat_matmul_gflops]{.v agg=min label=product}
                                             a ratio of two columns, row by
                                             row; label= gives not the
                                             extreme but that row's column
    [03-forward/prediction0]{.v expect=8}    and stop the build unless the
                                             (formatted) value is 8: for
                                             prose that relies on it
    [recipe-cv/cv_errors]{.v below="recipe-cv-gain1/cv_errors"}
                                             and stop the build unless the
                                             value is below (above=: above)
                                             that key of another run's
                                             summary: for a conclusion the
                                             prose draws from the two

  A table from a TSV file a run wrote, as a real table of the book:
    ```{.table chapter=08-beyond file=ablation.tsv columns="step name min"
        header="Row|What changed|Worst" fmt="%d %s %.3f"}
    ```
    columns are the file's column names, fmt one string.format per column
    (default %s), header the column titles separated by |; a value that
    is not a number where fmt wants one stops the build, so does "nan".

  Any other empty code block is an error: pandoc would print it silently.
--]]

local build_dir = "build"
local latex = FORMAT:match("latex") ~= nil

-- Stops the build with one clear line on stderr (error() would bury the
-- message in an escaped Lua traceback).
local function die(fmt, ...)
  io.stderr:write("book: error: ", string.format(fmt, ...), "\n")
  os.exit(1)
end

local function read_file(path)
  local f, msg = io.open(path, "rb")
  if not f then return nil, msg end
  local text = f:read("a")
  f:close()
  return text
end

local function must_read(path, what)
  local text, msg = read_file(path)
  if not text then die("cannot read %s %s (%s)", what, path, msg) end
  if text == "" then die("%s %s is empty", what, path) end
  return text
end

local function split_lines(text)
  local lines = {}
  for line in (text:gsub("\r\n", "\n") .. "\n"):gmatch("(.-)\n") do
    lines[#lines + 1] = line
  end
  if lines[#lines] == "" then lines[#lines] = nil end
  return lines
end

local function words(s)
  local out = {}
  for w in (s or ""):gmatch("%S+") do out[#out + 1] = w end
  return out
end

-- Plain-text search (C code is full of Lua pattern characters).
local function has(line, text) return line:find(text, 1, true) ~= nil end

-- Removes the indentation common to all non-blank lines.
local function dedent(lines)
  local min
  for _, l in ipairs(lines) do
    if l:find("%S") then
      local ind = #l:match("^ *")
      if not min or ind < min then min = ind end
    end
  end
  local out = {}
  for i, l in ipairs(lines) do out[i] = l:sub((min or 0) + 1) end
  return out
end

local function slice(lines, a, b)
  local out = {}
  for i = a, b do out[#out + 1] = lines[i] end
  return out
end

---------------------------------------------------------------------------
-- Finding things in C sources

-- The comment block that ends on line i (a /* ... */ block whose last line
-- ends with */, or a run of // lines); returns its first line, or i + 1.
local function comment_start(lines, i)
  if i < 1 then return i + 1 end
  local l = lines[i]
  if l:match("%*/%s*$") then
    for j = i, 1, -1 do
      if has(lines[j], "/*") then return j end
    end
  elseif l:match("^%s*//") and not l:match("^%s*//[<>]") then
    local j = i
    while j > 1 and lines[j - 1]:match("^%s*//") and
          not lines[j - 1]:match("^%s*//[<>]") do
      j = j - 1
    end
    return j
  end
  return i + 1
end

-- Does line (at column 0) mention name as a called/declared identifier?
local function names_function(line, name)
  if not line:match("^[%a_]") then return false end
  local s = 1
  while true do
    local a, b = line:find(name, s, true)
    if not a then return false end
    local before = a > 1 and line:sub(a - 1, a - 1) or " "
    if not before:match("[%w_]") and line:sub(b + 1):match("^%s*%(") then
      return true
    end
    s = b + 1
  end
end

-- Brace balance of a line, ignoring braces inside string and char literals
-- and comments (good enough for our own sources).
local function brace_delta(line)
  local l = line:gsub('"[^"]*"', ""):gsub("'[^']*'", "")
              :gsub("/%*.-%*/", ""):gsub("//.*$", "")
  local _, open = l:gsub("{", "")
  local _, close = l:gsub("}", "")
  return open - close
end

-- Line range of the definition of function name: from its first line (at
-- column 0) to its closing brace (balanced, normally a `}` at column 0).
local function find_function(lines, name, path)
  local found = {}
  for i, l in ipairs(lines) do
    if names_function(l, name) then
      -- the signature ends at the first `{` (a definition) or `;`
      for j = i, math.min(i + 20, #lines) do
        local lj = lines[j]
        if has(lj, "{") then
          local depth, k = 0, j
          for m = j, #lines do
            depth = depth + brace_delta(lines[m])
            k = m
            if depth <= 0 then break end
          end
          if depth ~= 0 then die("%s: function %s has no closing brace",
                                 path, name) end
          found[#found + 1] = {i, k}
          break
        elseif has(lj, ";") then
          break
        end
      end
    end
  end
  if #found == 0 then die("%s: no definition of function '%s'", path, name) end
  if #found > 1 then
    die("%s: function '%s' is defined %d times", path, name, #found)
  end
  return found[1][1], found[1][2]
end

-- Line range of the prototype of name (ending with `;`).
local function find_decl(lines, name, path)
  for i, l in ipairs(lines) do
    if names_function(l, name) then
      for j = i, math.min(i + 20, #lines) do
        if has(lines[j], "{") then break end
        if has(lines[j], ";") then return i, j end
      end
    end
  end
  die("%s: no declaration of '%s'", path, name)
end

-- Line range of `typedef ... { ... } name;` or `typedef enum {...} name;`.
local function find_type(lines, name, path)
  for i, l in ipairs(lines) do
    if l:match("^}%s*" .. name:gsub("%W", "%%%0") .. "%s*;") then
      for j = i, 1, -1 do
        if lines[j]:match("^typedef") then return j, i end
      end
    end
    if l:match("^typedef") and l:match("[%s%*]" .. name .. "%s*;%s*$") then
      return i, i
    end
  end
  die("%s: no typedef named '%s'", path, name)
end

-- Every //> name ... //< name region of the file, checked for balance.
local function regions(lines, path)
  local open, found = {}, {}
  for i, l in ipairs(lines) do
    local kind, name = l:match("^%s*//([<>])%s*(%S+)%s*$")
    if kind == ">" then
      if open[name] or found[name] then
        die("%s:%d: region '%s' opened twice", path, i, name)
      end
      open[name] = i
    elseif kind == "<" then
      if not open[name] then
        die("%s:%d: region '%s' closed but never opened", path, i, name)
      end
      found[name] = {open[name], i}
      open[name] = nil
    end
  end
  for name, i in pairs(open) do
    die("%s:%d: region '%s' is never closed", path, i, name)
  end
  return found
end

local function region_text(lines, path, name)
  local all = regions(lines, path)
  local r = all[name]
  if not r then
    local names = {}
    for n in pairs(all) do names[#names + 1] = n end
    table.sort(names)
    die("%s: no region '%s' (regions there: %s)", path, name,
        #names > 0 and table.concat(names, ", ") or "none")
  end
  local out = {}
  for i = r[1] + 1, r[2] - 1 do
    if not lines[i]:match("^%s*//[<>]%s*%S+%s*$") then
      out[#out + 1] = lines[i]
    end
  end
  return dedent(out)
end

local function head_comment(lines, path)
  if not lines[1] or not has(lines[1], "/*") then
    die("%s: the file does not start with a comment", path)
  end
  for i, l in ipairs(lines) do
    if has(l, "*/") then return slice(lines, 1, i) end
  end
  die("%s: the opening comment is never closed", path)
end

local function with_comment(lines, a, b)
  return slice(lines, comment_start(lines, a - 1), b)
end

---------------------------------------------------------------------------
-- Code blocks

local function join_pieces(pieces)
  local out = {}
  for i, p in ipairs(pieces) do
    if i > 1 then out[#out + 1] = "" end
    for _, l in ipairs(p) do out[#out + 1] = l end
  end
  return table.concat(out, "\n")
end

-- The lines marking an exercise (learn/exercises.tsv) are for the learner
-- mode's tools, not for the reader: listings leave them out.
local function drop_exercise_markers(text)
  local out = {}
  for _, l in ipairs(split_lines(text)) do
    local marker = l:match("^%s*/%*%s*EXERCISE BEGIN [%w_]+%s*%*/%s*$") or
                   l:match("^%s*/%*%s*EXERCISE END [%w_]+%s*%*/%s*$")
    if not marker then
      out[#out + 1] = l
    end
  end
  return table.concat(out, "\n")
end

local function include_code(el)
  local a = el.attributes
  local path = a.include
  if el.text:find("%S") then
    die("the code block that includes %s must be empty in book.md", path)
  end
  local lines = split_lines(must_read(path, "source file"))
  local pieces, what = {}, {}
  for _, name in ipairs(words(a["function"])) do
    pieces[#pieces + 1] = with_comment(lines, find_function(lines, name, path))
    what[#what + 1] = name .. "()"
  end
  for _, name in ipairs(words(a.decl)) do
    pieces[#pieces + 1] = with_comment(lines, find_decl(lines, name, path))
    what[#what + 1] = name .. "()"
  end
  for _, name in ipairs(words(a.type)) do
    pieces[#pieces + 1] = with_comment(lines, find_type(lines, name, path))
    what[#what + 1] = name
  end
  for _, name in ipairs(words(a.region)) do
    pieces[#pieces + 1] = region_text(lines, path, name)
    what[#what + 1] = "region " .. name
  end
  if a.comment == "head" then
    pieces[#pieces + 1] = head_comment(lines, path)
    what[#what + 1] = "opening comment"
  elseif a.comment then
    die("%s: comment=%s: only comment=head is known", path, a.comment)
  end
  if #pieces == 0 then
    pieces[1] = lines
  end
  local text = drop_exercise_markers(join_pieces(pieces))
  if not text:find("%S") then die("%s: the included code is empty", path) end
  local keep = {}
  for _, c in ipairs(el.classes) do
    if c ~= "nocaption" then keep[#keep + 1] = c end
  end
  for _, k in ipairs({"include", "function", "decl", "type", "region",
                      "comment"}) do
    a[k] = nil
  end
  local code = pandoc.CodeBlock(text, pandoc.Attr(el.identifier, keep, {}))
  if el.classes:includes("nocaption") then return code end
  local label = path
  if #what > 0 then label = path .. ": " .. table.concat(what, ", ") end
  local blocks = {pandoc.Plain({pandoc.Code(label)}), code}
  if latex then
    -- The line naming the file never ends a page without its code.
    table.insert(blocks, 2, pandoc.RawBlock("latex", "\\nopagebreak"))
  end
  return pandoc.Div(blocks, pandoc.Attr("", {"listing"}))
end

---------------------------------------------------------------------------
-- Program output and summary keys

local outputs = {}

local function output_lines(chapter)
  if not outputs[chapter] then
    local path = build_dir .. "/out/" .. chapter .. "/output.txt"
    outputs[chapter] = split_lines(must_read(path, "program output"))
  end
  return outputs[chapter]
end

local summaries = {}

local function summary(chapter)
  if summaries[chapter] then return summaries[chapter] end
  local keys, line = {}, nil
  for _, l in ipairs(output_lines(chapter)) do
    if l:match("^summary:") then line = l end
  end
  if not line then die("%s/output.txt has no summary: line", chapter) end
  for k, v in line:sub(9):gmatch("([%w_]+)=(%S*)") do keys[k] = v end
  summaries[chapter] = keys
  return keys
end

local function include_output(el)
  local a = el.attributes
  local chapter = a.chapter
  if el.text:find("%S") then
    die("the output block of %s must be empty in book.md", chapter)
  end
  local lines = output_lines(chapter)
  local first, last = 1, #lines
  if a.from then
    first = nil
    for i, l in ipairs(lines) do
      if has(l, a.from) then first = i; break end
    end
    if not first then
      die("%s/output.txt: no line contains from=\"%s\"", chapter, a.from)
    end
  end
  if a["until"] then
    last = nil
    for i = first, #lines do
      if has(lines[i], a["until"]) then last = i - 1; break end
    end
    if not last then
      die("%s/output.txt: no line after from contains until=\"%s\"",
          chapter, a["until"])
    end
  elseif a.to then
    last = nil
    for i = #lines, first, -1 do
      if has(lines[i], a.to) then last = i; break end
    end
    if not last then
      die("%s/output.txt: no line after from contains to=\"%s\"",
          chapter, a.to)
    end
  end
  local out = {}
  for i = first, last do
    local l = lines[i]
    if a.summary == "keep" or not l:match("^summary:") then
      out[#out + 1] = l
    end
  end
  while #out > 0 and not out[#out]:find("%S") do out[#out] = nil end
  if #out == 0 then die("%s/output.txt: the selected lines are empty", chapter) end
  local text = table.concat(out, "\n")
  if text:find("[\128-\255]") then
    die("%s/output.txt holds non-ASCII bytes, which pdflatex cannot set",
        chapter)
  end
  if latex then
    -- In the PDF, output is framed above and below and labelled, so it
    -- cannot be taken for code (the HTML shades and labels it in CSS).
    return pandoc.RawBlock("latex",
      "\\begin{Verbatim}[frame=lines,framerule=0.6pt,rulecolor=\\color{gray}," ..
      "label={\\sffamily\\footnotesize output of " ..
      chapter:gsub("[^%w%-]", "") .. "},fontsize=\\small,framesep=2mm]\n" ..
      text .. "\n\\end{Verbatim}")
  end
  return pandoc.CodeBlock(text, pandoc.Attr(el.identifier, {"output"}, {}))
end

local tsvs = {}

-- A TSV file a chapter wrote: header line of column names, then rows.
local function tsv(chapter, file)
  local path = build_dir .. "/out/" .. chapter .. "/" .. file
  if not tsvs[path] then
    local lines = split_lines(must_read(path, "data file"))
    local t = {cols = {}, rows = {}, path = path}
    for name in (lines[1] .. "\t"):gmatch("([^\t]*)\t") do
      t.cols[#t.cols + 1] = name
    end
    for i = 2, #lines do
      local row, j = {}, 0
      for field in (lines[i] .. "\t"):gmatch("([^\t]*)\t") do
        j = j + 1
        row[t.cols[j] or j] = field
      end
      t.rows[#t.rows + 1] = row
    end
    tsvs[path] = t
  end
  return tsvs[path]
end

-- [chapter/file.tsv:column]{.v where="c1=v1,c2=v2" agg=count|max|min|sum}
local function tsv_value(chapter, file, col, a)
  local t = tsv(chapter, file)
  -- col may be a ratio of two columns, "a/b", taken row by row.
  local num_col, den_col = col:match("^([%w_]+)/([%w_]+)$")
  for _, c in ipairs(num_col and {num_col, den_col} or {col}) do
    local known = false
    for _, name in ipairs(t.cols) do known = known or name == c end
    if not known and a.agg ~= "count" then
      die("%s has no column '%s' (columns: %s)", t.path, c,
          table.concat(t.cols, ", "))
    end
  end
  local function value(row)
    if not num_col then return row[col] end
    local x, y = tonumber(row[num_col]), tonumber(row[den_col])
    if not x or not y or y == 0 then
      die("%s: %s / %s is not a number in some row", t.path, num_col,
          den_col)
    end
    return string.format("%.17g", x / y)
  end
  local conds = {}
  for c, v in (a.where or ""):gmatch("([^,=]+)=([^,]+)") do
    local ok = false
    for _, name in ipairs(t.cols) do ok = ok or name == c end
    if not ok then die("%s has no column '%s' (in where=)", t.path, c) end
    conds[#conds + 1] = {c, v}
  end
  local hits = {}
  for _, row in ipairs(t.rows) do
    local ok = true
    for _, cv in ipairs(conds) do
      local x, y = row[cv[1]], cv[2]
      if not (x == y or (tonumber(x) and tonumber(x) == tonumber(y))) then
        ok = false
      end
    end
    if ok then hits[#hits + 1] = row end
  end
  if a.agg == "count" then return tostring(#hits) end
  if #hits == 0 then
    die("%s: no row where %s", t.path, a.where or "(any)")
  end
  if not a.agg then
    if #hits > 1 then
      die("%s: %d rows where %s; say which, or give agg=", t.path, #hits,
          a.where or "(any)")
    end
    return value(hits[1])
  end
  local acc, at
  for _, row in ipairs(hits) do
    local x = tonumber(value(row))
    if not x or x ~= x then die("%s: '%s' in column %s is not a number",
                                t.path, value(row), col) end
    if a.agg == "sum" then acc = (acc or 0) + x
    elseif a.agg == "max" then
      if not acc or x > acc then acc, at = x, row end
    elseif a.agg == "min" then
      if not acc or x < acc then acc, at = x, row end
    else die("agg=%s: use count, sum, max or min", a.agg) end
  end
  -- label=COLUMN: not the extreme value, but that row's COLUMN.
  if a.label then
    if not at then die("label= needs agg=min or agg=max") end
    if at[a.label] == nil then
      die("%s has no column '%s' (in label=)", t.path, a.label)
    end
    return at[a.label]
  end
  return string.format("%.17g", acc)
end

local function value(el)
  local ref = pandoc.utils.stringify(el.content)
  local a = el.attributes
  local chapter, key = ref:match("^([^/]+)/([%w_]+)$")
  local tchapter, tfile, tcol = ref:match("^([^/]+)/([%w_%-]+%.tsv):([%w_/]+)$")
  local v
  if tchapter then
    v = tsv_value(tchapter, tfile, tcol, a)
  elseif a.match then
    chapter = ref
    for _, l in ipairs(output_lines(chapter)) do
      v = l:match(a.match)
      if v then break end
    end
    if not v then
      die("%s/output.txt: no line matches \"%s\"", chapter, a.match)
    end
  else
    if not chapter then
      die("[%s]{.v}: write [chapter/key]{.v}, e.g. [03-forward/cost0]{.v}",
          ref)
    end
    v = summary(chapter)[key]
    if not v then
      die("%s/output.txt: the summary line has no key '%s'", chapter, key)
    end
  end
  if a.index then
    local items = {}
    for item in v:gmatch("[^,]+") do items[#items + 1] = item end
    local i = tonumber(a.index)
    if not i or not items[i + 1] then
      die("%s: index %s is out of range (%d values)", ref, a.index, #items)
    end
    v = items[i + 1]
  end
  if a.scale or a.fmt then
    local x = tonumber(v)
    if not x then die("%s: '%s' is not a number", ref, v) end
    if a.scale then x = x * tonumber(a.scale) end
    if a.fmt then
      if a.fmt:match("%%[di]") then x = math.floor(x + 0.5) end
      v = string.format(a.fmt, x)
    else
      v = tostring(x)
    end
  end
  if a.expect and v ~= a.expect then
    die("%s is %s, but the text around it says %s (expect=)", ref, v,
        a.expect)
  end
  -- below=/above=: the prose draws a conclusion from a comparison.
  for _, rel in ipairs({"below", "above"}) do
    if a[rel] then
      local oc, ok = a[rel]:match("^([^/]+)/([%w_]+)$")
      if not oc then die("%s=%s: write chapter/key", rel, a[rel]) end
      local other = tonumber(summary(oc)[ok])
      local x = tonumber(v)
      if not other or not x then
        die("%s: %s=%s compares '%s' with '%s', not two numbers", ref, rel,
            a[rel], v, tostring(summary(oc)[ok]))
      end
      if (rel == "below" and not (x < other)) or
         (rel == "above" and not (x > other)) then
        die("%s is %s, not %s %s = %s, as the text around it says (%s=)",
            ref, v, rel, a[rel], summary(oc)[ok], rel)
      end
    end
  end
  -- A list reads "684, 559, 1653" in prose; its items may break apart.
  if v:find(",") then
    local out = pandoc.List()
    for item in v:gmatch("[^,]+") do
      if #out > 0 then out:extend({pandoc.Str(","), pandoc.Space()}) end
      out:insert(pandoc.Str(item))
    end
    return out
  end
  return pandoc.Str(v)
end

---------------------------------------------------------------------------

-- ```{.table chapter=C file=F.tsv columns="a b" header="A|B" fmt="%s %.3f"}```
local function include_table(el)
  local a = el.attributes
  if not a.chapter or not a.file or not a.columns then
    die("a .table block needs chapter=, file= and columns=")
  end
  local t = tsv(a.chapter, a.file)
  local cols, fmts, heads = words(a.columns), words(a.fmt), {}
  for h in ((a.header or "") .. "|"):gmatch("([^|]*)|") do
    heads[#heads + 1] = h
  end
  if a.header and #heads ~= #cols then
    die("%s: %d columns but %d headers", t.path, #cols, #heads)
  end
  for _, c in ipairs(cols) do
    local ok = false
    for _, name in ipairs(t.cols) do ok = ok or name == c end
    if not ok then
      die("%s has no column '%s' (columns: %s)", t.path, c,
          table.concat(t.cols, ", "))
    end
  end
  local function cell(text) return {pandoc.Plain({pandoc.Str(text)})} end
  local header, rows, aligns, widths = {}, {}, {}, {}
  for i, c in ipairs(cols) do
    header[i] = cell(a.header and heads[i] or c)
    local numeric = fmts[i] and fmts[i]:match("%%[-0-9.]*[deEfgGi]")
    aligns[i] = numeric and pandoc.AlignRight or pandoc.AlignLeft
    widths[i] = 0
  end
  for r, row in ipairs(t.rows) do
    rows[r] = {}
    for i, c in ipairs(cols) do
      local v, f = row[c] or "", fmts[i] or "%s"
      if f:match("%%[-0-9.]*[deEfgGi]") then
        local x = tonumber(v)
        if not x or x ~= x then
          die("%s, row %d, column %s: '%s' is not a number", t.path, r, c, v)
        end
        if f:match("%%[-0-9]*[di]") then x = math.floor(x + 0.5) end
        v = string.format(f, x)
      else
        v = string.format(f, v)
      end
      rows[r][i] = cell(v)
    end
  end
  return pandoc.utils.from_simple_table(
    pandoc.SimpleTable({}, aligns, widths, header, rows))
end

local function code_block(el)
  if el.attributes.include then return include_code(el) end
  if el.classes:includes("table") then return include_table(el) end
  if el.classes:includes("output") then return include_output(el) end
  if not el.text:find("%S") then
    die("an empty code block (classes: %s) includes nothing; give it " ..
        "include=FILE or .output chapter=NAME",
        table.concat(el.classes, " "))
  end
  return nil
end

local function span(el)
  if el.classes:includes("v") then return value(el) end
  return nil
end

function Pandoc(doc)
  if doc.meta["build-dir"] then
    build_dir = pandoc.utils.stringify(doc.meta["build-dir"])
  end
  return doc:walk({CodeBlock = code_block, Span = span})
end
