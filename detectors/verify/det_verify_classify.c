/* det_verify_classify.c: turning a provider's answer into a verdict.
 *
 * Markers are matched as text rather than by parsing JSON: the rules only
 * ever ask "does the documented field with the documented value appear",
 * and a body that does not contain it (an HTML error page, a captive
 * portal, garbage) must come out unknown, which plain matching gives.
 */
#include "detectors/verify/det_verify_spec.h"

#include <stdio.h>
#include <string.h>

void det_voutcome_set(det_voutcome *o, sc_verification v, const char *reason)
{
    o->verdict = v;
    snprintf(o->reason, sizeof(o->reason), "%s", reason != NULL ? reason : "");
}

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    return p;
}

bool det_vbody_has(const char *body, const char *marker)
{
    if (body == NULL || *marker == '\0')
        return body != NULL;
    for (const char *start = strchr(body, marker[0]); start != NULL;
         start = strchr(start + 1, marker[0])) {
        const char *b = start, *m = marker;

        while (*m != '\0') {
            if (*m == ':' || *m == ',') {
                b = skip_ws(b);
                if (*b != *m)
                    break;
                b = skip_ws(b + 1);
                m++;
                continue;
            }
            if (*b != *m)
                break;
            b++;
            m++;
        }
        if (*m == '\0')
            return true;
    }
    return false;
}

void det_vunexpected(long status, det_voutcome *o)
{
    o->verdict = SC_VERIFY_UNKNOWN;
    if (status >= 300 && status < 400)
        snprintf(o->reason, sizeof(o->reason), "redirect not followed (HTTP %ld)", status);
    else if (status >= 500)
        snprintf(o->reason, sizeof(o->reason), "server error (HTTP %ld)", status);
    else
        snprintf(o->reason, sizeof(o->reason), "unexpected response (HTTP %ld)", status);
}

void det_vclassify(const det_vrule *rules, long status, const char *body, det_voutcome *o)
{
    for (size_t i = 0; i < DET_VMAX_RULES && rules[i].status != 0; i++) {
        if (rules[i].status != status)
            continue;
        if (rules[i].marker != NULL && !det_vbody_has(body, rules[i].marker))
            continue;
        o->verdict = rules[i].verdict;
        if (rules[i].verdict == SC_VERIFY_UNVERIFIED)
            snprintf(o->reason, sizeof(o->reason), "rejected by the provider (HTTP %ld)", status);
        else
            o->reason[0] = '\0';
        return;
    }
    det_vunexpected(status, o);
}
