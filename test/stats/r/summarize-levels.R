# Expected values for test/stats/summarize-levels.test.ts (R 4.2.2).
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
x <- rep(1:5, c(0, 1, 5, 12, 20))   # n = 38, even
show(c(length(x), mean(x), median(x), sd(x)))
x <- rep(1:5, c(2, 3, 4, 3, 3))     # n = 15, odd
show(c(length(x), mean(x), median(x), sd(x)))
x <- rep(1:5, c(0, 0, 3, 3, 0))     # even n, middle values differ
show(c(length(x), mean(x), median(x), sd(x)))
x <- rep(c(0, 10), c(1, 0))         # n = 1
show(c(length(x), mean(x), median(x), sd(x)))
x <- rep(c(7, 1, 4), c(2, 5, 1))    # levels not sorted
show(c(length(x), mean(x), median(x), sd(x)))
x <- rep(3, 6)                      # no spread
show(c(length(x), mean(x), median(x), sd(x)))
