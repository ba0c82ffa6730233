#!/usr/bin/env python3
"""Writes SharedResource.resx (neutral = Simplified Chinese) and SharedResource.en.resx from strings.tsv.

strings.tsv: one string per line, key<TAB>Chinese<TAB>English. Run after editing it:
    python3 AgentWorkspace/Resources/make-resx.py
"""
import os
from xml.sax.saxutils import escape

here = os.path.dirname(os.path.abspath(__file__))
rows = []
with open(os.path.join(here, "strings.tsv"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise SystemExit(f"strings.tsv:{n}: expected key<TAB>zh<TAB>en, got {len(parts)} fields")
        rows.append(parts)
keys = [r[0] for r in rows]
dupes = {k for k in keys if keys.count(k) > 1}
if dupes:
    raise SystemExit(f"duplicate keys: {sorted(dupes)}")

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""
for suffix, col in (("", 1), (".en", 2)):
    with open(os.path.join(here, f"SharedResource{suffix}.resx"), "w", encoding="utf-8") as out:
        out.write(HEADER)
        for r in rows:
            out.write(f'  <data name="{escape(r[0], {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(r[col])}</value></data>\n')
        out.write("</root>\n")
print(f"{len(rows)} strings")
