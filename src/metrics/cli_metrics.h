/* cli_metrics.h — entry points of the `indicators` and `cases` subcommands
 * (src/cli/cmd_indicators.c, src/cli/cmd_cases.c), declared here until cli/cli.h lists
 * them. Same contract as every cmd_<name>(): exit status 0 done, 2 usage or error. */
#ifndef ZX_METRICS_CLI_METRICS_H
#define ZX_METRICS_CLI_METRICS_H

int cmd_indicators(int argc, char **argv);
int cmd_cases(int argc, char **argv);

#endif
