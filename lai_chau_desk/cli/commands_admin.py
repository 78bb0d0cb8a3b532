"""Administrative commands: backup and restore."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import lock_database, open_suite


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu")
    p.add_argument("--out", type=Path)
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="khôi phục từ bản sao lưu (sao lưu bản hiện tại trước)")
    p.add_argument("--other-unit", action="store_true",
                   help="chấp nhận bản sao lưu của đơn vị khác (thay dữ liệu của máy này)")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    suite = open_suite(args)
    out = suite.backup.backup(args.out)
    print(f"Đã sao lưu vào {out}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore even when the current database is damaged (it is then set aside, not opened)."""
    from ..services.backup import identify_backup, verify_source
    from ..services.startup import restore_database
    from ..services.suite import open_database
    from .common import tr

    path = lock_database(args)
    print(identify_backup(verify_source(args.file)).describe(tr(args)))
    safety = restore_database(path, args.file, other_unit=args.other_unit)
    open_database(path).close()  # migrate a backup from an older version now, not at next use
    print(f"Đã khôi phục từ {args.file}.")
    if safety is not None:
        print(f"Bản trước khi khôi phục: {safety}")
    return 0
