"""Administrative commands: init (by hand or from the parent's catalogue package), the unit
directory (unit add / close / list), backup and restore."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .common import date_arg, lock_database, open_suite, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="khai báo đơn vị của máy này (tự khai hoặc từ gói danh mục "
                                    "của cấp trên)")
    p.add_argument("--unit-code", required=True, help="mã đơn vị do cấp trên cấp")
    p.add_argument("--unit-name", help="tên đơn vị (không cần khi dùng --catalogue)")
    p.add_argument("--parent-code", help="mã đơn vị cấp trên")
    p.add_argument("--parent-name", help="tên đơn vị cấp trên, khi chưa có trong danh mục")
    p.add_argument("--catalogue", type=Path, metavar="FILE",
                   help="gói danh mục (.lcdx) của cấp trên đã đăng ký đơn vị này")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("unit", help="danh mục đơn vị: đăng ký, cho thôi hoạt động, liệt kê")
    usub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = usub.add_parser("add", help="đăng ký một đơn vị trực thuộc (mã do đơn vị này cấp)")
    a.add_argument("--code", required=True)
    a.add_argument("--name", required=True)
    a.add_argument("--parent-code", required=True)
    a.add_argument("--level", default="", help="cấp, ví dụ: Công đoàn cơ sở")
    a.add_argument("--from", dest="valid_from", metavar="DATE", help="ngày bắt đầu hoạt động")
    a.set_defaults(func=cmd_unit_add)
    a = usub.add_parser("close", help="cho một đơn vị trực thuộc thôi hoạt động từ ngày D")
    a.add_argument("--code", required=True)
    a.add_argument("--on", required=True, metavar="DATE", help="ngày cuối hoạt động")
    a.set_defaults(func=cmd_unit_close)
    a = usub.add_parser("list", help="liệt kê danh mục đơn vị")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_unit_list)

    p = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu")
    p.add_argument("--out", type=Path)
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="khôi phục từ bản sao lưu (sao lưu bản hiện tại trước)")
    p.add_argument("--other-unit", action="store_true",
                   help="chấp nhận bản sao lưu của đơn vị khác (thay dữ liệu của máy này)")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_restore)


def _d(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def cmd_init(args: argparse.Namespace) -> int:
    if args.catalogue is None and not args.unit_name:
        print("lai-chau-desk: lỗi cú pháp: cần --unit-name \"Tên đơn vị\" (hoặc --catalogue TỆP "
              "là gói danh mục của cấp trên đã đăng ký đơn vị này).", file=sys.stderr)
        return 2
    if args.catalogue is not None:
        return _init_from_catalogue(args)
    suite = open_suite(args)
    unit = suite.units.init_own_unit(args.unit_code, args.unit_name, args.parent_code,
                                     parent_name=args.parent_name)
    print(f"Đã khai báo đơn vị: {unit.code} — {unit.name}")
    if unit.parent_code:
        parent = suite.units.get(unit.parent_code)
        print(f"Đơn vị cấp trên: {parent.code} — {parent.name}")
        pinned = suite.units.parent_fingerprint()
        if pinned:
            print(f"Khóa ký của cấp trên đã ghi nhận: {pinned}")
        else:
            print("Khóa ký của cấp trên sẽ được ghi nhận khi nhập gói danh mục hoặc phiếu tiếp "
                  "nhận đầu tiên của cấp trên, sau khi đối chiếu dấu vân tay.")
    return 0


def _init_from_catalogue(args: argparse.Namespace) -> int:
    suite = open_suite(args)
    data = args.catalogue.read_bytes()
    start = suite.units.init_from_catalogue(data, args.unit_code)
    pv = start.preview
    print(f"Gói danh mục do: {pv.issuer_code} — {pv.issuer_name} (lần {pv.revision})")
    print(f"Dấu vân tay khóa ký của cấp trên: {pv.fingerprint}")
    print("Hãy đối chiếu dấu vân tay này với dấu vân tay in trên văn bản giấy của "
          f"{pv.issuer_name} (hoặc đọc qua điện thoại); nếu khác, không dùng gói này.")
    print(f"Các đơn vị {pv.issuer_name} đăng ký trong gói ({len(pv.registered)}):")
    for u in pv.registered:
        mark = "  ← đơn vị này" if u.code == start.unit.code else ""
        print(f"  {u.code} — {u.name}{' (' + u.level + ')' if u.level else ''}{mark}")
    print(f"Đã khai báo đơn vị: {start.unit.code} — {start.unit.name}; cấp trên: "
          f"{pv.issuer_code}. Đã ghi nhận khóa ký của cấp trên"
          f"{'' if start.pinned else ' (đã có từ trước)'}.")
    a = start.applied
    print(f"Đã nhận danh mục: {a.get('directives', 0)} văn bản mới, {a.get('indicators', 0)} chỉ "
          f"tiêu mới, {a.get('units', 0)} đơn vị mới.")
    return 0


def cmd_unit_add(args: argparse.Namespace) -> int:
    suite = open_suite(args)
    start = date_arg(args.valid_from, "valid_from") if args.valid_from else None
    unit = suite.units.register_unit(args.code, args.name, args.parent_code, level=args.level,
                                     valid_from=start)
    print(f"Đã đăng ký đơn vị: {unit.code} — {unit.name} (cấp trên: {unit.parent_code}). "
          "Xuất gói danh mục (export-catalogue) để gửi cho đơn vị.")
    return 0


def cmd_unit_close(args: argparse.Namespace) -> int:
    suite = open_suite(args)
    unit = suite.units.close_unit(args.code, date_arg(args.on, "valid_to"))
    print(f"Đơn vị {unit.code} — {unit.name} thôi hoạt động sau ngày {_d(unit.valid_to)}.")
    return 0


def cmd_unit_list(args: argparse.Namespace) -> int:
    suite = open_suite(args, write=False)
    units = suite.units.directory()
    today = suite.today()
    if args.json:
        print_json([{"code": u.code, "name": u.name, "level": u.level,
                     "parent_code": u.parent_code,
                     "valid_from": u.valid_from.isoformat() if u.valid_from else None,
                     "valid_to": u.valid_to.isoformat() if u.valid_to else None,
                     "active": u.active_on(today)} for u in units])
        return 0
    for u in units:
        if u.valid_to:
            validity = f"đến {_d(u.valid_to)}" + (" (đã thôi hoạt động)"
                                                 if u.valid_to < today else "")
        else:
            validity = "đang hoạt động"
        if u.valid_from:
            validity = f"từ {_d(u.valid_from)}, {validity}"
        parent = f"cấp trên {u.parent_code}" if u.parent_code else "cấp cao nhất"
        print(f"{u.code}\t{u.name}\t{u.level or '-'}\t{parent}\t{validity}")
    print(f"{len(units)} đơn vị.")
    return 0


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
