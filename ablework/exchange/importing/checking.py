"""Reading an import file and checking its rows, chunk by chunk: in this process, or for a
large file in a helper process, so that on a machine with more than one core the next chunk
is read and checked while this process plans and writes the last one.

The helper is forked from this process, so it starts at once and shares the context loaded
before it (regions, the importer's scope, today's date, the data key). It is used only when
this process runs no other thread (the command line, a job worker), since forking a process
with threads can copy a lock some other thread holds; a web process checks in place. The
helper never touches the database (a guard makes any query it tries fail); it sends the
header it found, then each chunk of checked rows, through a pipe, which holds it at most a
chunk ahead of the writer (memory stays bounded). If this process stops reading (an error,
an interruption) the pipe breaks and the helper ends; if the helper fails, this process
raises its error.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from django.conf import settings
from django.db import connections

from ablework.exchange.columns import HeaderMatch
from ablework.exchange.importing.context import ImportContext
from ablework.exchange.importing.kinds import CheckedRow, ImportKind
from ablework.exchange.reading import Source, SpreadsheetFile, UnreadableFile, size_of
from ablework.exchange.sources import chunked, locate_data

CHUNK_ROWS = 2000
# Below this size (about 12,000 rows of the template as .xlsx) starting a helper is not worth
# it (setting EXCHANGE_HELPER_MIN_BYTES; None: never).
HELPER_MIN_BYTES = 1 * 2**20


@dataclass
class CheckedSource:
    """The file's header, where it is, about how many data rows follow, and the checked rows
    in chunks of CHUNK_ROWS."""

    header: HeaderMatch
    header_row: int
    estimated_rows: int
    chunks: Iterator[list[CheckedRow]]


class HelperFailed(RuntimeError):
    """The helper process ended without finishing the file; nothing it sent is kept."""


@contextmanager
def checked_chunks(source: Source, kind: ImportKind, ctx: ImportContext) -> Iterator[CheckedSource]:
    """The file's rows, checked by the kind's checker; raises UnreadableFile for a file that
    cannot be imported."""
    if use_helper(source):
        with _checked_in_helper(source, kind, ctx) as checked:
            yield checked
    else:
        with SpreadsheetFile(source, name=ctx.batch.file_name, limit=ctx.row_limit) as spreadsheet:
            yield _checked_here(spreadsheet, kind, ctx)


def use_helper(source: Source) -> bool:
    """Whether a helper process will read and check this file."""
    minimum = getattr(settings, "EXCHANGE_HELPER_MIN_BYTES", HELPER_MIN_BYTES)
    return (
        minimum is not None
        and size_of(source) >= minimum
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def _checked_here(
    spreadsheet: SpreadsheetFile, kind: ImportKind, ctx: ImportContext
) -> CheckedSource:
    source = locate_data(spreadsheet, kind.catalog, required=kind.required)
    checker = kind.checker(source.header, ctx)
    chunks = (
        [checker.check(row.cells, row.number, row.problems) for row in rows]
        for rows in chunked(source.rows, CHUNK_ROWS)
    )
    estimate = max(source.table.estimated_rows - source.header_row, 1)
    return CheckedSource(source.header, source.header_row, estimate, chunks)


@contextmanager
def _checked_in_helper(
    source: Source, kind: ImportKind, ctx: ImportContext
) -> Iterator[CheckedSource]:
    forking = multiprocessing.get_context("fork")
    receiver, sender = forking.Pipe(duplex=False)
    helper = forking.Process(
        target=_helper_main,
        args=(source, kind, ctx, sender, receiver),
        name="ablework-import-check",
        daemon=True,
    )
    helper.start()
    sender.close()  # the helper holds the only sending end: its exit is seen as end of file
    try:
        _, header_row, header, estimate = _receive(receiver)
        yield CheckedSource(header, header_row, estimate, _received_chunks(receiver))
    finally:
        receiver.close()
        helper.join(timeout=10)
        if helper.is_alive():
            helper.kill()
            helper.join()


def _received_chunks(receiver: Connection) -> Iterator[list[CheckedRow]]:
    while (message := _receive(receiver))[0] == "rows":
        yield message[1]


def _receive(receiver: Connection) -> tuple[Any, ...]:
    try:
        message: tuple[Any, ...] = receiver.recv()
    except EOFError:
        raise HelperFailed("the process checking the file ended without finishing it") from None
    if message[0] == "unreadable":
        raise UnreadableFile(message[1])
    if message[0] == "failed":
        raise HelperFailed(f"the process checking the file failed:\n{message[1]}")
    return message


def _helper_main(
    source: Source, kind: ImportKind, ctx: ImportContext, sender: Connection, receiver: Connection
) -> None:
    """In the helper: read, check and send; never query the database."""
    # The fork copied the receiving end too: while the helper held it, the pipe would not
    # break when the importer dies, and a helper waiting to send would wait forever.
    receiver.close()
    for alias in connections:
        connections[alias].execute_wrappers.append(_refuse_query)
    try:
        with SpreadsheetFile(source, name=ctx.batch.file_name, limit=ctx.row_limit) as spreadsheet:
            checked = _checked_here(spreadsheet, kind, ctx)
            sender.send(("header", checked.header_row, checked.header, checked.estimated_rows))
            for chunk in checked.chunks:
                sender.send(("rows", chunk))
        sender.send(("end",))
    except UnreadableFile as error:
        sender.send(("unreadable", error.message))
    except (BrokenPipeError, ConnectionResetError):
        return  # the importer stopped reading: nothing left to do
    except BaseException:
        sender.send(("failed", traceback.format_exc()))
    finally:
        sender.close()


def _refuse_query(*args: Any) -> Any:
    raise RuntimeError("the process checking an import file must not use the database")
