#!/usr/bin/env python3
"""An independent reading of shared/spec/process-monitoring.md (version 1), written from the
contract text, not from src/monitor: it reads a case-data bundle (CSV files) rather than the
database and prints the same JSON array `zhixiao monitor` prints.

    reference.py BUNDLE --as-of DATE [--unit ID] [--suggestion P] [--correction P]
                 [--vocab DB]

P is Nd or Nm (the unit-setting override, applied to every unit). Codes may be given by their
Chinese labels (case-data.md §1): --vocab names a zhixiao database whose `vocab` table gives
the label of each code. Only the standard library.
"""
import argparse
import calendar
import csv
import datetime as dt
import json
import os
import re
import sqlite3
import sys

ARTICLES = {
    'A2': '刑事诉讼法 第九十一条',
    'A3': '人民检察院刑事诉讼规则 第二百八十二条',
    'P1': '刑事诉讼法 第一百七十二条',
    'P2': '刑事诉讼法 第一百七十二条',
    'P5': '刑事诉讼法 第一百七十五条',
    'N7': '人民检察院刑事诉讼规则 第四百二十四条',
    'J1': '刑事诉讼法 第九十五条',
    'F1': '人民检察院检察建议工作规定',
    'F4': '人民检察院巡回检察工作规定 第三十七条',
}
# which start type each reply answers (case-data.md §5: linking of a missing ref_event_id)
ANSWERS = {'custody_review_reply': 'custody_review', 'suggestion_reply': 'suggestion',
           'correction_reply': 'correction_notice'}


def rows(bundle, name):
    with open(os.path.join(bundle, name), encoding='utf-8-sig', newline='') as f:
        return list(csv.DictReader(f))


def day(s):
    """The accepted date forms: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY年M月D日."""
    m = re.fullmatch(r'(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})', s) or \
        re.fullmatch(r'(\d{4})年(\d{1,2})月(\d{1,2})日', s)
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def add_months(d, n):
    """Same day number n months on; the last day of the target month when that day does
    not exist or d is the last day of its month (01-31 + 1 = 02-28; 02-28 + 1 = 03-31)."""
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    last = calendar.monthrange(y, m)[1]
    if d.day == calendar.monthrange(d.year, d.month)[1] or d.day > last:
        return dt.date(y, m, last)
    return dt.date(y, m, d.day)


def end(start, period):
    n, unit = period
    return add_months(start, n) if unit == 'm' else start + dt.timedelta(days=n)


