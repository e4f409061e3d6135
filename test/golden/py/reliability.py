#!/usr/bin/python3
"""Coder agreement figures for results.reliability, computed from the data files with NLTK 3.8
(Debian's python3-nltk), independently of findings: the expected values of
test/golden/reliability-reference.test.ts.

    /usr/bin/python3 test/golden/py/reliability.py      # writes the *-expected.csv files beside this script

For each study: each coder's codes per respondent, rolled up to parent codes from the codebook's
`parent` column; a unit is a respondent coded by at least two coders; per theme a units x coders 0/1
matrix (missing where a coder did not code the respondent), and pooled all respondent x theme pairs.
- krippendorffAlpha: AnnotationTask.alpha() (nominal; ignores units with one value, Krippendorff
  2011); None where only one value occurs (NLTK returns 1 there; CONTRACT.md says null).
- cohenKappa (exactly two coders): AnnotationTask.kappa() on the units both coded; None if p_e = 1.
- fleissKappa (three or more coders): AnnotationTask.pi() on the units all coded (Fleiss 1971 on
  complete data); None if p_e = 1.
- percentAgreement: the observed agreement A_o of Krippendorff (2011): over units with m >= 2
  values, sum of agreeing ordered value pairs / (m - 1), divided by the number of pairable values.
  Computed here by that formula; on complete data it is checked against AnnotationTask.avg_Ao().
"""
import csv
import os
from collections import OrderedDict

from nltk.metrics.agreement import AnnotationTask

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))


def read_codebook(path):
    with open(os.path.join(ROOT, path), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    parent = {r["code"]: (r.get("parent") or "") for r in rows}
    order = [r["code"] for r in rows]

    def rollup(codes):
        out = set()
        for code in codes:
            while code:
                out.add(code)
                code = parent[code]
        return out

    return order, rollup


def from_respondent_files(files, id_column, themes_column):
    """files: [(coder, path)] -> {coder: {id: set(direct codes)}}"""
    coded = OrderedDict()
    for coder, path in files:
        with open(os.path.join(ROOT, path), newline="", encoding="utf-8") as f:
            coded[coder] = {r[id_column]: set(c.strip() for c in r[themes_column].split(";") if c.strip()) for r in csv.DictReader(f)}
    return coded


def from_excerpts(path, id_column, coder_column, code_column):
    coded = OrderedDict()
    with open(os.path.join(ROOT, path), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            codes = coded.setdefault(r[coder_column], {}).setdefault(r[id_column], set())
            for c in r[code_column].split(";"):
                if c.strip():
                    codes.add(c.strip())
    return coded


def task(matrix):
    data = [("c%d" % c, "u%d" % u, v) for u, unit in enumerate(matrix) for c, v in enumerate(unit) if v is not None]
    return AnnotationTask(data=data)


def percent_agreement(matrix):
    agree = 0.0
    n = 0
    for unit in matrix:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        n += m
        agree += sum(1 for i in range(m) for j in range(m) if i != j and values[i] == values[j]) / (m - 1)
    return None if n == 0 else agree / n


def figures(matrix, coders):
    values = {v for unit in matrix for v in unit if v is not None}
    pairable = [u for u in matrix if sum(v is not None for v in u) >= 2]
    alpha = None
    if len({v for u in pairable for v in u if v is not None}) >= 2:
        alpha = task(pairable).alpha()
    complete = [u for u in matrix if None not in u]
    pa = percent_agreement(matrix)
    if len(complete) == len(matrix) and complete:
        assert abs(task(complete).avg_Ao() - pa) < 1e-12, (task(complete).avg_Ao(), pa)
    cohen = fleiss = None
    if complete and len({v for u in complete for v in u}) >= 2:
        if coders == 2:
            cohen = task(complete).kappa()
        elif coders >= 3:
            fleiss = task(complete).pi()
    return OrderedDict(percentAgreement=pa, cohenKappa=cohen, krippendorffAlpha=alpha, fleissKappa=fleiss)


def study(name, codebook, coded):
    order, rollup = read_codebook(codebook)
    coders = list(coded)
    rolled = {c: {i: rollup(codes) for i, codes in coded[c].items()} for c in coders}
    ids = sorted({i for c in coders for i in rolled[c]})
    units = [i for i in ids if sum(i in rolled[c] for c in coders) >= 2]
    rows = [("units", len(units))]
    pooled = []
    for theme in order:
        matrix = [[(1 if theme in rolled[c][i] else 0) if i in rolled[c] else None for c in coders] for i in units]
        pooled.extend(matrix)
        for key, value in figures(matrix, len(coders)).items():
            rows.append(("theme/%s/%s" % (theme, key), value))
    for key, value in figures(pooled, len(coders)).items():
        rows.append(("pooled/%s" % key, value))
    with open(os.path.join(HERE, "%s-reliability-expected.csv" % name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["key", "value"])
        for key, value in rows:
            w.writerow([key, "NA" if value is None else repr(value)])
    print("%s: %d units, %d coders" % (name, len(units), len(coders)))


# The default study: coder A's respondent rows (the data) and coder B's (reliability:).
study("rpa-2014", "fixtures/rpa/codebook.csv",
      from_respondent_files([("A", "fixtures/rpa/2014.csv"), ("B", "fixtures/rpa/2014-coder-b.csv")], "respondent_id", "themes"))
# Its excerpt-level twin: the same codings as excerpt rows.
study("rpa-2014-excerpts", "fixtures/rpa/codebook.csv",
      from_excerpts("fixtures/rpa-excerpts/excerpts.csv", "respondent_id", "coder", "code"))
# Three coders with missing data.
study("three-coders", "fixtures/small/codebook.csv",
      from_excerpts("fixtures/excerpts-three-coders/excerpts.csv", "respondent", "coder", "code"))
