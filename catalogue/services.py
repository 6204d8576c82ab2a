"""Domain actions of the catalogue that are more than one model's save().

`bulk_writes()` marks a block that writes many entries at once (an import).
Apps that react to every save can register a context manager here to batch
their work for such a block, without the catalogue importing them: in
`AppConfig.ready()`, `register_bulk_hook(factory)`. (The search index needs
none: it indexes each transaction's entries once before it commits,
`catalogue.commits`.)

Bulk writers that bypass `save()` (the importer, `interchange.writing`)
send `entries_imported` once per model instead of the per-row signals:
`sender` the model, `entries` the written instances (relations written
too), `snapshot_of` ({pk: `catalogue.snapshots` snapshot}), `user` and
`reason`. The search index and the Redaktion's revisions
listen to it.
"""

from contextlib import ExitStack, contextmanager

from django.dispatch import Signal

entries_imported = Signal()

_bulk_hooks = []


def register_bulk_hook(factory):
    """`factory()` returns a context manager entered around every bulk write."""
    if factory not in _bulk_hooks:
        _bulk_hooks.append(factory)


@contextmanager
def bulk_writes():
    with ExitStack() as stack:
        for factory in _bulk_hooks:
            stack.enter_context(factory())
        yield
