"""Stage 7, training: extractive readers trained on SQuAD v1.1 (``qa train-reader``).

``data``: SQuAD examples, abstention examples (another paragraph; the own
paragraph without the answer's sentence: a *near miss*), titles, windows and
labels. ``distill``: teacher logits and the token alignment between a teacher
and a student tokenizer. ``loop``: the training loop (CPU or CUDA, bf16
autocast), checkpoints and export (fp16, or the compact int8 form). ``cli``:
the command line. ``RECIPES`` in ``cli`` lists the settings of the shipped
readers.
"""
