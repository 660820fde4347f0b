#!/bin/sh
# learn.sh - learner mode's commands (mk/learn.mk calls them; see there).
#
#   sh learn/learn.sh exercise SET      stubbed copies of SET's files in mine/
#   sh learn/learn.sh solution SET      diff between mine/ and the reference
#   sh learn/learn.sh progress          state of every exercise
#   sh learn/learn.sh check-mistakes B  (CI) every stub and every catalogued
#                                       mistake fails, named by its hint; B is
#                                       a MINE=1 build of the reference
#
# Plain POSIX sh and awk: nothing beyond what tools/install-deps installs.
set -eu

CAT=learn/exercises.tsv
MINE=${MINE_DIR:-mine}
MAKE=${MAKE:-make}

die() { printf 'learn: %s\n' "$*" >&2; exit 2; }

[ -f "$CAT" ] || die "run me from the top of the repository"

# Catalogue lines (no comments): name set file function section task stub.
entries() { awk -F'\t' '!/^#/ && NF >= 7' "$CAT"; }
field() { entries | awk -F'\t' -v n="$1" -v f="$2" '$1 == n { print $f }'; }
names_of_set() { entries | awk -F'\t' -v s="$1" '$2 == s { print $1 }'; }
files_of_set() { entries | awk -F'\t' -v s="$1" '$2 == s { print $3 }' |
                 awk '!seen[$0]++'; }
names_in_file() { entries | awk -F'\t' -v s="$1" -v f="$2" \
                      '$2 == s && $3 == f { printf "%s ", $1 }'; }

body() { awk -f learn/body.awk -v name="$1" "$2"; }

# The body the stub gives exercise $1 (of set $2, in file $3).
stub_body() {
    awk -f learn/stub.awk -v names="$1" -v set="$2" "$CAT" "$3" |
        awk -f learn/body.awk -v name="$1"
}

# mine/.exercises lists the exercises make exercise-SET handed out; the
# others in a copied file still hold the reference and are not started.
record() {
    for n in "$@"; do
        given "$n" || echo "$n" >> "$MINE/.exercises"
    done
}
given() { grep -qx "$1" "$MINE/.exercises" 2>/dev/null; }

check_set() {
    [ -n "$(names_of_set "$1")" ] ||
        die "no exercises for '$1'; there are: $(entries | cut -f2 |
             sort -u | tr '\n' ' ')"
}

cmd_exercise() {
    set_=$1
    check_set "$set_"
    for f in $(files_of_set "$set_"); do
        names=$(names_in_file "$set_" "$f")
        if [ ! -e "$MINE/$f" ]; then
            mkdir -p "$(dirname "$MINE/$f")"
            awk -f learn/stub.awk -v names="$names" -v set="$set_" \
                "$CAT" "$f" > "$MINE/$f.tmp"
            mv "$MINE/$f.tmp" "$MINE/$f"
            record $names
            echo "wrote $MINE/$f: exercises $names"
            continue
        fi
        # The file is there (another set's exercise, or this one begun):
        # stub only the exercises whose body is still the reference's.
        fresh=""
        for n in $names; do
            if body "$n" "$MINE/$f" > /dev/null 2>&1 &&
               [ "$(body "$n" "$MINE/$f")" = "$(body "$n" "$f")" ]; then
                fresh="$fresh $n"
            else
                echo "$MINE/$f: exercise $n is already there; kept (to" \
                     "start it over: rm $MINE/$f && make exercise-$set_)"
            fi
        done
        if [ -n "$fresh" ]; then
            awk -f learn/stub.awk -v names="$fresh" -v set="$set_" \
                "$CAT" "$MINE/$f" > "$MINE/$f.tmp"
            mv "$MINE/$f.tmp" "$MINE/$f"
            # shellcheck disable=SC2086
            record $fresh
            echo "stubbed$fresh in $MINE/$f"
        fi
    done
    echo "next: edit those files, then make check-$set_ MINE=1"
}

