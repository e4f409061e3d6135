# Expected values for test/stats/stirling-correction.test.ts (R 4.2.2): R's lgammacor is internal,
# so the remainder is taken from lgamma; the subtraction costs a few digits (1e-12 relative here).
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
show(lgamma(10) - ((10 - 0.5) * log(10) - 10 + log(2 * pi) / 2))
show(lgamma(12.5) - ((12.5 - 0.5) * log(12.5) - 12.5 + log(2 * pi) / 2))
show(lgamma(20) - ((20 - 0.5) * log(20) - 20 + log(2 * pi) / 2))
