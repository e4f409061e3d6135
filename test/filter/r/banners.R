# Issue 16: expected values for test/filter/banners.test.ts (R 4.2). Run: Rscript test/filter/r/banners.R
# The banner organization_size of fixtures/rpa/2014.csv, theme "structure" (a leaf code, so no roll-up).
d <- read.csv("fixtures/rpa/2014.csv", stringsAsFactors = FALSE)
has <- function(code) sapply(strsplit(d$themes, ";"), function(x) code %in% x)
d$structure <- has("structure")
size <- factor(d$organization_size, levels = unique(d$organization_size))
tab <- table(d$structure, size)
print(tab)
print(chisq.test(tab, correct = FALSE)$expected)
print(fisher.test(tab, workspace = 2e8)$p.value, digits = 15)
x <- tapply(d$structure, size, sum); n <- tapply(d$structure, size, length)
print(x); print(n)
print(prop.test(x[1], n[1], correct = FALSE)$conf.int, digits = 15)
print(pairwise.prop.test(x, n, p.adjust.method = "BH", correct = FALSE)$p.value, digits = 15)
