# Expected values for test/stats/logit-interval.test.ts (R 4.2.2, survey 4.1-1).
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
suppressMessages(library(survey))
d <- data.frame(
  y   = c(1, 0, 1, 1, 0, 0, 1, 0, 1, 1),
  w   = c(1, 2, 0.5, 3, 1.5, 1, 2.5, 0.7, 1.2, 2),
  seg = c("a", "a", "b", "a", "b", "b", "a", "b", "a", "b"),
  none = 0, all = 1
)
design <- svydesign(ids = ~1, weights = ~w, data = d)
a <- subset(design, seg == "a")
# the df svyciprop uses is degf(design): rows with non-zero weight minus one
show(degf(design))
show(degf(a))
# full sample: p and se from svymean, interval from svyciprop
show(coef(svymean(~y, design)))
show(SE(svymean(~y, design)))
show(confint(svyciprop(~y, design, method = "logit")))
show(confint(svyciprop(~y, design, method = "logit", level = 0.9)))
# a domain: se over the whole design, df = rows in the domain - 1
show(coef(svymean(~y, a)))
show(SE(svymean(~y, a)))
show(confint(svyciprop(~y, a, method = "logit")))
show(unlist(svyby(~y, ~seg, design, svyciprop, vartype = "ci", method = "logit")[2, c("ci_l", "ci_u")]))
# p = 0 and p = 1: IRLS stops near logit -24.6 / +24.6
show(confint(svyciprop(~none, design, method = "logit")))
show(confint(svyciprop(~all, design, method = "logit")))
