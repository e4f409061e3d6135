# Expected values for the large-table cases of test/stats/fisher-exact-test.test.ts and
# test/tally/segment-test.test.ts (R 4.2.2). Run: Rscript test/stats/r/fisher-exact-large.R
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))

# Tables of 2 x k, first row = mentions of a theme, columns = segments, base N up to 10,000.
# Where R's FEXACT answers correctly, its value is the expected one:
cs <- c(rep(20, 10), rep(100, 20), rep(380, 20))   # 50 segments, N = 10000
x <- c(0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0, 1,0,0,0,0,0,1,1,0,0, 0,1,1,2,1,0,0,1,1,0, 0,0,0,0,0,1,2,0,0,1)
show(fisher.test(rbind(x, cs - x), workspace = 2e8)$p.value)   # 0.696535664176261, 1.2 s
cs <- rep(1000, 10)                                  # 10 segments, N = 10000
x <- c(3, 7, 3, 5, 5, 6, 4, 6, 4, 3)
show(fisher.test(rbind(x, cs - x), workspace = 2e8)$p.value)
cs <- c(12, 15, 8, 20, 25, 10, 6, 14, 9)             # 9 segments, N = 119
x <- c(2, 3, 0, 6, 3, 0, 2, 1, 1)
show(fisher.test(rbind(x, cs - x))$p.value)
cs <- c(30, 25, 40, 35, 20, 45, 30, 25, 25, 25)      # 10 segments, N = 300
x <- c(5, 2, 2, 4, 2, 4, 1, 3, 2, 0)
show(fisher.test(rbind(x, cs - x))$p.value)

# Where R's FEXACT is wrong. With many equal column totals, fisher.test(workspace = 2e8) returns
# a p far from its own Monte Carlo estimate (B = 1e5: 0.892 and 0.354 below, against FEXACT's
# 0.475 and 0.0349). The exact p is then summed here independently: tables with the same multiset
# of first-row cells have the same probability, so p is a sum over the partitions of m into at
# most k parts, with FEXACT's criterion (log-value <= observed + 3.45254e-7).
exactEqualColumns <- function(x, cc) {
  k <- length(x); m <- sum(x)
  threshold <- sum(lchoose(cc, x)) + 3.45254e-7
  total <- 0
  visit <- function(remaining, largest, parts) {
    if (remaining == 0) {
      v <- sum(lchoose(cc, parts))
      if (v <= threshold) {
        multiplicity <- table(c(parts, rep(0L, k - length(parts))))
        total <<- total + exp(lfactorial(k) - sum(lfactorial(multiplicity)) + v - lchoose(k * cc, m))
      }
      return(invisible())
    }
    if (length(parts) >= k) return(invisible())
    for (p in min(remaining, largest, cc):1) visit(remaining - p, p, c(parts, p))
  }
  visit(m, m, integer(0))
  total
}
cs <- rep(333, 30)                                   # 30 segments, N = 9990, m = 40
x <- c(3,1,3,1,2,2,2,2,1,2, 0,3,1,2,1,0,0,1,0,0, 1,1,2,1,1,0,1,1,1,0)
show(exactEqualColumns(x, 333))
show(fisher.test(rbind(x, cs - x), workspace = 2e8)$p.value)            # FEXACT: wrong
set.seed(2); show(fisher.test(rbind(x, cs - x), simulate.p.value = TRUE, B = 1e5)$p.value)
cs <- rep(200, 50)                                   # 50 segments, N = 10000, m = 25
x <- c(0,0,2,1,0,2,0,0,0,0, 1,1,0,1,1,0,1,0,0,2, 0,0,1,0,1,1,1,0,0,1, 1,1,1,0,0,0,4,2,0,1, 0,1,0,1,0,0,0,1,0,0)
show(exactEqualColumns(x, 200))
show(fisher.test(rbind(x, cs - x), workspace = 2e8)$p.value)            # FEXACT: wrong
set.seed(2); show(fisher.test(rbind(x, cs - x), simulate.p.value = TRUE, B = 1e5)$p.value)
