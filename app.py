"""Gradio web chat over the index in ./index (built from the sample corpus on first start).

Run: python app.py   (or: qa serve). Environment: QA_INDEX_DIR, QA_HOST (default 127.0.0.1),
QA_PORT (default 7860), QA_PASSWORD (asks for user QA_USER / this password when set).
"""

import os

from qa.defaults import INDEX_DIR, SAMPLE_CORPUS
from qa.serve.web import launch

if __name__ == "__main__":
    launch(indexes={"default": INDEX_DIR}, host=os.environ.get("QA_HOST", "127.0.0.1"),
           port=int(os.environ.get("QA_PORT", "7860")), corpus=SAMPLE_CORPUS)
