"""reStructuredText (Sphinx docs) through docutils with stand-ins for Sphinx's roles and directives."""

from qa.ingest.documents import load_document, scan_folder
from qa.ingest.rst_text import rst_to_text

SPHINX_PAGE = """\
:mod:`json` --- JSON encoder and decoder
========================================

.. module:: json
   :synopsis: Encode and decode the JSON format.

.. index:: single: JSON

JSON is specified by :rfc:`7159`. See :ref:`the command line <json-commandline>`.

.. toctree::
   :maxdepth: 2

   other

.. function:: dump(obj, fp, *, skipkeys=False, ensure_ascii=True, \\
                   indent=None)

   Serialize *obj* as a JSON formatted stream to *fp* using :func:`json.dumps`.

   If *skipkeys* is true (default: ``False``), then dict keys that are not
   of a basic type will be skipped instead of raising a :exc:`TypeError`.

   .. versionchanged:: 3.2
      Allow strings for *indent* in addition to integers.

   .. versionadded:: 3.6

   .. note::

      Unlike :mod:`pickle`, JSON is not a framed protocol.

.. class:: JSONDecoder(*, object_hook=None)
   :noindex:

   Simple "JSON" decoder with :meth:`~json.JSONDecoder.decode`.

.. code-block:: python

   import json
   json.dumps([1, 2])

.. include:: /etc/passwd

.. raw:: html

   <script>alert(1)</script>
"""


def test_sphinx_markup_becomes_the_text_sphinx_shows():
    title, text = rst_to_text(SPHINX_PAGE)
    lines = text.split("\n")
    assert title == "json — JSON encoder and decoder"  # smart quotes and dashes, as Sphinx writes them
    # the function's signature (its backslash-continued line joined) and its whole description survive
    assert "dump(obj, fp, *, skipkeys=False, ensure_ascii=True, indent=None)" in lines
    assert ("If skipkeys is true (default: False), then dict keys that are not of a basic type will be "
            "skipped instead of raising a TypeError.") in lines
    assert "Changed in version 3.2: Allow strings for indent in addition to integers." in lines
    assert "New in version 3.6." in lines
    assert "Unlike pickle, JSON is not a framed protocol." in lines
    assert "class JSONDecoder(*, object_hook=None)" in lines  # Sphinx's class, not docutils' class directive
    assert "Simple “JSON” decoder with decode()." in lines  # ~ keeps the last part; () after a method
    assert "JSON is specified by RFC 7159. See the command line." in lines
    assert "json.dumps([1, 2])" in lines  # code-block is docutils' code
    # navigation, index entries, file inclusion and raw HTML give no text; no markup is left
    for absent in ("maxdepth", "single: JSON", "synopsis", "root:", "alert", ":func:", "``", ".. ", "::"):
        assert absent not in text, absent


def test_broken_rst_still_gives_its_text():
    title, text = rst_to_text("Title\n===\n\nA *broken **emphasis and `unclosed role.\n\n.. unknown-thing::\n\n   Body kept.\n")
    assert "broken" in text and "Body kept." in text


def test_rst_files_are_indexed_from_a_folder(tmp_path):
    (tmp_path / "guide.rst").write_text(SPHINX_PAGE)
    (tmp_path / "notes.txt").write_text("Plain notes about JSON.\n")
    load = scan_folder(tmp_path)
    assert sorted(d.id for d in load.documents) == ["guide.rst", "notes.txt"]
    doc = load_document(tmp_path / "guide.rst")
    assert doc.title == "json — JSON encoder and decoder"  # smart quotes and dashes, as Sphinx writes them
    assert "Changed in version 3.2: Allow strings for indent in addition to integers." in doc.text
