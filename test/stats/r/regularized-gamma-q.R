# Expected values for test/stats/regularized-gamma-q.test.ts (R 4.2.2).
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
show(pgamma(2, 1.5, lower.tail = FALSE))
show(pgamma(0.1, 0.5, lower.tail = FALSE))
show(pgamma(1, 1, lower.tail = FALSE))
show(pgamma(30, 4.5, lower.tail = FALSE))
show(pgamma(520, 500, lower.tail = FALSE))
show(pgamma(480, 500, lower.tail = FALSE))
show(pgamma(200, 20, lower.tail = FALSE))
