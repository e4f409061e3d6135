# Expected values for test/stats/kish-effective-n.test.ts (R 4.2.2).
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
w <- c(1, 2, 0.5, 3, 1.5, 1, 2.5, 0.7, 1.2, 2)
show(sum(w)^2 / sum(w^2))
show(sum(rep(1, 40))^2 / sum(rep(1, 40)^2))
show(sum(c(1, 2, 3))^2 / sum(c(1, 2, 3)^2))
