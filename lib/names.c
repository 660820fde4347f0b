/* names.c - tables of enum names (see names.h). */
#include "names.h"

#include <string.h>

int names_find(const char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}
