/* err.c - the Error message buffer (see err.h). */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define CUT "..." /* ends a message that was too long to keep whole */

int err_set(Error *err, const char *fmt, ...)
{
    if (!err)
        return -1;
    char raw[4 * ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    int cut = len >= (int)sizeof raw;
    size_t n = 0, room = sizeof err->msg - sizeof CUT;
    for (const char *p = raw; *p; p++) {
        unsigned char c = (unsigned char)*p;
        int w = c >= 0x20 && c < 0x7f ? 1 : 4;
        if (n + w > room) {
            cut = 1;
            break;
        }
        if (w == 1)
            err->msg[n] = (char)c;
        else
            snprintf(err->msg + n, 5, "\\x%02x", c);
        n += (size_t)w;
    }
    if (cut) {
        memcpy(err->msg + n, CUT, sizeof CUT);
        n += sizeof CUT - 1;
    }
    err->msg[n] = '\0';
    return -1;
}
