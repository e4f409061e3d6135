# Expected values for test/stats/beta-ratio.test.ts (R 4.2.2).
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
show(pbeta(0.25, 2, 3))
show(pbeta(0.25, 2, 3, lower.tail = FALSE))
show(pbeta(0.9, 5, 1.5))
show(pbeta(0.9, 5, 1.5, lower.tail = FALSE))
# the t distribution's use: t = 2, df = 39; x = 39 / (39 + 4), y = 4 / (39 + 4)
show(pbeta(39 / 43, 19.5, 0.5))
show(pbeta(4 / 43, 0.5, 19.5, lower.tail = FALSE))
