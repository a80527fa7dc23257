#!/usr/bin/env python3
"""Draws the bundled Online Retail sample deterministically (no randomness): every row of the customers whose
numeric CustomerID is divisible by 5, plus every row without a CustomerID whose invoice number is divisible by 40.
Rows are kept byte-for-byte and in file order, with the original header.

usage: python3 make_sample.py [SOURCE] [TARGET]
  SOURCE defaults to ../../../shared/data/online-retail/online_retail.csv.gz
  TARGET defaults to online_retail_sample.csv.gz (next to this script)
"""
import csv, gzip, io, os, sys

here = os.path.dirname(os.path.abspath(__file__))
src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "../../../shared/data/online-retail/online_retail.csv.gz")
dst = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "online_retail_sample.csv.gz")

def keep(line):
    row = next(csv.reader([line]))
    invoice, customer = row[0], row[6].strip()
    if customer:
        return int(float(customer)) % 5 == 0
    digits = "".join(ch for ch in invoice if ch.isdigit())
    return digits != "" and int(digits) % 40 == 0

with gzip.open(src, "rt", encoding="utf-8", newline="") as f:
    lines = f.read().split("\n")
header, rows = lines[0], [l for l in lines[1:] if l != ""]
kept = [l for l in rows if keep(l)]
# mtime=0 keeps the gzip bytes identical run to run
with open(dst, "wb") as raw:
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(("\n".join([header] + kept) + "\n").encode("utf-8"))
print(f"kept {len(kept)} of {len(rows)} rows -> {dst}")
