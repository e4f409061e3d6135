# Independent reference for results.change of surveys/rpa-2015.yaml: the 2014 round mapped onto the
# 2015 codebook (federal-funding renamed federal-dollars; beyond-money merged into community-benefit),
# then per theme prop.test(c(x2, x1), c(n2, n1), correct = FALSE) and p.adjust(p, "BH"), overall and
# per segment; with the weights, the same on each round's svymean and design SE (issue 15).
# Writes test/golden/r/rpa-2015-change-expected.csv. Run from the repository root:
#   Rscript test/golden/r/rpa-2015-change.R          (R 4.2.2, Debian bookworm)
d1 <- read.csv("fixtures/rpa/2014.csv", stringsAsFactors = FALSE, na.strings = "")
d2 <- read.csv("fixtures/rpa/2015.csv", stringsAsFactors = FALSE, na.strings = "")
cb <- read.csv("fixtures/rpa/codebook-2015.csv", stringsAsFactors = FALSE, na.strings = "")
old_to_new <- c("federal-funding" = "federal-dollars", "beyond-money" = "community-benefit")

ancestors <- function(code) {
  out <- code; p <- cb$parent[cb$code == code]
  while (length(p) == 1 && !is.na(p)) { out <- c(out, p); p <- cb$parent[cb$code == p] }
  out
}
mentions <- function(d, translate) {
  cells <- ifelse(is.na(d$themes), "", d$themes)
  lapply(strsplit(cells, ";", fixed = TRUE), function(codes) {
    codes <- trimws(codes); codes <- codes[codes != ""]
    if (translate) codes <- ifelse(codes %in% names(old_to_new), old_to_new[codes], codes)
    unique(unlist(lapply(codes, ancestors)))
  })
}
m1 <- mentions(d1, TRUE); m2 <- mentions(d2, FALSE)
segments <- c("funder", "nonprofit", "public-agency")
out <- list()
put <- function(key, value) out[[key]] <<- if (is.null(value) || length(value) == 0 || is.na(value)) "null" else sprintf("%.17g", value)

# Codes of the 2015 codebook that 2014 did not have and no mapping targets: not measured in 2014,
# so no 2014 figure, no comparison, and not in the BH family (CONTRACT.md, Additions).
cb1 <- read.csv("fixtures/rpa/codebook.csv", stringsAsFactors = FALSE, na.strings = "")
new_codes <- setdiff(cb$code, c(cb1$code, old_to_new))

compare <- function(prefix, rows1, rows2) {
  p <- c()
  for (code in cb$code) {
    x1 <- sum(sapply(m1[rows1], function(m) code %in% m)); n1 <- length(rows1)
    x2 <- sum(sapply(m2[rows2], function(m) code %in% m)); n2 <- length(rows2)
    key <- paste0(prefix, code)
    if (code %in% new_codes) {
      put(paste0(key, "/previous/respondents"), NULL); put(paste0(key, "/current/respondents"), x2)
      for (f in c("previous/proportion", "difference", "ci", "z", "p", "pAdjusted")) put(paste0(key, "/", f), NULL)
      next
    }
    put(paste0(key, "/previous/respondents"), x1); put(paste0(key, "/current/respondents"), x2)
    t <- suppressWarnings(prop.test(c(x2, x1), c(n2, n1), correct = FALSE))
    put(paste0(key, "/difference"), x2 / n2 - x1 / n1)
    put(paste0(key, "/ci/0"), t$conf.int[1]); put(paste0(key, "/ci/1"), t$conf.int[2])
    put(paste0(key, "/z"), sign(x2 / n2 - x1 / n1) * sqrt(t$statistic[[1]]))
    put(paste0(key, "/p"), t$p.value)
    p[code] <- t$p.value
  }
  adjusted <- p.adjust(p, "BH")
  for (code in names(p)) put(paste0(prefix, code, "/pAdjusted"), adjusted[[code]])
}
compare("theme/", seq_len(nrow(d1)), seq_len(nrow(d2)))
for (s in segments) compare(paste0("segment/", s, "/"), which(d1$segment == s), which(d2$segment == s))

