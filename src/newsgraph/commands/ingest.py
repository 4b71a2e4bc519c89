"""``newsgraph ingest``, ``newsgraph link`` and ``newsgraph db info|migrate``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeRemainingColumn
from rich.text import Text

from newsgraph.commands.common import DB_OPTION, EXIT_INPUT, JSON_OPTION, fail, one_line, show, user_errors
from newsgraph.engine.local import IngestConfig, IngestReport
from newsgraph.engine.worker import Outcome
from newsgraph.options import MODEL_ENV, Options, default_model

MAX_ERRORS_SHOWN = 20


class RateColumn(ProgressColumn):
    """Articles per second since the start (Rich's own speed column is for bytes)."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:.1f} articles/s", style="progress.data.speed")


def _progress(console: Console) -> Progress:
    return Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                    TextColumn("ETA"), TimeRemainingColumn(), TextColumn("[red]{task.fields[errors]} errors"),
                    console=console, transient=True)


def summary_lines(report: IngestReport, db: str) -> list[str]:
    """What the ingest did, one line each: the counts, then the errors (the first MAX_ERRORS_SHOWN)."""
    rate = report.done / report.seconds if report.seconds else 0.0
    lines = [f"stored {report.stored} new articles in {db}; {report.copies} exact copies of stored articles, "
             f"{report.skipped} sources already stored, {len(report.errors)} errors; "
             f"{report.seconds:.1f} s ({rate:.1f} articles/s)"]
    lines += [f"  error {source}: {reason}" for source, reason in report.errors[:MAX_ERRORS_SHOWN]]
    if len(report.errors) > MAX_ERRORS_SHOWN:
        lines.append(f"  ... and {len(report.errors) - MAX_ERRORS_SHOWN} more: "
                     f'newsgraph sql --db {db} "SELECT * FROM errors"')
    return [one_line(line) if line.startswith("  ") else line for line in lines]


def run_ingest(sources: list[str], config: IngestConfig, verbose: bool) -> IngestReport:
    """The ingest with a live progress bar on a terminal (gone when done); what stays is plain lines on stderr."""
    from newsgraph.engine.local import ingest

    progress = _progress(Console(stderr=True)) if sys.stderr.isatty() else None
    task = progress.add_task("ingest", total=None, errors=0) if progress else None

    def on_start(report: IngestReport) -> None:
        if progress is not None and task is not None:
            progress.update(task, total=report.total, completed=report.done)
            progress.start()

    def on_batch(report: IngestReport, outcomes: list[Outcome]) -> None:
        if progress is not None and task is not None:
            progress.update(task, completed=report.done, errors=len(report.errors))
        if verbose:
            line = f"committed batch: {report.stored} stored, {report.done}/{report.total} done\n"
            progress.console.print(line.rstrip(), markup=False) if progress else sys.stderr.write(line)

    try:
        report = ingest(sources, config, on_batch, on_start)
    finally:
        if progress is not None:
            progress.stop()
    sys.stderr.write("".join(line + "\n" for line in summary_lines(report, config.db)))
    return report


