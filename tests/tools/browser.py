#!/usr/bin/env python3
"""Loads pages in one headless Chromium over the DevTools protocol (on a
pipe: no port, no websocket) and reports, for each, what went wrong while
it loaded (console errors, uncaught exceptions, failed requests, log
errors), a screenshot at a given size, and the value of a script run in it.

  tests/tools/browser.py < jobs.json > results.json

jobs.json: [{"url": "file:///…", "width": 794, "height": 1123,
             "screenshot": "out.png" or null, "eval": "script" or null,
             "full": false, "clip": [x, y, width, height] or absent,
             "clip_from": [css selector, height] or absent, "ax": false}]   (ax: value becomes {"value": …, "roles": {role: count}})
results.json: [{"url": …, "errors": ["…"], "value": …}] in the same order.
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


class Browser:
    def __init__(self):
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        if not exe:
            sys.exit("browser.py: chromium is not installed")
        self.profile = tempfile.mkdtemp(prefix="jixiao-chromium-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # Chromium reads commands on fd 3 and writes on fd 4
        def fds():
            # through fresh numbers: a pipe may already be 3 or 4, and
            # dup2 onto itself would keep its close-on-exec flag
            r, w = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(r, 3)
            os.dup2(w, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)
        self.proc = subprocess.Popen(
            [exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--font-render-hinting=none",
             "--user-data-dir=" + self.profile, "about:blank"],
            preexec_fn=fds, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL if not os.environ.get("BROWSER_DEBUG") else None)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        return self.next_id

    def read(self, deadline):
        while b"\0" not in self.buf:
            if time.time() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None, timeout=30):
        want = self.send(method, params, session)
        deadline = time.time() + timeout
        while True:
            m = self.read(deadline)
            if m.get("id") == want:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, session, timeout=30):
        deadline = time.time() + timeout
        for i, m in enumerate(self.events):
            if m.get("method") == method and m.get("sessionId") == session:
                return self.events.pop(i)
        while True:
            m = self.read(deadline)
            if m.get("method") == method and m.get("sessionId") == session:
                return m
            self.events.append(m)

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def errors_of(events, session):
    out = []
    for m in events:
        if m.get("sessionId") != session:
            continue
        p = m.get("params", {})
        kind = m.get("method")
        if kind == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            out.append("console: " + " ".join(str(a.get("value", a.get("description", "")))
                                              for a in p.get("args", [])))
        elif kind == "Runtime.exceptionThrown":
            out.append("exception: " + p["exceptionDetails"].get("text", ""))
        elif kind == "Log.entryAdded" and p["entry"].get("level") == "error":
            out.append("log: %s %s" % (p["entry"].get("text", ""), p["entry"].get("url", "")))
        elif kind == "Network.loadingFailed" and not p.get("canceled"):
            out.append("request failed: %s" % p.get("errorText", ""))
    return out


def run(b, job):
    target = b.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = b.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        b.call(domain + ".enable", session=session)
    b.call("Emulation.setDeviceMetricsOverride",
           {"width": job.get("width", 1000), "height": job.get("height", 800),
            "deviceScaleFactor": 1, "mobile": False}, session)
    b.call("Page.navigate", {"url": job["url"]}, session)
    b.wait_event("Page.loadEventFired", session)
    # the faces of @font-face rules are decoded after the load event
    b.call("Runtime.evaluate", {"expression": "document.fonts.ready.then(() => 1)",
                                "awaitPromise": True}, session)
    value = None
    if job.get("eval"):
        r = b.call("Runtime.evaluate", {"expression": job["eval"], "returnByValue": True,
                                        "awaitPromise": True}, session)
        if "exceptionDetails" in r:
            value = {"exception": r["exceptionDetails"].get("text")}
        else:
            value = r["result"].get("value")
    if job.get("ax"):
        # what a screen reader is given: the roles of the accessibility tree
        nodes = b.call("Accessibility.getFullAXTree", session=session)["nodes"]
        roles = {}
        for n in nodes:
            r = n.get("role", {}).get("value", "")
            roles[r] = roles.get(r, 0) + 1
        value = {"value": value, "roles": roles}
    if job.get("screenshot"):
        params = {"format": "png"}
        if job.get("clip_from"):
            # from the top of the first element a selector finds: [selector, height]
            sel, h = job["clip_from"]
            r = b.call("Runtime.evaluate", {"expression":
                       "document.querySelector(%s).getBoundingClientRect().top + scrollY" %
                       json.dumps(sel), "returnByValue": True}, session)
            job["clip"] = [0, r["result"]["value"] - 16, job.get("width", 1000), h]
        if job.get("clip"):
            # a part of the whole page: [x, y, width, height]
            x, y, w, h = job["clip"]
            params["captureBeyondViewport"] = True
            params["clip"] = {"x": x, "y": y, "width": w, "height": h, "scale": 1}
        elif job.get("full"):
            params["captureBeyondViewport"] = True
            m = b.call("Page.getLayoutMetrics", session=session)["cssContentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": m["width"], "height": m["height"],
                              "scale": 1}
        shot = b.call("Page.captureScreenshot", params, session)
        with open(job["screenshot"], "wb") as f:
            f.write(base64.b64decode(shot["data"]))
    errors = errors_of(b.events, session)
    b.events = [m for m in b.events if m.get("sessionId") != session]
    b.call("Target.closeTarget", {"targetId": target})
    return {"url": job["url"], "errors": errors, "value": value}


def main():
    jobs = json.load(sys.stdin)
    b = Browser()
    try:
        results = [run(b, j) for j in jobs]
    finally:
        b.close()
    json.dump(results, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
