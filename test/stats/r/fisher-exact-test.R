# Expected values for test/stats/fisher-exact-test.test.ts (R 4.2.2). Tables are filled by column.
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
show(fisher.test(matrix(c(3, 1, 1, 3), 2))$p.value)
show(fisher.test(matrix(c(9, 11, 5, 15), 2))$p.value)
show(fisher.test(matrix(c(0, 5, 6, 1), 2))$p.value)
show(fisher.test(matrix(c(10, 0, 0, 10), 2))$p.value)
# 2 x 3 and 2 x 5: theme present/absent x segments
show(fisher.test(matrix(c(1, 7, 6, 1, 2, 2), 2))$p.value)
show(fisher.test(matrix(c(3, 2, 0, 6, 4, 1, 1, 5, 2, 2), 2))$p.value)
# 5 x 2 (the same shape transposed)
show(fisher.test(t(matrix(c(3, 2, 0, 6, 4, 1, 1, 5, 2, 2), 2)))$p.value)
# 3 x 3
show(fisher.test(matrix(c(4, 1, 0, 2, 5, 1, 0, 2, 6), 3))$p.value)
show(fisher.test(matrix(c(2, 3, 1, 3, 2, 2, 1, 2, 4), 3))$p.value)
# 3 x 4
show(fisher.test(matrix(c(3, 0, 1, 1, 4, 0, 0, 2, 3, 2, 1, 1), 3))$p.value)
# a zero column changes nothing; a single non-empty row gives 1
show(fisher.test(matrix(c(1, 7, 0, 0, 6, 1), 2))$p.value)
show(fisher.test(matrix(c(1, 0, 3, 0), 2))$p.value)
# 2 x 10, n = 5000, a rare theme (R needs a larger workspace than the default)
cs <- c(500, 480, 520, 510, 490, 505, 495, 500, 500, 500)
x <- c(3, 5, 2, 4, 6, 1, 3, 4, 2, 5)
show(fisher.test(rbind(x, cs - x), workspace = 2e8)$p.value)
x <- c(5, 5, 5, 4, 6, 5, 3, 4, 6, 5)
show(fisher.test(rbind(x, cs - x), workspace = 2e8)$p.value)
x <- c(0, 0, 0, 0, 0, 0, 0, 0, 0, 12)
show(fisher.test(rbind(x, cs - x), workspace = 2e8)$p.value)
# R's r x c tolerance (FEXACT TOL = 3.45254e-7 on the log scale) matters here: about 5 s in R
x <- c(9, 0, 1, 8, 2, 1, 0, 7, 3, 9)
show(fisher.test(rbind(x, cs - x), workspace = 2e8)$p.value)
