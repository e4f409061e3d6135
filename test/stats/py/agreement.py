#!/usr/bin/python3
"""Expected values for test/stats/agreement.test.ts, computed with NLTK 3.8
(Debian's python3-nltk: nltk.metrics.agreement.AnnotationTask), independently of findings.

    /usr/bin/python3 test/stats/py/agreement.py

NLTK's AnnotationTask takes (coder, item, label) triples; a missing value is a triple left out.
- alpha():  Krippendorff's alpha (nominal distance by default); items with fewer than two labels are
            ignored, as Krippendorff (2011) does, so it handles missing data.
- kappa():  Cohen's kappa averaged over coder pairs; with two coders and complete data, Cohen (1960).
- pi():     multi-pi (Siegel and Castellan's K); with complete data this is Fleiss' kappa (1971).
- avg_Ao(): observed agreement averaged over coder pairs; with complete data, percent agreement.
NLTK's kappa() and avg_Ao() divide by all items, so they are used only on complete data.
"""
from nltk.metrics.agreement import AnnotationTask


def task(matrix):
    """matrix: units x coders, None for missing."""
    data = []
    for u, unit in enumerate(matrix):
        for c, value in enumerate(unit):
            if value is not None:
                data.append(("c%d" % c, "u%d" % u, value))
    return AnnotationTask(data=data)


def show(name, value):
    print("%-45s %r" % (name, value))


# Krippendorff (2011), section C: 4 observers x 12 units, nominal, with missing values.
# His result: alpha = 0.743. Observed agreement by hand from his coincidence matrix:
#        1    2    3    4    5
#   1    7   4/3  1/3  1/3   .     n_1 = 9
#   2   4/3  10   4/3  1/3   .     n_2 = 13
#   3   1/3  4/3   8   1/3   .     n_3 = 10
#   4   1/3  1/3  1/3   4    .     n_4 = 5
#   5    .    .    .    .    3     n_5 = 3        n = 40 pairable values (unit 12 has one value)
# A_o = (7 + 10 + 8 + 4 + 3) / 40 = 32/40 = 0.8, and alpha = 1 - 39 * 8 / (40^2 - 9^2 - 13^2 - 10^2 - 5^2 - 3^2)
#     = 1 - 312/1216 = 0.74342105263157...
K = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}
krippendorff = [[K[c][u] for c in "ABCD"] for u in range(12)]
show("krippendorff2011 alpha", task(krippendorff).alpha())

# Fleiss' kappa, the worked example of the Wikipedia article "Fleiss' kappa" (10 subjects, 14 raters,
# 5 categories; P-bar = 0.378, P-bar_e = 0.213, kappa = 0.210). Raters are assigned to counts in
# order, which Fleiss' kappa does not depend on.
W = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
     [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
fleiss = [[cat for cat, n in enumerate(row) for _ in range(n)] for row in W]
t = task(fleiss)
show("wikipedia fleiss pi", t.pi())
show("wikipedia fleiss avg_Ao", t.avg_Ao())
show("wikipedia fleiss alpha", t.alpha())

# Cohen's kappa, the worked example of the Wikipedia article "Cohen's kappa": 50 proposals,
# yes/yes 20, yes/no 5, no/yes 10, no/no 15; p_o = 0.7, p_e = 0.5, kappa = 0.4.
cohen = [[1, 1]] * 20 + [[1, 0]] * 5 + [[0, 1]] * 10 + [[0, 0]] * 15
t = task(cohen)
show("wikipedia cohen kappa", t.kappa())
show("wikipedia cohen avg_Ao", t.avg_Ao())
show("wikipedia cohen alpha", t.alpha())

# A theme coded 0/1 by two coders over 12 respondents, complete.
two = [[1, 1], [1, 1], [1, 0], [0, 0], [0, 0], [1, 1], [0, 1], [0, 0], [1, 1], [0, 0], [1, 1], [0, 0]]
t = task(two)
show("two kappa", t.kappa())
show("two alpha", t.alpha())
show("two avg_Ao", t.avg_Ao())

# The same theme, three coders, complete (units x coders).
three = [[1, 1, 1], [1, 1, 0], [1, 0, 1], [0, 0, 0], [0, 0, 0], [1, 1, 1], [0, 1, 0], [0, 0, 0],
         [1, 1, 1], [0, 0, 1], [1, 1, 1], [0, 0, 0]]
t = task(three)
show("three pi (fleiss)", t.pi())
show("three alpha", t.alpha())
show("three avg_Ao", t.avg_Ao())
# Krippendorff's alpha for 3+ coders without missing data: this is where irr 0.84.1 goes wrong.

# Three coders with missing values (None): alpha only (NLTK ignores units with one value).
gaps = [[1, 1, None], [1, None, 0], [None, 0, 1], [0, 0, 0], [0, None, None], [1, 1, 1], [0, 1, 0],
        [None, 0, 0], [1, 1, 1], [0, 0, 1], [1, None, 1], [0, 0, 0]]
show("gaps alpha", task(gaps).alpha())
# Fleiss on the complete units only (rows 3, 5, 6, 8, 9, 11 zero-based: 0,0,0 / 1,1,1 / 0,1,0 / 1,1,1 / 0,0,1 / 0,0,0).
complete = [u for u in gaps if None not in u]
t = task(complete)
show("gaps complete pi (fleiss)", t.pi())
# Cohen on two coders where one left some units blank: complete pairs only.
pairs = [[a, b] for a, b, _ in gaps if a is not None and b is not None]
t = task(pairs)
show("gaps AB complete kappa", t.kappa())
