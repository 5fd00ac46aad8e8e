#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# pillow_peer: draws the display lists that "bench time" wrote (OPSDIR/*.ops) with Pillow, the
# way a Python kiosk would, and times it: the yardstick for inkref's own renderer.
#
# Run it with /usr/bin/python3 (Debian's python3-pil); the PATH python may lack Pillow.
# usage: pillow_peer.py [--repeats N] [--root REPO] [--save-png] OPSDIR
# A bitmap op (the logo, a QR code) names a PBM file beside the .ops file.
# Prints one line per screen: screen=NAME pillow_us=X (mean per screen over N repeats).

import argparse
import os
import sys
import time

from PIL import Image, ImageChops, ImageDraw, ImageFont

FONT_FILES = {
    0: "DejaVuSans.ttf",  # regular
    1: "DejaVuSans-Bold.ttf",  # bold
    2: "DejaVuSans.ttf",  # small
    3: "DejaVuSans-Bold.ttf",  # small bold
}


def parse_ops(path):
    """Returns (width, height, ops); each op a tuple ready to draw."""
    ops = []
    size = None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line:
                continue
            kind, _, rest = line.partition(" ")
            if kind == "size":
                w, h = rest.split()
                size = (int(w), int(h))
            elif kind == "fill":
                x, y, w, h, ink = (int(v) for v in rest.split())
                ops.append(("fill", x, y, w, h, ink))
            elif kind == "bitmap":
                x, y, w, h, image = rest.split()
                image = os.path.join(os.path.dirname(path), image)
                ops.append(("bitmap", int(x), int(y), int(w), int(h), image))
            elif kind == "text":
                fields = rest.split(" ", 5)
                x, y, role, px, ink = (int(v) for v in fields[:5])
                ops.append(("text", x, y, role, px, ink, fields[5] if len(fields) > 5 else ""))
            else:
                sys.exit(f"{path}:{number}: unknown op '{kind}'")
    if size is None:
        sys.exit(f"{path}: no 'size' line")
    return size[0], size[1], ops


def prepare(screens, fonts_dir):
    """Loads every font and image the screens need, outside the timed part: a Python kiosk
    would also open its fonts, and hold its logo and QR codes as images, once."""
    fonts = {}
    images = {}
    for _, (_, _, ops) in screens:
        for op in ops:
            if op[0] == "text":
                key = (op[3], op[4])
                if key not in fonts:
                    fonts[key] = ImageFont.truetype(
                        os.path.join(fonts_dir, FONT_FILES[op[3]]),
                        op[4],
                        layout_engine=ImageFont.Layout.BASIC,
                    )
            elif op[0] == "bitmap":
                path = op[5]
                if path not in images:
                    # PBM: black is 0 once opened; as a paste mask, ink must be 255.
                    with Image.open(path) as pbm:
                        images[path] = ImageChops.invert(pbm.convert("L")).convert("1")
    return fonts, images


def draw_screen(width, height, ops, fonts, images):
    im = Image.new("1", (width, height), 1)
    draw = ImageDraw.Draw(im)
    for op in ops:
        kind = op[0]
        if kind == "text":
            _, x, y, role, px, ink, text = op
            draw.text((x, y), text, font=fonts[(role, px)], fill=0 if ink else 1, anchor="ls")
        elif kind == "fill":
            _, x, y, w, h, ink = op
            if w > 0 and h > 0:
                draw.rectangle((x, y, x + w - 1, y + h - 1), fill=0 if ink else 1)
        elif kind == "bitmap":
            _, x, y, w, h, path = op
            im.paste(0, (x, y, x + w, y + h), images[path])
    return im


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("opsdir")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--root", default=os.path.dirname(here), help="the repository root")
    parser.add_argument("--save-png", action="store_true", help="write NAME.pillow.png files")
    args = parser.parse_args()

    names = sorted(n[:-4] for n in os.listdir(args.opsdir) if n.endswith(".ops"))
    if not names:
        sys.exit(f"{args.opsdir}: no .ops files")
    screens = [(n, parse_ops(os.path.join(args.opsdir, n + ".ops"))) for n in names]
    fonts, images = prepare(screens, os.path.join(args.root, "fonts"))

    for name, (width, height, ops) in screens:
        draw_screen(width, height, ops, fonts, images)  # warm-up, as inkref's bench does
        start = time.perf_counter()
        for _ in range(args.repeats):
            im = draw_screen(width, height, ops, fonts, images)
        elapsed = time.perf_counter() - start
        print(f"screen={name} pillow_us={elapsed / args.repeats * 1e6:.1f}")
        if args.save_png:
            im.save(os.path.join(args.opsdir, name + ".pillow.png"))


if __name__ == "__main__":
    main()
