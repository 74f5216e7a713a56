#!/usr/bin/env python3
"""Reads HTML pages with Python's own parser (not jixiao's code) and checks
what a static site must hold, printing one line a problem and exiting 1 on
any:
  - the page is lang="zh-CN" and has a <title>;
  - every element opened is closed in order (void elements aside);
  - every link and source is relative, inside ROOT, and names a file that
    exists (a #fragment, an id on its page);
  - every <table> has a <caption>, every <th> a scope, and the cells of a
    <thead> are th scope="col" or "colgroup";
  - no text holds a raw "<" or a stray "&" that the page failed to escape.
With --tables it prints each table's caption and header cells instead.

  tests/tools/htmlcheck.py ROOT PAGE.html...
"""
import html.parser
import os
import sys
import urllib.parse

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr", "path", "rect", "circle", "line", "stop", "use"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.stack, self.problems = [], []
        self.links, self.ids = [], set()
        self.lang = self.title = None
        self.tables = []
        self.in_caption = self.in_thead = self.in_title = False

    def where(self):
        return "line %d" % self.getpos()[0]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if "id" in a:
            self.ids.add(a["id"])
        for k in ("href", "src"):
            if k in a:
                self.links.append((a[k], self.where()))
        if tag == "table":
            self.tables.append({"caption": "", "head": [], "problems": []})
        elif tag == "caption":
            self.in_caption = True
        elif tag == "thead":
            self.in_thead = True
        elif tag == "title" and not any(t == "svg" for t in self.stack):
            self.in_title = True
            self.title = ""
        elif tag == "th" and self.tables:
            scope = a.get("scope")
            if not scope:
                self.problems.append("%s: a <th> without scope" % self.where())
            if self.in_thead and scope not in ("col", "colgroup"):
                self.problems.append("%s: a head cell of scope %s" % (self.where(), scope))
            if self.in_thead:
                self.tables[-1]["head"].append("")
        if tag not in VOID and not tag.endswith("/"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("%s: </%s> closes <%s>" % (self.where(), tag,
                                                             self.stack[-1] if self.stack else "nothing"))
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "caption":
            self.in_caption = False
        elif tag == "thead":
            self.in_thead = False
        elif tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if "<" in data and not any(t in ("style", "script") for t in self.stack):
            self.problems.append("%s: a raw '<' in text" % self.where())
        if self.in_caption and self.tables:
            self.tables[-1]["caption"] += data
        if self.in_title:
            self.title += data
        if self.in_thead and self.tables and "th" in self.stack and self.tables[-1]["head"]:
            self.tables[-1]["head"][-1] += data

    def handle_entityref(self, name):
        if name not in ("amp", "lt", "gt", "quot", "apos", "nbsp"):
            self.problems.append("%s: &%s; is no entity jixiao writes" % (self.where(), name))
        self.handle_data({"amp": "&", "lt": "‹", "gt": ">", "quot": '"'}.get(name, ""))


def check(root, path, tables):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    if tables:
        for t in p.tables:
            print("%s\t%s" % (t["caption"].strip(), "|".join(h.strip() for h in t["head"])))
        return []
    out = ["%s: %s" % (path, x) for x in p.problems]
    if p.stack:
        out.append("%s: left open: %s" % (path, " ".join(p.stack)))
    if p.lang != "zh-CN":
        out.append("%s: lang is %r" % (path, p.lang))
    if not p.title:
        out.append("%s: no title" % path)
    for i, t in enumerate(p.tables):
        if not t["caption"].strip():
            out.append("%s: table %d has no caption" % (path, i + 1))
    real_root = os.path.realpath(root)
    for link, where in p.links:
        u = urllib.parse.urlsplit(link)
        if u.scheme or u.netloc or link.startswith("/"):
            out.append("%s: %s: not relative: %s" % (path, where, link))
            continue
        if not u.path:
            if u.fragment not in p.ids:
                out.append("%s: %s: no id %s on the page" % (path, where, u.fragment))
            continue
        target = os.path.realpath(os.path.join(os.path.dirname(path),
                                               urllib.parse.unquote(u.path)))
        if not target.startswith(real_root + os.sep):
            out.append("%s: %s: leads out of the tree: %s" % (path, where, link))
        elif not os.path.isfile(target):
            out.append("%s: %s: no such file: %s" % (path, where, link))
    return out


def main():
    args = sys.argv[1:]
    tables = args and args[0] == "--tables"
    if tables:
        args = args[1:]
    root, pages = args[0], args[1:]
    problems = [x for page in pages for x in check(root, page, tables)]
    for x in problems:
        print(x)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
