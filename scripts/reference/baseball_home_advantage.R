# Reference fit for the single-judge case of judge-aware Bradley-Terry with a position effect (packages/ratings):
# BradleyTerry2's baseball data with home advantage, BTm(cbind(home.wins, away.wins), home.team, away.team,
# formula = ~ team + at.home, id = "team") as in the package vignette (Firth & Turner), Baltimore = 0.
# Writes packages/ratings/fixtures/baseball-home-advantage.json with full-precision estimates and standard errors.
#
#   Rscript scripts/reference/baseball_home_advantage.R [shared-datasets-dir]
suppressPackageStartupMessages({
  library(BradleyTerry2)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
shared <- if (length(args) >= 1) args[1] else file.path("..", "shared", "datasets")
baseball <- read.csv(file.path(shared, "bradleyterry2", "baseball.csv"), stringsAsFactors = TRUE)
teams <- sort(unique(c(as.character(baseball$home.team), as.character(baseball$away.team))))
baseball$home.team <- data.frame(team = factor(baseball$home.team, levels = teams), at.home = 1)
baseball$away.team <- data.frame(team = factor(baseball$away.team, levels = teams), at.home = 0)
fit <- BTm(cbind(home.wins, away.wins), home.team, away.team, formula = ~ team + at.home, id = "team",
           data = baseball)
coefficients <- summary(fit)$coefficients
abilities <- BTabilities(fit)
out <- list(
  source = paste0("scripts/reference/baseball_home_advantage.R (R ", getRversion(), ", BradleyTerry2 ",
                  packageVersion("BradleyTerry2"), ")"),
  teams = rownames(abilities),
  ability = unname(abilities[, "ability"]),
  abilityStandardError = unname(abilities[, "s.e."]),
  atHome = unname(coefficients["at.home", "Estimate"]),
  atHomeStandardError = unname(coefficients["at.home", "Std. Error"]),
  deviance = fit$deviance
)
out_path <- file.path("packages", "ratings", "fixtures", "baseball-home-advantage.json")
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), out_path)
print(out)
