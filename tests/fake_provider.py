#!/usr/bin/python3
"""fake_provider.py: stands in for the credential providers rootle verifies
against, on 127.0.0.1 only, so verification tests never touch the internet.

It serves the providers' endpoints at their real paths (rootle reaches it
through --verifier RULE=http://127.0.0.1:PORT overrides). What it answers is
chosen by words inside the credential, wherever the request carries it
(header, basic auth, URL path, SigV4 key id or JSON body):

  VALID          the provider's answer for a live credential
  INVALID        the provider's answer for a dead one (also the default)
  RATELIMIT      429 with Retry-After: 1, every time
  RATELIMITONCE  429 with Retry-After: 1 the first time, then VALID
  ERROR500       500
  HANG           no answer for 60 s
  HUGE           a 10 MB body
  REDIRECT       302 to somewhere else
  GARBAGE        200 with a body that is not the provider's
  SIGSECOND      (AWS) SignatureDoesNotMatch the first time, then VALID

Control endpoints (never counted):
  GET /__count?key=K     how many requests carried K anywhere
  GET /__wait?key=K&n=N  the same, once at least N have arrived (10 s cap)
  GET /__answered?key=K&n=N  like __wait, counting only requests whose
                         answer has been written out in full

Usage: fake_provider.py [--delay-ms N]. The first line on stdout is the
port. The server exits as soon as its stdin closes, so it cannot outlive
the test that started it. Only the Python standard library is used.
"""
import argparse
import base64
import json
import os
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FLAGS = ["HANG", "HUGE", "REDIRECT", "GARBAGE", "ERROR500", "RATELIMITONCE",
         "RATELIMIT", "SIGSECOND", "INVALID", "VALID"]


def js(obj):
    return json.dumps(obj).encode()


AWS_OK = (b"<GetCallerIdentityResponse><GetCallerIdentityResult>"
          b"<Arn>arn:aws:iam::000000000000:user/rootle-fake</Arn>"
          b"<UserId>ROOTLEFAKE</UserId><Account>000000000000</Account>"
          b"</GetCallerIdentityResult></GetCallerIdentityResponse>")
AWS_BAD_ID = (b"<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>"
              b"<Message>The security token included in the request is invalid.</Message>"
              b"</Error></ErrorResponse>")
AWS_BAD_SIG = (b"<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>"
               b"</Error></ErrorResponse>")

# (method, path pattern, body word or None, valid answer, invalid answer)
ENDPOINTS = [
    ("GET", r"/user", None, (200, js({"login": "rootle-fake", "id": 1})),
     (401, js({"message": "Bad credentials"}))),
    ("GET", r"/api/v4/personal_access_tokens/self", None,
     (200, js({"id": 1, "name": "rootle-fake", "scopes": ["read_api"], "active": True})),
     (401, js({"message": "401 Unauthorized"}))),
    ("POST", r"/api/auth\.test", None, (200, js({"ok": True, "user": "rootle-fake"})),
     (200, js({"ok": False, "error": "invalid_auth"}))),
    ("POST", r"/services/.+", None, (400, b"invalid_payload"), (403, b"invalid_token")),
    ("GET", r"/v1/balance", None, (200, js({"object": "balance", "available": []})),
     (401, js({"error": {"type": "invalid_request_error"}}))),
    ("GET", r"/v3/scopes", None, (200, js({"scopes": ["mail.send"]})),
     (401, js({"errors": [{"message": "authorization required"}]}))),
    ("GET", r"/v3/domains", None, (200, js({"total_count": 0, "items": []})),
     (401, b"Forbidden")),
    ("GET", r"/2010-04-01/Accounts\.json", None, (200, js({"accounts": []})),
     (401, js({"code": 20003, "message": "Authenticate"}))),
    ("GET", r"/-/whoami", None, (200, js({"username": "rootle-fake"})),
     (401, js({"error": "Unauthorized"}))),
    ("POST", r"/legacy/", None,
     (400, b"<html><body>400 'metadata_version' is a required field</body></html>"),
     (403, b"<html><body>403 Invalid or non-existent authentication information."
           b"</body></html>")),
    ("GET", r"/v1/models", None, (200, js({"object": "list", "data": []})),
     (401, js({"error": {"type": "authentication_error"}}))),
    ("GET", r"/api/whoami-v2", None, (200, js({"type": "user", "name": "rootle-fake"})),
     (401, js({"error": "Invalid credentials in Authorization header"}))),
    ("GET", r"/v2/account", None, (200, js({"account": {"status": "active"}})),
     (401, js({"id": "unauthorized"}))),
    ("GET", r"/admin/api/2024-01/shop\.json", None, (200, js({"shop": {"id": 1}})),
     (401, js({"errors": "[API] Invalid API key or access token"}))),
    ("GET", r"/api/webhooks/.+", None, (200, js({"type": 1, "id": "1", "name": "rootle-fake"})),
     (401, js({"message": "Invalid Webhook Token", "code": 50027}))),
    ("GET", r"/bot[^/]+/getMe", None, (200, js({"ok": True, "result": {"id": 1}})),
     (401, js({"ok": False, "error_code": 401, "description": "Unauthorized"}))),
    ("GET", r"/api/v1/validate", None, (200, js({"valid": True})),
     (403, js({"errors": ["Forbidden"]}))),
    ("POST", r"/graphql", "viewer", (200, js({"data": {"viewer": {"id": "rootle-fake"}}})),
     (400, js({"errors": [{"message": "Authentication required",
                           "extensions": {"code": "AUTHENTICATION_ERROR"}}]}))),
    ("POST", r"/graphql", "actor",
     (200, js({"data": {"actor": {"user": {"email": "fake@rootle.invalid"}}}})),
     (401, js({"errors": [{"message": "Invalid API key"}]}))),
    ("GET", r"/me", None, (200, js({"user": {"id": 1}})),
     (401, js({"error": {"name": "AuthenticationError"}}))),
    ("GET", r"/v1/users/me", None, (200, js({"object": "user", "id": "rootle-fake"})),
     (401, js({"object": "error", "status": 401, "code": "unauthorized"}))),
    ("GET", r"/api/0/", None, (200, js({"version": "0", "auth": {"scopes": ["org:read"]}})),
     (401, js({"detail": "Invalid token"}))),
    ("GET", r"/v3/me", None, (200, js({"workplace": {"name": "rootle-fake"}})),
     (401, js({"messages": ["Invalid Auth token"], "success": False}))),
    ("GET", r"/3\.0/ping", None, (200, js({"health_status": "Everything's Chimpy!"})),
     (401, js({"title": "API Key Invalid"}))),
    ("POST", r"/", "GetCallerIdentity", (200, AWS_OK), (403, AWS_BAD_ID)),
    ("POST", r"/custom/verify", None, (200, js({"ok": True})), (401, js({"ok": False}))),
]


