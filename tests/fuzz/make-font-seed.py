#!/usr/bin/env python3
# make-font-seed.py: writes a tiny TrueType font for the font fuzz target's seeds: three glyphs
# (.notdef, a box for 'x', a triangle for 'W'), a cmap (format 4), a kerning pair, no hinting.
# Small enough that the fuzzer mutates every table; valid enough that FreeType renders it.
# Usage: make-font-seed.py OUT.ttf
import struct
import sys


def glyph(contours):
    """A simple glyph: each contour a list of on-curve (x, y) points."""
    points = [p for c in contours for p in c]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    out = struct.pack(">hhhhh", len(contours), min(xs), min(ys), max(xs), max(ys))
    end = -1
    for c in contours:
        end += len(c)
        out += struct.pack(">H", end)
    out += struct.pack(">H", 0)  # no instructions
    out += bytes([0x01] * len(points))  # on curve, 16-bit deltas
    prev = 0
    for x in xs:
        out += struct.pack(">h", x - prev)
        prev = x
    prev = 0
    for y in ys:
        out += struct.pack(">h", y - prev)
        prev = y
    return out + b"\0" * (-len(out) % 2)


glyphs = [
    glyph([[(50, 0), (50, 700), (450, 700), (450, 0)], [(100, 50), (400, 50), (400, 650), (100, 650)]]),
    glyph([[(40, 0), (40, 500), (460, 500), (460, 0)]]),
    glyph([[(0, 700), (300, 0), (600, 700)]]),
]
advances = [500, 500, 600]
glyf = b"".join(glyphs)
loca = b""
at = 0
for g in glyphs:
    loca += struct.pack(">H", at // 2)
    at += len(g)
loca += struct.pack(">H", at // 2)

head = struct.pack(">IIIIHHqqhhhhHHhhh", 0x00010000, 0x00010000, 0, 0x5F0F3CF5, 0x000B, 1000,
                   0, 0, 0, 0, 600, 700, 0, 8, 2, 0, 0)
hhea = struct.pack(">IhhhHhhhhhhhhhhhH", 0x00010000, 800, -200, 0, 600, 0, 0, 600, 1, 0, 0,
                   0, 0, 0, 0, 0, len(glyphs))
maxp = struct.pack(">IHHHHHHHHHHHHHH", 0x00010000, len(glyphs), 8, 2, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0)
hmtx = b"".join(struct.pack(">Hh", a, 0) for a in advances)
# cmap format 4: 'W' -> 2, 'x' -> 1, then the closing segment.
ends, starts, deltas = [0x57, 0x78, 0xFFFF], [0x57, 0x78, 0xFFFF], [(2 - 0x57) & 0xFFFF, (1 - 0x78) & 0xFFFF, 1]
seg = len(ends)
sub = struct.pack(">HHHHHHH", 4, 16 + seg * 8, 0, seg * 2, 4, 1, seg * 2 - 4)
sub += b"".join(struct.pack(">H", e) for e in ends) + b"\0\0"
sub += b"".join(struct.pack(">H", s) for s in starts)
sub += b"".join(struct.pack(">H", d) for d in deltas)
sub += b"\0\0" * seg
cmap = struct.pack(">HHHHI", 0, 1, 3, 1, 12) + sub
kern = struct.pack(">HHHHHHHHHHHh", 0, 1, 0, 14 + 6, 0x0001, 1, 6, 0, 0, 2, 1, -50)
post = struct.pack(">IIhhIIIII", 0x00030000, 0, -100, 50, 0, 0, 0, 0, 0)

tables = {b"cmap": cmap, b"glyf": glyf, b"head": head, b"hhea": hhea, b"hmtx": hmtx,
          b"kern": kern, b"loca": loca, b"maxp": maxp, b"post": post}
n = len(tables)
out = struct.pack(">IHHHH", 0x00010000, n, 128, 3, n * 16 - 128)
offset = 12 + 16 * n
body = b""
for tag in sorted(tables):
    data = tables[tag]
    out += struct.pack(">4sIII", tag, 0, offset + len(body), len(data))
    body += data + b"\0" * (-len(data) % 4)
open(sys.argv[1], "wb").write(out + body)
