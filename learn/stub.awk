# stub.awk - a source file with the bodies of some exercises stubbed out.
#
#   awk -f learn/stub.awk -v names="xent accuracy" -v set=04 \
#       learn/exercises.tsv lib/loss.c > mine/lib/loss.c
#
# Between the lines holding EXERCISE BEGIN <name> and EXERCISE END <name>,
# for each name listed, the body is replaced by a comment saying what to
# write and where the book explains it, and by the catalogue's stub, which
# compiles and returns something harmless.  The markers stay, so the body
# can be found again (progress, solution).  Every other line is copied.
# A name missing from the file or the catalogue, or unbalanced markers,
# stop with status 2 and a message naming the file.
BEGIN {
    FS = "\t"
    n = split(names, list, " ")
    for (i = 1; i <= n; i++)
        wanted[list[i]] = 1
}
FNR == NR {
    if ($0 !~ /^#/ && NF >= 7) {
        section[$1] = $5; task[$1] = $6; stub[$1] = $7
    }
    next
}
{
    if (match($0, /EXERCISE BEGIN [A-Za-z0-9_]+/)) {
        name = substr($0, RSTART + 15, RLENGTH - 15)
        if (open != "")
            fail(FILENAME ":" FNR ": EXERCISE BEGIN " name " inside " open)
        open = name
        print
        if (name in wanted) {
            if (!(name in stub))
                fail("learn/exercises.tsv: no exercise named " name)
            seen[name] = 1
            indent = $0
            sub(/[^ \t].*$/, "", indent)
            print indent "/* Your code: " task[name] "."
            print indent " * Book: " section[name] ".  Replace this comment"
            print indent " * and the stub below; make check-" set \
                  " MINE=1 grades it. */"
            print indent stub[name]
        }
        next
    }
    if (match($0, /EXERCISE END [A-Za-z0-9_]+/)) {
        name = substr($0, RSTART + 13, RLENGTH - 13)
        if (name != open)
            fail(FILENAME ":" FNR ": EXERCISE END " name " without its BEGIN")
        open = ""
        print
        next
    }
    if (open == "" || !(open in wanted))
        print
}
END {
    if (failed)
        exit 2
    if (open != "")
        fail(FILENAME ": EXERCISE BEGIN " open " is never ended")
    for (i = 1; i <= n; i++)
        if (!(list[i] in seen))
            fail(FILENAME ": no EXERCISE BEGIN " list[i])
}
function fail(msg) {
    print "stub.awk: " msg > "/dev/stderr"
    failed = 1
    exit 2
}
