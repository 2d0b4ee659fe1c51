/* sc_error.c: descriptions for sc_code. */
#include "scanner/sc_error.h"

const char *sc_strerror(sc_code code)
{
    switch (code) {
    case SC_OK: return "success";
    case SC_CLOSED: return "channel closed";
    case SC_CANCELLED: return "cancelled";
    case SC_ENOMEM: return "out of memory";
    case SC_EINVAL: return "invalid argument";
    case SC_EIO: return "input/output error";
    case SC_ETHREAD: return "could not start or synchronise a thread";
    case SC_EUSAGE: return "usage error";
    case SC_ECONFIG: return "invalid configuration";
    case SC_EREGEX: return "invalid regular expression";
    case SC_ENOTFOUND: return "not found";
    case SC_ETIMEOUT: return "timed out";
    case SC_ENETWORK: return "network error";
    case SC_EUNSUPPORTED: return "unsupported";
    case SC_CODE_COUNT: break;
    }
    return "unknown error";
}
