"""A warmed-up worker's long-lived objects out of the garbage collector's
sight.

What a process builds on its first requests and keeps (templates, the
translation catalogues, the thesaurus table, kept cards, the in-memory
index) would otherwise be walked by every full collection: at 10,000
programmes one Fördercheck page in six took 45–70 ms instead of 30
(bench/check.py). Freezing after the 1st, 10th, 100th and 1,000th request
moves what is alive then into the permanent generation; reference counting
still frees it when it is dropped, only cycles among it would stay (a few
request objects, four times per process)."""

import gc
import itertools

FREEZE_AFTER = frozenset({1, 10, 100, 1000})
_served = itertools.count(1)


def freeze_after_warm_up(sender=None, **kwargs):
    """request_finished: after the counts above, collect once and freeze."""
    if next(_served) in FREEZE_AFTER:
        gc.collect()
        gc.freeze()
