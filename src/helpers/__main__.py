"""Command line: `python -m helpers <command> --period 2022-T1`.

A user mistake (wrong period, missing or damaged report, failing notebook) prints one
line starting with `error:` and exits with status 2; nothing earlier runs produced is lost.
"""

from __future__ import annotations

import argparse
import errno
import sys
import unicodedata
from collections.abc import Sequence
from contextlib import nullcontext

from helpers.errors import UserError


def _ingest(args: argparse.Namespace) -> None:
    from helpers.periods import parse_period, project_root

    parse_period(args.period)  # a wrong period is one line before any work (or import)
    from helpers.ingest import ingest_period
    from helpers.publish import generation

    with generation(project_root()) as gen:
        ingest_period(args.period, gen.stage, accept_errors=args.accept_errors)


def _report(args: argparse.Namespace) -> None:
    from helpers.build import build_period

    build_period(
        args.period, force=args.force, trends=not args.no_trends, accept_errors=args.accept_errors
    )


def _report_all(args: argparse.Namespace) -> None:
    from helpers.build import build_all

    build_all(jobs=args.jobs, force=args.force)


def _new_period(args: argparse.Namespace) -> None:
    from helpers.periods import parse_period, raw_dir, report_candidates

    per = parse_period(args.period)
    folder = raw_dir(per)
    folder.mkdir(parents=True, exist_ok=True)
    have = [f.name for f in report_candidates(folder)]
    print(f"==> data/raw/{per.id}/ is ready for the {per.label} report")
    if have:
        print(f"    it already holds {', '.join(have)}; next: make report PERIOD={per.id}")
    else:
        print(
            "    put the progress report there: the PDF as published (or one .md/.txt export),\n"
            f"    then run: make report PERIOD={per.id}"
        )


def _remove_period(args: argparse.Namespace) -> None:
    from helpers.build import remove_period
    from helpers.periods import project_root

    remove_period(args.period, project_root())


def _restore(args: argparse.Namespace) -> None:
    from helpers.periods import project_root
    from helpers.publish import restore_previous

    restore_previous(project_root())


def _profile(args: argparse.Namespace) -> None:
    from helpers.report.members import write_profile

    if not args.member:
        raise UserError("say which member: make profile MEMBER=Seoul")
    controls = sorted({f"U+{ord(c):04X}" for c in args.member if unicodedata.category(c) == "Cc"})
    if controls:
        raise UserError(f"a member's name holds no control character ({', '.join(controls)}): "
                        "write it as the report does, e.g. make profile MEMBER=Seoul")  # fmt: skip
    path = write_profile(args.member)
    print(f"==> member profile written to {path}")


def _docs(args: argparse.Namespace) -> None:
    from helpers.tables.datadict import write

    print(f"==> {write()}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func, helptext in [
        ("ingest", _ingest, "parse data/raw/PERIOD into data/processed/PERIOD"),
        ("report", _report, "ingest PERIOD and render its HTML report"),
        ("new-period", _new_period, "create data/raw/PERIOD and say what to put there"),
        ("remove-period", _remove_period, "take PERIOD off every page (a copy is kept)"),
    ]:
        p = sub.add_parser(name, help=helptext)
        p.add_argument(
            "--period", required=True, help="e.g. 2022-T1 (T1 Jan–Apr, T2 May–Aug, T3 Sep–Dec)"
        )
        if name in ("ingest", "report"):
            p.add_argument(
                "--accept-errors",
                action="store_true",
                help="go on although a section the analysis needs is missing, too small or "
                "repeated; every page then carries a banner",
            )
        if name == "report":
            p.add_argument("--force", action="store_true", help="re-execute everything")
            p.add_argument("--no-trends", action="store_true", help=argparse.SUPPRESS)
        p.set_defaults(func=func)
    p = sub.add_parser("report-all", help="rebuild every period with a raw report")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--force", action="store_true")
    p.set_defaults(func=_report_all)
    p = sub.add_parser("profile", help="render reports/members/<member>.html")
    p.add_argument("--member", default="")
    p.set_defaults(func=_profile)
    sub.add_parser("docs", help="regenerate docs/data_dictionary.md").set_defaults(func=_docs)
    sub.add_parser("restore", help="publish the output of the run before the last one again"
                   ).set_defaults(func=_restore)  # fmt: skip
    args = parser.parse_args(argv)
    from helpers.interrupt import ctrl_c_stops

    try:
        with (
            ctrl_c_stops()
            if args.command in ("report", "report-all", "ingest", "remove-period")
            else nullcontext()
        ):
            args.func(args)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a read-only folder, a full disk: the machine, not the code
        where = exc.filename or "a project folder"
        what = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        print(f"error: cannot write {where}: {what}; free space or fix its permissions, then "
              "run the same command again (the last good output is unchanged)", file=sys.stderr)  # fmt: skip
        return 2
    except KeyboardInterrupt:
        print("error: interrupted; the last good output is unchanged", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
