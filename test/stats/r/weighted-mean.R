# Expected values for test/stats/weighted-mean.test.ts (R 4.2.2, survey 4.1-1).
# The same data are written out in the test, which forms the one-pass sums itself.
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
suppressMessages(library(survey))
d <- data.frame(
  y     = c(1, 0, 1, 1, 0, 0, 1, 0, 1, 1),
  score = c(3, 5, 2, 4, 4, 1, 5, 3, 2, 4),
  q     = c(4, NA, 5, 3, NA, 2, 5, 4, 1, NA),
  w     = c(1, 2, 0.5, 3, 1.5, 1, 2.5, 0.7, 1.2, 2),
  seg   = c("a", "a", "b", "a", "b", "b", "a", "b", "a", "c")
)
design <- svydesign(ids = ~1, weights = ~w, data = d)
# full sample, unequal weights
show(coef(svymean(~y, design)))
show(SE(svymean(~y, design)))
show(coef(svymean(~score, design)))
show(SE(svymean(~score, design)))
# a domain: subset() keeps the other rows with weight zero
show(coef(svymean(~y, subset(design, seg == "a"))))
show(SE(svymean(~y, subset(design, seg == "a"))))
show(coef(svymean(~score, subset(design, seg == "b"))))
show(SE(svymean(~score, subset(design, seg == "b"))))
show(SE(svyby(~score, ~seg, design, svymean)))
# a one-row domain: z is zero there, so se is 0
show(coef(svymean(~score, subset(design, seg == "c"))))
show(SE(svymean(~score, subset(design, seg == "c"))))
# missing values: the domain of answered rows
show(coef(svymean(~q, design, na.rm = TRUE)))
show(SE(svymean(~q, design, na.rm = TRUE)))
# equal weights: se = sd(y) / sqrt(n)
show(SE(svymean(~score, svydesign(ids = ~1, weights = ~1, data = transform(d, one = 1)))))
show(sd(d$score) / sqrt(10))
