# Independent reference for the default study: recomputes every figure of results.json from the raw
# CSVs with R and the survey package, and writes test/golden/r/rpa-2014-expected.csv (key,value).
# Run from the repository root:  Rscript test/golden/r/rpa-2014.R
# R 4.2.2 and survey 4.1-1 from Debian bookworm (apt-get install r-base-core r-cran-survey).
suppressPackageStartupMessages(library(survey))

d <- read.csv("fixtures/rpa/2014.csv", stringsAsFactors = FALSE, na.strings = "", colClasses = c(respondent_id = "character"))
cb <- read.csv("fixtures/rpa/codebook.csv", stringsAsFactors = FALSE, na.strings = "")
segments <- c("funder", "nonprofit", "public-agency")
conf <- 0.95

# A respondent mentions a code when it, or any descendant, is in their cell (codes counted once).
ancestors <- function(code) {
  out <- code
  p <- cb$parent[cb$code == code]
  while (!is.na(p)) { out <- c(out, p); p <- cb$parent[cb$code == p] }
  out
}
cells <- ifelse(is.na(d$themes), "", d$themes)
mentioned <- lapply(strsplit(cells, ";", fixed = TRUE), function(codes) {
  codes <- trimws(codes); codes <- codes[codes != ""]
  unique(unlist(lapply(codes, ancestors)))
})
# Column names: y1, y2, ... in codebook order (codes hold hyphens, which formulas cannot).
yname <- function(code) paste0("y", match(code, cb$code))
for (code in cb$code) d[[yname(code)]] <- as.numeric(sapply(mentioned, function(m) code %in% m))

design <- svydesign(ids = ~1, weights = ~weight, data = d)
out <- list()
put <- function(key, value) out[[key]] <<- if (is.null(value) || length(value) == 0 || is.na(value)) "null" else sprintf("%.17g", value)

put("base/effective", sum(d$weight)^2 / sum(d$weight^2))
put("base/weighted", sum(d$weight))

p_values <- c()
for (code in cb$code) {
  y <- d[[yname(code)]]
  f <- as.formula(paste0("~", yname(code)))
  ci <- prop.test(sum(y), nrow(d), correct = FALSE, conf.level = conf)$conf.int
  put(paste0("theme/", code, "/ci/0"), ci[1]); put(paste0("theme/", code, "/ci/1"), ci[2])
  m <- svymean(f, design)
  put(paste0("theme/", code, "/weighted/proportion"), coef(m)[[1]])
  put(paste0("theme/", code, "/weighted/se"), SE(m)[[1]])
  wci <- attr(svyciprop(f, design, method = "logit", level = conf), "ci")
  put(paste0("theme/", code, "/weighted/ci/0"), wci[[1]]); put(paste0("theme/", code, "/weighted/ci/1"), wci[[2]])

  tab <- rbind(sapply(segments, function(s) sum(y[d$segment == s])), sapply(segments, function(s) sum(1 - y[d$segment == s])))
  if (all(rowSums(tab) > 0)) {
    # The study has a weight column and report.weighted defaults to true (issue 15): the segment
    # test is the second-order Rao-Scott test of the weighted table.
    test <- svychisq(as.formula(paste0("~", yname(code), " + segment")), design)
    p <- test$p.value
    out[[paste0("theme/", code, "/segmentTest/method")]] <- "rao-scott"
    put(paste0("theme/", code, "/segmentTest/statistic"), test$statistic[[1]])
    put(paste0("theme/", code, "/segmentTest/ndf"), test$parameter[["ndf"]])
    put(paste0("theme/", code, "/segmentTest/ddf"), test$parameter[["ddf"]])
    put(paste0("theme/", code, "/segmentTest/p"), p)
    p_values[code] <- p
  }
  for (s in segments) {
    ys <- y[d$segment == s]
    ci <- prop.test(sum(ys), length(ys), correct = FALSE, conf.level = conf)$conf.int
    put(paste0("theme/", code, "/seg/", s, "/ci/0"), ci[1]); put(paste0("theme/", code, "/seg/", s, "/ci/1"), ci[2])
    sub <- subset(design, segment == s)
    ms <- svymean(f, sub)
    put(paste0("theme/", code, "/seg/", s, "/weighted/proportion"), coef(ms)[[1]])
    put(paste0("theme/", code, "/seg/", s, "/weighted/se"), SE(ms)[[1]])
    if (sum(ys) > 0 && sum(ys) < length(ys)) {
      sci <- attr(svyciprop(f, sub, method = "logit", level = conf), "ci")
      put(paste0("theme/", code, "/seg/", s, "/weighted/ci/0"), sci[[1]]); put(paste0("theme/", code, "/seg/", s, "/weighted/ci/1"), sci[[2]])
    }
  }
}
adjusted <- p.adjust(p_values, "BH")
for (code in names(adjusted)) put(paste0("theme/", code, "/segmentTest/pAdjusted"), adjusted[[code]])

