/* notice.h — 流程监控通知书 in the store: a notice issued on an overdue monitored stage (by the
 * 案件管理 office), the handling prosecutor's reply, and the escalations of an unanswered
 * notice to the department head and then to the 检察长. Every step is also kept as a row of
 * mon_notice_steps with who did it and when. Cases, persons, units and staff are named by
 * their contract ids. Dates are day numbers (util/date.h). The rules (which item may get a
 * notice, the reply period, when to escalate and to whom) are in monitor/notice.c.
 *
 * Every step is also an act of the ledger (store/ledger.h), written in its transaction.
 *
 * Depends on store and util (SQLite backend). Schema: migration 6 in schema.c. */
#ifndef ZX_STORE_NOTICE_H
#define ZX_STORE_NOTICE_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

#define ZX_NOTICE_ID_MAX   72  /* ids and names, NUL included */
#define ZX_NOTICE_TEXT_MAX 512 /* the reply, NUL included */

struct zx_notice {
    char notice_no[ZX_NOTICE_ID_MAX]; /* 监控通知 number, e.g. LCJK-2025-000001 */
    char case_id[ZX_NOTICE_ID_MAX];
    char person_id[ZX_NOTICE_ID_MAX]; /* "" for a case-level stage */
    char stage[32];
    int32_t started_on, deadline;
    char unit_id[ZX_NOTICE_ID_MAX];
    char handler_id[ZX_NOTICE_ID_MAX]; /* the case's handler (staff id), "" when unknown */
    char issued_by[ZX_NOTICE_ID_MAX];  /* the account that issued it */
    int32_t issued_on, reply_due;
    char replied_by[ZX_NOTICE_ID_MAX]; /* "" while unanswered */
    int32_t replied_on;                /* ZX_DATE_NULL while unanswered */
    char reply[ZX_NOTICE_TEXT_MAX];
    char head_id[ZX_NOTICE_ID_MAX]; /* the department head it went to, "" before */
    int32_t head_on;
    char chief_id[ZX_NOTICE_ID_MAX]; /* the 检察长 it went to, "" before */
    int32_t chief_on;
    int64_t case_rid; /* the case's store rid (zx_notice_list), 0 when unknown */
};

/* Store a new notice (n->notice_no is assigned: LCJK-<year of issue>-<6 digits>) and its
 * "issued" step, in one transaction. ZX_EINVAL when the same item already has a notice. */
int zx_notice_insert(struct zx_store *st, struct zx_notice *n, struct zx_err *err) ZX_MUST_CHECK;

/* Record the reply to notice_no by `who` on day `on`. ZX_ENOTFOUND for an unknown notice,
 * ZX_EINVAL when it was answered already. */
int zx_notice_reply(struct zx_store *st, const char *notice_no, const char *who, int32_t on,
                    const char *text, struct zx_err *err) ZX_MUST_CHECK;

/* Record an escalation (level 1: to the department head `to`, 2: to the 检察长 `to`) on day
 * `on`, done by `who` (an account, or "system"). */
int zx_notice_escalate(struct zx_store *st, const char *notice_no, int level, const char *to,
                       const char *who, int32_t on, struct zx_err *err) ZX_MUST_CHECK;

/* Every notice, in notice number order. Caller owns *out; free with free(). */
int zx_notice_list(struct zx_store *st, struct zx_notice **out, size_t *n,
                   struct zx_err *err) ZX_MUST_CHECK;

/* The staff id of a member of unit_id with role `role` (vocabulary code: "head", "chief"),
 * in `department` when it is non-NULL and such a member exists there; "" when none. */
int zx_notice_find_staff(struct zx_store *st, const char *unit_id, const char *department,
                         const char *role, char out[ZX_NOTICE_ID_MAX],
                         struct zx_err *err) ZX_MUST_CHECK;

/* The department of staff_id ("" when unknown). */
int zx_notice_staff_department(struct zx_store *st, const char *staff_id,
                               char out[ZX_NOTICE_ID_MAX], struct zx_err *err) ZX_MUST_CHECK;

#endif
