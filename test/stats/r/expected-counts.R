# Expected values for test/stats/expected-counts.test.ts (R 4.2.2).
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
show(suppressWarnings(chisq.test(matrix(c(9, 11, 5, 15), 2)))$expected)
show(suppressWarnings(chisq.test(matrix(c(3, 7, 0, 4, 5, 5, 2, 8), 2)))$expected)
