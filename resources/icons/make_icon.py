"""Draw the app icon (resources/icons/lai-chau-desk.png and .ico). Needs Pillow (dev only).

A red rounded square with a gold open book and the letters "LC": simple enough to read at 16 px.
Run ``python resources/icons/make_icon.py`` after changing the design; the outputs are committed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent
RED, GOLD, WHITE = (200, 16, 46, 255), (255, 205, 0, 255), (255, 255, 255, 255)


def draw(size: int = 256) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    s = size / 256
    d.rounded_rectangle([8 * s, 8 * s, 248 * s, 248 * s], radius=44 * s, fill=RED)
    # an open book
    d.polygon([(40 * s, 150 * s), (126 * s, 170 * s), (126 * s, 222 * s), (40 * s, 202 * s)], fill=GOLD)
    d.polygon([(130 * s, 170 * s), (216 * s, 150 * s), (216 * s, 202 * s), (130 * s, 222 * s)], fill=GOLD)
    try:
        font = ImageFont.truetype("DejaVuSans-Bold.ttf", int(112 * s))
    except OSError:
        font = ImageFont.load_default()
    d.text((128 * s, 82 * s), "LC", font=font, fill=WHITE, anchor="mm")
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    img = draw(256)
    img.save(OUT / "lai-chau-desk.png")
    img.save(OUT / "lai-chau-desk.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                                (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
