#!/usr/bin/python3
# Draws assets/logo.png, the home-screen emblem: an "i" for information in a rounded
# square, drawn large so it stays crisp when inkref scales it down to 1 bit.
from PIL import Image, ImageDraw

SIZE = 192
img = Image.new("L", (SIZE, SIZE), 255)
d = ImageDraw.Draw(img)
d.rounded_rectangle([4, 4, SIZE - 5, SIZE - 5], radius=40, fill=0)
d.ellipse([78, 34, 114, 70], fill=255)
d.rounded_rectangle([80, 84, 112, 158], radius=6, fill=255)
d.rectangle([64, 84, 112, 98], fill=255)
d.rectangle([64, 146, 128, 158], fill=255)
img.save("assets/logo.png", optimize=True)
