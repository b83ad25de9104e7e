"""Headless command line over the same operations the GUI uses.

``rednote-desk`` with no command launches the desktop app. ``--db PATH`` may stand before or after the command.
Errors are one readable line on standard error with a non-zero exit (a traceback only with ``--debug``).
"""
from __future__ import annotations

import argparse
import gc
import json
import sqlite3
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rednote_desk import __version__
from rednote_desk.console import PrintableStream, invalid_utf8_argument, megabytes, printable
from rednote_desk.core.errors import NotFoundError, UserError
from rednote_desk.core.rules import check_published, locate_quote

EXIT_ERROR = 1
EXIT_PARTIAL = 2


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--db", metavar="PATH", default=default,
                        help="project file to open or create (default: your default project)")
    parser.add_argument("--debug", action="store_true", default=False if top else argparse.SUPPRESS,
                        help="show a traceback on errors")


# -- commands: each is declared beside its body with @command(name, help, arg(...), ...) ---------------------
@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[..., int]  # run(project, args), or run(args) when the command opens no project
    arguments: tuple  # arg(...) / exclusive(...) declarations, in order
    project: bool = True


COMMANDS: dict[str, Command] = {}  # in declaration order: the order of --help


def arg(*names: str, **options: Any) -> tuple:
    """One argparse argument of a command: ``arg("--tag", action="append")`` (``add_argument``'s parameters)."""
    return ("arg", names, options)


def exclusive(*arguments: tuple, required: bool = False) -> tuple:
    """Arguments of which at most one (with ``required``, exactly one) may be given."""
    return ("exclusive", arguments, {"required": required})


def command(name: str, help_text: str, *arguments: tuple, project: bool = True):
    """Register the decorated function as the command ``name`` with these arguments (``--db``/``--debug`` are
    added to every command). It is called as ``run(project, args)`` with the project open (closed afterwards),
    or ``run(args)`` with ``project=False``; it returns the exit status."""

    def register(run: Callable[..., int]) -> Callable[..., int]:
        if name in COMMANDS:
            raise ValueError(f"command {name} is declared twice")
        COMMANDS[name] = Command(name, help_text, run, arguments, project)
        return run

    return register


def _add_arguments(parser, arguments: Sequence[tuple]) -> None:
    for kind, names, options in arguments:
        if kind == "exclusive":
            _add_arguments(parser.add_mutually_exclusive_group(**options), names)
        else:
            parser.add_argument(*names, **options)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rednote-desk",
                                     description="Compare how news outlets framed the same event.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for cmd in COMMANDS.values():
        p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help)
        _common(p, top=False)
        _add_arguments(p, cmd.arguments)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    bad = invalid_utf8_argument(argv)
    if bad is not None:
        print(f"rednote-desk: error: the argument “{bad}” is not valid UTF-8; rename the file or retype the "
              "text", file=sys.stderr)
        return EXIT_ERROR
    real_stderr = sys.stderr
    sys.stderr = PrintableStream(real_stderr)  # file names and article text never drive the terminal
    try:
        args = build_parser().parse_args(argv)
        if args.command in (None, "gui"):
            sys.stderr = real_stderr
            return _cmd_gui(args)  # the app shows its own errors
        return _run_reporting(args)
    finally:
        sys.stderr = real_stderr


