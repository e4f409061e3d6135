# Expected figures of fixtures/question-types (issue 16), for test/tally/question-types.test.ts.
# Run from the repository root: Rscript test/tally/r/question-types.R   (R 4.2.2, survey 4.1-1)
suppressMessages(library(survey))
options(digits = 17)
d <- read.csv("fixtures/question-types/responses.csv", stringsAsFactors = FALSE, na.strings = character(0))
p <- function(name, x) cat(name, "=", paste(format(x, digits = 17), collapse = ", "), "\n")
design <- svydesign(ids = ~1, weights = ~weight, data = d)
dfa <- function(ok) sum(ok) - 1  # degf of the answered rows

# rating in words: trimmed, case-insensitive match, scores 1..5
agree <- c("strongly disagree", "disagree", "neither agree nor disagree", "agree", "strongly agree")
d$clear <- match(tolower(trimws(d$q_clear)), agree)
x <- d$clear[!is.na(d$clear)]
p("clear.counts", table(factor(x, levels = 1:5)))
p("clear.mean", mean(x)); p("clear.median", median(x)); p("clear.sd", sd(x))
p("clear.top.ci", prop.test(sum(x >= 4), length(x), correct = FALSE)$conf.int)
p("clear.bottom.ci", prop.test(sum(x <= 2), length(x), correct = FALSE)$conf.int)
y <- ifelse(x >= 4, 1, ifelse(x <= 2, -1, 0)); nd <- mean(y); se <- sqrt(mean((y - nd)^2) / length(y))
p("clear.net", c(nd, se, nd + c(-1, 1) * qnorm(0.975) * se))
design <- update(design, clear = d$clear, cleartop = as.numeric(d$clear >= 4), clearbottom = as.numeric(d$clear <= 2),
                 clearnet = ifelse(d$clear >= 4, 1, ifelse(d$clear <= 2, -1, 0)))
m <- svymean(~clear, design, na.rm = TRUE); p("clear.weighted.mean", c(coef(m), SE(m)))
ans <- subset(design, !is.na(clear))
m <- svymean(~cleartop, design, na.rm = TRUE); p("clear.weighted.top", c(coef(m), SE(m)))
p("clear.weighted.top.ci", confint(svyciprop(~I(clear >= 4), ans, method = "logit")))
m <- svymean(~clearbottom, design, na.rm = TRUE); p("clear.weighted.bottom", c(coef(m), SE(m)))
p("clear.weighted.bottom.ci", confint(svyciprop(~I(clear <= 2), ans, method = "logit")))
m <- svymean(~clearnet, design, na.rm = TRUE); p("clear.weighted.net", c(coef(m), SE(m), confint(m)))
tab <- table(d$clear >= 4, d$segment); p("clear.segmentTest.fisher", fisher.test(tab)$p.value)

# reverse-scored numeric rating: score 6 - x; top box = original 1 and 2
r <- 6 - d$q_confusing; r <- r[!is.na(r)]
p("confusing.mean", mean(r)); p("confusing.sd", sd(r)); p("confusing.top", sum(r >= 4))

# single
roles <- c("Program staff", "Executive", "Board member", "Volunteer")
role <- factor(d$q_role[d$q_role != ""], levels = roles)
p("role.counts", table(role))
p("role.ci.programstaff", prop.test(sum(role == "Program staff"), length(role), correct = FALSE)$conf.int)
d$role <- factor(ifelse(d$q_role == "", NA, d$q_role), levels = roles)
design <- update(design, role = d$role)
m <- svymean(~role, design, na.rm = TRUE); p("role.weighted", coef(m)); p("role.weighted.se", SE(m))
ansr <- subset(design, !is.na(role))
p("role.weighted.ci.volunteer", confint(svyciprop(~I(role == "Volunteer"), ansr, method = "logit")))
tab <- table(d$role, d$segment); tab <- tab[rowSums(tab) > 0, ]
p("role.segmentTest.fisher", fisher.test(tab)$p.value)

# multi, space-joined; blank cell = did not answer
opts <- c("email", "newsletter", "meetings", "social")
answered <- d$q_channels != ""
tick <- sapply(opts, function(o) sapply(strsplit(d$q_channels, " "), function(v) o %in% v))
p("channels.base", sum(answered)); p("channels.counts", colSums(tick[answered, ]))
p("channels.ci.social", prop.test(sum(tick[answered, "social"]), sum(answered), correct = FALSE)$conf.int)
pv <- sapply(opts, function(o) fisher.test(table(tick[answered, o], d$segment[answered]))$p.value)
p("channels.fisher", pv); p("channels.fisher.BH", p.adjust(pv, "BH"))
for (o in opts) d[[paste0("ch_", o)]] <- ifelse(answered, as.numeric(tick[, o]), NA)
design <- update(design, ch_email = d$ch_email, ch_social = d$ch_social)
m <- svymean(~ch_email, design, na.rm = TRUE); p("channels.weighted.email", c(coef(m), SE(m)))
p("channels.weighted.email.ci", confint(svyciprop(~I(ch_email == 1), subset(design, !is.na(ch_email)), method = "logit")))

# nps
n <- d$q_recommend[!is.na(d$q_recommend)]
y <- ifelse(n >= 9, 1, ifelse(n <= 6, -1, 0)); nps <- mean(y); se <- sqrt(mean((y - nps)^2) / length(y))
p("nps.groups", c(sum(n >= 9), sum(n >= 7 & n <= 8), sum(n <= 6)))
p("nps", c(nps, se, nps + c(-1, 1) * qnorm(0.975) * se))
design <- update(design, npsy = ifelse(d$q_recommend >= 9, 1, ifelse(d$q_recommend <= 6, -1, 0)))
m <- svymean(~npsy, design, na.rm = TRUE); p("nps.weighted", c(coef(m), SE(m), confint(m)))
g <- cut(d$q_recommend, c(-1, 6, 8, 10)); p("nps.segmentTest.fisher", fisher.test(table(g, d$segment))$p.value)

# numeric
v <- d$q_years[!is.na(d$q_years)]
p("years", c(length(v), mean(v), median(v), sd(v), min(v), max(v)))
p("years.ci", t.test(v)$conf.int)
m <- svymean(~q_years, design, na.rm = TRUE); p("years.weighted", c(coef(m), SE(m)))
