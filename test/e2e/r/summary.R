# The figures test/e2e/filing.test.ts expects on the first screens of the default rounds.
# Run from the repository root: Rscript test/e2e/r/summary.R
# (changes 2014 -> 2015 are also in test/golden/r/rpa-2015-change.R; first to last in test/rounds/r/first-to-last.R)
read <- function(year) read.csv(sprintf("fixtures/rpa/%s.csv", year), stringsAsFactors = FALSE)
top <- function(x) c(sum(x >= 4, na.rm = TRUE), sum(!is.na(x)))
for (year in c("2014", "2015", "2016")) {
  d <- read(year)
  cat(year, "continue top box", top(d$q_continue), " incubate top box", top(d$q_incubate), "\n")
}
# Mentions with roll-up of sub-themes into their parents (codebook parent column).
cb <- read.csv("fixtures/rpa/codebook-2015.csv", stringsAsFactors = FALSE)
mentions <- function(d, code) {
  codes <- c(code, cb$code[cb$parent == code])
  sapply(strsplit(d$themes, ";"), function(t) any(t %in% codes))
}
d15 <- read("2015"); d16 <- read("2016")
# 2016 against 2015: every theme of the 2015 codebook (both rounds use it), BH across them.
p <- sapply(cb$code, function(code) {
  x <- c(sum(mentions(d16, code)), sum(mentions(d15, code)))
  n <- c(nrow(d16), nrow(d15))
  if (all(x == 0) || all(x == n)) NA else prop.test(x, n, correct = FALSE)$p.value
})
cat("2016 vs 2015: smallest BH-adjusted p", min(p.adjust(p[!is.na(p)], "BH")), "\n")
# The incubate question, 2015 against 2014: top box two-proportion test, BH across the two questions.
d14 <- read("2014")
q <- sapply(c("q_continue", "q_incubate"), function(col) prop.test(c(top(d15[[col]])[1], top(d14[[col]])[1]), c(top(d15[[col]])[2], top(d14[[col]])[2]), correct = FALSE)$p.value)
cat("questions 2015 vs 2014, BH-adjusted p", p.adjust(q, "BH"), "\n")
# Themes in 2014: incubate and continue (no sub-themes).
cat("2014 incubate", sum(mentions(d14, "incubate")), "continue", sum(mentions(d14, "continue")), "of", nrow(d14), "\n")
