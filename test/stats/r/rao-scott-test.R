# Expected values for test/stats/rao-scott-test.test.ts (R 4.2.2, survey 4.1-1).
# Run: Rscript test/stats/r/rao-scott-test.R
suppressMessages(library(survey))
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
rs <- function(d) {
  t <- svychisq(~theme + segment, svydesign(ids = ~1, weights = ~w, data = d))
  c(t$statistic, t$parameter, t$p.value)
}
# 1: theme x 3 segments, 18 respondents
d1 <- data.frame(
  theme   = c(1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1),
  segment = c(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2),
  w       = c(1.2, 0.8, 1, 2.5, 1, 0.6, 1.1, 1.4, 0.9, 1, 3, 0.7, 1, 1.6, 0.5, 1.3, 2, 1))
show(rs(d1))   # F, ndf, ddf, p
# 2: theme x 5 segments with a zero cell (nobody in segment 4 mentions the theme), 25 respondents
d2 <- data.frame(
  theme   = c(1, 0, 0, 1, 1,  0, 0, 0, 1, 0,  1, 1, 1, 0, 1,  0, 1, 0, 0, 0,  0, 0, 0, 0, 0),
  segment = rep(0:4, each = 5),
  w       = c(1, 2, 1, 1, 0.5,  1, 1, 3, 1, 1,  0.8, 1.2, 1, 1, 2,  1, 1, 1, 1.5, 0.5,  2, 1, 1, 1, 1))
show(rs(d2))
# 3: equal weights: F = X^2 / tr(Delta) with Delta near n/(n-1)
d3 <- data.frame(theme = c(1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0), segment = rep(0:1, each = 6), w = 1)
show(rs(d3))
