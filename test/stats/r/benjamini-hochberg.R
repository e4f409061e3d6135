# Expected values for test/stats/benjamini-hochberg.test.ts (R 4.2.2).
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
show(p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH"))
# NAs stay NA and do not count towards n
show(p.adjust(c(0.01, NA, 0.04, 0.03, NA, 0.04), "BH"))
# ties
show(p.adjust(c(0.02, 0.02, 0.02, 0.5), "BH"))
show(p.adjust(c(0.5, 0.9, 0.95, 0.2, 0.9), "BH"))
show(p.adjust(c(0, 0.001, 1), "BH"))
show(p.adjust(0.3, "BH"))
