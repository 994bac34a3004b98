#!/usr/bin/env python3
"""Makes the corpora benches/formats.sh measures, from real BBC news articles (the
dejanbatanjac/bbc-article-classify-bert dataset; REAL_TEXT names the folder that holds it):
COUNT articles written as HTML, DOCX, ODT and EPUB by pandoc and as PDF by fpdf2 (with the
DejaVu font, for the pound signs and curly quotes), each with its title and date as metadata;
then `mixed/`, 10,000 documents (each format's files copied until there are 2,000 of it), and
`plain/`, the same 10,000 documents as the plain text they were made from.

Usage: benches/formats_make.py OUT [COUNT]   (pandoc and `pip install fpdf2` needed)
"""
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def articles(count):
    root = os.path.join(os.environ.get("REAL_TEXT", "benches/real-text"), "bbc-article-classify-bert", "bbc")
    paths = sorted(
        os.path.join(folder, name)
        for folder, _, names in os.walk(root)
        for name in names
        if name.endswith(".txt")
    )
    for index, path in enumerate(paths[:count]):
        with open(path, encoding="latin-1") as handle:
            lines = handle.read().strip().split("\n")
        yield index, lines[0].strip(), "\n".join(lines[1:]).strip()


def make_pdf(path, title, body):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=11)
    pdf.set_title(title)
    pdf.add_page()
    pdf.multi_cell(0, 6, title + "\n\n" + body)
    pdf.output(path)


def make(out, index, title, body):
    name = f"{index:04d}"
    date = f"2005-{1 + index % 12:02d}-{1 + index % 28:02d}"
    source = os.path.join(out, "source", name + ".md")
    with open(source, "w") as handle:
        handle.write(f'---\ntitle: "{title}"\ndate: {date}\n---\n\n{body}\n')
    with open(os.path.join(out, "text", name + ".txt"), "w") as handle:
        handle.write(f"{title}\n\n{body}\n")
    for format in ["html", "docx", "odt", "epub"]:
        subprocess.run(["pandoc", "-s", source, "-o", os.path.join(out, format, f"{name}.{format}")], check=True)
    make_pdf(os.path.join(out, "pdf", name + ".pdf"), title, body)


def main():
    out, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 400
    for folder in ["source", "text", "html", "docx", "odt", "epub", "pdf", "mixed", "plain"]:
        os.makedirs(os.path.join(out, folder), exist_ok=True)
    with ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        for done in [pool.submit(make, out, *article) for article in articles(count)]:
            done.result()
    per_format = 2000
    for format in ["html", "docx", "odt", "epub", "pdf"]:
        names = sorted(os.listdir(os.path.join(out, format)))
        for copy in range(per_format):
            name = names[copy % len(names)]
            stem = name.rsplit(".", 1)[0]
            shutil.copy(os.path.join(out, format, name), os.path.join(out, "mixed", f"{format}-{copy:04d}.{format}"))
            shutil.copy(os.path.join(out, "text", stem + ".txt"), os.path.join(out, "plain", f"{format}-{copy:04d}.txt"))


if __name__ == "__main__":
    main()
