import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordIssueView } from '../../../src-shared/contract/sync';
import { accountsQuery, recordIssuesQuery } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { RelativeTime } from '../../ui/RelativeTime';
import { closeRecordIssues, rawKindLabel, recordKindKey, splitRecordIssues, useRecordIssuesDialog } from './record-issues';

/** core lists at most this many (`sync:recordIssues`). */
const CORE_LIMIT = 500;

/** The records sync could not read (and those stored with defaults) of the account whose list is open. */
export function RecordIssuesDialog() {
  const accountId = useRecordIssuesDialog((s) => s.accountId);
  if (accountId === null) return null;
  return <RecordIssuesContent key={accountId} accountId={accountId} />;
}

function useKindLabel(): (kind: string) => string {
  const { t } = useTranslation();
  return (kind) => {
    const key = recordKindKey(kind);
    return key ? t(key) : rawKindLabel(kind);
  };
}

function RecordIssuesContent({ accountId }: { accountId: number }) {
  const { t } = useTranslation();
  const account = useQuery(accountsQuery()).data?.find((a) => a.id === accountId);
  const issues = useQuery(recordIssuesQuery(accountId));
  const ids = { intro: useId(), skipped: useId(), mapped: useId() };
  const { skipped, mapped } = splitRecordIssues(issues.data ?? []);

  return (
    <Dialog
      title={account ? t('recordIssues.titleAccount', { account: account.name }) : t('recordIssues.title')}
      onClose={closeRecordIssues}
      className="record-issues-dialog"
      describedBy={ids.intro}
      testId="record-issues"
    >
      <p id={ids.intro} className="record-issues-intro">
        {t('recordIssues.intro')}
      </p>
      {issues.isPending ? (
        <p className="muted" role="status">
          {t('recordIssues.loading')}
        </p>
      ) : issues.isError ? (
        <div className="record-issues-error">
          <p role="alert" className="form-result is-error">
            {t('recordIssues.failed', { message: issues.error.message })}
          </p>
          <button type="button" className="button small" onClick={() => void issues.refetch()}>
            {t('app.retry')}
          </button>
        </div>
      ) : (
        <>
          <section className="record-issues-section" aria-labelledby={ids.skipped}>
            <h3 id={ids.skipped}>
              {t('recordIssues.skippedHeading')} <span className="muted">({skipped.length})</span>
            </h3>
            {skipped.length === 0 ? (
              <p className="muted" data-testid="record-issues-empty">
                {t('recordIssues.empty')}
              </p>
            ) : (
              <SkippedTable issues={skipped} />
            )}
          </section>
          {mapped.length > 0 ? (
            <section className="record-issues-section" aria-labelledby={ids.mapped}>
              <h3 id={ids.mapped}>
                {t('recordIssues.mappedHeading')} <span className="muted">({mapped.length})</span>
              </h3>
              <p className="muted small">{t('recordIssues.mappedIntro')}</p>
              <MappedList issues={mapped} />
            </section>
          ) : null}
          {(issues.data?.length ?? 0) >= CORE_LIMIT ? <p className="muted small">{t('recordIssues.limited', { count: CORE_LIMIT })}</p> : null}
        </>
      )}
    </Dialog>
  );
}

function SkippedTable({ issues }: { issues: RecordIssueView[] }) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  return (
    <table className="record-issues-table">
      <thead>
        <tr>
          <th scope="col">{t('recordIssues.record')}</th>
          <th scope="col">{t('recordIssues.problem')}</th>
          <th scope="col">{t('recordIssues.lastSeen')}</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((issue) => (
          <tr key={`${issue.kind}:${issue.remoteId}:${issue.detail}`} data-testid="record-issue" data-issue="skipped" data-kind={issue.kind} data-remote-id={issue.remoteId}>
            <th scope="row" className="record-issue-record">
              {kindLabel(issue.kind)} <RecordId remoteId={issue.remoteId} />
            </th>
            <td>
              <code className="record-issue-detail">{issue.detail}</code>
            </td>
            <td className="record-issue-seen">
              <RelativeTime at={issue.lastSeenAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The helpdesk's id of the record, or "(no id)" when it could not even be read. */
function RecordId({ remoteId }: { remoteId: string }) {
  const { t } = useTranslation();
  return remoteId === '' ? <span className="record-issue-noid">({t('recordIssues.noId')})</span> : <span className="record-issue-id">{remoteId}</span>;
}

/** "Comment 2000020331 · via: "75" · on 812 records": one line per value, with a record that had it. */
function MappedList({ issues }: { issues: RecordIssueView[] }) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  return (
    <ul className="record-issues-mapped">
      {issues.map((issue) => (
        <li key={`${issue.kind}:${issue.remoteId}:${issue.detail}`} data-testid="record-issue" data-issue="mapped" data-kind={issue.kind} data-remote-id={issue.remoteId}>
          <span className="record-issue-record">
            {kindLabel(issue.kind)} <RecordId remoteId={issue.remoteId} />
          </span>
          <span aria-hidden="true"> · </span>
          <code className="record-issue-detail">{issue.detail}</code>
          {issue.occurrences > 1 ? (
            <>
              <span aria-hidden="true"> · </span>
              <span className="muted">{t('recordIssues.occurrences', { count: issue.occurrences })}</span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
