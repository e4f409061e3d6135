# Expected values for test/report/weighted-headline.test.ts (R 4.2.2, survey 4.1-1).
# Run from the repository root: Rscript test/report/r/weighted-headline.R
suppressMessages(library(survey))
source("test/stats/r/_show.R")
d <- read.csv("fixtures/weighted/responses.csv", stringsAsFactors = FALSE)
d$funding <- as.numeric(grepl("funding", d$themes))
design <- svydesign(ids = ~1, weights = ~weight, data = d)
show(coef(svymean(~funding, design)))
ci <- svyciprop(~funding, design, method = "logit")
show(attr(ci, "ci"))
show(sum(d$funding))
