"""Makes tests/inputs/pdf/003_letter.pdf, a PDF of the seed letter
seeds/003_*.txt laid out as Ofsted lays out its letters, and the two
unreadable PDFs of tests/inputs/bad/. Run once by hand; the PDFs are committed.

    python3 tests/support/make_letter_pdf.py

Needs Chromium (it prints the letter to PDF) and qpdf (it encrypts a copy).
"""
import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path

root = Path(__file__).resolve().parents[2]
seed = next((root / "seeds").glob("003_*.txt")).read_text(encoding="utf-8")
out = root / "tests" / "inputs"

# Blocks of the letter: runs of lines between blank lines. Short lines stay
# lines (the address blocks); a bulleted block becomes a list; the rest are
# paragraphs, with their hard wraps undone.
blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", seed) if b.strip()]
body = []
for b in blocks:
    lines = b.split("\n")
    if all(l.startswith("- ") for l in lines):
        items = "".join(f"<li>{html.escape(l[2:])}</li>" for l in lines)
        body.append(f"<ul>{items}</ul>")
    elif len(lines) > 1 and all(len(l) < 60 for l in lines):
        body.append("<p class=address>" + "<br>".join(html.escape(l) for l in lines) + "</p>")
    elif len(b) < 60 and not b.endswith("."):
        body.append(f"<h2>{html.escape(b)}</h2>" if b in ("Overview", "Findings") or b.startswith("What needs") else f"<p>{html.escape(b)}</p>")
    else:
        body.append(f"<p>{html.escape(' '.join(lines))}</p>")

page = f"""<!doctype html><html lang=en><head><meta charset=utf-8><title>Focused visit to Northamptonshire children's services</title>
<style>
@page {{ size: A4; margin: 22mm 20mm; }}
body {{ font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.35; }}
.address {{ margin: 0 0 1em 0; }}
h2 {{ font-size: 12pt; margin: 1.2em 0 0.5em; }}
ul {{ padding-left: 1.2em; }} li {{ margin-bottom: 0.4em; }}
</style></head><body>
{chr(10).join(body)}
</body></html>"""

with tempfile.TemporaryDirectory() as tmp:
    src = Path(tmp) / "letter.html"
    src.write_text(page, encoding="utf-8")
    pdf = out / "pdf" / "003_letter.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([
        "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", src.as_uri(),
    ], check=True, stderr=subprocess.DEVNULL)

bad = out / "bad"
bad.mkdir(parents=True, exist_ok=True)
subprocess.run(["qpdf", "--encrypt", "a-user-password", "an-owner-password", "256", "--", str(pdf), str(bad / "encrypted.pdf")], check=True)
# A PDF cut off after its first kilobyte: a header, then nothing a reader can use.
(bad / "corrupt.pdf").write_bytes(pdf.read_bytes()[:1024])
print("wrote", pdf, bad / "encrypted.pdf", bad / "corrupt.pdf", file=sys.stderr)
