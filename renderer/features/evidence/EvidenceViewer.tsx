import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useUi } from '../../stores/ui';
import { LogViewer } from './LogViewer';
import { CertificateViewer } from '../certificates/CertificateViewer';

/** The evidence the admin opened: a bundle file at a line, or a certificate. */
export function EvidenceViewer() {
  const { t } = useTranslation();
  const target = useUi((s) => s.evidence);
  const close = () => useUi.getState().showEvidence(null);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [target]);
  if (!target) return null;
  return (
    <section ref={ref} className="evidence-viewer" aria-label={t('evidence.viewer')}>
      <header>
        <h3>{target.kind === 'file' ? target.file : t('evidence.certificate')}</h3>
        <button
          type="button"
          className="icon-button"
          onClick={close}
          aria-label={t('common.close')}
        >
          ✕
        </button>
      </header>
      {target.kind === 'file' ? (
        <LogViewer
          key={`${target.file}:${target.line ?? 0}`}
          file={target.file}
          line={target.line}
          highlight={target.highlight ?? []}
        />
      ) : (
        <CertificateViewer thumbprint={target.thumbprint} />
      )}
    </section>
  );
}
