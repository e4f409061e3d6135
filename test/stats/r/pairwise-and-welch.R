# Expected values for test/stats/pairwise-proportion-tests.test.ts and welch-t-test.test.ts (R 4.2.2).
# Run: Rscript test/stats/r/pairwise-and-welch.R
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
pw <- function(x, n) { t <- pairwise.prop.test(x, n, p.adjust.method = "BH", correct = FALSE)$p.value; t[lower.tri(t, diag = TRUE)] }
raw <- function(x, n) { t <- pairwise.prop.test(x, n, p.adjust.method = "none", correct = FALSE)$p.value; t[lower.tri(t, diag = TRUE)] }
# lower triangle by column: pairs (1,2), (1,3), (1,4), (2,3), (2,4), (3,4)
show(pw(c(12, 5, 9, 2), c(20, 20, 20, 15)))
show(raw(c(12, 5, 9, 2), c(20, 20, 20, 15)))
# a pair with both proportions 0 has NA and is left out of BH's n
show(pw(c(0, 0, 6), c(10, 12, 15)))
x1 <- c(3, 4, 2, 5, 4, 3, 4, 1, 5, 4)
x2 <- c(4, 5, 5, 3, 4, 5, 4, 5, 2, 5, 4, 5)
t <- t.test(x2, x1, var.equal = FALSE)
show(c(t$statistic, t$parameter, t$p.value, t$conf.int))
show(c(mean(x1), var(x1), mean(x2), var(x2)))
t <- t.test(x2, x1, var.equal = FALSE, conf.level = 0.9)
show(t$conf.int)
show(pw(c(12, 5, 9), c(20, 20, 20)))
