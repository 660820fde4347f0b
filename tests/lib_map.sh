#!/bin/sh
# tests/lib_map.sh - lib/README.md's table against lib/'s include graph.
#
# Fails, naming the module, when the table misses a module of lib/ or
# lists one that is not there, when a module's "uses" column differs from
# the headers its .h and .c include, or when a module uses one listed
# below it (the table is in dependency order).
set -eu
cd "$(dirname "$0")/.."
table=lib/README.md
fail=0

# module: its row's "uses", as a sorted space-separated list
rows=$(sed -n 's/^| `\([a-z_]*\)` |.*| \(.*\) |$/\1:\2/p' "$table" |
       sed 's/`//g; s/,//g; s/:-$/:/')
listed=$(echo "$rows" | cut -d: -f1 | sort)
present=$(ls lib/*.c lib/*.h | sed 's|lib/||; s|\.[ch]$||' | sort -u)
if [ "$listed" != "$present" ]; then
    echo "lib_map: $table lists: $(echo $listed)"
    echo "lib_map: lib/ holds:    $(echo $present)"
    fail=1
fi

echo "$rows" | {
    seen=" "
    while IFS=: read -r m uses; do
        want=$(echo $uses | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ')
        got=$(cat lib/$m.h lib/$m.c 2>/dev/null |
              sed -n 's/^#include "\([a-z_]*\)\.h".*/\1/p' | grep -vx "$m" |
              sort -u | tr '\n' ' ')
        if [ "$want" != "$got" ]; then
            echo "lib_map: $m uses '$got' but $table says '$want'"
            fail=1
        fi
        for u in $got; do
            case "$seen" in
            *" $u "*) ;;
            *) echo "lib_map: $m uses $u, which the table lists below it"
               fail=1 ;;
            esac
        done
        seen="$seen$m "
    done
    exit $fail
} || fail=1
[ $fail -eq 0 ] && echo "lib_map: $table matches lib/'s includes"
exit $fail
