-- prose.lua - check-book: the book's own prose, as plain text.  Run after
-- filters/fragments.lua; drops code blocks and raw blocks, so that what
-- is left is what the authors wrote (inline numbers stay unresolved).
function CodeBlock() return {} end
function RawBlock() return {} end
