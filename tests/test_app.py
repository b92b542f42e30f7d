"""The Gradio app, driven over HTTP with gradio_client and in headless Chromium."""

import os
import shutil
import socket
from pathlib import Path

import pytest

from qa.answerer import Answerer
from qa.store import IndexStore
from qa.web import safe_upload_name, save_uploads

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, corpus_index, embedder, accurate_reader):
    from qa.web import launch
    index_dir = tmp_path_factory.mktemp("app") / "index"
    shutil.copytree(corpus_index[0], index_dir)
    ans = Answerer(IndexStore.load(index_dir), embedder, accurate_reader, index_dir=index_dir)  # the default reader
    port = free_port()
    demo = launch(index_dir=index_dir, port=port, corpus=None, block=False, answerer=ans)
    yield f"http://127.0.0.1:{port}/", index_dir
    demo.close()


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client
    return Client(server[0], verbose=False)


def test_api_names_are_stable(client):
    assert {"/chat", "/add_documents"} <= set(client.view_api(print_info=False, return_format="dict")["named_endpoints"])


def test_chat_answers_with_source(client, server):
    reply = client.predict("Where did the 2022 South-South forum take place?", 5, str(server[1]), api_name="/chat")
    assert "China National Convention Center" in reply
    assert "002_557cd2be1ce03ba0.txt" in reply
    assert "<details><summary>Sources</summary>" in reply and "<mark>" in reply
    assert "Confidence:" in reply


def test_chat_answers_the_list_question(client, server):
    reply = client.predict("who attended the 2022 South-South forum", 5, str(server[1]), api_name="/chat")
    answer = reply.split("Confidence:")[0]  # the answer itself, not the sources block below it
    assert "more than 600 participants from 31 countries" in answer
    assert "002_557cd2be1ce03ba0.txt" in reply


def test_chat_says_i_dont_know(client, server):
    reply = client.predict("Who won the 2018 FIFA World Cup?", 5, str(server[1]), api_name="/chat")
    assert "I don't know" in reply


def test_chat_reports_bad_index_folder(client, tmp_path):
    reply = client.predict("Where?", 5, str(tmp_path / "nope"), api_name="/chat")
    assert "no index at" in reply


def test_upload_adds_documents(client, server, tmp_path):
    from gradio_client import handle_file
    doc = tmp_path / "lunar_notes.txt"
    doc.write_text("The Lunar Gateway station will orbit the Moon. Its first module, the Power and Propulsion "
                   "Element, was built by Maxar Technologies in Westminster, Colorado.")
    status = client.predict([handle_file(str(doc))], str(server[1]), api_name="/add_documents")
    assert "Added 1" in status
    assert (server[1] / "uploads" / "lunar_notes.txt").read_text() == doc.read_text()
    assert "lunar_notes.txt" in IndexStore.load(server[1]).documents  # persisted, not only in memory
    reply = client.predict("Who built the Power and Propulsion Element?", 5, str(server[1]), api_name="/chat")
    assert "Maxar Technologies" in reply and "lunar_notes.txt" in reply
    bad = tmp_path / "tool.exe"
    bad.write_bytes(b"MZ")
    with pytest.raises(Exception, match="Invalid file type"):  # Gradio's own check, before ours
        client.predict([handle_file(str(bad))], str(server[1]), api_name="/add_documents")


def test_upload_names_and_sizes(tmp_path):
    assert safe_upload_name("/tmp/gradio/abc/report.pdf") == "report.pdf"
    assert safe_upload_name("..\\..\\windows\\notes.md") == "notes.md"
    for bad in ("..", ".hidden.txt", "a..b.txt", "run.sh", "x" * 300 + ".txt"):
        with pytest.raises(ValueError):
            safe_upload_name(bad)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(ValueError, match="limit"):
        save_uploads([str(big)], tmp_path / "up", max_bytes=1024)
    same = tmp_path / "src"
    same.mkdir()
    (same / "a.txt").write_text("one")
    first = save_uploads([str(same / "a.txt")], tmp_path / "up")
    (same / "a.txt").write_text("two")
    second = save_uploads([str(same / "a.txt")], tmp_path / "up")
    assert first[0].read_text() == "one" and second[0].name == "a-1.txt"  # nothing overwritten


def test_binds_to_localhost_by_default():
    import inspect
    from qa.web import launch
    assert inspect.signature(launch).parameters["host"].default == "127.0.0.1"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.e2e
@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium not installed (scripts/test.sh installs it)")
def test_browser_end_to_end(server):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1100, "height": 1000})
        page.goto(server[0], wait_until="load")
        box = page.locator("textarea").first
        box.wait_for(timeout=60_000)
        box.fill("who attended the 2022 South-South forum")
        box.press("Enter")
        bot = page.locator(".message.bot, [data-testid='bot']").last
        bot.wait_for(timeout=60_000)
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=\"bot\"], .message.bot')]"
            ".some(e => e.innerText.includes('Source'))", timeout=60_000)
        text = bot.inner_text()
        assert "more than 600 participants from 31 countries, including representatives" in text
        assert "002_557cd2be1ce03ba0.txt" in text and "Confidence" in text
        assert not page.locator("mark").last.is_visible()  # sources start collapsed
        page.locator("details summary").last.click()
        page.locator("mark").first.wait_for(state="visible", timeout=10_000)
        assert "more than 600 participants" in page.locator("mark").first.inner_text()
        shot = os.environ.get("QA_SCREENSHOT")
        if shot:
            page.screenshot(path=shot, full_page=True)
        browser.close()
