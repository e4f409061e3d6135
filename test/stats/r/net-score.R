# Expected values of test/stats/net-score.test.ts (R 4.2.2): Rscript test/stats/r/net-score.R
options(digits = 17)
y <- c(rep(1, 5), rep(-1, 3), rep(0, 12))   # a = 5, b = 3, n = 20
d <- mean(y); se <- sqrt(mean((y - d)^2) / length(y))
print(c(d, se, d + c(-1, 1) * qnorm(0.975) * se))
# meanInterval (test/stats/net-score.test.ts): the t interval of a mean
x <- c(2, 2, 4, 4); print(c(mean(x), sd(x), t.test(x)$conf.int))
