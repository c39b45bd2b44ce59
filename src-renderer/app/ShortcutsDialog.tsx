import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog';
import { isApplePlatform, sendKeysLabel } from '../ui/keyboard';

/** The keyboard map, from `?`. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const then = t('shortcuts.then');
  const rows: [keys: string[][], label: string][] = [
    [[['j']], t('shortcuts.next')],
    [[['k']], t('shortcuts.previous')],
    [[['Enter'], ['o']], t('shortcuts.open')],
    [[['/']], t('shortcuts.search')],
    [[['g', 'i']], t('shortcuts.goAllOpen')],
    [[['g', 'u']], t('shortcuts.goUnassigned')],
    [[['g', 'a']], t('shortcuts.goMine')],
    [[['?']], t('shortcuts.help')],
    [[['Esc']], t('shortcuts.escape')],
    [[[t('shortcuts.click')]], t('shortcuts.select')],
    [[[sendKeysLabel()]], t('shortcuts.send')],
    [[[isApplePlatform() ? '⌘ K' : 'Ctrl+K'], [';']], t('macroApply.shortcut')],
  ];
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose} className="shortcuts-dialog">
      <table className="shortcuts">
        <tbody>
          {rows.map(([alternatives, label]) => (
            <tr key={label}>
              <td className="shortcut-keys">
                {alternatives.map((sequence, i) => (
                  <span key={i} className="shortcut-alt">
                    {i > 0 ? <span className="muted"> / </span> : null}
                    {sequence.map((key, j) => (
                      <span key={j}>
                        {j > 0 ? <span className="muted"> {then} </span> : null}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </span>
                ))}
              </td>
              <td>{label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
