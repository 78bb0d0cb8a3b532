"""The command line: the same services as the GUI. A stable contract (DESIGN §9).

Exit codes: 0 ok, 1 some input refused (nothing changed), 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .. import __version__
from ..app import resume_gc
from ..domain.errors import DomainError, ValidationError
from . import commands_admin, commands_exchange, commands_records, commands_report

# Each module adds its subcommands; a handler is ``func(args) -> int``.
COMMAND_MODULES = [commands_records, commands_admin, commands_exchange, commands_report]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: exit 2 with one clear line
        self.print_usage(sys.stderr)
        print(f"lai-chau-desk: lỗi cú pháp: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="lai-chau-desk", description="Lai Châu Desk: sổ theo dõi và báo cáo công đoàn")
    p.add_argument("--version", action="version", version=f"lai-chau-desk {__version__}")
    p.add_argument("--db", help="đường dẫn cơ sở dữ liệu (mặc định: thư mục dữ liệu người dùng; "
                                "biến môi trường LAI_CHAU_DESK_DB)")
    p.add_argument("--lang", choices=["vi", "en"], help="ngôn ngữ giao diện")
    p.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--self-test", action="store_true",
                   help="tự kiểm tra toàn bộ chương trình trong thư mục tạm rồi thoát")
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return p


def _print_refusal(exc: DomainError) -> None:
    if isinstance(exc, ValidationError):
        for problem in exc.problems:
            print(f"lai-chau-desk: {problem.message}", file=sys.stderr)
    else:
        print(f"lai-chau-desk: {exc}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        resume_gc()
        from ..selftest import run as run_self_test

        return run_self_test()
    if args.command is None:
        from ..app import run_gui

        return run_gui(args)  # resumes the collector once its first window is up
    resume_gc()
    try:
        return int(args.func(args) or 0)
    except DomainError as exc:
        _print_refusal(exc)
        return 1
    except OSError as exc:
        print(f"lai-chau-desk: lỗi tệp: {exc.strerror or exc} ({exc.filename or ''})",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("lai-chau-desk: đã dừng.", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a bug: one clear line, details on request
        if os.environ.get("LAI_CHAU_DESK_DEBUG"):
            raise
        print(f"lai-chau-desk: lỗi không mong đợi ({type(exc).__name__}: {exc}). Không có thay "
              "đổi nào ngoài những gì đã báo thành công. Chạy lại với LAI_CHAU_DESK_DEBUG=1 để "
              "xem chi tiết và gửi cho người hỗ trợ.", file=sys.stderr)
        return 1
