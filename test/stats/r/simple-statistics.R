# Reference values for test/stats/simple-statistics.test.ts (R 4.2.2).
options(digits = 17)
x <- c(-3.7, -1.96, -0.5, 0.3, 1.2345, 2.5)
print(pnorm(x))
p <- c(0.0005, 0.025, 0.2, 0.6, 0.975, 0.9995)
print(qnorm(p))