# Co-occurrence: C[i,j] / (C[i,i] + C[j,j] - C[i,j]) for every pair that is not a theme and its ancestor.
Y <- as.matrix(d[, yname(cb$code)]); C <- t(Y) %*% Y
for (i in seq_along(cb$code)) for (j in seq_along(cb$code)) if (i < j) {
  a <- cb$code[i]; b <- cb$code[j]
  if (a %in% ancestors(b) || b %in% ancestors(a)) next
  union <- C[i, i] + C[j, j] - C[i, j]
  put(paste0("cooc/", a, "/", b, "/respondents"), C[i, j])
  put(paste0("cooc/", a, "/", b, "/jaccard"), if (union == 0) NA else C[i, j] / union)
}

for (q in c("continue", "incubate")) {
  x <- d[[paste0("q_", q)]]
  a <- x[!is.na(x)]
  put(paste0("question/", q, "/mean"), mean(a)); put(paste0("question/", q, "/median"), median(a)); put(paste0("question/", q, "/sd"), sd(a))
  top <- sum(a >= 4)
  ci <- prop.test(top, length(a), correct = FALSE, conf.level = conf)$conf.int
  put(paste0("question/", q, "/topBox/ci/0"), ci[1]); put(paste0("question/", q, "/topBox/ci/1"), ci[2])
  m <- svymean(as.formula(paste0("~q_", q)), design, na.rm = TRUE)
  put(paste0("question/", q, "/weighted/mean"), coef(m)[[1]]); put(paste0("question/", q, "/weighted/se"), SE(m)[[1]])
}

# Pairwise segment comparisons per theme (CONTRACT.md, Additions): pairs of segments whose bases
# both reach report.minBase (5), pairwise.prop.test(x, n, p.adjust.method = "BH", correct = FALSE);
# a pair with a low base is not tested (null p).
min_base <- 5
for (code in cb$code) {
  y <- d[[yname(code)]]
  x <- sapply(segments, function(s) sum(y[d$segment == s])); n <- sapply(segments, function(s) sum(d$segment == s))
  ok <- segments[n >= min_base]
  adj <- if (length(ok) >= 2) suppressWarnings(pairwise.prop.test(x[ok], n[ok], p.adjust.method = "BH", correct = FALSE)$p.value) else NULL
  raw <- if (length(ok) >= 2) suppressWarnings(pairwise.prop.test(x[ok], n[ok], p.adjust.method = "none", correct = FALSE)$p.value) else NULL
  for (i in 1:(length(segments) - 1)) for (j in (i + 1):length(segments)) {
    a <- segments[i]; b <- segments[j]; key <- paste0("theme/", code, "/pairwise/", a, "~", b)
    put(paste0(key, "/difference"), x[[b]] / n[[b]] - x[[a]] / n[[a]])
    tested <- a %in% ok && b %in% ok
    put(paste0(key, "/p"), if (tested) raw[b, a] else NULL)
    put(paste0(key, "/pAdjusted"), if (tested) adj[b, a] else NULL)
  }
}

# Issue 15: with the weights as the headline (report.weighted), the pairs are also compared on the
# weighted table: svychisq(~theme + segment, subset(design, segment %in% c(a, b))) (second-order
# Rao-Scott, F), p adjusted by BH within the theme over the pairs tested; low bases not tested;
# difference = b's weighted share - a's (svymean on subset(design, segment == s)).
for (code in cb$code) {
  f <- as.formula(paste0("~", yname(code)))
  share <- sapply(segments, function(s) coef(svymean(f, subset(design, segment == s)))[[1]])
  n <- sapply(segments, function(s) sum(d$segment == s))
  p <- c()
  for (i in 1:(length(segments) - 1)) for (j in (i + 1):length(segments)) {
    a <- segments[i]; b <- segments[j]; key <- paste0("theme/", code, "/weightedPairwise/", a, "~", b)
    put(paste0(key, "/difference"), share[[b]] - share[[a]])
    if (n[[a]] < min_base || n[[b]] < min_base) { put(paste0(key, "/p"), NULL); next }
    t <- suppressWarnings(svychisq(as.formula(paste0("~", yname(code), " + segment")), subset(design, segment %in% c(a, b))))
    if (is.na(t$p.value)) { put(paste0(key, "/p"), NULL); next }
    put(paste0(key, "/statistic"), t$statistic[[1]])
    put(paste0(key, "/ndf"), t$parameter[["ndf"]]); put(paste0(key, "/ddf"), t$parameter[["ddf"]])
    put(paste0(key, "/p"), t$p.value)
    p[paste0(a, "~", b)] <- t$p.value
  }
  adjusted <- p.adjust(p, "BH")
  for (pair in names(p)) put(paste0("theme/", code, "/weightedPairwise/", pair, "/pAdjusted"), adjusted[[pair]])
}

keys <- names(out)
write.csv(data.frame(key = keys, value = unlist(out[keys])), "test/golden/r/rpa-2014-expected.csv", row.names = FALSE, quote = TRUE)
cat(length(keys), "figures written\n")