# Closed questions (CONTRACT.md, Additions): top box (levels 4 and 5) as a theme, BH over the
# questions; the mean by Welch's t-test. Bases are the answered respondents.
pq <- c()
for (q in c("continue", "incubate")) {
  a <- d1[[paste0("q_", q)]]; a <- a[!is.na(a)]; b <- d2[[paste0("q_", q)]]; b <- b[!is.na(b)]
  x1 <- sum(a >= 4); x2 <- sum(b >= 4)
  t <- suppressWarnings(prop.test(c(x2, x1), c(length(b), length(a)), correct = FALSE))
  key <- paste0("question/", q)
  put(paste0(key, "/topBox/previous/respondents"), x1); put(paste0(key, "/topBox/current/respondents"), x2)
  put(paste0(key, "/topBox/difference"), x2 / length(b) - x1 / length(a))
  put(paste0(key, "/topBox/ci/0"), t$conf.int[1]); put(paste0(key, "/topBox/ci/1"), t$conf.int[2])
  put(paste0(key, "/topBox/z"), sign(x2 / length(b) - x1 / length(a)) * sqrt(t$statistic[[1]]))
  put(paste0(key, "/topBox/p"), t$p.value)
  pq[q] <- t$p.value
  w <- t.test(b, a, var.equal = FALSE)
  put(paste0(key, "/mean/difference"), mean(b) - mean(a))
  put(paste0(key, "/mean/t"), w$statistic[[1]]); put(paste0(key, "/mean/df"), w$parameter[[1]]); put(paste0(key, "/mean/p"), w$p.value)
  put(paste0(key, "/mean/ci/0"), w$conf.int[1]); put(paste0(key, "/mean/ci/1"), w$conf.int[2])
}
aq <- p.adjust(pq, "BH")
for (q in names(aq)) put(paste0("question/", q, "/topBox/pAdjusted"), aq[[q]])

# Issue 15: both rounds are weighted, so each theme's change is also given on the weighted estimates:
# each round's svymean (a segment as a domain: subset(design, segment == s)) and its design SE,
# difference current - previous, se = sqrt(se1^2 + se2^2), z = difference / se, p = 2 * pnorm(-|z|),
# Wald interval difference +- qnorm(0.975) * se, BH across the compared themes of each table.
suppressMessages(library(survey))
y1 <- d1[, c("segment", "weight")]; y2 <- d2[, c("segment", "weight")]
for (code in cb$code) {
  y1[[make.names(code)]] <- as.numeric(sapply(m1, function(m) code %in% m))
  y2[[make.names(code)]] <- as.numeric(sapply(m2, function(m) code %in% m))
}
design1 <- svydesign(ids = ~1, weights = ~weight, data = y1)
design2 <- svydesign(ids = ~1, weights = ~weight, data = y2)
compareWeighted <- function(prefix, s1, s2) {
  p <- c()
  for (code in cb$code) {
    f <- as.formula(paste0("~", make.names(code)))
    b <- svymean(f, s2)
    key <- paste0(prefix, code, "/weighted/")
    put(paste0(key, "current/proportion"), coef(b)[[1]]); put(paste0(key, "current/se"), SE(b)[[1]])
    if (code %in% new_codes) {
      for (g in c("previous/proportion", "previous/se", "difference", "se", "ci", "z", "p", "pAdjusted")) put(paste0(key, g), NULL)
      next
    }
    a <- svymean(f, s1)
    put(paste0(key, "previous/proportion"), coef(a)[[1]]); put(paste0(key, "previous/se"), SE(a)[[1]])
    d <- coef(b)[[1]] - coef(a)[[1]]; se <- sqrt(SE(a)[[1]]^2 + SE(b)[[1]]^2); z <- d / se
    put(paste0(key, "difference"), d); put(paste0(key, "se"), se); put(paste0(key, "z"), z)
    put(paste0(key, "p"), 2 * pnorm(-abs(z)))
    put(paste0(key, "ci/0"), d - qnorm(0.975) * se); put(paste0(key, "ci/1"), d + qnorm(0.975) * se)
    p[code] <- 2 * pnorm(-abs(z))
  }
  adjusted <- p.adjust(p, "BH")
  for (code in names(p)) put(paste0(prefix, code, "/weighted/pAdjusted"), adjusted[[code]])
}
compareWeighted("theme/", design1, design2)
for (s in segments) compareWeighted(paste0("segment/", s, "/"), subset(design1, segment == s), subset(design2, segment == s))

keys <- names(out)
write.csv(data.frame(key = keys, value = unlist(out[keys])), "test/golden/r/rpa-2015-change-expected.csv", row.names = FALSE, quote = TRUE)
cat(length(keys), "figures written\n")
