/* summary.c - what every chapter prints last (see summary.h). */
#include "summary.h"

#include <stdio.h>

void summary_diverged(int epoch, int step)
{
    printf("diverged at epoch %d, step %d: the cost became NaN or "
           "infinite, so the\nnetwork's numbers after that point mean "
           "nothing and are not reported\n", epoch, step);
}

void summary_begin(void) { fputs("summary:", stdout); }

void summary_int(const char *key, long v) { printf(" %s=%ld", key, v); }

void summary_ints(const char *key, const int *v, int n)
{
    printf(" %s=", key);
    for (int i = 0; i < n; i++)
        printf("%s%d", i ? "," : "", v[i]);
}

void summary_double(const char *key, double v)
{
    printf(" %s=%.17g", key, v);
}

void summary_doubles(const char *key, const double *v, int n)
{
    printf(" %s=", key);
    for (int i = 0; i < n; i++)
        printf("%s%.17g", i ? "," : "", v[i]);
}

void summary_text(const char *key, const char *v) { printf(" %s=%s", key, v); }

void summary_end(void) { putchar('\n'); }
