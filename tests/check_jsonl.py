"""Checks rootle's JSON Lines output: run by the Check tests with /usr/bin/python3.

usage: check_jsonl.py FILE COUNT [SECRET ...]

Every line is one valid JSON object with the documented fields and types;
there are COUNT lines; when secrets are given, line i carries secret i.
"""
import json
import sys

REQUIRED = {
    "detector": str, "description": (str, type(None)), "file": str, "line": int,
    "column": int, "end_column": int, "secret": str, "redacted": str,
    "verification": str, "verification_error": (str, type(None)), "fingerprint": str,
    "decoder": str,
}
OPTIONAL = {"commit": str, "author": str, "date": str}


def fail(msg):
    print("check_jsonl: " + msg)
    sys.exit(1)


def main():
    path, count, secrets = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    with open(path, "rb") as f:
        raw = f.read()
    if raw and not raw.endswith(b"\n"):
        fail("output does not end with a newline")
    lines = raw.decode("utf-8").split("\n")[:-1] if raw else []
    if len(lines) != count:
        fail("%d lines, expected %d" % (len(lines), count))
    for i, line in enumerate(lines):
        try:
            obj = json.loads(line)
        except ValueError as e:
            fail("line %d is not JSON: %s" % (i + 1, e))
        for key, typ in REQUIRED.items():
            if key not in obj or not isinstance(obj[key], typ):
                fail("line %d: %s missing or of the wrong type" % (i + 1, key))
        for key in obj:
            if key not in REQUIRED and key not in OPTIONAL:
                fail("line %d: unexpected field %s" % (i + 1, key))
        if obj["verification"] not in ("skipped", "unknown", "unverified", "verified"):
            fail("line %d: bad verification %r" % (i + 1, obj["verification"]))
        if len(obj["fingerprint"]) != 64:
            fail("line %d: bad fingerprint" % (i + 1))
        if secrets and obj["secret"] != secrets[i]:
            fail("line %d: secret does not round-trip" % (i + 1))
    print("ok: %d lines" % len(lines))


if __name__ == "__main__":
    main()
