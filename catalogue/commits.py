"""Work that belongs to a transaction and must land in it: "before commit".

Django runs callbacks after a commit (`transaction.on_commit`), which is too
late for data that has to change together with the catalogue (the search
index, ADR 0006): a process killed between the commit and the callback
leaves the two apart. `defer(flush, item)` notes `item` for the current
transaction instead; just before the outermost atomic block commits,
`flush(items)` runs once with every item noted, inside the transaction, so
that its writes commit or roll back with the catalogue's. A block that rolls
back (an exception, `set_rollback(True)`, a dry run) flushes nothing.
Outside any atomic block (autocommit: each statement is its own
transaction) `flush([item])` runs at once.

Blocks that a test case opens around a test do not count as transactions
here, just as Django's `durable` check ignores them: a test's writes behave
as in production.
"""

from django.db import DEFAULT_DB_ALIAS, connections, transaction

_ATTRIBUTE = "atlas_before_commit"  # on the connection: {flush: [items]}, in noting order


def _real_blocks(connection):
    return [block for block in connection.atomic_blocks if not block._from_testcase]


def defer(flush, item, using=DEFAULT_DB_ALIAS):
    connection = connections[using]
    if not _real_blocks(connection):
        flush([item])
        return
    pending = connection.__dict__.setdefault(_ATTRIBUTE, {})
    pending.setdefault(flush, {})[item] = None  # a dict keeps the order and each item once


def pending(using=DEFAULT_DB_ALIAS):
    """{flush: [items]} noted in the current transaction and not yet flushed."""
    return {flush: list(items) for flush, items in connections[using].__dict__.get(_ATTRIBUTE, {}).items()}


def _flush_all(connection):
    """Flush until nothing is left: a flush may note more (an institution's
    rename touches its programmes)."""
    while queued := connection.__dict__.pop(_ATTRIBUTE, None):
        for flush, items in queued.items():
            flush(list(items))


_original_exit = transaction.Atomic.__exit__


def _exit(self, exc_type, exc_value, traceback):
    connection = transaction.get_connection(self.using)
    outermost = _real_blocks(connection) == [self]
    clean = exc_type is None and not connection.needs_rollback and not connection.closed_in_transaction
    if outermost and clean:
        try:
            _flush_all(connection)
        except BaseException as error:  # the block rolls back, as for any failure inside it
            connection.__dict__.pop(_ATTRIBUTE, None)
            _original_exit(self, type(error), error, error.__traceback__)
            raise
    elif outermost:
        connection.__dict__.pop(_ATTRIBUTE, None)  # rolled back: nothing to flush
    return _original_exit(self, exc_type, exc_value, traceback)


def install():
    """Called once from CatalogueConfig.ready()."""
    if transaction.Atomic.__exit__ is not _exit:
        transaction.Atomic.__exit__ = _exit
