# Expected values for test/stats/rake-weights.test.ts (R 4.2.2, survey 4.1-1).
# Run: Rscript test/stats/r/rake-weights.R
suppressMessages(library(survey))
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
# 12 respondents: segment (funder, nonprofit, public), region (north, south), design weights w.
d <- data.frame(
  segment = c("funder", "funder", "funder", "funder", "nonprofit", "nonprofit", "nonprofit",
              "nonprofit", "nonprofit", "public", "public", "public"),
  region = c("north", "south", "north", "north", "south", "south", "north", "south", "south",
             "north", "south", "north"),
  w = c(1, 1, 2, 1, 1, 1.5, 1, 1, 1, 2, 1, 1))
design <- svydesign(ids = ~1, weights = ~w, data = d)
pop.segment <- data.frame(segment = c("funder", "nonprofit", "public"), Freq = c(3, 6, 5))
pop.region <- data.frame(region = c("north", "south"), Freq = c(8, 6))
raked <- rake(design, list(~segment, ~region), list(pop.segment, pop.region),
              control = list(maxit = 100, epsilon = 1e-10))
show(weights(raked))
show(svytable(~segment, raked))
show(svytable(~region, raked))
w <- weights(raked); n <- length(w)
show(n * sum(w^2) / sum(w)^2)   # design effect 1 + cv(w)^2
show(sum(w)^2 / sum(w^2))       # effective base
# survey::rake's own stopping rule (default epsilon = 1, maxit = 10): the weights after its passes
show(weights(rake(design, list(~segment, ~region), list(pop.segment, pop.region))))
# verbose = TRUE prints the joint table once per pass: count the passes
passes <- function(eps) {
  out <- capture.output(rake(design, list(~segment, ~region), list(pop.segment, pop.region),
                             control = list(maxit = 100, epsilon = eps, verbose = TRUE)))
  sum(grepl("^ +region", out)) - 1   # one table per pass after the first
}
show(passes(1e-10))
show(passes(1))
# trimming after raking
show(weights(trimWeights(raked, upper = 1.8, lower = 0.8, strict = TRUE)))
