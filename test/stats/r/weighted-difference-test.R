# Expected values for test/stats/weighted-difference-test.test.ts (R 4.2.2, survey 4.1-1).
# Run: Rscript test/stats/r/weighted-difference-test.R
suppressMessages(library(survey))
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
r1 <- data.frame(y = c(1, 0, 0, 1, 0, 1, 0, 0), w = c(1, 2, 1.5, 0.5, 1, 2, 1, 3))
r2 <- data.frame(y = c(1, 1, 0, 1, 1, 0, 1), w = c(0.8, 1.2, 2, 1, 1, 0.5, 1.5))
m1 <- svymean(~y, svydesign(ids = ~1, weights = ~w, data = r1))
m2 <- svymean(~y, svydesign(ids = ~1, weights = ~w, data = r2))
show(c(coef(m1), SE(m1), coef(m2), SE(m2)))
d <- as.numeric(coef(m2) - coef(m1)); se <- as.numeric(sqrt(SE(m1)^2 + SE(m2)^2)); z <- d / se
show(c(d, se, z, 2 * pnorm(-abs(z))))
show(d + c(-1, 1) * qnorm(0.975) * se)
show(d + c(-1, 1) * qnorm(0.9) * se)   # confidence 0.8