def parse_period(s):
    return (int(s[:-1]), 'm') if s.endswith('m') else (int(s.rstrip('d')), 'd')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('bundle')
    ap.add_argument('--as-of', required=True)
    ap.add_argument('--unit')
    ap.add_argument('--suggestion', default='2m')
    ap.add_argument('--correction', default='15d')
    ap.add_argument('--vocab')
    a = ap.parse_args()
    labels = {}
    if a.vocab:
        con = sqlite3.connect(a.vocab)
        for v, code, label in con.execute("SELECT vocab, code, label FROM vocab"):
            labels[(v, label)] = code
        con.close()

    def code(vocab, s):
        return labels.get((vocab, s), s)
    as_of = day(a.as_of)
    sugg, corr = parse_period(a.suggestion), parse_period(a.correction)

    units = rows(a.bundle, 'units.csv')
    parent = {u['unit_id']: u['parent_id'] or None for u in units}

    def in_scope(u):
        while u is not None:
            if u == a.unit:
                return True
            u = parent.get(u)
        return False

    cases = {c['case_id']: c for c in rows(a.bundle, 'cases.csv')}
    for c in cases.values():
        c['business'] = code('business', c['business'])
    events = rows(a.bundle, 'events.csv')
    for e in events:
        e['type'] = code('event_type', e['type'])
        e['result'] = code('result', e.get('result') or '')
    # a missing ref_event_id: the latest earlier event it can answer in the same case (and
    # person), in file order
    seen = {}
    for i, e in enumerate(events):
        e['_i'] = i
        t = e['type']
        if t in ANSWERS and not e.get('ref_event_id'):
            key = (e['case_id'], ANSWERS[t], e['person_id'] if t == 'custody_review_reply' else '')
            cand = seen.get(key)
            if cand:
                e['ref_event_id'] = cand
        seen[(e['case_id'], t, e['person_id'] if t == 'custody_review' else '')] = e['event_id']
    by_case = {}
    for e in events:
        by_case.setdefault(e['case_id'], []).append(e)

    items = []
    for cid, c in cases.items():
        if c['business'] == 'duty':
            continue
        if a.unit and not in_scope(c['unit_id']):
            continue
        complex_ = c.get('complex') == '1'
        evs = sorted((e for e in by_case.get(cid, []) if day(e['date']) <= as_of),
                     key=lambda e: (day(e['date']), e['_i']))
        its = []
        returns = 0

        def new(person, stage, rule, start, deadline, ev):
            its.append({'case_id': cid, 'person_id': person, 'stage': stage, 'rule': rule,
                        'started_on': start, 'deadline': deadline, 'closed_on': None,
                        'ev': ev, 'extended': False})

        def opened(stage, person=Ellipsis):
            return [x for x in its if x['stage'] == stage and x['closed_on'] is None and
                    (person is Ellipsis or x['person_id'] == person)]

        for e in evs:
            t, r, p, d = e['type'], e.get('result') or '', e.get('person_id') or None, day(e['date'])
            if t == 'arrest_review' and p:
                if r == 'detained':
                    new(p, 'arrest_review_detained', 'A2', d, d + dt.timedelta(7), e['event_id'])
                elif r == 'not_detained':
                    new(p, 'arrest_review_not_detained', 'A3', d,
                        d + dt.timedelta(20 if complex_ else 15), e['event_id'])
            elif t in ('arrest', 'no_arrest') and p:
                for x in opened('arrest_review_detained', p) + \
                        opened('arrest_review_not_detained', p):
                    x['closed_on'] = d
            elif t == 'prosecution_review':
                for x in opened('supplementary_investigation'):
                    x['closed_on'] = d  # the re-transfer
                if p and not opened('prosecution_review', p):
                    new(p, 'prosecution_review', 'P1', d, add_months(d, 1), e['event_id'])
            elif t == 'return_investigation':
                returns += 1
                if returns > 2:
                    continue  # P6: not honoured
                for x in opened('prosecution_review'):
                    x['closed_on'] = d
                new(None, 'supplementary_investigation', 'P5', d, add_months(d, 1),
                    e['event_id'])
            elif t == 'extend_review':
                for x in opened('prosecution_review'):
                    if not x['extended'] and d <= x['deadline']:
                        x['extended'] = True
                        x['deadline'] += dt.timedelta(15)
                        x['rule'] = 'P2'
            elif t == 'change_jurisdiction':
                for x in opened('prosecution_review'):
                    x['closed_on'] = d
                    new(x['person_id'], 'prosecution_review', 'P1', d, add_months(d, 1),
                        e['event_id'])
            elif t in ('indict', 'non_prosecution') and p:
                for x in opened('prosecution_review', p) + opened('withdrawal_decision', p):
                    x['closed_on'] = d
            elif t == 'withdraw_indictment' and p:
                new(p, 'withdrawal_decision', 'N7', d, d + dt.timedelta(30), e['event_id'])
            elif t == 'custody_review' and p and r == 'release_recommended':
                new(p, 'custody_review_reply', 'J1', d, d + dt.timedelta(10), e['event_id'])
            elif t == 'suggestion' and r in ('social_governance', 'execution', 'other'):
                new(None, 'suggestion_reply', 'F1', d, end(d, sugg), e['event_id'])
            elif t == 'correction_notice' and r == 'execution':
                new(None, 'correction_reply', 'F4', d, end(d, corr), e['event_id'])
            elif t in ANSWERS:
                stage = t  # the reply stages are named after their reply types
                for x in opened(stage):
                    if x['ev'] == e.get('ref_event_id'):
                        x['closed_on'] = d
                        break
        items += its

    out = []
    for x in items:
        item = {k: x[k] for k in ('case_id', 'person_id', 'stage', 'rule')}
        item['article'] = ARTICLES[x['rule']]
        item['started_on'] = x['started_on'].isoformat()
        item['deadline'] = x['deadline'].isoformat()
        if x['closed_on'] is not None:
            item['closed_on'] = x['closed_on'].isoformat()
            item['days_left'] = None
            item['status'] = 'ok' if x['closed_on'] <= x['deadline'] else 'late'
        else:
            left = (x['deadline'] - as_of).days
            w = 3 if (x['deadline'] - x['started_on']).days <= 15 else 7
            item['closed_on'] = None
            item['days_left'] = left
            item['status'] = 'red' if left < 0 else 'yellow' if left <= w else 'open'
        out.append(item)
    out.sort(key=lambda i: (i['case_id'].encode(), i['person_id'] is not None,
                            (i['person_id'] or '').encode(), i['stage'], i['started_on']))
    json.dump(out, sys.stdout, ensure_ascii=False, indent=0)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