cmd_solution() {
    set_=$1
    check_set "$set_"
    for f in $(files_of_set "$set_"); do
        if [ -e "$MINE/$f" ]; then
            diff -u --label "$MINE/$f" --label "$f" "$MINE/$f" "$f" ||
                true
        else
            echo "$MINE/$f: not started (make exercise-$set_)"
        fi
    done
}

cmd_progress() {
    runner=build/mine/tests/runner
    built=no
    if [ -d "$MINE" ] && [ -n "$(find "$MINE" -name '*.c' 2>/dev/null)" ]; then
        log=$(mktemp)
        if $MAKE --no-print-directory -s MINE=1 "$runner" > "$log" 2>&1; then
            built=yes
        else
            echo "mine/ does not compile yet:"
            grep -E 'error' "$log" | head -5
            echo
            built=broken
        fi
        rm -f "$log"
    fi
    printf '%-14s %-8s %s\n' exercise chapter state
    entries | while IFS='	' read -r name set_ file fn section task stub; do
        state="not started"
        if [ -e "$MINE/$file" ] && given "$name" &&
           [ "$(body "$name" "$MINE/$file" 2>/dev/null || true)" != \
             "$(stub_body "$name" "$set_" "$file")" ]; then
            if [ "$built" = broken ]; then
                state="failing: does not compile"
            else
                out=$(CK_FORK=yes CK_RUN_CASE="$name" "$runner" "ex$set_" \
                      2>&1) && state="passing" || {
                    first=$(printf '%s\n' "$out" |
                            awk -F: '$3 == "F" || $3 == "E" { print $5; exit }')
                    state="failing: ${first:-see make check-$set_ MINE=1}"
                }
            fi
        fi
        printf '%-14s %-8s %s\n' "$name" "$set_" "$state"
    done
}

