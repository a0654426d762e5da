/* cli.h — the zhixiao command line: one file per subcommand (cmd_<name>.c), each a thin
 * shell over libzx that parses options, calls the library and prints. Exit codes: 0 done,
 * 1 done with rejected rows or findings, 2 usage or structural error.
 * Depends on every module of the library: appraise, bulletin, casebook, collide, danger,
 * evaluate, execution, gen, governance, ingest, metrics, model, monitor, quality, seal,
 * similar, sqlgen, store, supervise, trends, util, web. */
#ifndef ZX_CLI_CLI_H
#define ZX_CLI_CLI_H

int cmd_import(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_indicators(int argc, char **argv);
int cmd_cases(int argc, char **argv);
int cmd_settings(int argc, char **argv);
int cmd_target(int argc, char **argv);
int cmd_bulletin(int argc, char **argv);
int cmd_dedupe(int argc, char **argv);
int cmd_dataset(int argc, char **argv);
int cmd_model(int argc, char **argv);
int cmd_lead(int argc, char **argv);
int cmd_link(int argc, char **argv);
int cmd_review_sentences(int argc, char **argv);
int cmd_inspect(int argc, char **argv);
int cmd_resident(int argc, char **argv);
int cmd_similar(int argc, char **argv);
int cmd_trends(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_suggestion(int argc, char **argv);
int cmd_hearing(int argc, char **argv);
int cmd_supervisor(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_leaders(int argc, char **argv);
int cmd_evaluate(int argc, char **argv);
int cmd_quality(int argc, char **argv);
int cmd_flaws(int argc, char **argv);
int cmd_danger(int argc, char **argv);
int cmd_seal(int argc, char **argv);
int cmd_casebook(int argc, char **argv);
int cmd_appraise(int argc, char **argv);

#endif
