"""Text of a reStructuredText file (Sphinx documentation) through docutils: one line per paragraph.

docutils parses the file and writes HTML, which ``qa.ingest.html_text`` turns
into lines as for any page. Plain docutils knows none of Sphinx's additions, and
drops an unknown directive *with its content*, which in Sphinx docs is most of
the text (``.. function:: dump(obj, fp, *, skipkeys=False)`` and its whole
description). So, before parsing, every role and directive name the file uses
that docutils does not know is registered with a generic stand-in:

- a role keeps its text, as Sphinx shows it: ``:func:`json.dump``` -> ``json.dump``,
  ``:ref:`the tutorial <tut-intro>``` -> ``the tutorial``, ``~a.b.c`` -> ``c``;
- ``versionadded``/``versionchanged``/``deprecated``/``versionremoved`` become
  "New in version 3.2: ..." etc., as Sphinx writes them;
- ``toctree``, ``index``, ``highlight``, ``module``-level markers and other
  directives that only steer Sphinx give no text;
- any other directive keeps its argument as a line (a signature, a title; "class ",
  "exception " ... before it as Sphinx writes) and its content parsed as body text;
  ``.. class::`` is Python's class as in Sphinx (docutils' own is ``rst-class``),
  ``code-block``/``sourcecode`` are docutils' ``code``; quotes are typographic, as Sphinx makes them.
The stand-ins are registered in docutils' global registries (this process's other docutils users see them).
File inclusion and raw HTML are switched off (a file uploaded to a shared server must not pull the
server's own files into the index); parse problems are never reported into the text.

Measured (``benchmarks/quality/rst_ingest.py``, Python 3.11's own 497 .rst sources from Debian's
python3.11-doc, against the same pages as HTML and against the .rst read as plain text):
see the module's figures in benchmarks/RESULTS.md (2026-12-08).

Leaves out: Sphinx's cross-reference resolution (a role shows its text, not its target's title),
``.. include::`` of other files, ``.. literalinclude::``, autodoc (no code is imported), math rendering.
"""

from __future__ import annotations

import functools
import html
import io
import re

from qa.ingest.html_text import html_to_text

_ROLE_RE = re.compile(r"(?<![\w`]):([A-Za-z][\w+.-]*(?::[A-Za-z][\w+.-]*)?):`")
_DIRECTIVE_RE = re.compile(r"^\s*\.\.\s+([A-Za-z][\w+.:-]*)::", re.MULTILINE)
_CONTINUATION_RE = re.compile(r"\s*\\\n\s*")  # a signature's line continued with a backslash
_TARGET_RE = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.DOTALL)
# directives that only steer Sphinx (navigation, index entries, highlighting, metadata): no text
_SILENT = {"toctree", "index", "highlight", "highlightlang", "module", "currentmodule", "sectionauthor",
           "moduleauthor", "codeauthor", "tabularcolumns", "literalinclude", "testsetup", "testcleanup",
           "py:module", "py:currentmodule", "c:namespace", "cpp:namespace", "default-domain", "autosummary",
           "automodule", "include", "raw", "meta", "image", "figure"}
# what Sphinx writes before a signature (``.. class:: Foo(x)`` shows "class Foo(x)")
_PREFIX = {"class": "class ", "exception": "exception ", "classmethod": "classmethod ", "staticmethod": "staticmethod ",
           "abstractmethod": "abstractmethod ", "decorator": "@", "coroutinefunction": "coroutine ",
           "coroutinemethod": "coroutine ", "awaitablefunction": "awaitable "}
_CALLABLE_ROLES = {"func", "meth", "py:func", "py:meth", "c:func"}  # Sphinx adds "()" to these
_VERSION = {"versionadded": "New in version", "versionchanged": "Changed in version",
            "deprecated": "Deprecated since version", "versionremoved": "Removed in version"}


def _role_text(name: str, text: str) -> str:
    """What Sphinx shows for a role's text: the title of ``title <target>``, the last part of ``~a.b``,
    "()" after a function or method."""
    m = _TARGET_RE.match(text)
    if m and m.group(1):
        return m.group(1)
    text = text.lstrip("!")
    if text.startswith("~"):
        text = text[1:].rsplit(".", 1)[-1]
    if name.lower() in _CALLABLE_ROLES and not text.endswith(")"):
        text += "()"
    return text