# ---- CI: every stub and every catalogued mistake fails -----------------
# Each case copies one file into a scratch mine/, changes it, rebuilds
# what changed (one object, the archive, the runner) and runs only that
# exercise's test case.
cmd_check_mistakes() {
    b=$1
    runner=$b/tests/runner
    scratch=$b/scratch
    # shellcheck source=/dev/null
    . "$b/commands.sh"
    sets=$(entries | cut -f2 | sort -u | sed 's/^/ex/' | tr '\n' ' ')
    # shellcheck disable=SC2086
    "$runner" $sets > "$b/reference.txt" 2>&1 ||
        { cat "$b/reference.txt"; die "the reference fails its exercises"; }
    mkdir -p "$b/scratch-obj"
    link "$b/libnn.a" "$b/scratch-obj/runner" ||
        die "the link in $b/commands.sh no longer matches the runner's" \
            "(mk/learn.mk)"
    total=0 named=0 promised=0 bad=0
    # Every marked body is catalogued, every chapter's exercise is in the
    # chapter's Exercises section.
    for name in $(grep -rhoE 'EXERCISE BEGIN [A-Za-z0-9_]+' lib chapters |
                  cut -d' ' -f3); do
        [ -n "$(field "$name" 1)" ] || {
            echo "FAIL: exercise $name is marked but not in $CAT"
            bad=$((bad + 1))
        }
    done
    for name in $(entries | cut -f1); do
        set_=$(field "$name" 2)
        case $set_ in [0-9][0-9])
            grep -qF "\`$name\`" "book/exercises-$set_.md" 2>/dev/null || {
                echo "FAIL: book/exercises-$set_.md does not list \`$name\`"
                bad=$((bad + 1))
            } ;;
        esac
    done
    for name in $(entries | cut -f1); do
        set_=$(field "$name" 2)
        file=$(field "$name" 3)
        # The stub: compiles, every test of the exercise fails with a hint.
        rm -rf "$scratch"
        mkdir -p "$(dirname "$scratch/$file")"
        awk -f learn/stub.awk -v names="$name" -v set="$set_" "$CAT" \
            "$file" > "$scratch/$file"
        if ! out=$(grade "$b" "$name" "$set_" "$file"); then
            echo "$out"
            echo "FAIL: the stub of $name does not build"
            bad=$((bad + 1))
        elif ! printf '%s\n' "$out" | grep -q ', Failures: [1-9][0-9]*, Errors: 0$' ||
             printf '%s\n' "$out" | grep -q '^100%' ||
             ! printf '%s\n' "$out" | grep -q 'hint:'; then
            echo "$out"
            echo "FAIL: the stub of $name does not fail cleanly with a hint"
            bad=$((bad + 1))
        else
            echo "ok   $name: the stub fails cleanly"
        fi
        for fx in learn/mistakes/"$name"-*.sed; do
            [ -e "$fx" ] || continue
            total=$((total + 1))
            cp "$file" "$scratch/$file"
            sed -f "$fx" "$file" > "$scratch/$file"
            hint=$(sed -n 's/^# hint: //p' "$fx")
            what=$(sed -n 's/^# mistake: //p' "$fx")
            if cmp -s "$file" "$scratch/$file"; then
                echo "FAIL: $fx changes nothing in $file any more"
                bad=$((bad + 1))
                continue
            fi
            [ "$hint" = "-" ] || promised=$((promised + 1))
            if ! out=$(grade "$b" "$name" "$set_" "$file"); then
                echo "$out"
                echo "FAIL: $fx does not build"
                bad=$((bad + 1))
            elif printf '%s\n' "$out" | grep -q '^100%'; then
                echo "$out"
                echo "FAIL: $fx ($what) passes the tests of $name"
                bad=$((bad + 1))
            elif [ "$hint" != "-" ] &&
                 ! printf '%s\n' "$out" | grep 'hint:' | grep -qF "$hint"; then
                echo "$out"
                echo "FAIL: $fx ($what): no hint says '$hint'"
                bad=$((bad + 1))
            else
                [ "$hint" = "-" ] || named=$((named + 1))
                echo "ok   $name: $what${hint:+ (hint: $hint)}"
            fi
        done
    done
    rm -rf "$scratch" "$b/scratch-obj"
    echo "check-mistakes: $total mistakes over $(entries | wc -l) exercises" \
         "all fail; $named of them named by the hint ($promised promised)"
    [ "$bad" -eq 0 ] || die "$bad problems"
}

# Builds a runner from build $1's library with the scratch copy of file $4
# compiled in its place (the commands make wrote to $1/commands.sh, so
# only that object is compiled and the runner linked) and runs exercise
# $2's case of suite ex$3; prints the runner's output.  Fails when the
# build fails.
grade() {
    obj=$1/scratch-obj/$(basename "${4%.c}").o
    mkdir -p "$1/scratch-obj"
    compile "$1/scratch/$4" "$obj" 2>&1 || return 1
    cp "$1/libnn.a" "$1/scratch-obj/libnn.a"
    ar rs "$1/scratch-obj/libnn.a" "$obj" 2>&1 || return 1
    link "$1/scratch-obj/libnn.a" "$1/scratch-obj/runner" 2>&1 || return 1
    CK_FORK=yes CK_RUN_CASE="$2" "$1/scratch-obj/runner" "ex$3" 2>&1 || true
}

case ${1:-} in
exercise) [ $# -eq 2 ] || die "usage: learn.sh exercise SET"; cmd_exercise "$2" ;;
solution) [ $# -eq 2 ] || die "usage: learn.sh solution SET"; cmd_solution "$2" ;;
progress) cmd_progress ;;
check-mistakes) [ $# -eq 2 ] || die "usage: learn.sh check-mistakes BUILD"
                cmd_check_mistakes "$2" ;;
*) die "usage: learn.sh exercise|solution SET, progress, check-mistakes BUILD" ;;
esac