class State:
    def __init__(self, delay_ms):
        self.delay = delay_ms / 1000.0
        self.lock = threading.Condition()
        self.hays = []          # every provider request, as text
        self.answered = []      # the same, once its answer was written
        self.seen = {}          # (flag, token word) -> requests so far


def haystack(handler, body):
    """All the places a credential can travel, as one text."""
    parts = [handler.path]
    for name, value in handler.headers.items():
        parts.append("%s: %s" % (name, value))
        if name.lower() == "authorization" and value.startswith("Basic "):
            try:
                parts.append("Basic-Decoded: " +
                             base64.b64decode(value[6:]).decode("utf-8", "replace"))
            except ValueError:
                pass
    parts.append(body.decode("utf-8", "replace"))
    return "\n".join(parts)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle on, the second
    # waits for the client's delayed ACK (40 ms) on a kept-alive connection.
    disable_nagle_algorithm = True
    server_version = "rootle-fake-provider"

    def log_message(self, fmt, *args):
        pass

    def send(self, status, body, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def control(self, url):
        state = self.server.state
        q = urllib.parse.parse_qs(url.query)
        key = q.get("key", [""])[0]
        want = int(q.get("n", ["0"])[0])
        hays = state.answered if url.path == "/__answered" else state.hays
        with state.lock:
            if url.path in ("/__wait", "/__answered"):
                state.lock.wait_for(lambda: sum(key in h for h in hays) >= want, timeout=10)
            n = sum(key in h for h in hays)
        self.send(200, str(n).encode())

    def handle_any(self, method):
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urllib.parse.urlsplit(self.path)
        if url.path.startswith("/__"):
            return self.control(url)
        hay = self.hay = haystack(self, body)
        with state.lock:
            state.hays.append(hay)
            state.lock.notify_all()
        if state.delay:
            time.sleep(state.delay)
        flag, word = None, ""
        for f in FLAGS:
            m = re.search(r"[A-Za-z0-9_\-]*" + f + r"[A-Za-z0-9_\-]*", hay)
            if m:
                flag, word = f, m.group(0)
                break
        with state.lock:
            nth = state.seen.get((flag, word), 0)
            state.seen[(flag, word)] = nth + 1
        text = body.decode("utf-8", "replace")
        ep = None
        for m_, pattern, word_in_body, valid, invalid in ENDPOINTS:
            if m_ == method and re.fullmatch(pattern, url.path) and \
                    (word_in_body is None or word_in_body in text):
                ep = (valid, invalid)
                break
        if ep is None:
            return self.send(404, js({"error": "no such endpoint"}))
        valid, invalid = ep
        if flag == "HANG":
            time.sleep(60)
            return self.send(*valid)
        if flag == "HUGE":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(10 * 1024 * 1024))
            self.end_headers()
            chunk = b" " * 65536
            for _ in range(160):
                self.wfile.write(chunk)
            return None
        if flag == "REDIRECT":
            return self.send(302, b"", [("Location", "http://127.0.0.1:9/elsewhere")])
        if flag == "GARBAGE":
            return self.send(200, b"<html>this is not the provider you are looking for")
        if flag == "ERROR500":
            return self.send(500, js({"error": "internal"}))
        if flag == "RATELIMIT" or (flag == "RATELIMITONCE" and nth == 0):
            return self.send(429, js({"error": "slow down"}), [("Retry-After", "1")])
        if flag == "SIGSECOND" and nth == 0:
            return self.send(403, AWS_BAD_SIG)
        if flag in ("VALID", "RATELIMITONCE", "SIGSECOND"):
            return self.send(*valid)
        return self.send(*invalid)

    def answer(self, method):
        self.handle_any(method)
        self.wfile.flush()
        if not urllib.parse.urlsplit(self.path).path.startswith("/__"):
            state = self.server.state
            with state.lock:
                state.answered.append(self.hay)
                state.lock.notify_all()

    def do_GET(self):
        self.answer("GET")

    def do_POST(self):
        self.answer("POST")

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--delay-ms", type=int, default=0)
    args = ap.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 128
    server.state = State(args.delay_ms)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdout.write("%d\n" % server.server_address[1])
    sys.stdout.flush()
    # Closing stdin (the test ending, or dying) stops the server.
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


if __name__ == "__main__":
    main()