def _generic_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    from docutils import nodes
    from docutils.utils import unescape
    return [nodes.literal(rawtext, _role_text(name, unescape(text)))], []


class _AnyOption(dict):
    """An option spec that takes every option a Sphinx directive may carry (``:noindex:``, ``:platform: Unix``)."""

    def __contains__(self, key) -> bool:
        return True

    def __bool__(self) -> bool:  # docutils parses an options block only when the spec is truthy
        return True

    def __getitem__(self, key):
        from docutils.parsers.rst import directives
        return directives.unchanged


@functools.cache
def _generic_directive():
    """The one stand-in directive class (made on first use: docutils is imported lazily)."""
    from docutils import nodes
    from docutils.parsers.rst import Directive

    class Generic(Directive):
        optional_arguments = 1
        final_argument_whitespace = True
        has_content = True
        option_spec = _AnyOption()

        def run(self):
            name = self.name.split(":")[-1]
            if self.name in _SILENT or name in _SILENT:
                return []
            out = []
            arg = _CONTINUATION_RE.sub(" ", " ".join(self.arguments)).strip()
            if name in _VERSION:
                version, _, rest = arg.partition("\n")
                head = f"{_VERSION[name]} {version.strip()}" + (":" if (rest.strip() or self.content) else ".")
                para = nodes.paragraph()
                inline, _ = self.state.inline_text(" ".join([head, rest.strip()]).strip(), self.lineno)
                para += inline
                out.append(para)
            elif arg:
                line = _PREFIX.get(name, "") + arg
                out.append(nodes.paragraph("", "", nodes.literal(line, line)))  # literal: quotes stay straight
            if self.content:
                box = nodes.container()
                self.state.nested_parse(self.content, self.content_offset, box)
                out.append(box)
            return out

    return Generic


@functools.cache
def _register_sphinx_names() -> None:
    """The names every Sphinx project has, registered once per process."""
    from docutils.parsers.rst import directives
    from docutils.parsers.rst.directives.body import CodeBlock
    from docutils.parsers.rst.directives.misc import Class
    for name in ("code-block", "sourcecode"):
        directives.register_directive(name, CodeBlock)
    # In Sphinx ``.. class::`` documents a Python class (docutils' own is ``rst-class`` there)
    directives.register_directive("class", _generic_directive())
    directives.register_directive("rst-class", Class)


def _register_unknown(raw: str) -> None:
    """Give each role and directive name of ``raw`` that docutils does not know a generic stand-in."""
    from docutils.parsers.rst import directives, roles
    from docutils.parsers.rst.languages import en
    _register_sphinx_names()
    known = {*directives._directives, *directives._directive_registry, *en.directives}
    for name in set(_DIRECTIVE_RE.findall(raw)) - known:
        if name.lower() not in known:
            directives.register_directive(name, _generic_directive())
    known = {*roles._roles, *roles._role_registry, *en.roles}
    for name in set(_ROLE_RE.findall(raw)) - known:
        if name.lower() not in known:
            roles.register_local_role(name, _generic_role)


def rst_to_text(raw: str) -> tuple[str, str]:
    """Return (title, text) of reStructuredText: docutils to HTML with Sphinx's markup stood in for, then lines."""
    from docutils.core import publish_parts
    _register_unknown(raw)
    parts = publish_parts(raw, writer="html5", settings_overrides={
        "report_level": 5, "halt_level": 5, "warning_stream": io.StringIO(), "file_insertion_enabled": False,
        "raw_enabled": False, "syntax_highlight": "none", "_disable_config": True, "input_encoding": "unicode",
        "doctitle_xform": True, "smart_quotes": True, "embed_stylesheet": False, "math_output": "HTML"})
    # docutils writes notes, warnings and footnotes as <aside>, which page-furniture removal would drop
    body = parts["html_body"].replace("<aside", "<div").replace("</aside>", "</div>")
    page = f"<html><head><title>{parts['title']}</title></head><body>{body}</body></html>"
    title, text = html_to_text(page)
    return (parts["title"] and html.unescape(re.sub(r"<[^>]+>", "", parts["title"]))) or title, text
