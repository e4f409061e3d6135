# Expected values for test/tally/rake-round.test.ts (R 4.2.2, survey 4.1-1): the fixtures/raked
# study raked as its configs say, then the weighted figures of results.json.
# Run: Rscript test/tally/r/rake-round.R
suppressMessages(library(survey))
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "..", "..", "stats", "r", "_show.R"))
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
d <- read.csv(file.path(here, "..", "..", "..", "fixtures", "raked", "responses.csv"), na.strings = character(0))
for (code in c("funding", "time", "peer")) d[[code]] <- as.numeric(sapply(strsplit(d$themes, ";"), function(x) code %in% x))
design <- svydesign(ids = ~1, data = d)   # every weight 1 before raking

# The figures of results.json take the raked weights as the round's weights (as a weight column's):
# svydesign(ids = ~1, weights = ~w) with w = weights(raked). The estimates equal those of the raked
# design itself; their SEs do not take the calibration's variance reduction (svymean on the raked
# design is smaller), so they are conservative. See the README, "Raking".
figures <- function(raked) {
  w <- weights(raked); n <- length(w)
  show(w)
  fixed <- svydesign(ids = ~1, weights = ~w, data = cbind(d, w = w))
  show(n * sum(w^2) / sum(w)^2)          # designEffect
  show(sum(w)^2 / sum(w^2))              # effectiveBase
  for (code in c("funding", "time", "peer")) {
    f <- as.formula(paste0("~", code))
    m <- svymean(f, fixed)
    cat(code, "\n"); show(coef(m)); show(SE(m))
    show(coef(svymean(f, raked)))          # the same estimate from the raked design
    show(as.numeric(attr(svyciprop(f, fixed, method = "logit"), "ci")))
    for (s in c("funder", "nonprofit")) {
      sub <- subset(fixed, segment == s)
      cat(code, s, "\n"); show(coef(svymean(f, sub))); show(SE(svymean(f, sub)))
    }
    t <- svychisq(as.formula(paste0("~", code, " + segment")), fixed)
    show(c(t$statistic, t$parameter, t$p.value))
  }
}

# fixtures/raked/survey.yaml: shares scaled to the 12 respondents; tolerance 1e-6, maxIterations 50.
pop.segment <- data.frame(segment = c("funder", "nonprofit"), Freq = c(0.25, 0.75) * 12)
pop.region <- data.frame(region = c("north", "south"), Freq = c(0.5, 0.5) * 12)
raked <- rake(design, list(~segment, ~region), list(pop.segment, pop.region), control = list(epsilon = 1e-6, maxit = 50))
cat("== survey.yaml\n")
figures(raked)
show(svytable(~segment, raked)); show(svytable(~region, raked))

# fixtures/raked/trimmed.yaml: counts; tolerance 1e-9, maxIterations 200; trimmed to [50, 160].
pop.segment <- data.frame(segment = c("funder", "nonprofit"), Freq = c(300, 900))
pop.region <- data.frame(region = c("north", "south"), Freq = c(700, 500))
pop.size <- data.frame(size = c("small", "large"), Freq = c(500, 700))
margins <- list(~segment, ~region, ~size)
pops <- list(pop.segment, pop.region, pop.size)
raked <- rake(design, margins, pops, control = list(epsilon = 1e-9, maxit = 200))
# passes made: verbose = TRUE prints the joint table once per pass, after the first
out <- capture.output(rake(design, margins, pops, control = list(epsilon = 1e-9, maxit = 200, verbose = TRUE)))
cat("== trimmed.yaml\n")
show(sum(grepl("^, , size = small", out)) - 1)
show(weights(raked))
trimmed <- trimWeights(raked, upper = 160, lower = 50, strict = TRUE)
figures(trimmed)
show(svytable(~segment, trimmed)); show(svytable(~region, trimmed)); show(svytable(~size, trimmed))
show(sum(weights(trimmed) %in% c(50, 160)))   # respondents clamped to a bound
