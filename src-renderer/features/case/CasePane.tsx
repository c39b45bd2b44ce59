import { MessagesSquare } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Composer } from '../composer';
import { useReportCasePresence } from '../presence';
import { CaseHeader } from './CaseHeader';
import { PendingNotice } from './PendingNotice';
import { Thread } from './Thread';
import { useCaseDetail } from './use-case-detail';
import './case.css';

/**
 * The open case: header and thread scroll as one column (focusable, so keyboard users can scroll
 * it); the composer stays below them.
 */
export function CasePane({ caseId }: { caseId: number | null }) {
  const { t } = useTranslation();
  const query = useCaseDetail(caseId);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The others see that I am on this case (and no longer on the previous one).
  useReportCasePresence(caseId);

  // A newly opened case starts at its top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [caseId]);

  let content;
  if (caseId === null) {
    content = (
      <div className="pane-empty is-centred">
        <MessagesSquare size={32} strokeWidth={1.5} aria-hidden="true" className="pane-empty-icon" />
        <p>{t('case.empty')}</p>
        <p className="muted">{t('case.emptyHint')}</p>
      </div>
    );
  } else if (query.isPending) {
    content = <CaseSkeleton />;
  } else if (query.isError) {
    content = (
      <div className="pane-empty" role="alert">
        {t('app.loadError', { message: query.error.message })}
      </div>
    );
  } else if (query.data === null) {
    content = <div className="pane-empty">{t('case.notFound')}</div>;
  } else {
    content = (
      <>
        <CaseHeader detail={query.data} />
        <PendingNotice actions={query.data.pendingActions} />
        <Thread detail={query.data} />
      </>
    );
  }

  const detail = query.data;
  return (
    <section
      className={`case-pane${query.isPlaceholderData ? ' is-switching' : ''}`}
      role="region"
      aria-label={t('case.regionLabel')}
      aria-busy={query.isPlaceholderData || undefined}
    >
      <div ref={scrollRef} className="case-scroll" tabIndex={0}>
        {content}
      </div>
      {/* While the next case loads, its composer is already there (the layout does not jump). */}
      {caseId !== null && detail ? (
        <Composer
          caseId={caseId}
          customerName={detail.id === caseId ? detail.customer?.name || null : null}
          channel={detail.channel}
          closed={detail.id === caseId && detail.status === 'closed'}
        />
      ) : null}
    </section>
  );
}

function CaseSkeleton() {
  return (
    <div className="case-skeleton" aria-hidden="true">
      <span className="skeleton skeleton-line" style={{ width: '60%', height: 20 }} />
      <span className="skeleton skeleton-line" style={{ width: '40%' }} />
      <span className="skeleton skeleton-block" />
      <span className="skeleton skeleton-block" />
    </div>
  );
}
