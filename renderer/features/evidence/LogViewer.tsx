// Virtualized viewer for any bundle file: only the visible window of lines is fetched and drawn,
// so a million-line IIS log scrolls as smoothly as a ten-line .reg export.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useRun } from '../../stores/run';

const PAGE = 500;
const ROW_HEIGHT = 18;

export function LogViewer({
  file,
  line,
  highlight,
}: {
  file: string;
  line?: number;
  highlight: number[];
}) {
  const { t } = useTranslation();
  const runId = useRun((s) => s.run?.id);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setVersion] = useState(0);
  const pages = useRef(new Map<number, string[] | 'loading'>());
  const parent = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<number[]>([]);
  const marked = new Set([...highlight, ...hits.map((h) => h + 1)]);

  const loadPage = useCallback(
    (p: number) => {
      if (!runId || pages.current.has(p)) return;
      pages.current.set(p, 'loading');
      api
        .invoke('evidence:lines', { runId, file, from: p * PAGE, count: PAGE })
        .then((r) => {
          pages.current.set(p, r.lines);
          setTotal(r.total);
          setVersion((v) => v + 1);
        })
        .catch((e: Error) => setError(e.message));
    },
    [runId, file],
  );

  useEffect(() => {
    pages.current = new Map();
    setTotal(null);
    loadPage(line ? Math.floor((line - 1) / PAGE) : 0);
  }, [file, line, loadPage]);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 30,
  });

  useEffect(() => {
    if (total !== null && line)
      virtualizer.scrollToIndex(Math.min(line - 1, total - 1), { align: 'center' });
    // Scroll once the file's size is known.
  }, [total === null, line]);

  const find = async () => {
    if (!runId || !query) return setHits([]);
    const r = await api.invoke('evidence:find', { runId, file, text: query, limit: 1000 });
    setHits(r.lines);
    if (r.lines[0] !== undefined) virtualizer.scrollToIndex(r.lines[0], { align: 'center' });
  };

  if (error) return <p className="error-text">{error}</p>;
  const items = virtualizer.getVirtualItems();
  return (
    <div className="log-viewer">
      <div className="log-toolbar">
        <span className="muted">
          {total === null ? t('common.loading') : t('evidence.lines', { count: total })}
        </span>
        <input
          type="search"
          value={query}
          placeholder={t('evidence.find')}
          aria-label={t('evidence.find')}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void find()}
        />
        {hits.length > 0 && (
          <span className="muted">{t('evidence.hits', { count: hits.length })}</span>
        )}
      </div>
      <div ref={parent} className="log-scroll" tabIndex={0} data-log-file={file}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const p = Math.floor(v.index / PAGE);
            const page = pages.current.get(p);
            if (page === undefined) loadPage(p);
            const text = Array.isArray(page) ? (page[v.index - p * PAGE] ?? '') : '…';
            const n = v.index + 1;
            return (
              <div
                key={v.key}
                className={`log-line ${marked.has(n) ? 'hit' : ''} ${n === line ? 'target' : ''}`}
                data-line={n}
                style={{
                  position: 'absolute',
                  top: 0,
                  transform: `translateY(${v.start}px)`,
                  height: ROW_HEIGHT,
                }}
              >
                <span className="log-no">{n}</span>
                <span className="log-text">{text}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
