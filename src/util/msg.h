/* msg.h — user-facing messages in Chinese or English.
 *
 * Messages are keyed by an enum and held in one table with both languages, so that a
 * translation can never go missing (the table has one row per key, checked at compile time).
 * The language comes from LC_ALL, LC_MESSAGES or LANG, in that order, as gettext does:
 * a value starting with "zh" selects Chinese, anything else English.
 *
 * Two kinds of rows. Most are printf formats for the CLI and for library errors
 * (zx_err_setm, util/err.h); such a row may take an argument only one language shows (a
 * status code in English, its Chinese label), which the other names as "%N$.0s" (prints
 * nothing), so both forms take the same arguments. The rows of the 减假暂 findings are rendered
 * from a struct zx_msgv — the id and its parameters, kept until someone reads the finding, so that
 * one finding shows in either language (the JSON contract's English, the web page's Chinese); their
 * formats use only %1$s … %6$s. Rows that leave the program (the API) carry a stable key
 * ("exec.due_limit"): the enum's numbers may change, the keys do not. Depends on nothing. */
#ifndef ZX_UTIL_MSG_H
#define ZX_UTIL_MSG_H

#include <stdarg.h>
#include <stddef.h>

enum zx_msg_id {
    ZX_M_NONE, /* no message: a zeroed struct zx_err names none */
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
    /* how a CSV record breaks the format (util/csv.c): terms of the messages above */
    ZX_M_CSV_TOO_MANY_FIELDS,
    ZX_M_CSV_UNTERMINATED,
    ZX_M_CSV_AFTER_QUOTE,
    ZX_M_CSV_QUOTE_INSIDE,
    ZX_M_CSV_TOO_LONG,
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
    /* accounts and passwords (store/store_auth.c) */
    ZX_M_AUTH_UNKNOWN_ROLE,
    ZX_M_AUTH_NO_ROLE,
    ZX_M_AUTH_PW_LENGTH,
    ZX_M_AUTH_PW_COMMON,
    ZX_M_AUTH_PW_NAME,
    ZX_M_AUTH_BAD_NAME,
    ZX_M_AUTH_NEEDS_ROLE,
    ZX_M_AUTH_NO_UNIT,
    ZX_M_AUTH_NEEDS_STAFF,
    ZX_M_AUTH_NO_STAFF,
    ZX_M_AUTH_STAFF_UNIT,
    ZX_M_AUTH_EXISTS,
    ZX_M_AUTH_NO_ACCOUNT,
    /* an external dataset's rows (supervise/dataset.c) */
    ZX_M_MODEL_NO_DATASET, /* a model run (supervise/model.c) */
    ZX_M_DS_SCHEMA_JSON,
    ZX_M_DS_SCHEMA_SHAPE,
    ZX_M_DS_SCHEMA_COLUMN,
    ZX_M_DS_SCHEMA_TWICE,
    ZX_M_DS_NEEDS_NAME,
    ZX_M_DS_BAD_NAME,
    ZX_M_DS_UNKNOWN_UNIT,
    ZX_M_DS_RECEIVED_ON,
    ZX_M_DS_NO_HEADER,
    ZX_M_DS_MISSING_COLUMN,
    ZX_M_DS_UNKNOWN_COLUMN,
    ZX_M_DS_CSV_FIELD,
    ZX_M_DS_FIELD_COUNT,
    ZX_M_DS_REQUIRED,
    ZX_M_DS_TOO_LONG,
    ZX_M_DS_BAD_ID,
    ZX_M_DS_ID_WIDENED,
    ZX_M_DS_ID_CHECK,
    ZX_M_DS_BAD_DATE,
    ZX_M_DS_BAD_MONTH,
    ZX_M_DS_BAD_AMOUNT,
    ZX_M_DS_NOT_LISTED,
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
    /* 减假暂 findings (execution/review.c), rendered from a struct zx_msgv. Terms first: a
     * parameter that is itself a word of the message's language. */
    ZX_M_EX_START,
    ZX_M_EX_START_AFTER_LIFE,
    ZX_M_EX_INTERVAL,
    ZX_M_EX_LAST_REDUCTION,
    ZX_M_EX_WHY_RECIDIVIST,
    ZX_M_EX_WHY_VIOLENT,
    ZX_M_EX_WHY_DUTY_UNPAID,
    ZX_M_EX_WHY_UNPAID,
    ZX_M_EX_WHY_SECOND,
    ZX_M_EX_PAROLE,
    ZX_M_EX_ILLNESS,
    ZX_M_EX_PREGNANCY,
    ZX_M_EX_SELF_CARE,
    ZX_M_EX_DATE,
    ZX_M_EX_DUE_LIMIT,
    ZX_M_EX_DUE_LIMIT_WHY,
    ZX_M_EX_DUE_PAROLE_SHARE,
    ZX_M_EX_DUE_LIFE,
    ZX_M_EX_DUE_SD,
    ZX_M_EX_DUE_AFTER_SERVICE,
    ZX_M_EX_DUE_TEMP_SHARE,
    ZX_M_EX_DUE_AFTER_FIXED,
    ZX_M_EX_AT_MOST_MONTHS,
    ZX_M_EX_AT_LEAST_MONTHS,
    ZX_M_EX_MONTHS,
    ZX_M_EX_FLOOR_SHARE,
    ZX_M_EX_RELEASE_DUE,
    ZX_M_EX_RELEASE,
    ZX_M_EX_RULED_DUE,
    ZX_M_EX_NO_PAROLE,
    ZX_M_EX_TEMP_NONE,
    ZX_M_EX_TEMP_PREGNANCY_ONLY,
    ZX_M_EX_FIXED_FIRST,
    ZX_M_EX_BELOW_CAP,
    ZX_M_EX_AT_CAP,
    ZX_M_EX_NOT_EARLIEST,
    ZX_M_EX_NEAR_EARLIEST,
    /* library errors that reach people (zx_err_setm): printf formats */
    ZX_M_ERR_OOM,
    ZX_M_Q_UNKNOWN_ITEM,
    ZX_M_Q_BAD_RESULT,
    ZX_M_Q_FLAW_NEEDS_CODE,
    ZX_M_Q_UNKNOWN_SITUATION,
    ZX_M_Q_OK_NO_SITUATION,
    ZX_M_Q_EXCELLENT_FLAWS,
    ZX_M_Q_EXCELLENT_ERRORS,
    ZX_M_Q_NO_REVIEWER,
    ZX_M_Q_NO_DATE,
    ZX_M_Q_NOT_CLOSED,
    ZX_M_Q_ITEM_TWICE,
    ZX_M_Q_OBJECT_NOT_HANDLER,
    ZX_M_Q_OBJECTION_REASONS,
    ZX_M_Q_OBJECTION_DATE,
    ZX_M_Q_BAD_GRADE,
    ZX_M_Q_ANSWER_WHO,
    ZX_M_Q_ANSWER_DATE,
    ZX_M_GOV_BAD_KIND,
    ZX_M_GOV_NO_ADDRESSEE,
    ZX_M_GOV_NO_PROBLEM,
    ZX_M_GOV_DRAFT_DAY,
    ZX_M_GOV_NO_DATE,
    ZX_M_GOV_WRONG_STATUS,
    ZX_M_GOV_NEEDS_BASIS,
    ZX_M_GOV_ISSUE_BEFORE_DRAFT,
    ZX_M_GOV_PERIOD,
    ZX_M_GOV_BAD_REPLY,
    ZX_M_GOV_REPLY_LONG,
    ZX_M_GOV_REPLY_EARLY,
    ZX_M_GOV_BAD_FOLLOWUP,
    ZX_M_GOV_NOTE_LONG,
    ZX_M_GOV_FOLLOWUP_EARLY,
    ZX_M_GOV_SUIT_NOT_PRE,
    ZX_M_GOV_SUIT_STATUS,
    ZX_M_GOV_SUIT_WAIT,
    ZX_M_GOV_SUIT_EARLY,
    ZX_M_GOV_BAD_HEARING,
    ZX_M_GOV_HEARING_DATE,
    ZX_M_GOV_PARTICIPANTS,
    ZX_M_GOV_FOLLOWED,
    ZX_M_GOV_BAD_ACTIVITY,
    ZX_M_GOV_DAY,
    ZX_M_GOV_SUPERVISOR,
    ZX_M_LEAD_NO_STAFF,
    ZX_M_LEAD_BAD_FINDING,
    ZX_M_LEAD_NO_NOTES,
    ZX_M_LEAD_CLOSE,
    ZX_M_LEAD_TO_CASE,
    ZX_M_LEAD_CANNOT_ASSIGN,
    ZX_M_LEAD_CANNOT_VERIFY,
    ZX_M_LEAD_CANNOT_REPLY,
    /* not found: one row per kind of record (store/sql.c zx_store__row and the modules) */
    ZX_M_NF_CASE,
    ZX_M_NF_CASE_DB,
    ZX_M_NF_CANDIDATE,
    ZX_M_NF_REVIEW_PLAN,
    ZX_M_NF_SUGGESTION,
    ZX_M_NF_UNIT,
    ZX_M_NF_SUCH_UNIT,
    ZX_M_NF_STAFF_DB,
    ZX_M_NF_FINDING_DB,
    ZX_M_NF_DISPOSITION_DB,
    ZX_M_NF_OFFICE_DB,
    ZX_M_NF_INSP_PLAN,
    ZX_M_NF_SEAL_RULE,
    ZX_M_NF_EVAL_ITEM,
    ZX_M_NF_REVIEW,
    ZX_M_NF_NOTICE,
    ZX_M_NF_UNIT_DB,
    ZX_M_NF_PLAN_DB,
    ZX_M_NF_LOG_DB,
    ZX_M_NF_INSTITUTION_DB,
    /* 评查计划 (quality/plan.c) */
    ZX_M_QP_NO_UNIT,
    ZX_M_QP_NO_PERIOD,
    ZX_M_QP_RATIO,
    ZX_M_QP_NO_ID,
    ZX_M_QP_BAD_LINE,
    ZX_M_QP_NO_FILTER,
    ZX_M_QP_BAD_KIND,
    /* 典型案例 (casebook) */
    ZX_M_CB_TOO_LONG,
    ZX_M_CB_NO_NOMINATOR,
    ZX_M_CB_NO_REASON,
    ZX_M_CB_REASON_LONG,
    ZX_M_CB_ALREADY,
    ZX_M_CB_NO_ACTOR,
    ZX_M_CB_BAD_ACT,
    ZX_M_CB_NOT_ALLOWED,
    ZX_M_CB_NO_TEXT,
    ZX_M_CB_TEXT_LONG,
    ZX_M_CB_WRITEUP,
    ZX_M_CB_BAD_LEVEL,
    ZX_M_CB_LEVEL_UP,
    /* 综合评价 (appraise) and 绩效考评 (evaluate) */
    ZX_M_AP_NOT_BELOW,
    ZX_M_AP_COMPUTED,
    ZX_M_AP_SCORE,
    ZX_M_AP_REASON,
    ZX_M_AP_WHO,
    ZX_M_AP_YEAR,
    ZX_M_EV_PERIOD,
    ZX_M_EV_DRILL,
    ZX_M_EV_NO_INDICATOR,
    /* 监督事项 notices (monitor/notice.c) */
    ZX_M_MN_BAD_STAGE,
    ZX_M_MN_NOT_OVERDUE,
    ZX_M_MN_NO_ITEM,
    ZX_M_MN_NO_ITEM_PERSON,
    /* 巡回检察 (execution/inspect_flow.c) */
    ZX_M_IN_BAD_PLAN_ID,
    ZX_M_IN_CASE_EXISTS,
    ZX_M_IN_BAD_DISP,
    ZX_M_IN_DISP_EARLY,
    ZX_M_IN_REPLY_EARLY,
    ZX_M_IN_REPLIED,
    ZX_M_IN_BAD_RESULT,
    /* 派驻检察 (execution/resident.c) */
    ZX_M_RS_PERIOD,
    ZX_M_RS_BAD_OFFICE_ID,
    ZX_M_RS_BAD_INST,
    ZX_M_RS_NOT_ITEM,
    ZX_M_RS_OPENED_AFTER,
    ZX_M_RS_LOG_OFFICE,
    ZX_M_RS_FINDING,
    ZX_M_RS_NOT_ASSIGNED,
    /* refusals from the store's checks */
    ZX_M_Q_CASE_NOT_IN_PLAN,
    ZX_M_Q_REVIEWED,
    ZX_M_Q_REVIEW_EXISTS,
    ZX_M_MN_NOTICE_EXISTS,
    ZX_M_MN_ANSWERED,
    ZX_M_RS_NO_OPENED,
    ZX_M_RS_OFFICE_EXISTS,
    ZX_M_RS_NO_FIRST_DAY,
    ZX_M_RS_ASSIGNED,
    ZX_M_RS_END_BEFORE,
    ZX_M_RS_LOG_DAY,
    ZX_M_RS_LOG_TEXT,
    ZX_M_RS_LOG_EXISTS,
    ZX_M_IN_PLAN_SHAPE,
    ZX_M_IN_PLAN_NO_INST,
    ZX_M_IN_PLAN_EXISTS,
    ZX_M_IN_FINDING_SHAPE,
    ZX_M_IN_NOT_INSPECTED,
    ZX_M_IN_FINDING_EXISTS,
    ZX_M_IN_DISP_SHAPE,
    ZX_M_IN_REPLY_SHAPE,
    /* terms passed as parameters to the rows above (no printf arguments) */
    ZX_M_T_ORAL,
    ZX_M_T_CORRECTION_NOTICE,
    ZX_M_T_SUGGESTION,
    ZX_M_T_PRISON,
    ZX_M_T_DETENTION_HOUSE,
    ZX_M_T_LEAD_NEW, /* a lead's status (supervise/leads.c), as web/js/supervise.js names it */
    ZX_M_T_LEAD_ASSIGNED,
    ZX_M_T_LEAD_VERIFIED,
    ZX_M_T_LEAD_UNFOUNDED,
    ZX_M_T_LEAD_CASE,
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

/* The form of id in Chinese (zh 1) or English (zh 0), whatever the current language. */
const char *zx_msg_lang(enum zx_msg_id id, int zh);

/* Format row id in both languages from the same arguments (a row's two forms take the same
 * ones, test_msg checks): the English into en, the Chinese into zh, each cut to its size and
 * NUL-terminated. For what is kept and shown later in either language (an import's reasons,
 * an error of the web UI). */
void zx_msg_vformat2(enum zx_msg_id id, char *en, size_t en_size, char *zh, size_t zh_size,
                     va_list ap);

/* A message formatted in both languages, kept until someone reads it in either. */
struct zx_msg2 {
    char en[600], zh[600];
};
/* Format row id with its arguments into m (zx_msg_vformat2). */
void zx_msg2_set(struct zx_msg2 *m, enum zx_msg_id id, ...);
/* en and zh in one allocation, packed: the English, NUL, the Chinese, NUL (for the many
 * kept at once: an import's issues). Caller frees; NULL when out of memory. */
char *zx_msg2_pack(const char *en, const char *zh);
/* The Chinese of a packed text (the English is the text itself). */
const char *zx_msg2_zh(const char *packed);

/* The stable key of id for the API ("exec.due_limit"), NULL for rows only the CLI prints. */
const char *zx_msg_key(enum zx_msg_id id);

/* ---- a message with its parameters ---- */

#define ZX_MSGV_ARGS      6
#define ZX_MSGV_VALUE_MAX 20 /* a number or a date, NUL included */

/* One parameter: a term (a parameterless row, rendered in the message's language) when term
 * is not ZX_M_NONE; else text when not NULL (borrowed: static storage, or the caller's for as
 * long as the message is read); else the value s. */
struct zx_msgv_arg {
    enum zx_msg_id term;
    const char *text;
    char s[ZX_MSGV_VALUE_MAX];
};

struct zx_msgv {
    enum zx_msg_id id;
    int n; /* parameters given */
    struct zx_msgv_arg a[ZX_MSGV_ARGS];
};

/* Start m as message id without parameters. */
void zx_msgv_init(struct zx_msgv *m, enum zx_msg_id id);
/* Append a parameter (ignored past ZX_MSGV_ARGS): an integer, a short value copied (cut at
 * ZX_MSGV_VALUE_MAX - 1 bytes), a borrowed text, a term. */
void zx_msgv_int(struct zx_msgv *m, long v);
void zx_msgv_value(struct zx_msgv *m, const char *s);
void zx_msgv_text(struct zx_msgv *m, const char *s);
void zx_msgv_term(struct zx_msgv *m, enum zx_msg_id term);

/* Parameter i of m (0-based) in Chinese or English (static storage, m's or the borrowed
 * text); "" when there is none. */
const char *zx_msgv_param(const struct zx_msgv *m, int i, int zh);

/* Render m into buf (always NUL-terminated when size > 0) in Chinese (zh 1) or English:
 * %N$s is parameter N, %% a percent sign. Returns the length the whole text needs, as
 * snprintf does. */
size_t zx_msgv_render(const struct zx_msgv *m, int zh, char *buf, size_t size);

#endif
