# Shared by the scripts in this folder: show(expr) prints "expr -> value(s)" with
# sprintf("%.17g"), the form the tests quote beside each expected number. Run a script with
#   Rscript test/stats/r/<name>.R
# (R 4.2.2; weighted-mean.R and logit-interval.R need the survey package, 4.1-1 here).
show <- function(e) {
  e <- substitute(e)
  v <- eval(e, parent.frame())
  text <- paste(deparse(e, width.cutoff = 500L), collapse = " ")
  cat(text, "->", paste(ifelse(is.na(v), "NA", sprintf("%.17g", v)), collapse = " "), "\n")
}
