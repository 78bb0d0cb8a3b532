"""Header lines that never split a place name (issue 10: "LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI /
CHÂU" must not happen).

A name such as "LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU" is broken only at chosen points: before a
place designator ("TỈNH", "XÃ", "PHƯỜNG"…), whose words up to the end stay on one line, or
between words before it. If no such break fits, the union's usual abbreviations are tried
("LIÊN ĐOÀN LAO ĐỘNG" -> "LĐLĐ", "CÔNG ĐOÀN" -> "CĐ", as Vietnamese union headers write the
upper body), then the size shrinks within limits; only as a last resort are words wrapped
anywhere. Pure: the width of a text comes from ``measure(text, size)``.
"""

from __future__ import annotations

from collections.abc import Callable

DESIGNATORS = (
    "THÀNH PHỐ",
    "THỊ XÃ",
    "THỊ TRẤN",
    "ĐẶC KHU",
    "HUYỆN",
    "TỈNH",
    "PHƯỜNG",
    "XÃ",
    "QUẬN",
    "BẢN",
    "THÔN",
)
ABBREVIATIONS = (
    ("TỔNG LIÊN ĐOÀN LAO ĐỘNG", "TỔNG LĐLĐ"),
    ("LIÊN ĐOÀN LAO ĐỘNG", "LĐLĐ"),
    ("CÔNG ĐOÀN CƠ SỞ", "CĐCS"),
    ("CÔNG ĐOÀN", "CĐ"),
)

Measure = Callable[[str, float], float]


def _place_start(words: list[str]) -> int | None:
    """Index of the first word of the place designation (the last designator in the name:
    "CÔNG ĐOÀN CƠ SỞ TRƯỜNG THCS XÃ BẢN HON" -> the index of "XÃ")."""
    found = None
    for i in range(len(words)):
        for d in DESIGNATORS:
            n = len(d.split())
            if " ".join(words[i : i + n]) == d and i > 0:
                found = i
                break
    return found


def break_points(text: str) -> list[int]:
    """Word indices where a line may begin: any word up to the place designation, never
    inside it."""
    words = text.split()
    place = _place_start(words)
    last = place if place is not None else len(words) - 1
    return list(range(1, last + 1))


def _fits(lines: list[str], size: float, width: float, measure: Measure) -> bool:
    return all(measure(line, size) <= width for line in lines)


def _two_lines(text: str, size: float, width: float, measure: Measure) -> list[str] | None:
    """The best break into two lines at a chosen point: the place designation starts the
    second line when that fits, else the most even split that fits."""
    words = text.split()
    points = break_points(text)
    place = _place_start(words)
    options = []
    for p in points:
        lines = [" ".join(words[:p]), " ".join(words[p:])]
        if _fits(lines, size, width, measure):
            widths = [measure(line, size) for line in lines]
            options.append((p != place, abs(widths[0] - widths[1]), lines))
    return min(options)[2] if options else None


def _greedy_lines(
    text: str, size: float, width: float, measure: Measure, most: int
) -> list[str] | None:
    """At most ``most`` lines filled greedily, the place designation kept whole."""
    words = text.split()
    place = _place_start(words)
    chunks = words[:place] + [" ".join(words[place:])] if place is not None else words
    lines: list[str] = []
    for chunk in chunks:
        if lines and measure(f"{lines[-1]} {chunk}", size) <= width:
            lines[-1] += f" {chunk}"
        else:
            lines.append(chunk)
    return lines if len(lines) <= most and _fits(lines, size, width, measure) else None


def abbreviate(text: str) -> str:
    """The first abbreviation that applies ("LIÊN ĐOÀN LAO ĐỘNG TỈNH" -> "LĐLĐ TỈNH")."""
    for long, short in ABBREVIATIONS:
        if long in text:
            return text.replace(long, short, 1)
    return text


def fit_header(
    text: str,
    width: float,
    measure: Measure,
    size: float = 13,
    min_size: float = 11,
    prefer_abbreviation: bool = False,
    max_lines: int = 3,
) -> tuple[list[str], float]:
    """(lines, font size) for a header name in a column ``width`` wide.

    Order of preference: one line at ``size``; (for the parent body, ``prefer_abbreviation``:
    the abbreviated name on one line); two lines broken at a chosen point; the abbreviated name
    on one or two lines (up to ``max_lines`` for a long full name); the same at smaller sizes down to ``min_size``; at last wrapped at
    any word (only a name longer than two full lines gets there)."""
    text = " ".join(text.split())
    if not text:
        return [], size
    short = abbreviate(text)
    sizes = []
    s = size
    while s >= min_size - 1e-9:
        sizes.append(round(s, 2))
        s -= 0.5
    for s in sizes:
        if measure(text, s) <= width:
            return [text], s
        if prefer_abbreviation and short != text and measure(short, s) <= width:
            return [short], s
        two = _two_lines(text, s, width, measure) or _greedy_lines(
            text, s, width, measure, max_lines
        )
        if two:
            return two, s
        if short != text:
            if measure(short, s) <= width:
                return [short], s
            two = _two_lines(short, s, width, measure)
            if two:
                return two, s
    return _wrap_any(short, min_size, width, measure), min_size


def _wrap_any(text: str, size: float, width: float, measure: Measure) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and measure(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


_PLACE_WORDS = {"tỉnh", "huyện", "xã", "phường", "quận", "thị", "thành", "đặc", "ủy"}


def keep_place_names(text: str) -> str:
    """Join a place designator and the capitalised words of the name after it with no-break
    spaces ("Tỉnh ủy Lai Châu", "xã Bản Hon"), so a centred title never leaves "Lai Châu"
    alone on its last line."""
    words = text.split(" ")
    out: list[str] = []
    joining = False
    for w in words:
        low = w.lower()
        if out and joining and (w[:1].isupper() or low in ("ủy", "phố", "xã", "trấn", "khu")):
            out[-1] += "\u00a0" + w
            continue
        joining = low in _PLACE_WORDS
        out.append(w)
    return " ".join(out)
