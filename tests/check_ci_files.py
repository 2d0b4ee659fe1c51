"""Checks rootle's CI integration files: run by test_ci_files with /usr/bin/python3.

usage: check_ci_files.py SRC_DIR [ROOTLE_BIN]

- action.yml is a composite action with the documented inputs, installs the
  build dependencies, builds from the action's own path, scans to SARIF,
  uploads it even when the scan fails and passes the exit code on;
- every run script in it is valid bash (bash -n);
- .pre-commit-hooks.yaml declares the rootle hook;
- the yaml and sh examples in docs/ci.md parse (YAML) and are valid bash;
- with ROOTLE_BIN, the scan step's script runs against a clean temporary
  tree as GitHub would run it, and writes an empty SARIF report.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

PACKAGES = ("build-essential cmake pkg-config libpcre2-dev libcurl4-openssl-dev libssl-dev "
            "libhyperscan-dev libyaml-dev check").split()
# How GitHub runs a step with shell: bash.
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]


def fail(msg):
    print("check_ci_files: " + msg)
    sys.exit(1)


def expect(cond, msg):
    if not cond:
        fail(msg)


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as e:
        fail("%s: %s" % (path, e))


def check_action(src):
    action = load(os.path.join(src, "action.yml"))
    expect(isinstance(action, dict), "action.yml is not a mapping")
    for key in ("name", "description", "inputs", "runs"):
        expect(key in action, "action.yml lacks %s" % key)
    inputs = action["inputs"]
    expect(str(inputs.get("path", {}).get("default")) == ".", "input path must default to .")
    expect("args" in inputs, "input args missing")
    expect(str(inputs.get("fail", {}).get("default")) == "true", "input fail must default to true")
    runs = action["runs"]
    expect(runs.get("using") == "composite", "not a composite action")
    steps = runs["steps"]
    scripts = [s for s in steps if "run" in s]
    for s in scripts:
        expect(s.get("shell") == "bash", "step %r has no bash shell" % s.get("name"))
        # GitHub expressions are not bash; stand a word in for each.
        body = re.sub(r"\$\{\{.*?\}\}", "X", s["run"])
        r = subprocess.run(["bash", "-n"], input=body, text=True, capture_output=True)
        expect(r.returncode == 0, "step %r is not valid bash: %s" % (s.get("name"), r.stderr))
    install = " ".join(s["run"] for s in scripts if "apt-get install" in s["run"])
    for p in PACKAGES:
        expect(re.search(r"(^|\s)%s(\s|$)" % re.escape(p), install), "apt-get misses %s" % p)
    build = [s for s in scripts if "cmake -S" in s["run"]]
    expect(build and "github.action_path" in json.dumps(build[0]), "no build from action_path")
    scan = [s for s in steps if s.get("id") == "scan"]
    expect(len(scan) == 1, "no step with id scan")
    scan = scan[0]
    cmd = scan["run"]
    for word in ("scan", "--format sarif", "-o", "--fail", "$ROOTLE_PATH", "GITHUB_OUTPUT"):
        expect(word in cmd, "scan step lacks %s" % word)
    expect("${{" not in cmd, "scan step expands expressions inside the script")
    upload = [s for s in steps if str(s.get("uses", "")).startswith(
        "github/codeql-action/upload-sarif@")]
    expect(len(upload) == 1, "no upload-sarif step")
    expect("always()" in str(upload[0].get("if", "")), "upload-sarif must run always()")
    expect(steps.index(upload[0]) > steps.index(scan), "upload before scan")
    last = steps[-1]
    expect("steps.scan.outputs.exit-code" in json.dumps(last) and "exit" in last.get("run", ""),
           "the last step must exit with the scan's code")
    return scan


def check_precommit(src):
    hooks = load(os.path.join(src, ".pre-commit-hooks.yaml"))
    expect(isinstance(hooks, list), ".pre-commit-hooks.yaml is not a list")
    hook = [h for h in hooks if h.get("id") == "rootle"]
    expect(len(hook) == 1, "no hook with id rootle")
    hook = hook[0]
    for key in ("id", "name", "entry", "language"):
        expect(key in hook, "hook lacks %s" % key)
    expect(hook["entry"] == "rootle scan --fail --no-progress", "wrong entry")
    expect(hook["language"] == "system", "language must be system")
    expect(hook.get("pass_filenames", True) is True, "pass_filenames must be true")


def check_doc_examples(src):
    path = os.path.join(src, "docs", "ci.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    blocks = re.findall(r"^```(yaml|sh)\n(.*?)^```", text, re.S | re.M)
    expect(len(blocks) >= 5, "docs/ci.md has too few examples")
    for lang, body in blocks:
        if lang == "yaml":
            try:
                yaml.safe_load(body)
            except yaml.YAMLError as e:
                fail("docs/ci.md: a yaml example does not parse: %s" % e)
        else:
            r = subprocess.run(["bash", "-n"], input=body, text=True, capture_output=True)
            expect(r.returncode == 0, "docs/ci.md: a sh example is not valid: %s" % r.stderr)


def run_scan(scan, rootle_bin):
    with tempfile.TemporaryDirectory(prefix="rootle-ci-") as tmp:
        tree = os.path.join(tmp, "checkout")
        os.mkdir(tree)
        with open(os.path.join(tree, "README.md"), "w") as f:
            f.write("# A clean project\n\nNothing to find here.\n")
        output = os.path.join(tmp, "github_output")
        open(output, "w").close()
        script = os.path.join(tmp, "scan.sh")
        with open(script, "w") as f:
            f.write(scan["run"])
        env = dict(os.environ, ROOTLE_BIN=rootle_bin, GITHUB_OUTPUT=output,
                   ROOTLE_PATH=".", ROOTLE_ARGS="", ROOTLE_FAIL="true",
                   ROOTLE_SARIF="rootle.sarif")
        r = subprocess.run(BASH + [script], cwd=tree, env=env, capture_output=True, text=True,
                           timeout=120)
        expect(r.returncode == 0, "scan step failed (%d): %s%s" % (r.returncode, r.stdout,
                                                                   r.stderr))
        with open(output) as f:
            outputs = f.read()
        expect("exit-code=0\n" in outputs, "scan step output %r, expected exit-code=0" % outputs)
        with open(os.path.join(tree, "rootle.sarif"), encoding="utf-8") as f:
            sarif = json.load(f)
        expect(sarif.get("version") == "2.1.0", "report is not SARIF 2.1.0")
        expect(sarif["runs"][0]["results"] == [], "a clean tree gave findings")


def main():
    src = sys.argv[1]
    scan = check_action(src)
    check_precommit(src)
    check_doc_examples(src)
    if len(sys.argv) > 2:
        run_scan(scan, sys.argv[2])
        print("ok: files checked, scan step ran")
    else:
        print("ok: files checked")


if __name__ == "__main__":
    main()
