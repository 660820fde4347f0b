/* lsan.c - what LeakSanitizer should know about Open MPI (make
 * check-asan).
 *
 * Open MPI keeps some of what MPI_Init allocates until the process ends,
 * on purpose, in its own libraries and in the components it loads.
 * LeakSanitizer would report it as leaked, and a sanitized run would fail
 * for memory this program never owned.  These two hooks, which the
 * sanitizer's run time looks for and an ordinary build never calls,
 * suppress leaks allocated inside Open MPI's libraries only: a leak of
 * this program's own allocations has no such frame and is still reported.
 * Open MPI's libraries are built without frame pointers, so the stacks are
 * unwound the slow, complete way (only in this program).  LSAN_OPTIONS in
 * the environment still overrides both.
 */
const char *__lsan_default_options(void);
const char *__lsan_default_suppressions(void);

const char *__lsan_default_options(void)
{
    return "fast_unwind_on_malloc=0:print_suppressions=0";
}

const char *__lsan_default_suppressions(void)
{
    return "leak:libmpi.so\n"
           "leak:libopen-pal.so\n"
           "leak:libopen-rte.so\n"
           "leak:libhwloc.so\n"
           "leak:libevent\n"
           "leak:libpmix.so\n"
           "leak:mca_\n";
}
