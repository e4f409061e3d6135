# Expected values for test/stats/chi-square-test.test.ts (R 4.2.2). Tables are filled by column,
# so matrix(c(9, 11, 5, 15), 2) is [[9, 5], [11, 15]].
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
t22 <- matrix(c(9, 11, 5, 15), 2)
show(chisq.test(t22, correct = FALSE)$statistic)
show(chisq.test(t22, correct = FALSE)$parameter)
show(chisq.test(t22, correct = FALSE)$p.value)
# 2 x 4, theme present/absent x four segments
t24 <- matrix(c(12, 28, 30, 20, 7, 33, 25, 15), 2)
show(chisq.test(t24, correct = FALSE)$statistic)
show(chisq.test(t24, correct = FALSE)$parameter)
show(chisq.test(t24, correct = FALSE)$p.value)
# a zero cell (margins still positive)
tz <- matrix(c(3, 7, 0, 4, 5, 5, 2, 8), 2)
show(suppressWarnings(chisq.test(tz, correct = FALSE))$statistic)
show(suppressWarnings(chisq.test(tz, correct = FALSE))$p.value)
# 3 x 3
t33 <- matrix(c(10, 4, 6, 3, 12, 5, 8, 6, 14), 3)
show(chisq.test(t33, correct = FALSE)$statistic)
show(chisq.test(t33, correct = FALSE)$parameter)
show(chisq.test(t33, correct = FALSE)$p.value)
# an empty column: R's statistic is NaN (the contract wants null)
show(suppressWarnings(chisq.test(matrix(c(3, 7, 0, 0, 5, 5), 2), correct = FALSE))$statistic)
