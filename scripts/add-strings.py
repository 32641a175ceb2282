#!/usr/bin/env python3
"""Adds or updates strings in both resource files at once, so zh-CN and en never drift apart.

Usage: scripts/add-strings.py < strings.tsv   (lines: key<TAB>English<TAB>中文; '#' lines ignored; \\n = line break)
The resx files stay the source of truth; this only edits them.
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

RES = Path(__file__).resolve().parent.parent / "src/Petitions.Web/Resources"
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""

def load(path):
    if not path.exists():
        return {}
    return {d.get("name"): (d.findtext("value") or "") for d in ET.parse(path).getroot().findall("data")}

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

def save(path, entries):
    lines = [HEADER]
    for k in sorted(entries):
        lines.append(f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(entries[k])}</value></data>\n')
    lines.append("</root>\n")
    path.write_text("".join(lines), encoding="utf-8")

en_path, zh_path = RES / "SharedResource.en.resx", RES / "SharedResource.zh-CN.resx"
en, zh = load(en_path), load(zh_path)
for n, line in enumerate(sys.stdin, 1):
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("#"):
        continue
    parts = line.split("\t")
    if len(parts) != 3:
        sys.exit(f"line {n}: expected key<TAB>en<TAB>zh, got {line!r}")
    key, e, z = (p.replace("\\n", "\n") for p in parts)  # "\n" in the TSV is a line break
    en[key], zh[key] = e, z
save(en_path, en)
save(zh_path, zh)
print(f"{len(en)} strings in each language")
