# Expected bases of test/charts/chart-files.test.ts (run from the repository root: Rscript test/charts/r/chart-files.R).
d <- read.csv("fixtures/rpa/2014.csv")
cat(nrow(d), "\n")     # 44 respondents
cat(sum(d$weight), "\n") # 44.0457: "weighted base 44" at one decimal
