#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Scans as applicants send them, written by the PDF writers they use.

    scan-corpus.py DIR [--pages N] [--a4] [--bench]
    scan-corpus.py --check PISHKHAN_CLI

--check makes the corpus in a temporary folder and checks every file with
`pishkhan-cli doc-check --kind birth-certificate --json`, printing TAP.

Writes into DIR one PDF per writer and encoding (PIL, reportlab, img2pdf,
ImageMagick, Ghostscript's pdfwrite, qpdf-rewritten copies, and hand-made
filter chains) and DIR/expected.json: for each file, the verdict pishkhan-cli
doc-check must give (the rule that fails, or "pass"). The pictures are drawn
here, so the expected verdict is known: a colour scan at 300 dpi passes, one at
150 dpi fails DOC-1, a grey or black-and-white one fails DOC-5, a blank page
fails DOC-1.

Run with Debian's /usr/bin/python3 (python3-pil, python3-reportlab, img2pdf);
ImageMagick, Ghostscript, qpdf, tiffcp and opj_compress are called as programs.
"""
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zlib

from PIL import Image, ImageDraw

A6 = (4.13, 5.83)          # inches: small pages keep the test quick
A4 = (8.27, 11.69)


def sheet(dpi, size, mode="colour", seed=1):
    """A scanned sheet: off-white paper, lines of dark text, a coloured stamp."""
    rnd = random.Random(seed)
    w, h = int(size[0] * dpi), int(size[1] * dpi)
    img = Image.new("RGB", (w, h), (246, 243, 236))
    d = ImageDraw.Draw(img)
    if mode != "blank":
        for row in range(int(h * 0.1), int(h * 0.85), max(4, dpi // 6)):
            x = int(w * 0.08)
            while x < w * 0.9:
                word = rnd.randint(dpi // 10, dpi // 3)
                d.rectangle([x, row, x + word, row + max(2, dpi // 25)], fill=(30, 30, 40))
                x += word + dpi // 12
        if mode == "colour":
            r = dpi // 2
            cx, cy = int(w * 0.7), int(h * 0.8)
            d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=(40, 60, 170), width=max(2, dpi // 30))
            d.rectangle([int(w * 0.1), int(h * 0.03), int(w * 0.5), int(h * 0.07)], fill=(190, 40, 40))
    # sensor noise, as a scanner leaves it
    px = img.load()
    for _ in range(w * h // 400):
        x, y = rnd.randrange(w), rnd.randrange(h)
        r, g, b = px[x, y]
        n = rnd.randint(-6, 6)
        px[x, y] = (max(0, min(255, r + n)), max(0, min(255, g + n)), max(0, min(255, b + n)))
    if mode in ("grey", "bw"):
        img = img.convert("L").convert("RGB")
    return img


def jpeg_bytes(img, **kw):
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80, **kw)
    return out.getvalue()


def hand_pdf(path, pages, dpi, page_extra=b""):
    """A minimal PDF writer: pages = [(width_px, height_px, dict_extra, data)]."""
    objs = []

    def add(body):
        objs.append(body)
        return len(objs)

    kids = []
    pages_id = len(pages) * 3 + 1 + 1
    for (w, h, extra, data) in pages:
        img = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d %s /Length %d >>\nstream\n"
                  % (w, h, extra, len(data)) + data + b"\nendstream")
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        content = b"q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q" % (pw, ph)
        cs = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.3f %.3f] %s"
                        b"/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
                        % (pages_id, pw, ph, page_extra, img, cs)))
    add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    assert len(objs) + 1 == pages_id
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for o in offsets:
        out.write(b"%010d 00000 n \n" % o)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objs) + 1, pages_id - 1, xref))
    with open(path, "wb") as f:
        f.write(out.getvalue())


def jbig2_mmr(bw):
    """A JBIG2 stream (PDF's embedded organisation) of a 1-bit image: a page
    information segment and one immediate generic region coded with MMR, which
    is CCITT Group 4 - so PIL's G4 encoder writes its data (Debian has no JBIG2
    encoder)."""
    import struct
    from PIL import ImageOps, TiffImagePlugin
    TiffImagePlugin.STRIP_SIZE = 1 << 30                 # one strip: the whole G4 bitstream
    inverted = ImageOps.invert(bw.convert("L")).convert("1")   # JBIG2: 1 is black
    buf = io.BytesIO()
    inverted.save(buf, "TIFF", compression="group4")
    tif = Image.open(io.BytesIO(buf.getvalue()))
    data = buf.getvalue()[tif.tag_v2[273][0]:tif.tag_v2[273][0] + tif.tag_v2[279][0]]
    w, h = bw.size

    def segment(number, kind, payload):
        return struct.pack(">IBBBI", number, kind, 0, 1, len(payload)) + payload
    return (segment(0, 48, struct.pack(">IIIIBH", w, h, 0, 0, 0, 0)) +
            segment(1, 38, struct.pack(">IIIIB", w, h, 0, 0, 0) + bytes([1]) + data))


def a85(data):
    import base64
    return base64.a85encode(data, adobe=False) + b"~>"


def run(*cmd, env=None):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def main():
    out = sys.argv[1]
    n = int(sys.argv[sys.argv.index("--pages") + 1]) if "--pages" in sys.argv else 2
    size = A4 if "--a4" in sys.argv else A6
    only_bench = "--bench" in sys.argv
    os.makedirs(out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="pk-corpus-")
    expected = {}

    def pages(dpi=300, mode="colour"):
        return [sheet(dpi, size, mode, seed=i + 1) for i in range(n)]

    colour = pages()
    srcs = []
    for i, img in enumerate(colour):
        p = os.path.join(tmp, "p%02d.jpg" % i)
        img.save(p, "JPEG", quality=80, dpi=(300, 300))
        srcs.append(p)

    def note(name, verdict):
        expected[name] = verdict

    # PIL: RGB → DCT
    colour[0].save(os.path.join(out, "pil-rgb.pdf"), save_all=True, append_images=colour[1:],
                   resolution=300)
    note("pil-rgb.pdf", "pass")
    # reportlab: JPEG wrapped in ASCII85 (rl_config.useA85 is on by default)
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(os.path.join(out, "reportlab-a85-dct.pdf"), pagesize=(size[0] * 72, size[1] * 72))
    for p in srcs:
        c.drawImage(p, 0, 0, size[0] * 72, size[1] * 72)
        c.showPage()
    c.save()
    note("reportlab-a85-dct.pdf", "pass")
    # img2pdf: JPEG passed through
    import img2pdf
    with open(os.path.join(out, "img2pdf-dct.pdf"), "wb") as f:
        f.write(img2pdf.convert(srcs, layout_fun=img2pdf.get_fixed_dpi_layout_fun((300, 300))))
    note("img2pdf-dct.pdf", "pass")
    # hand-made filter chains over DCT
    jp = [jpeg_bytes(img) for img in colour]
    hand_pdf(os.path.join(out, "chain-a85-dct.pdf"),
             [(img.width, img.height, b"/ColorSpace /DeviceRGB /BitsPerComponent 8 "
               b"/Filter [/ASCII85Decode /DCTDecode]", a85(j)) for img, j in zip(colour, jp)], 300)
    note("chain-a85-dct.pdf", "pass")
    hand_pdf(os.path.join(out, "chain-flate-dct.pdf"),
             [(img.width, img.height, b"/ColorSpace /DeviceRGB /BitsPerComponent 8 "
               b"/Filter [/FlateDecode /DCTDecode]", zlib.compress(j)) for img, j in zip(colour, jp)], 300)
    note("chain-flate-dct.pdf", "pass")
    hand_pdf(os.path.join(out, "chain-a85-flate-dct.pdf"),
             [(img.width, img.height, b"/ColorSpace /DeviceRGB /BitsPerComponent 8 "
               b"/Filter [/ASCII85Decode /FlateDecode /DCTDecode]", a85(zlib.compress(j)))
              for img, j in zip(colour, jp)], 300)
    note("chain-a85-flate-dct.pdf", "pass")
    # Ghostscript's pdfwrite re-encodes what it is given
    run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
        "-o", os.path.join(out, "gs-pdfwrite.pdf"), os.path.join(out, "reportlab-a85-dct.pdf"))
    note("gs-pdfwrite.pdf", "pass")
    # qpdf rewrites: object streams, linearised
    run("qpdf", "--object-streams=generate", os.path.join(out, "img2pdf-dct.pdf"),
        os.path.join(out, "qpdf-objstreams.pdf"))
    note("qpdf-objstreams.pdf", "pass")
    run("qpdf", "--linearize", os.path.join(out, "pil-rgb.pdf"), os.path.join(out, "qpdf-linearized.pdf"))
    note("qpdf-linearized.pdf", "pass")
    # ImageMagick: Debian's policy turns its PDF coder off; the PDF/A coder writes the same way
    env = None
    # /usr/bin first: some machines put a stand-in of their own earlier in PATH
    convert = "/usr/bin/convert" if os.path.exists("/usr/bin/convert") else shutil.which("convert")
    if convert:
        for comp, name in (("jpeg", "magick-dct.pdf"), ("zip", "magick-flate.pdf")):
            # a page at a time (Debian's policy caps ImageMagick's pixel cache at 1 GiB, less
            # than 20 pages at 300 dpi), joined by qpdf, which keeps each page as written
            parts = []
            for k, src in enumerate(srcs):
                part = os.path.join(tmp, "%s-%02d.pdf" % (comp, k))
                run(convert, src, "-units", "PixelsPerInch", "-density", "300", "-compress", comp,
                    "PDFA:" + part, env=env)
                parts.append(part)
            run("qpdf", "--empty", "--pages", *parts, "--", os.path.join(out, name))
            note(name, "pass")
    if only_bench:
        json.dump(expected, open(os.path.join(out, "expected.json"), "w"), indent=1)
        shutil.rmtree(tmp)
        return

    # --- encodings: colour spaces, bit depths, masks, geometry ---
    # PNG through img2pdf: Flate with PNG predictors
    pngs = []
    for i, img in enumerate(colour):
        p = os.path.join(tmp, "p%02d.png" % i)
        img.save(p, dpi=(300, 300))
        pngs.append(p)
    with open(os.path.join(out, "img2pdf-png-predictors.pdf"), "wb") as f:
        f.write(img2pdf.convert(pngs))
    note("img2pdf-png-predictors.pdf", "pass")
    # 16-bit RGB PNG
    p16 = os.path.join(tmp, "p16.png")
    run(convert or "false", pngs[0], "-depth", "16", p16, env=env)
    with open(os.path.join(out, "img2pdf-16bit.pdf"), "wb") as f:
        f.write(img2pdf.convert([p16]))
    note("img2pdf-16bit.pdf", "pass")
    # indexed colour (palette PNG), and PIL's palette PDF (ASCIIHex)
    pal = colour[0].convert("P", palette=Image.ADAPTIVE, colors=64)
    pp = os.path.join(tmp, "pal.png")
    pal.save(pp, dpi=(300, 300))
    with open(os.path.join(out, "img2pdf-indexed.pdf"), "wb") as f:
        f.write(img2pdf.convert([pp]))
    note("img2pdf-indexed.pdf", "pass")
    pal.save(os.path.join(out, "pil-indexed.pdf"), resolution=300)
    note("pil-indexed.pdf", "pass")
    # CMYK JPEG (Adobe inverted) and PIL's CMYK PDF
    cm = os.path.join(tmp, "cmyk.jpg")
    colour[0].convert("CMYK").save(cm, "JPEG", quality=85, dpi=(300, 300))
    with open(os.path.join(out, "img2pdf-cmyk.pdf"), "wb") as f:
        f.write(img2pdf.convert([cm]))
    note("img2pdf-cmyk.pdf", "pass")
    colour[0].convert("CMYK").save(os.path.join(out, "pil-cmyk.pdf"), resolution=300)
    note("pil-cmyk.pdf", "pass")
    # ICC-based colour: Ghostscript writes ICCBased spaces for RGB images
    run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
        "-sColorConversionStrategy=UseDeviceIndependentColor", "-dAutoFilterColorImages=false",
        "-sColorImageFilter=FlateEncode",
        "-o", os.path.join(out, "gs-icc-flate.pdf"), os.path.join(out, "img2pdf-dct.pdf"))
    note("gs-icc-flate.pdf", "pass")
    # JPEG 2000
    jp2 = os.path.join(tmp, "p.jp2")
    run("opj_compress", "-i", pngs[0], "-o", jp2, "-r", "20")
    with open(os.path.join(out, "img2pdf-jpx.pdf"), "wb") as f:
        f.write(img2pdf.convert([jp2], layout_fun=img2pdf.get_fixed_dpi_layout_fun((300, 300))))
    note("img2pdf-jpx.pdf", "pass")
    # black and white: CCITT G4 (tiffcp) through img2pdf, 1-bit through PIL
    bw = sheet(300, size, "bw").convert("1")
    tif = os.path.join(tmp, "bw.tif")
    bw.save(os.path.join(tmp, "bw-raw.tif"), dpi=(300, 300))
    run("tiffcp", "-c", "g4", os.path.join(tmp, "bw-raw.tif"), tif)
    with open(os.path.join(out, "img2pdf-ccitt-bw.pdf"), "wb") as f:
        f.write(img2pdf.convert([tif]))
    note("img2pdf-ccitt-bw.pdf", "DOC-5")
    bw.save(os.path.join(out, "pil-1bit-bw.pdf"), resolution=300)
    note("pil-1bit-bw.pdf", "DOC-5")
    hand_pdf(os.path.join(out, "jbig2-mmr-bw.pdf"),
             [(bw.width, bw.height, b"/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode",
               jbig2_mmr(bw))], 300)
    note("jbig2-mmr-bw.pdf", "DOC-5")
    # grey scan saved as RGB JPEG, and as a grey JPEG
    grey = sheet(300, size, "grey")
    grey.save(os.path.join(out, "pil-grey-as-rgb.pdf"), resolution=300)
    note("pil-grey-as-rgb.pdf", "DOC-5")
    grey.convert("L").save(os.path.join(out, "pil-grey.pdf"), resolution=300)
    note("pil-grey.pdf", "DOC-5")
    # /Decode [1 0 …]: an inverted image drawn the right way round
    inv = Image.eval(colour[0], lambda v: 255 - v)
    hand_pdf(os.path.join(out, "decode-inverted.pdf"),
             [(inv.width, inv.height, b"/ColorSpace /DeviceRGB /BitsPerComponent 8 "
               b"/Decode [1 0 1 0 1 0] /Filter /FlateDecode", zlib.compress(inv.tobytes()))], 300)
    note("decode-inverted.pdf", "pass")
    # a soft mask beside the image (reportlab's mask='auto' on a PNG with alpha)
    rgba = colour[0].convert("RGBA")
    ap = os.path.join(tmp, "alpha.png")
    rgba.putalpha(250)
    rgba.save(ap)
    c = canvas.Canvas(os.path.join(out, "reportlab-smask.pdf"), pagesize=(size[0] * 72, size[1] * 72))
    c.drawImage(ap, 0, 0, size[0] * 72, size[1] * 72, mask="auto")
    c.showPage()
    c.save()
    note("reportlab-smask.pdf", "pass")
    # rotated and cropped pages (qpdf), an image drawn scaled down on a larger page
    run("qpdf", "--rotate=+90", os.path.join(out, "img2pdf-dct.pdf"), os.path.join(out, "qpdf-rotated.pdf"))
    note("qpdf-rotated.pdf", "pass")
    crop = b"/CropBox [10 10 %.1f %.1f] " % (size[0] * 72 - 10, size[1] * 72 - 10)
    hand_pdf(os.path.join(out, "cropped.pdf"),
             [(colour[0].width, colour[0].height, b"/ColorSpace /DeviceRGB /BitsPerComponent 8 "
               b"/Filter /DCTDecode", jp[0])], 300, page_extra=crop)
    note("cropped.pdf", "pass")
    c = canvas.Canvas(os.path.join(out, "reportlab-scaled.pdf"), pagesize=(size[0] * 72 * 1.25, size[1] * 72 * 1.25))
    c.drawImage(srcs[0], 20, 20, size[0] * 72, size[1] * 72)
    c.showPage()
    c.save()
    note("reportlab-scaled.pdf", "pass")
    # a low-resolution scan (150 dpi) and a blank page
    low = sheet(150, size)
    low.save(os.path.join(out, "pil-150dpi.pdf"), resolution=150)
    note("pil-150dpi.pdf", "DOC-1")
    blank = sheet(300, size, "blank")
    blank.save(os.path.join(out, "pil-blank.pdf"), resolution=300)
    note("pil-blank.pdf", "DOC-1")
    # one sheet as horizontal strips (some scanners write it so)
    img = colour[0]
    strips = []
    step = img.height // 4
    for k in range(4):
        part = img.crop((0, k * step, img.width, img.height if k == 3 else (k + 1) * step))
        strips.append(part)
    objs_path = os.path.join(out, "strips.pdf")
    c = canvas.Canvas(objs_path, pagesize=(size[0] * 72, size[1] * 72))
    y = size[1] * 72
    for part in strips:
        hpt = part.height * 72.0 / 300
        y -= hpt
        sp = os.path.join(tmp, "strip%d.jpg" % len(os.listdir(tmp)))
        part.save(sp, "JPEG", quality=85)
        c.drawImage(sp, 0, y, part.width * 72.0 / 300, hpt)
    c.showPage()
    c.save()
    note("strips.pdf", "pass")

    json.dump(expected, open(os.path.join(out, "expected.json"), "w"), indent=1)
    shutil.rmtree(tmp)


def check(cli):
    """Every file gets the verdict its making implies; TAP on stdout."""
    import contextlib
    with tempfile.TemporaryDirectory(prefix="pk-corpus-check-") as d:
        sys.argv = [sys.argv[0], d]
        # img2pdf prints a note of its own on stdout, which is TAP here
        with contextlib.redirect_stdout(sys.stderr):
            main()
        expected = json.load(open(os.path.join(d, "expected.json")))
        print("1..%d" % len(expected))
        failed = 0
        for i, (name, want) in enumerate(sorted(expected.items()), 1):
            r = subprocess.run([cli, "doc-check", "--kind", "birth-certificate", "--json",
                                os.path.join(d, name)], capture_output=True, text=True)
            try:
                report = json.loads(r.stdout)
                fails = sorted({f["rule"] for f in report["findings"] if f["status"] == "fail"})
                got = " ".join(fails) or "pass"
            except ValueError:
                got = "exit %d: %s" % (r.returncode, r.stderr.strip())
            status_ok = r.returncode == (0 if want == "pass" else 1)
            quiet = r.stderr == ""           # no library chatter reaches the user
            ok = got == want and status_ok and quiet
            failed += not ok
            print("%s %d - %s: expected %s, got %s%s" % ("ok" if ok else "not ok", i, name, want, got,
                                                        "" if quiet else " (stderr: %r)" % r.stderr[:200]))
        return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        sys.exit(check(sys.argv[2]))
    main()
