"""Distillation: a teacher reader's start/end logits as soft targets for a student.

The student sees the teacher's distribution over the no-answer slot (token 0)
and the context tokens of the same window. That needs the two tokenisations to
line up: MPNet's word pieces are BERT-uncased's, so tokenising the same
(question, context) with ``max_length + 1`` for the teacher (it has one more
special token, ``</s></s>`` between the segments) gives the same context tokens
with the same character offsets in most windows. ``aligned`` checks that per
example (every window must match); other examples get the hard loss only.

Leaves out: intermediate-layer distillation, on-the-fly teacher inference.
"""

from __future__ import annotations

import numpy as np

from qa.training.data import Feature, collate


def aligned(student: list[Feature], teacher: list[Feature]) -> bool:
    """True when both tokenisations give the same windows with the same context tokens (by offsets)."""
    return len(student) == len(teacher) and all(
        s.context_offsets == t.context_offsets for s, t in zip(student, teacher))


def by_example(feats: list[Feature]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for i, f in enumerate(feats):
        out.setdefault(f.example, []).append(i)
    return out


def positions(f: Feature) -> np.ndarray:
    """The no-answer slot and the context tokens of a window, in order."""
    return np.concatenate([[0], np.arange(f.context_first, f.context_first + len(f.context_offsets))])


def match_teacher(student: list[Feature], teacher: list[Feature]) -> dict[int, int]:
    """``{student feature index: teacher feature index}`` for the examples whose windows all line up."""
    s_by, t_by = by_example(student), by_example(teacher)
    pairs = {}
    for ex, s_idx in s_by.items():
        t_idx = t_by.get(ex, [])
        if aligned([student[i] for i in s_idx], [teacher[i] for i in t_idx]):
            pairs.update(zip(s_idx, t_idx))
    return pairs


def teacher_targets(model, teacher: list[Feature], wanted: list[int], device: str, pad_id: int,
                    batch_size: int = 64, bf16: bool = False, progress: bool = False) -> dict[int, np.ndarray]:
    """``{teacher feature index: float16 array (2, 1 + context tokens)}``: start/end logits at ``positions``."""
    import torch
    from tqdm import tqdm

    out = {}
    model.eval()
    order = sorted(wanted, key=lambda i: len(teacher[i].input_ids))
    with torch.inference_mode(), torch.autocast(device, dtype=torch.bfloat16, enabled=bf16):
        for b in tqdm(range(0, len(order), batch_size), desc="teacher logits", disable=not progress):
            idx = order[b:b + batch_size]
            batch = collate([teacher[i] for i in idx], pad_id, segments=False)
            res = model(input_ids=batch["input_ids"].to(device), attention_mask=batch["attention_mask"].to(device))
            s, e = res.start_logits.float().cpu().numpy(), res.end_logits.float().cpu().numpy()
            for r, i in enumerate(idx):
                pos = positions(teacher[i])
                out[i] = np.stack([s[r, pos], e[r, pos]]).astype(np.float16)
    return out


def soft_loss(start_logits, end_logits, rows: list[int], pos: list[np.ndarray], targets: list[np.ndarray],
              temperature: float = 2.0):
    """Mean KL(teacher || student) at ``temperature`` (times T^2) over the given rows and positions."""
    import torch
    import torch.nn.functional as F
    losses = []
    for r, p, t in zip(rows, pos, targets):
        p_t = torch.as_tensor(p, device=start_logits.device)
        tgt = torch.as_tensor(t.astype(np.float32), device=start_logits.device)
        for k, logits in enumerate((start_logits, end_logits)):
            student = F.log_softmax(logits[r, p_t].float() / temperature, dim=-1)
            teacher = F.softmax(tgt[k] / temperature, dim=-1)
            losses.append(F.kl_div(student, teacher, reduction="sum") * temperature ** 2)
    return torch.stack(losses).sum() / (2 * len(rows))
