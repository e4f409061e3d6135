# Expected values for test/stats/chi-square-survival.test.ts (R 4.2.2).
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
show(pchisq(3.84, 1, lower.tail = FALSE))
show(pchisq(1.75, 1, lower.tail = FALSE))
show(pchisq(10, 4, lower.tail = FALSE))
show(pchisq(0.001, 2, lower.tail = FALSE))
show(pchisq(150, 9, lower.tail = FALSE))
show(pchisq(7.5, 3, lower.tail = FALSE))
show(pchisq(0, 3, lower.tail = FALSE))
