import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isBrowserMode } from '../../api';
import { useRun } from '../../stores/run';
import { filesFromDrop } from './files';

/** Drop a bundle zip or folder anywhere on the window to open it. */
export function DropZone({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  return (
    <div
      className="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!isBrowserMode) return;
        void filesFromDrop(e.dataTransfer).then((files) => {
          if (files.length > 0) void useRun.getState().openFiles(files);
        });
      }}
    >
      {children}
      {over && <div className="drop-hint">{t('bundle.drop')}</div>}
    </div>
  );
}