def _run_reporting(args: argparse.Namespace) -> int:
    """``_run`` with every failure as one readable line on standard error (a traceback only with --debug)."""
    try:
        return _run(args)
    except UserError as exc:
        if args.debug:
            raise
        print(f"rednote-desk: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except sqlite3.DatabaseError as exc:  # damage found after opening, or a lock held too long
        if args.debug:
            raise
        print(f"rednote-desk: error: {_database_problem(exc, args.db)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_ERROR
    except OverflowError:
        if args.debug:
            raise
        print("rednote-desk: error: a number is out of range (ids, offsets and counts are at most "
              "9223372036854775807)", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:  # the output (standard output, a file) could not be written
        if args.debug:
            raise
        if exc.filename is None:  # standard output itself failed
            _silence_stdout()
        import errno

        if exc.errno == errno.ENOSPC:
            reason = "the disk is full; free some space and try again"
        else:
            reason = f"{exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")
        print(f"rednote-desk: error: cannot write the output: {reason}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - the edge: one readable line, not a traceback
        if args.debug:
            raise
        print(f"rednote-desk: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
              file=sys.stderr)
        return EXIT_ERROR


def _silence_stdout() -> None:
    """After standard output failed, send what is still buffered nowhere (no second error at exit)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _database_problem(exc: sqlite3.DatabaseError, db: str | None) -> str:
    if db is None:
        from rednote_desk.services.projects import default_project_path

        db = str(default_project_path())
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"the project file {db} is busy: another program kept it locked too long; try again in a moment"
    if "full" in text:
        return f"the disk is full ({text}); free some space and try again"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return (f"the project file {db} is damaged ({text}); nothing was saved. Open a copy from the "
                f".backups folder next to it, or try: sqlite3 {db} .recover")
    return f"the project file {db} could not be used ({text})"


# commands that only read the project: with --db pointing nowhere they say so instead of creating a project
READ_ONLY_COMMANDS = frozenset({"docs", "tags", "annotations", "search", "export", "orphans", "compare", "report",
                                "suggestions", "backup", "agreement"})


def _run(args: argparse.Namespace) -> int:
    from rednote_desk import services

    cmd = COMMANDS[args.command]
    if not cmd.project:
        return cmd.run(args)
    if args.command in READ_ONLY_COMMANDS and args.db is not None:
        from pathlib import Path

        if not Path(args.db).expanduser().exists():  # a mistyped path must not become a new empty project
            raise UserError(f"there is no project file {args.db}; check the path (only commands that change "
                            "a project create a new one)")
    project = services.open_project(args.db)
    try:
        return cmd.run(project, args)
    finally:
        project.close()


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _print_listing(items: list[dict], as_json: bool, fields: Callable[[dict], tuple]) -> int:
    """``items`` as JSON, or one tab-separated line per item: its ``fields``."""
    if as_json:
        _print_json(items)
        return 0
    for item in items:
        print("\t".join(str(x) for x in fields(item)))
    return 0


def _one_line(text: str | None) -> str:
    return printable(" ".join((text or "").split()))


@command("gui", "launch the desktop app (the default without a command)", project=False)
def _cmd_gui(args) -> int:
    from rednote_desk.gui.app import main as gui_main

    return gui_main(db_path=args.db)


@command("import", "import article files (.txt, .html, .htm, .md) and Nexis Uni / Factiva downloads "
                   "(.docx, .rtf, .txt: one document per article); folders are searched",
         arg("files", nargs="+", metavar="FILE"),
         arg("--outlet"),
         arg("--title"),
         arg("--author"),
         arg("--published", metavar="YYYY-MM-DD"),
         arg("--url"),
         arg("--trim-boilerplate", action="store_true",
             help="remove the web boilerplate the importer detects (banners, footers, repeats)"),
         arg("--max-mb", type=megabytes, default=20.0, help="refuse files larger than this (default 20)"))
def _cmd_import(project, args) -> int:
    refi_files = [f for f in args.files if str(f).lower().endswith((".qdpx", ".qdc"))]
    if refi_files:
        return _import_refi(project, args, refi_files)
    from rednote_desk import services
    from rednote_desk.core.ingest.html_diagnose import is_short_text_warning

    if args.published:
        check_published(args.published)  # before reading any file
    overrides = {"outlet": args.outlet, "title": args.title, "author": args.author,
                 "published": args.published, "url": args.url}
    paths = services.iter_paths(args.files)
    if not paths:
        raise UserError("no supported files found (.txt, .html, .htm, .md, .docx, .rtf)")
    outcomes = services.import_paths(project, paths, overrides=overrides, trim=args.trim_boilerplate,
                                     max_bytes=int(args.max_mb * 1024 * 1024))
    failed = 0
    for outcome in outcomes:
        if outcome.error:
            failed += 1
            print(f"rednote-desk: error: {outcome.error}", file=sys.stderr)
            continue
        for warning in outcome.warnings:
            kind = "warning" if is_short_text_warning(warning) else "note"
            print(f"rednote-desk: {kind}: {outcome.path}: {warning}", file=sys.stderr)
        document = outcome.document
        assert document is not None  # an outcome without an error has its document
        if not outcome.created:
            print(f"rednote-desk: note: {outcome.path} is already in the project as document "
                  f"{document.id}; not imported again", file=sys.stderr)
        print(f"{document.id}\t{_one_line(document.title)}")
    if failed:
        print(f"rednote-desk: {failed} of {len(outcomes)} files could not be imported", file=sys.stderr)
        return EXIT_PARTIAL if failed < len(outcomes) else EXIT_ERROR
    return 0


@command("boilerplate", "show what the importer would trim from a file, without importing it",
         arg("file"),
         project=False)
def _cmd_boilerplate(args) -> int:
    from rednote_desk.core import ingest

    imported = ingest.read_file(args.file)
    for span in imported.boilerplate:
        snippet = _one_line(imported.text[span.start:span.end])
        print(f"{span.start}\t{span.end}\t{span.reason}\t{snippet[:80]}")
    return 0


@command("docs", "list documents",
         arg("--json", action="store_true"))
def _cmd_docs(project, args) -> int:
    rows = project.document_summaries()
    if args.json:
        _print_json(rows)
        return 0
    for r in rows:
        print("\t".join(str(x) if x is not None else "" for x in (
            r["id"], _one_line(r["title"]), r["outlet"], r["author"], r["published"], r["url"],
            r["characters"], r["annotations"])))
    return 0


@command("doc-edit", "edit a document's details",
         arg("id", type=int),
         arg("--title"),
         arg("--outlet"),
         arg("--author"),
         arg("--published"),
         arg("--url"),
         arg("--note"))
def _cmd_doc_edit(project, args) -> int:
    fields = {k: getattr(args, k) for k in ("title", "outlet", "author", "published", "url", "note")
              if getattr(args, k) is not None}
    if not fields:
        raise UserError("nothing to change: give --title, --outlet, --author, --published, --url or --note")
    project.update_document(args.id, **fields)
    return 0


@command("doc-delete", "delete a document and its annotations (undoable)",
         arg("id", type=int))
def _cmd_doc_delete(project, args) -> int:
    project.delete_document(args.id)
    return 0


@command("tags", "list the codebook",
         arg("--json", action="store_true"))
def _cmd_tags(project, args) -> int:
    usage = project.tag_usage()
    tags = project.tags()
    paths = project.tag_paths()
    if args.json:
        _print_json([{"id": t.id, "name": t.name, "path": paths[t.id], "parent_id": t.parent_id,
                      "color": t.color, "description": t.description, "uses": usage.get(t.id, 0)} for t in tags])
        return 0
    for t in tags:
        print(f"{t.id}\t{paths[t.id]}\t{t.color}\t{usage.get(t.id, 0)}")
    return 0


def _resolve_tag(project, name: str, *, create: bool = False):
    """The store's rule (a name or Parent/Child path; with create, missing parents are made), CLI hints added."""
    try:
        return project.resolve_tag(name, create=create).value
    except NotFoundError as exc:
        raise UserError(f"{exc} (list tags with: rednote-desk tags; or pass --create-tags)") from exc


@command("tag-add", "add a tag to the codebook",
         arg("name"),
         arg("--parent", metavar="NAME"),
         arg("--color", metavar="#RRGGBB"),
         arg("--description", default=""))
def _cmd_tag_add(project, args) -> int:
    parent_id = _resolve_tag(project, args.parent).id if args.parent else None
    tag = project.add_tag(args.name, parent_id=parent_id, color=args.color, description=args.description).value
    print(tag.id)
    return 0


# --quote [--occurrence] or --start/--end: a span of a document's text, read by _span
_SPAN_ARGUMENTS = (
    arg("--quote"),
    arg("--occurrence", type=int, metavar="N", help="which occurrence of the quote (1 = first)"),
    arg("--start", type=int),
    arg("--end", type=int),
)


def _span(args, text: str) -> tuple[int, int]:
    """The span of ``text`` named by ``--quote`` [``--occurrence``] or by ``--start`` and ``--end``."""
    if args.quote is not None:
        if args.start is not None or args.end is not None:
            raise UserError("give either --quote or --start/--end, not both")
        return locate_quote(text, args.quote, args.occurrence)
    if args.start is None or args.end is None:
        raise UserError("give --quote TEXT or both --start N and --end N")
    return args.start, args.end


@command("annotate", "annotate a span of a document; prints the new annotation's id",
         arg("--doc", type=int, required=True, metavar="ID"),
         *_SPAN_ARGUMENTS,
         arg("--tag", action="append", default=[], metavar="NAME"),
         arg("--create-tags", action="store_true"),
         arg("--note", default=""),
         arg("--claim", metavar="LABEL"),
         arg("--coder"))
def _cmd_annotate(project, args) -> int:
    document = project.document(args.doc)
    start, end = _span(args, document.text)
    with project.operation_group("Add annotation"):  # tags made for it, the annotation and its claim: one undo step
        tag_ids = [_resolve_tag(project, name, create=args.create_tags).id for name in args.tag]
        annotation = project.add_annotation(document_id=document.id, start=start, end=end, tag_ids=tag_ids,
                                            note=args.note, coder=args.coder).value
        if args.claim:
            project.link_claim([annotation.id], label=args.claim)
    print(annotation.id)
    return 0


def _annotation_json(project, a, tag_paths) -> dict:
    return {"id": a.id, "document_id": a.document_id, "start_offset": a.start_offset, "end_offset": a.end_offset,
            "quote": a.quote, "prefix": a.prefix, "suffix": a.suffix, "tags": [tag_paths[t] for t in a.tag_ids],
            "note": a.note, "claim_id": a.claim_id,
            "claim_label": project.claim(a.claim_id).label if a.claim_id else None,
            "coder": a.coder, "created_at": a.created_at, "updated_at": a.updated_at, "status": a.status}


def _annotation_items(project, doc: int | None, read: Callable[[int | None], list]) -> list[dict]:
    """``read(doc)``'s annotations (of one document, or of all with None) as JSON-ready dicts; an unknown
    document is an error, not an empty list."""
    if doc is not None:
        project.document(doc)
    tag_paths = project.tag_paths()
    return [_annotation_json(project, a, tag_paths) for a in read(doc)]


@command("annotations", "list annotations",
         arg("--doc", type=int, metavar="ID"),
         arg("--json", action="store_true"))
def _cmd_annotations(project, args) -> int:
    items = _annotation_items(project, args.doc, project.annotations)
    return _print_listing(items, args.json, lambda a: (
        a["id"], a["document_id"], a["start_offset"], a["end_offset"], _one_line(a["quote"]), "; ".join(a["tags"]),
        a["claim_label"] or "", _one_line(a["note"])))


@command("delete", "delete annotations (undoable)",
         arg("ids", type=int, nargs="+"))
def _cmd_delete(project, args) -> int:
    project.delete_annotations(args.ids)
    return 0


@command("link", "link annotations as one claim across outlets",
         arg("ids", type=int, nargs="+"),
         arg("--claim", required=True, metavar="LABEL"))
def _cmd_link(project, args) -> int:
    claim = project.link_claim(args.ids, label=args.claim).value
    print(claim.id)
    return 0


@command("undo", "undo the last change")
def _cmd_undo(project, args) -> int:
    return _print_step(project.undo(), "undo", "undone")


@command("redo", "redo the last undone change")
def _cmd_redo(project, args) -> int:
    return _print_step(project.redo(), "redo", "redone")


def _print_step(changes, verb: str, done: str) -> int:
    """Name the change an undo or redo stepped over; with nothing to step over, a user error."""
    if changes is None:
        raise UserError(f"nothing to {verb}")
    print(f"{done}: {changes.label}")
    return 0


@command("search", "full-text search over documents, quotes and notes",
         arg("query"),
         arg("--json", action="store_true"))
def _cmd_search(project, args) -> int:
    hits = project.search(args.query)
    if args.json:
        _print_json(hits)
        return 0
    for h in hits:
        print(f"{h['kind']}\t{h['document_id']}\t{h['annotation_id'] or ''}\t{_one_line(h['title'])}\t"
              f"{_one_line(h['snippet'])}")
    return 0


@command("export", "export annotations",
         exclusive(arg("--csv", metavar="OUT", help="annotations as CSV: file to write, or - for standard output"),
                   arg("--qdpx", metavar="OUT", help="the whole project as a REFI-QDA project (.qdpx)"),
                   arg("--qdc", metavar="OUT", help="the codebook as a REFI-QDA codebook (.qdc)"),
                   required=True),
         arg("--raw", action="store_true", help="write every value exactly (no formula neutralising)"),
         arg("--excel", action="store_true", help="add a UTF-8 BOM and CRLF line ends"))
def _cmd_export(project, args) -> int:
    if args.qdpx or args.qdc:
        return _export_refi(project, args)
    from rednote_desk.services.projects import export_csv_file

    if args.csv == "-":
        _stdout_for_files()
        export_csv_file(project, sys.stdout, raw=args.raw, excel=args.excel)
        sys.stdout.flush()
    else:
        count = export_csv_file(project, args.csv, raw=args.raw, excel=args.excel)
        print(f"rednote-desk: wrote {count} annotations to {args.csv}", file=sys.stderr)
    return 0


@command("reimport", "replace a document's text by a new version of its file; annotations follow",
         arg("id", type=int),
         arg("file"),
         arg("--trim-boilerplate", action="store_true",
             help="remove the web boilerplate the importer detects (banners, footers, repeats)"),
         arg("--max-mb", type=megabytes, default=20.0, help="refuse files larger than this (default 20)"))
def _cmd_reimport(project, args) -> int:
    from rednote_desk.services.imports import reimport_file

    outcome = reimport_file(project, args.id, args.file, trim=args.trim_boilerplate,
                            max_bytes=int(args.max_mb * 1024 * 1024))
    for warning in outcome.warnings:
        print(f"rednote-desk: note: {args.file}: {warning}", file=sys.stderr)
    c = outcome.counts
    if not outcome.changed:
        print(f"rednote-desk: note: document {args.id} already has this text; nothing changed", file=sys.stderr)
    print(f"kept {c['position']}, moved {c['quote']}, fuzzy {c['fuzzy']}, orphaned {c['orphaned']}")
    if c["orphaned"]:
        print(f"rednote-desk: note: {c['orphaned']} annotations could not be placed; review them with "
              f"'rednote-desk orphans' and 'rednote-desk reattach'", file=sys.stderr)
    return 0


@command("orphans", "list annotations a re-import could not place",
         arg("--doc", type=int, metavar="ID"),
         arg("--json", action="store_true"))
def _cmd_orphans(project, args) -> int:
    items = _annotation_items(project, args.doc, project.orphaned_annotations)
    titles = {d["id"]: d["title"] for d in project.document_summaries()}
    return _print_listing(items, args.json, lambda a: (
        a["id"], a["document_id"], _one_line(titles.get(a["document_id"])), _one_line(a["quote"]),
        "; ".join(a["tags"]), _one_line(a["note"])))


@command("reattach", "place an orphaned (or any) annotation on a new span of its document",
         arg("id", type=int),
         *_SPAN_ARGUMENTS)
def _cmd_reattach(project, args) -> int:
    annotation = project.annotation(args.id)
    start, end = _span(args, project.document(annotation.document_id).text)
    project.update_annotation(annotation.id, start=start, end=end)
    placed = project.annotation(annotation.id)
    print(f"{placed.id}\t{placed.start_offset}\t{placed.end_offset}\t{_one_line(placed.quote)}")
    return 0


def _stdout_for_files() -> None:
    reconfigure = getattr(sys.stdout, "reconfigure", None)  # a text stream; not every replacement has it
    try:  # no newline translation (CRLF stays CRLF), UTF-8 whatever the console says
        if reconfigure is not None:
            reconfigure(newline="", encoding="utf-8")
    except ValueError:
        pass


def _check_outputs(project, *destinations: str | None) -> None:
    """Refuse an output file that is the project (or another database) before any work is done."""
    from rednote_desk.services.output import check_destination

    for destination in destinations:
        if destination and destination != "-":
            check_destination(destination, protect=[project.path])


@command("compare", "compare documents: claims matrix, disagreements, omissions, frames, copies",
         arg("--docs", type=int, nargs="+", metavar="ID", help="documents to compare (default: all)"),
         arg("--json", metavar="OUT", help="write the whole comparison as JSON (- for standard output)"),
         arg("--csv", metavar="OUT", help="write the claims matrix as CSV (- for standard output)"),
         arg("--raw", action="store_true", help="CSV: write every value exactly (no formula neutralising)"),
         arg("--excel", action="store_true", help="CSV: add a UTF-8 BOM and CRLF line ends"),
         arg("--no-alignments", action="store_true", help="JSON: leave out the sentence alignments"))
def _cmd_compare(project, args) -> int:
    from rednote_desk.services.comparison import build_comparison, write_comparison_json, write_matrix_csv

    gc.freeze()  # what the imports made lives as long as the process: the collector no longer walks it (~50 ms)
    if args.json == "-" and args.csv == "-":
        raise UserError("only one of --json and --csv can write to standard output")
    if (args.raw or args.excel) and not args.csv:
        raise UserError("--raw and --excel apply to --csv OUT")
    _check_outputs(project, args.csv, args.json)  # before the long computation
    comparison = build_comparison(project, args.docs, alignments=bool(args.json) and not args.no_alignments)
    if args.csv:
        if args.csv == "-":
            _stdout_for_files()
            write_matrix_csv(comparison, sys.stdout, raw=args.raw, excel=args.excel)
            sys.stdout.flush()
        else:
            count = write_matrix_csv(comparison, args.csv, raw=args.raw, excel=args.excel, protect=[project.path])
            print(f"rednote-desk: wrote {count} claim × document rows to {args.csv}", file=sys.stderr)
    if args.json:
        if args.json == "-":
            write_comparison_json(comparison, sys.stdout)
        else:
            write_comparison_json(comparison, args.json, protect=[project.path])
            print(f"rednote-desk: wrote the comparison of {len(comparison.documents)} documents to {args.json}",
                  file=sys.stderr)
    if not args.json and not args.csv:
        _print_comparison(comparison)
    return 0


@command("report", "write one self-contained HTML report: documents, copies, claims, frames, text diffs",
         arg("--docs", type=int, nargs="+", metavar="ID", help="documents to report on (default: all)"),
         arg("--html", required=True, metavar="OUT", help="the HTML file to write (- for standard output)"))
def _cmd_report(project, args) -> int:
    from rednote_desk.services.report import read_report_input, write_report_data

    _check_outputs(project, args.html)
    data = read_report_input(project, args.docs)
    if args.html == "-":
        _stdout_for_files()
        write_report_data(data, sys.stdout)
        sys.stdout.flush()
    else:
        write_report_data(data, args.html, protect=[project.path])
        print(f"rednote-desk: wrote the report of {len(data.comparison.documents)} documents to {args.html}",
              file=sys.stderr)
    return 0


def _print_comparison(comparison) -> None:
    for doc in comparison.documents:
        print(f"document\t{doc.id}\t{comparison.labels[doc.id]}")
    for row in comparison.rows:
        flag = "DISAGREE" if row.disagreement else "agree"
        omitted = ",".join(str(i) for i in row.omitted_by)
        outliers = ",".join(comparison.labels.get(d, str(d)) for d in row.outliers)
        print("\t".join(str(x) for x in (
            "claim", row.origin, row.key or row.claim_id, _one_line(row.label), flag, row.values_side_by_side(),
            f"voices={row.voices}", f"omitted_by={omitted}",
            f"verdict={row.verdict or '-'}" + (f" ({row.verdict_note})" if row.verdict else ""),
            f"outliers={outliers}")))
    for copy in comparison.copies:
        print(f"copy\t{copy.source}\t{copy.copy}\t{copy.kind}\t{copy.score:.2f}")


@command("suggestions", "list suggested claims (found without annotation) that are still open",
         arg("--docs", type=int, nargs="+", metavar="ID", help="documents to analyse (default: all)"),
         arg("--json", action="store_true"))
def _cmd_suggestions(project, args) -> int:
    from rednote_desk.services.comparison import build_comparison

    comparison = build_comparison(project, args.docs, alignments=False)
    if args.json:
        _print_json([s.to_json() for s in comparison.suggestions])
        return 0
    for s in comparison.suggestions:
        docs = ",".join(str(i) for i in s.document_ids)
        print("\t".join((s.key, _one_line(s.label), s.kind, "DISAGREE" if s.disagreement else "agree", docs,
                          _one_line(s.reason))))
    return 0


@command("accept", "accept a suggested claim: annotate its mentions and link them as one claim",
         arg("key"),
         arg("--label", help="the claim's name (default: the suggested one)"),
         arg("--docs", type=int, nargs="+", metavar="ID",
             help="the documents the suggestion was made for (default: all)"),
         arg("--only", type=int, nargs="+", metavar="DOC_ID", help="accept only the mentions in these documents"))
def _cmd_accept(project, args) -> int:
    from rednote_desk.services.comparison import find_suggestion

    suggestion = find_suggestion(project, args.key, args.docs)
    indexes = None
    if args.only:
        indexes = [i for i, m in enumerate(suggestion.mentions) if m.document_id in set(args.only)]
        if not indexes:
            raise UserError(f"the suggestion has no mention in documents {', '.join(map(str, args.only))} "
                            f"(it has: {', '.join(map(str, suggestion.document_ids))})")
    claim = project.accept_suggestion(suggestion, label=args.label, mention_indexes=indexes).value
    print(f"{claim.id}\t{_one_line(claim.label)}")
    return 0


@command("dismiss", "dismiss a suggested claim so it is not suggested again",
         arg("key"),
         arg("--docs", type=int, nargs="+", metavar="ID",
             help="the documents the suggestion was made for (default: all)"))
def _cmd_dismiss(project, args) -> int:
    from rednote_desk.services.comparison import find_suggestion

    if args.key in project.dismissed_suggestion_keys():
        print(f"rednote-desk: note: “{args.key}” was already dismissed", file=sys.stderr)
        return 0
    find_suggestion(project, args.key, args.docs)
    project.dismiss_suggestion(args.key)
    return 0


@command("backup", "write a consistent copy of the project (with its undo history; see --for-sharing)",
         arg("out"),
         arg("--for-sharing", action="store_true",
             help="leave out the undo history and any trace of deleted text (for giving the file to others)"))
def _cmd_backup(project, args) -> int:
    from rednote_desk.services.backups import backup_project

    destination = backup_project(project, args.out, for_sharing=args.for_sharing)
    print(destination)
    return 0


@command("repair", "write a repaired copy of a project the safety check refuses (changed schema, triggers, views): "
         "a new project with only the documents, codebook, annotations and claims",
         arg("out", nargs="?", help="the copy to write (default: NAME-repaired.sqlite beside the project)"),
         project=False)
def _cmd_repair(args) -> int:
    from rednote_desk.services.projects import default_project_path
    from rednote_desk.services.repair import repair_project

    outcome = repair_project(args.db or default_project_path(), args.out)
    kept = ", ".join(f"{count} {table}" for table, count in outcome.kept.items())
    print(f"rednote-desk: kept {kept}; the undo history was not copied", file=sys.stderr)
    print(outcome.path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


@command("agreement", "intercoder agreement per code: alpha, alpha_u, kappa, percent; disagreements",
         arg("--coders", nargs="+", metavar="NAME", help="the coders to compare (default: all)"),
         arg("--codes", nargs="+", metavar="PATH", help="codes as Parent/Child paths (default: all used)"),
         arg("--docs", type=int, nargs="+", metavar="ID", help="documents (default: all every coder coded)"),
         arg("--unit", choices=("sentence", "character"), default="sentence",
             help="what counts as one unit for alpha, kappa and percent (default: sentence)"),
         arg("--json", action="store_true", help="print the tables as JSON"),
         arg("--csv", metavar="OUT", help="write the agreement table as CSV (- for standard output)"),
         arg("--disagreements-csv", metavar="OUT", help="write the disagreements as CSV"))
def _cmd_agreement(project, args) -> int:
    from rednote_desk.services import agreement

    report = agreement.read_agreement(project, coders=args.coders, code_paths=args.codes,
                                      document_ids=args.docs, unit=args.unit)
    if args.csv:
        if args.csv == "-":
            _stdout_for_files()
        agreement.write_table_csv(report, sys.stdout if args.csv == "-" else args.csv, protect=[project.path])
    if args.disagreements_csv:
        if args.disagreements_csv == "-":
            _stdout_for_files()
        agreement.write_disagreements_csv(
            project, report, sys.stdout if args.disagreements_csv == "-" else args.disagreements_csv)
    if args.csv == "-" or args.disagreements_csv == "-":
        return 0
    if args.json:
        agreement.dump_json(project, report, sys.stdout)
        return 0
    print(f"# coders: {', '.join(report.coders) or '-'}; unit: {report.unit}; documents compared: "
          f"{len(report.document_ids)}, left out (not coded by every coder): {len(report.skipped_document_ids)}")
    kappa = "cohen_kappa" if len(report.coders) == 2 else "fleiss_kappa"
    print("\t".join(("code", "units", "coded", "percent", "alpha", kappa, "alpha_u")))
    for row in report.rows:
        k = row.cohen_kappa if len(report.coders) == 2 else row.fleiss_kappa
        print("\t".join((row.code, str(row.units), str(row.coded_units), row.percent.text(), row.alpha.text(),
                         k.text(), row.alpha_u.text())))
    reasons = sorted({f.reason for row in report.rows
                      for f in (row.percent, row.alpha, row.cohen_kappa if kappa == "cohen_kappa" else row.fleiss_kappa,
                                row.alpha_u) if f.value is None})
    for reason in reasons:
        print(f"# {reason}")
    if report.disagreements:
        print(f"# disagreements: {len(report.disagreements)}")
        for d in agreement.disagreement_rows(project, report):
            print(f"disagree\t{d['document_id']}\t{d['start_offset']}\t{d['end_offset']}\t{d['code']}\t"
                  f"coded by {d['coded_by']}; not by {d['not_coded_by']}\t{_one_line(d['text'])[:80]}")
    return 0


@command("merge", "merge a colleague's project file into this one (one undo step); theirs is not changed",
         arg("other", metavar="OTHER.sqlite"))
def _cmd_merge(project, args) -> int:
    from rednote_desk.services.merge import merge_file

    summary = merge_file(project, args.other).value
    for line in summary.lines():
        print(line)
    return 0


def _export_refi(project, args) -> int:
    from rednote_desk.services import refi

    if args.qdpx:
        data = refi.export_qdpx(project, args.qdpx)
        count = sum(len(s.selections) for s in data.sources)
        print(f"rednote-desk: wrote {len(data.sources)} documents and {count} coded selections to {args.qdpx}",
              file=sys.stderr)
    else:
        count = refi.export_qdc(project, args.qdc)
        print(f"rednote-desk: wrote {count} codes to {args.qdc}", file=sys.stderr)
    return 0


def _import_refi(project, args, files) -> int:
    from rednote_desk.services.refi import import_refi_file

    if len(files) != len(args.files) or len(files) > 1:
        raise UserError("import one .qdpx or .qdc file at a time, without other files")
    summary = import_refi_file(project, files[0])
    for line in summary.lines():
        print(line)
    return 0
