# Issue 16: expected values for test/ingest/spss/spss.test.ts, from fixtures/spss/survey.sav as haven
# reads it (user-missing codes become NA). R 4.2, haven 2.5.1, survey 4.1-1.
# Run from the repository root: Rscript test/ingest/spss/r/survey.R
library(haven)
library(survey)
options(digits = 15)
d <- read_sav("fixtures/spss/survey.sav")            # user_na = FALSE: 9, 99 and -1 are NA
d$funding <- as.numeric(!is.na(d$tick_funding) & d$tick_funding == 1)
d$region <- factor(as.numeric(d$region))
sat <- as.numeric(d$sat)
rec <- as.numeric(d$recommend)
cat("funding n:", sum(d$funding), "of", nrow(d), "\n")
print(prop.test(sum(d$funding), nrow(d), correct = FALSE)$conf.int)
tab <- table(d$funding, d$region); print(tab)
print(chisq.test(tab, correct = FALSE)$expected)
print(fisher.test(tab, workspace = 2e8)$p.value)
cat("sat:", length(na.omit(sat)), mean(sat, na.rm = TRUE), sd(sat, na.rm = TRUE), median(sat, na.rm = TRUE), "\n")
print(prop.test(sum(sat >= 4, na.rm = TRUE), sum(!is.na(sat)), correct = FALSE)$conf.int)
cat("recommend:", length(na.omit(rec)), mean(rec, na.rm = TRUE), sd(rec, na.rm = TRUE), median(rec, na.rm = TRUE), "\n")
design <- svydesign(ids = ~1, weights = ~wt, data = data.frame(funding = d$funding, region = d$region, sat = sat, wt = as.numeric(d$wt)))
print(svymean(~funding, design))
print(svymean(~sat, design, na.rm = TRUE))
print(confint(svyciprop(~funding, design, method = "logit")))
print(svychisq(~funding + region, design))
# recommend as an nps question (issue 16): promoters 9-10, passives 7-8, detractors 0-6 of the answers;
# NPS = p9 - p06, multinomial Wald interval: se = sqrt((p9 + p06 - (p9 - p06)^2) / n)
r <- na.omit(rec); n <- length(r); pp <- mean(r >= 9); pd <- mean(r <= 6)
se <- sqrt((pp + pd - (pp - pd)^2) / n)
cat("nps:", sum(r >= 9), sum(r >= 7 & r <= 8), sum(r <= 6), pp - pd, pp - pd - qnorm(0.975) * se, pp - pd + qnorm(0.975) * se, "\n")
# role as a single question (inspect proposes it beside the banner): each answer of the 24, Wilson intervals
role <- as.numeric(d$role)
for (k in 1:3) cat("role", k, sum(role == k), prop.test(sum(role == k), length(role), correct = FALSE)$conf.int, "\n")
cat("role x region fisher:", fisher.test(table(role, d$region))$p.value, "\n")
# the tick group as a multi question: answered = any tick cell not missing (R07 has -1 on all three: missing)
tk <- cbind(as.numeric(d$tick_funding), as.numeric(d$tick_training), as.numeric(d$tick_network))
answered <- rowSums(!is.na(tk)) > 0
for (j in 1:3) cat("tick", j, sum(tk[answered, j] == 1, na.rm = TRUE), "of", sum(answered), prop.test(sum(tk[answered, j] == 1, na.rm = TRUE), sum(answered), correct = FALSE)$conf.int, "\n")
