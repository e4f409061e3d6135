# Expected values for test/stats/jaccard.test.ts (R 4.2.2).
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "_show.R"))
# respondents x themes, 0/1
m <- cbind(
  structure = c(1, 1, 1, 0, 1, 0, 0, 1, 0, 0),
  role      = c(1, 0, 1, 1, 0, 0, 1, 1, 0, 0),
  funding   = c(0, 0, 0, 0, 0, 1, 0, 0, 1, 0),
  never     = 0
)
C <- crossprod(m)
show(C["structure", "role"] / (C["structure", "structure"] + C["role", "role"] - C["structure", "role"]))
show(C["structure", "funding"] / (C["structure", "structure"] + C["funding", "funding"] - C["structure", "funding"]))
show(C["role", "role"] / (C["role", "role"] + C["role", "role"] - C["role", "role"]))
show(C["never", "never"] / (C["never", "never"] + C["never", "never"] - C["never", "never"]))
