import { memo } from 'react';
import { Keyboard, Settings, Zap } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { MacroManager, openMacroManager } from '../features/macros/editor';
import { SearchArea } from '../features/search';
import { SupervisorButton } from '../features/supervisor';
import { closeDialog, openDialog } from './dialogs-store';

// Memoized: it takes no props, so a parent's re-render (opening a case) does not re-render it.
export const TopBar = memo(function TopBar() {
  const { t } = useTranslation();
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          S
        </span>
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <SearchArea />
      <div className="top-actions">
        <SupervisorButton />
        <button type="button" className="icon-button" aria-label={t('app.shortcuts')} title={`${t('app.shortcuts')} (?)`} onClick={() => openDialog('shortcuts')}>
          <Keyboard size={18} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="button ghost"
          title={t('macroEditor.openTitle')}
          onClick={() => {
            closeDialog();
            openMacroManager();
          }}
        >
          <Zap size={16} aria-hidden="true" />
          {t('macroEditor.open')}
        </button>
        <MacroManager />
        <button type="button" className="button ghost" onClick={() => openDialog('settings')}>
          <Settings size={16} aria-hidden="true" />
          {t('app.settings')}
        </button>
      </div>
    </header>
  );
});
