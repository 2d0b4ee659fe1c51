"""Checks a SARIF file rootle wrote: run by the Check tests with /usr/bin/python3.

usage: check_sarif.py SCHEMA SARIF EXPECTED_RESULTS

Valid UTF-8, valid JSON, valid against the official SARIF 2.1.0 schema (with
the validator its "$schema" names), the expected number of results, rule
indexes that point at the rule each result names, and what GitHub code
scanning needs to accept an upload.
"""
import json
import re
import sys

import jsonschema
from jsonschema import validators

# RFC 3986 URI-reference characters, with "%" only as an escape.
URI_REF = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def fail(msg):
    print("check_sarif: " + msg)
    sys.exit(1)


def main():
    schema_path, sarif_path, expected = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(sarif_path, "rb") as f:
        raw = f.read()
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        fail("not valid JSON: %s" % e)

    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema, format_checker=jsonschema.FormatChecker()).iter_errors(doc),
                    key=lambda e: list(e.path))
    if errors:
        for e in errors[:10]:
            print("schema: %s at %s" % (e.message, "/".join(map(str, e.path))))
        fail("%d schema errors" % len(errors))

    if doc.get("version") != "2.1.0" or "$schema" not in doc:
        fail("version or $schema missing")
    if len(doc["runs"]) != 1:
        fail("expected one run")
    run = doc["runs"][0]
    results = run["results"]
    if len(results) != expected:
        fail("%d results, expected %d" % (len(results), expected))
    driver = run["tool"]["driver"]
    if not driver.get("name") or not driver.get("version"):
        fail("tool.driver needs name and version")
    rules = driver.get("rules", [])
    ids = [r["id"] for r in rules]
    if len(set(ids)) != len(ids):
        fail("duplicate rule ids: %s" % ids)
    fired = set()
    for r in results:
        idx = r["ruleIndex"]
        if not 0 <= idx < len(rules) or rules[idx]["id"] != r["ruleId"]:
            fail("ruleIndex %s does not name rule %s" % (idx, r["ruleId"]))
        fired.add(r["ruleId"])
        if r["level"] not in ("error", "warning"):
            fail("bad level %s" % r["level"])
        if not r["message"]["text"]:
            fail("empty message")
        loc = r["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        if not URI_REF.match(uri) or uri.startswith("./"):
            fail("not a clean URI reference: %r" % uri)
        if loc["region"]["startLine"] < 1:
            fail("bad startLine")
        if not r["partialFingerprints"].get("rootleFingerprint/v1"):
            fail("no fingerprint")
    if fired != set(ids):
        fail("rules %s listed but results name %s" % (sorted(ids), sorted(fired)))
    for rule in rules:
        if not rule["shortDescription"]["text"]:
            fail("rule %s has no shortDescription" % rule["id"])
    print("ok: %d results, %d rules" % (len(results), len(rules)))


if __name__ == "__main__":
    main()
