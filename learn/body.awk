# body.awk - the body of one exercise: the lines strictly between
# EXERCISE BEGIN <name> and EXERCISE END <name>.
#
#   awk -f learn/body.awk -v name=xent lib/loss.c
#
# Exits 1 (printing nothing) when the file has no such exercise.
match($0, /EXERCISE END [A-Za-z0-9_]+/) &&
    substr($0, RSTART + 13, RLENGTH - 13) == name { inside = 0; done = 1 }
inside { print }
match($0, /EXERCISE BEGIN [A-Za-z0-9_]+/) &&
    substr($0, RSTART + 15, RLENGTH - 15) == name { inside = 1 }
END { exit done ? 0 : 1 }
