/* msg.h — user-facing messages in Chinese or English.
 *
 * Messages are keyed by an enum and held in one table with both languages, so that a
 * translation can never go missing (the table has one row per key, checked at compile time).
 * The language comes from LC_ALL, LC_MESSAGES or LANG, in that order, as gettext does:
 * a value starting with "zh" selects Chinese, anything else English. Depends on nothing. */
#ifndef ZX_UTIL_MSG_H
#define ZX_UTIL_MSG_H

enum zx_msg_id {
    /* import: row rejections */
    ZX_M_DUPLICATE_ID,
    ZX_M_BAD_DATE_FORM,
    ZX_M_IMPOSSIBLE_DATE,
    ZX_M_UNKNOWN_CODE,
    ZX_M_RESULT_NOT_ALLOWED,
    ZX_M_NEEDS_PERSON,
    ZX_M_UNKNOWN_REF,
    ZX_M_PERSON_OTHER_CASE,
    ZX_M_FIELD_COUNT,
    ZX_M_BAD_UTF8,
    ZX_M_CSV_FORMAT,
    ZX_M_REQUIRED_EMPTY,
    ZX_M_BAD_ID,
    ZX_M_BAD_ID_NUMBER,
    ZX_M_BAD_NUMBER,
    ZX_M_BAD_FLAG,
    ZX_M_UNIT_CYCLE,
    ZX_M_SECOND_ROOT,
    ZX_M_TEXT_TOO_LONG,
    ZX_M_BAD_CHARGES,
    /* import: warnings */
    ZX_M_ID_CHECK_DIGIT,
    ZX_M_ID_CONVERTED,
    ZX_M_REF_LINKED,
    ZX_M_REF_NOT_FOUND,
    ZX_M_UNKNOWN_COLUMN,
    /* import: structural errors */
    ZX_M_MISSING_FILE,
    ZX_M_MISSING_COLUMN,
    ZX_M_DUPLICATE_COLUMN,
    ZX_M_EMPTY_FILE,
    ZX_M_CANNOT_READ,
    /* import: summary */
    ZX_M_SUMMARY_HEAD,
    ZX_M_SUMMARY_TOTAL,
    ZX_M_SUMMARY_COL_FILE,
    ZX_M_SUMMARY_COL_READ,
    ZX_M_SUMMARY_COL_INSERTED,
    ZX_M_SUMMARY_COL_UPDATED,
    ZX_M_SUMMARY_COL_UNCHANGED,
    ZX_M_SUMMARY_COL_WARNED,
    ZX_M_SUMMARY_COL_REJECTED,
    ZX_M_SUMMARY_SPEED,
    ZX_M_SUMMARY_REJECTS_FILE,
    ZX_M_IMPORT_NOTHING,
    /* command line: option parsing (src/cli/opt.c) */
    ZX_M_OPT_USAGE,
    ZX_M_OPT_OPTIONS,
    ZX_M_OPT_HELP,
    ZX_M_OPT_SEE_HELP,
    ZX_M_OPT_UNKNOWN,
    ZX_M_OPT_NEEDS_VALUE,
    ZX_M_OPT_NO_VALUE,
    ZX_M_OPT_BAD_DATE,
    ZX_M_OPT_BAD_INT,
    ZX_M_OPT_BAD_CHOICE,
    ZX_M_OPT_TOO_MANY,
    ZX_M_OPT_MISSING,
    ZX_M_OPT_MISSING_ARG,
    ZX_M_OPT_EXTRA_ARG,
    ZX_M_OPT_FROM_AFTER_TO,
    ZX_M_OPT_NO_SUB,
    ZX_M_OPT_UNKNOWN_SUB,
    ZX_M_OPT_SUBCOMMAND,
    ZX_M_OPT_SUBCOMMANDS,
    ZX_M_OPT_SUB_HELP,
    /* command line: shared by the commands */
    ZX_M_CLI_CANNOT_OPEN_DB,
    ZX_M_CLI_CANNOT_OPEN_DB_IMPORT,
    ZX_M_CLI_CANNOT_READ_DB,
    ZX_M_CLI_NO_UNITS,
    ZX_M_CLI_NO_UNIT,
    ZX_M_CLI_NO_STAFF,
    ZX_M_CLI_NO_INDICATOR,
    ZX_M_CLI_NO_INDICATOR_CAT,
    ZX_M_CLI_OOM,
    ZX_M_CLI_BAD_LINES,
    ZX_M_CLI_NOT_COMMAND,
    ZX_M_CLI_COMMANDS,
    ZX_M_CLI_COMMAND_HELP,
    ZX_M_CLI_WROTE_BULLETIN,
    ZX_M_CLI_DEPT_NO_JSON,
    /* command line: review-sentences */
    ZX_M_REVIEW_SUMMARY,
    /* command line: generate */
    ZX_M_GEN_BAD_SEED,
    ZX_M_GEN_WROTE,
    ZX_M_GEN_COUNTS,
    ZX_M_GEN_PLANTED,
    ZX_M_GEN_VIOLATIONS,
    ZX_M_GEN_DOCUMENTS,
    ZX_M_GEN_SIZE,
    /* command line: settings and target */
    ZX_M_SET_ON,
    ZX_M_SET_OFF,
    ZX_M_SET_UNKNOWN,
    ZX_M_SET_ON_OFF,
    ZX_M_SET_RANKING_SET,
    ZX_M_SET_RANKING_ROW,
    ZX_M_SET_RANKING_ONE,
    ZX_M_SET_CANNOT_READ,
    ZX_M_TGT_NOT_IN_CATALOG,
    ZX_M_TGT_STRUCTURE,
    ZX_M_TGT_BAD_RATIO,
    ZX_M_TGT_BAD_PERCENT,
    ZX_M_TGT_REMOVED_ONE,
    ZX_M_TGT_REMOVED,
    /* command line: user */
    ZX_M_USER_PASSWORD_PROMPT,
    ZX_M_USER_ACTIVE,
    ZX_M_USER_DISABLED,
    ZX_M_USER_TOO_LONG,
    ZX_M_USER_NO_PASSWORD,
    ZX_M_USER_ADDED,
    ZX_M_USER_PASSWD,
    ZX_M_USER_DISABLED_DONE,
    ZX_M_USER_ENABLED_DONE,
    /* command line: inspect */
    ZX_M_INSP_ABOUT,
    ZX_M_INSP_ABOUT_TAIL,
    ZX_M_INSP_NEED_PERIOD,
    /* command line: inspect (the English keeps the terms the tests and scripts read) */
    ZX_M_INSP_VIOLATION,
    ZX_M_INSP_NOTE,
    ZX_M_INSP_PLAN_OK,
    ZX_M_INSP_BAD_TYPE,
    ZX_M_INSP_NO_PLAN,
    ZX_M_INSP_NEED_TARGET,
    ZX_M_INSP_PLAN_STORED,
    ZX_M_INSP_FEEDBACK_DUE,
    ZX_M_INSP_FOLLOWUP_DUE,
    ZX_M_INSP_FOLLOWUP_OF,
    ZX_M_INSP_RESIDENT_PULL,
    ZX_M_INSP_ON_TIME,
    ZX_M_INSP_LATE_40,
    ZX_M_INSP_RECT_UNKNOWN,
    ZX_M_INSP_RECTIFIED,
    ZX_M_INSP_BAD_CATEGORY,
    ZX_M_INSP_BAD_DISP_KIND,
    ZX_M_INSP_DISPOSED,
    ZX_M_INSP_REPLY_RECORDED,
    ZX_M_INSP_FEEDBACK_EARLY,
    ZX_M_INSP_FEEDBACK,
    ZX_M_INSP_LATE_35,
    ZX_M_INSP_CHECK_DONE,
    ZX_M_INSP_NO_SUCH_UNIT,
    ZX_M_INSP_NO_SUCH_PLAN,
    ZX_M_INSP_AS_OF,
    ZX_M_INSP_ST_PLAN,
    ZX_M_INSP_ST_FEEDBACK,
    ZX_M_INSP_ST_NO_FOLLOWUP,
    ZX_M_INSP_ST_FOLLOWUP,
    ZX_M_INSP_ST_DISP,
    ZX_M_INSP_ST_LATE,
    ZX_M_INSP_ST_ESCALATED,
    ZX_M_INSP_ST_NO_PARENT,
    ZX_M_INSP_ST_UPGRADE,
    ZX_M_INSP_NO_PLANS,
    ZX_M_INSP_COV_HEAD,
    ZX_M_INSP_COV_GAP,
    ZX_M_INSP_OK,
    ZX_M_INSP_GAP,
    ZX_M_INSP_COV_CROSS,
    ZX_M_INSP_COV_GAPS,
    ZX_M_INSP_STATS,
    ZX_M_INSP_STATS_DISP,
    ZX_M_INSP_STATS_HEAD,
    ZX_M_CLI_CANNOT_CREATE,
    ZX_M_CLI_CANNOT_WRITE,
    ZX_M_CLI_WROTE,
    ZX_M_COUNT_
};

/* Choose the language from the environment. Call once at start; zx_msg() calls it if not. */
void zx_msg_init(void);

/* Force a language: 1 Chinese, 0 English (tests). */
void zx_msg_set_chinese(int on);

/* 1 when messages are in Chinese. */
int zx_msg_chinese(void);

/* The message format for id in the current language (static storage). */
const char *zx_msg(enum zx_msg_id id);

/* The English form of id, whatever the language (for logs and stable test assertions). */
const char *zx_msg_en(enum zx_msg_id id);

#endif
