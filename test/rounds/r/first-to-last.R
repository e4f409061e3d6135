# Expected values for test/rounds/first-to-last.test.ts: the trend's first round (2014) against the
# last (2016). Run from the repository root: Rscript test/rounds/r/first-to-last.R  (R 4.2.2)
source("test/stats/r/_show.R")
d1 <- read.csv("fixtures/rpa/2014.csv", stringsAsFactors = FALSE, na.strings = "")
d3 <- read.csv("fixtures/rpa/2016.csv", stringsAsFactors = FALSE, na.strings = "")
has <- function(d, code) sapply(strsplit(ifelse(is.na(d$themes), "", d$themes), ";", fixed = TRUE), function(c) code %in% trimws(c))
x1 <- sum(has(d1, "structure")); x3 <- sum(has(d3, "structure"))
show(c(x1, nrow(d1), x3, nrow(d3)))
t <- prop.test(c(x3, x1), c(nrow(d3), nrow(d1)), correct = FALSE)
show(c(t$p.value, t$conf.int))
p <- c()
for (q in c("q_continue", "q_incubate")) {
  a <- d1[[q]]; a <- a[!is.na(a)]; b <- d3[[q]]; b <- b[!is.na(b)]
  p[q] <- prop.test(c(sum(b >= 4), sum(a >= 4)), c(length(b), length(a)), correct = FALSE)$p.value
}
show(p)
show(p.adjust(p, "BH"))
a <- d1$q_incubate; a <- a[!is.na(a)]; b <- d3$q_incubate; b <- b[!is.na(b)]
w <- t.test(b, a, var.equal = FALSE)
show(c(w$statistic, w$parameter, w$p.value))
# Issue 15: per-segment series. "structure" among funders in each round (x, n), the 2015 Wilson
# interval, and the funders' first-to-last comparison.
d2 <- read.csv("fixtures/rpa/2015.csv", stringsAsFactors = FALSE, na.strings = "")
seg <- function(d, s, code) c(sum(has(d, code) & d$segment == s), sum(d$segment == s))
show(c(seg(d1, "funder", "structure"), seg(d2, "funder", "structure"), seg(d3, "funder", "structure")))
f2 <- seg(d2, "funder", "structure")
show(prop.test(f2[1], f2[2], correct = FALSE)$conf.int)
f1 <- seg(d1, "funder", "structure"); f3 <- seg(d3, "funder", "structure")
t <- prop.test(c(f3[1], f1[1]), c(f3[2], f1[2]), correct = FALSE)
show(c(t$p.value, t$conf.int))
show(c(seg(d2, "public-agency", "summit"), seg(d3, "public-agency", "summit")))
