# Expected values for test/stats/log-beta.test.ts (R 4.2.2).
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
show(lbeta(0.5, 0.5))
show(lbeta(2, 3))
show(lbeta(0.5, 5e5))
show(lbeta(12, 30))
show(lbeta(5e5, 5e5))
show(lbeta(3, 1e4))