def run_spark_ingest(sources: list[str], output: str | None, master: str, options: Options,
                     published_from_metadata: bool, link: bool, files_per_task: int = 64) -> None:
    """The ingest on Spark into a Parquet lake; then (unless --no-link) the links, on Spark too."""
    from newsgraph.engine.spark import ingest_spark
    from newsgraph.store.duckdb import Store

    if not output:
        fail("--engine spark writes a Parquet lake: give its folder with --output DIR", EXIT_INPUT)
    report = ingest_spark(sources, output, master, options, published_from_metadata, files_per_task)
    with Store(output, read_only=True) as store:
        counts = store.counts()
    lines = [f"{output}: {report.units - report.skipped_units} input units run, {report.skipped_units} already done; "
             f"the lake holds {counts['articles']} articles, {counts['copies']} sources, {counts['errors']} errors; "
             f"{report.seconds:.1f} s"]
    lines += [one_line(f"  error {source}: {reason}") for source, reason in report.errors[:MAX_ERRORS_SHOWN]]
    if len(report.errors) > MAX_ERRORS_SHOWN:
        lines.append(f'  ... and {len(report.errors) - MAX_ERRORS_SHOWN} more: newsgraph sql --db {output} '
                     '"SELECT * FROM errors"')
    sys.stderr.write("".join(line + "\n" for line in lines))
    if link and report.units > report.skipped_units:
        from newsgraph.link.sql import link_at_scale

        result = link_at_scale(output, "spark", master)
        sys.stderr.write(f"{result.links} links, {result.stories} stories\n")
    if report.errors and not counts["articles"]:
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    db_app = typer.Typer(no_args_is_help=True, help="The store: counts, migration.")
    app.add_typer(db_app, name="db")

    @app.command()
    @user_errors
    def ingest(
        sources: list[str] = typer.Argument(  # noqa: B008
            ..., help="folders (recursive), globs, HTML/text files (.gz too), "
                                                        "WARC files, RSS/Atom feeds (files or URLs), JSON Lines"),
        db: str = DB_OPTION,
        workers: int = typer.Option(1, "--workers", "-w", min=1, help="worker processes (each loads the model once)"),
        batch_size: int = typer.Option(16, "--batch-size", min=1, help="articles per batch and per transaction"),
        published_from_metadata: bool = typer.Option(
            False, help="when a page gives no date, use its archive/file date (WARC-Date, file time)"),
        link: bool = typer.Option(True, help="link copies, rewrites and stories when done"),
        model: str = typer.Option(default_model(), help=f"spaCy pipeline to use (env {MODEL_ENV})"),
        verbose: bool = typer.Option(False, "--verbose", "-v", help="a line per committed batch"),
        engine: str = typer.Option("local", "--engine", help="local (worker processes, a DuckDB store) or "
                                   "spark (Apache Spark, a Parquet lake in --output; pip install 'newsgraph[spark]')"),
        master: str = typer.Option("local[2]", "--master", help="Spark master: local[N], yarn, spark://HOST:PORT"),
        output: str | None = typer.Option(None, "--output", help="the lake folder a Spark ingest writes"),
        files_per_task: int = typer.Option(64, "--files-per-task", min=1,
                                           help="with --engine spark: loose article files per task"),
    ) -> None:
        """Ingest sources into the store: skips what is stored, commits each batch atomically."""
        if engine not in ("local", "spark"):
            fail(f"--engine must be local or spark, not {engine!r}", EXIT_INPUT)
        if engine == "spark":
            run_spark_ingest(sources, output, master, Options(model=model), published_from_metadata, link,
                             files_per_task)
            return
        workers = min(workers, os.cpu_count() or workers) if workers > 1 else 1
        config = IngestConfig(db=db, workers=workers, batch_size=batch_size, link=link,
                              published_from_metadata=published_from_metadata, options=Options(model=model))
        report = run_ingest(sources, config, verbose)
        if report.errors and not (report.stored or report.skipped or report.copies):
            raise typer.Exit(2)

    @app.command("link")
    @user_errors
    def link_command(db: str = DB_OPTION,
                     engine: str = typer.Option("local", "--engine", help="local (in memory), duckdb (SQL "
                                                "candidates on DuckDB) or spark (SQL candidates on Spark SQL)"),
                     master: str = typer.Option("local[2]", "--master", help="Spark master, with --engine spark"),
                     ) -> None:
        """Recompute copy/rewrite links and stories over the whole store (or a lake folder)."""
        from newsgraph.link.stories import link_store

        if engine not in ("local", "duckdb", "spark"):
            fail(f"--engine must be local, duckdb or spark, not {engine!r}", EXIT_INPUT)
        if engine != "local" or os.path.isdir(db):
            from newsgraph.link.sql import link_at_scale

            result = link_at_scale(db, "duckdb" if engine == "local" else engine, master)
            typer.echo(f"{result.links} links, {result.stories} stories")
            return
        from newsgraph.store.duckdb import Store

        Store(db).close()  # a missing store is an error here; an old one is migrated
        links, stories = link_store(db)
        typer.echo(f"{links} links, {stories} stories")

    @db_app.command("info")
    @user_errors
    def info(db: str = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Counts per table, the store version and its size."""
        from newsgraph.commands.common import open_store

        with open_store(db) as store:
            counts, version = store.counts(), store.version()
        if not as_json:
            size = (sum(p.stat().st_size for p in Path(db).rglob("*") if p.is_file()) if os.path.isdir(db)
                    else os.path.getsize(db))
            sys.stdout.write(f"{db}: store version {version}, {size / 1e6:.1f} MB\n")
        show(["table", "rows"], list(counts.items()), as_json)

    @db_app.command("migrate")
    @user_errors
    def migrate(db: str = DB_OPTION) -> None:
        """Bring a store made by an older newsgraph up to date (opening it for writing does this)."""
        from newsgraph.store.duckdb import Store

        with Store(db) as store:
            sys.stdout.write(f"{db}: store version {store.version()}\n")
